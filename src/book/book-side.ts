/**
 * One side of a book: levels kept sorted best first, keyed by exact decimal price.
 *
 * A plain sorted array beats a tree here: a Polymarket side holds at most a few hundred levels
 * (prices lie in (0, 1) on a tick grid), updates cluster at the top, and the screen reads the top N
 * in order. Level objects are immutable, so an unchanged level keeps its identity across updates
 * and memoized rows can skip it.
 */
import type { Level } from '../protocol/events.js';
import { compareDecimal, priceKey } from '../decimal.js';

export class BookSide {
  /** Best first. Read-only to everyone but this class. */
  levels: Level[] = [];
  /** Increments on every change, so derived text (the venue-hash JSON) can be cached. */
  version = 0;
  /** `priceKey` of each level, aligned with `levels` (NaN for prices too long to key). */
  private keys: number[] = [];
  /** How many levels have no integer key; while 0 the search compares integers only. */
  private unkeyed = 0;

  /** @param descending true for bids (best = highest), false for asks (best = lowest). */
  constructor(readonly descending: boolean) {}

  /** Orders two prices as they sit on this side: negative when `a` is better than `b`. */
  order(a: string, b: string): number {
    return this.descending ? compareDecimal(b, a) : compareDecimal(a, b);
  }

  /** Index of `price`, or `-(insertion point) - 1` when absent. */
  indexOf(price: string): number {
    const key = priceKey(price);
    if (this.unkeyed === 0 && !Number.isNaN(key)) return this.indexOfKey(key);
    const levels = this.levels;
    let lo = 0;
    let hi = levels.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = this.order(levels[mid]!.price, price);
      if (c < 0) lo = mid + 1;
      else if (c > 0) hi = mid - 1;
      else return mid;
    }
    return -lo - 1;
  }

  private indexOfKey(key: number): number {
    const keys = this.keys;
    const sign = this.descending ? -1 : 1;
    let lo = 0;
    let hi = keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = (keys[mid]! - key) * sign;
      if (c < 0) lo = mid + 1;
      else if (c > 0) hi = mid - 1;
      else return mid;
    }
    return -lo - 1;
  }

  /** Size at `price`, or undefined. */
  sizeAt(price: string): string | undefined {
    const i = this.indexOf(price);
    return i >= 0 ? this.levels[i]!.size : undefined;
  }

  /** Sets the absolute size at `price` ("0" deletes). Returns whether anything changed. */
  set(price: string, size: string): boolean {
    const i = this.indexOf(price);
    if (size === '0') {
      if (i < 0) return false;
      this.levels.splice(i, 1);
      this.unkey(this.keys.splice(i, 1));
      this.version++;
      return true;
    }
    if (i >= 0) {
      const level = this.levels[i]!;
      if (level.size === size) return false;
      // The kept price string, not the update's equal one: that one then dies young, unpromoted.
      this.levels[i] = { price: level.price, size };
      this.version++;
      return true;
    }
    const key = priceKey(price);
    this.levels.splice(-i - 1, 0, { price, size });
    this.keys.splice(-i - 1, 0, key);
    if (Number.isNaN(key)) this.unkeyed++;
    this.version++;
    return true;
  }

  /** Replaces every level; `levels` must already be best first (the parser sorts snapshots). */
  replace(levels: readonly Level[]): void {
    // One pass (a resent legacy book is ~100 levels, and books are most of a legacy session).
    const out: Level[] = [];
    const keys: number[] = [];
    let unkeyed = 0;
    for (let i = 0; i < levels.length; i++) {
      const level = levels[i]!;
      if (level.size === '0') continue;
      const key = priceKey(level.price);
      if (Number.isNaN(key)) unkeyed++;
      out.push(level);
      keys.push(key);
    }
    this.levels = out;
    this.keys = keys;
    this.unkeyed = unkeyed;
    this.version++;
  }

  best(): Level | undefined {
    return this.levels[0];
  }

  /**
   * Removes the levels at or through `price` from the best end: for bids every level priced at or
   * above it, for asks every level at or below it. Returns how many went.
   */
  removeThrough(price: string): number {
    let n = 0;
    while (n < this.levels.length && this.order(this.levels[n]!.price, price) <= 0) n++;
    if (n > 0) {
      this.levels.splice(0, n);
      this.unkey(this.keys.splice(0, n));
      this.version++;
    }
    return n;
  }

  private unkey(removed: readonly number[]): void {
    for (const key of removed) if (Number.isNaN(key)) this.unkeyed--;
  }

  /** True when both sides hold exactly the same levels. */
  equals(levels: readonly Level[]): boolean {
    const mine = this.levels;
    if (mine.length !== levels.length) return false;
    for (let i = 0; i < mine.length; i++) {
      const a = mine[i]!;
      const b = levels[i]!;
      if (a.price !== b.price || a.size !== b.size) return false;
    }
    return true;
  }
}
