/**
 * One side of a book: levels kept sorted best first, keyed by exact decimal price.
 *
 * A plain sorted array beats a tree here: a Polymarket side holds at most a few hundred levels
 * (prices lie in (0, 1) on a tick grid), updates cluster at the top, and the screen reads the top N
 * in order. The levels are kept as columns (parallel price, size and key arrays), not as an array
 * of level objects: at venue scale (5,000 assets, ~100 levels each) those objects were a quarter
 * of the live heap (issue #10), and a size change now stores a string instead of making an object.
 */
import type { Level } from '../protocol/events.js';
import { compareDecimal, priceKey } from '../decimal.js';
import type { LevelColumns } from './levels.js';

export class BookSide implements LevelColumns {
  /** Prices, best first. Read-only to everyone but this class. */
  prices: string[] = [];
  /** Sizes, aligned with `prices`. Read-only to everyone but this class. */
  sizes: string[] = [];
  /** Increments on every change, so derived text (the venue-hash JSON) can be cached. */
  version = 0;
  /** `priceKey` of each level, aligned with `prices` (NaN for prices too long to key). */
  private keys: number[] = [];
  /** How many levels have no integer key; while 0 the search compares integers only. */
  private unkeyed = 0;

  /** @param descending true for bids (best = highest), false for asks (best = lowest). */
  constructor(readonly descending: boolean) {}

  /** How many levels the side holds. */
  get length(): number {
    return this.prices.length;
  }

  /** Every level, best first, as new objects: for reports and tests, not for a hot path. */
  get levels(): Level[] {
    const { prices, sizes } = this;
    const out: Level[] = new Array(prices.length);
    for (let i = 0; i < prices.length; i++) out[i] = { price: prices[i]!, size: sizes[i]! };
    return out;
  }

  /** Orders two prices as they sit on this side: negative when `a` is better than `b`. */
  order(a: string, b: string): number {
    return this.descending ? compareDecimal(b, a) : compareDecimal(a, b);
  }

  /** Index of `price`, or `-(insertion point) - 1` when absent. */
  indexOf(price: string): number {
    const key = priceKey(price);
    if (this.unkeyed === 0 && !Number.isNaN(key)) return this.indexOfKey(key);
    const prices = this.prices;
    let lo = 0;
    let hi = prices.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = this.order(prices[mid]!, price);
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
    return i >= 0 ? this.sizes[i] : undefined;
  }

  /** Sets the absolute size at `price` ("0" deletes). Returns whether anything changed. */
  set(price: string, size: string): boolean {
    const i = this.indexOf(price);
    if (size === '0') {
      if (i < 0) return false;
      this.prices.splice(i, 1);
      this.sizes.splice(i, 1);
      this.unkey(this.keys.splice(i, 1));
      this.version++;
      return true;
    }
    if (i >= 0) {
      // The kept price string stays; the update's equal one then dies young, unpromoted.
      if (this.sizes[i] === size) return false;
      this.sizes[i] = size;
      this.version++;
      return true;
    }
    const at = -i - 1;
    const key = priceKey(price);
    this.prices.splice(at, 0, price);
    this.sizes.splice(at, 0, size);
    this.keys.splice(at, 0, key);
    if (Number.isNaN(key)) this.unkeyed++;
    this.version++;
    return true;
  }

  /** Replaces every level; `levels` must already be best first (the parser sorts snapshots). */
  replace(levels: readonly Level[]): void {
    // One pass (a resent legacy book is ~100 levels, and books are most of a legacy session).
    const prices: string[] = [];
    const sizes: string[] = [];
    const keys: number[] = [];
    let unkeyed = 0;
    for (let i = 0; i < levels.length; i++) {
      const level = levels[i]!;
      if (level.size === '0') continue;
      const key = priceKey(level.price);
      if (Number.isNaN(key)) unkeyed++;
      prices.push(level.price);
      sizes.push(level.size);
      keys.push(key);
    }
    this.prices = prices;
    this.sizes = sizes;
    this.keys = keys;
    this.unkeyed = unkeyed;
    this.version++;
  }

  /** The best price, or undefined for an empty side. */
  bestPrice(): string | undefined {
    return this.prices[0];
  }

  /** The best level as a new object, or undefined. */
  best(): Level | undefined {
    return this.prices.length > 0 ? { price: this.prices[0]!, size: this.sizes[0]! } : undefined;
  }

  /**
   * Removes the levels at or through `price` from the best end: for bids every level priced at or
   * above it, for asks every level at or below it. Returns how many went.
   */
  removeThrough(price: string): number {
    const prices = this.prices;
    let n = 0;
    while (n < prices.length && this.order(prices[n]!, price) <= 0) n++;
    if (n > 0) {
      prices.splice(0, n);
      this.sizes.splice(0, n);
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
    const { prices, sizes } = this;
    if (prices.length !== levels.length) return false;
    for (let i = 0; i < prices.length; i++) {
      const b = levels[i]!;
      if (prices[i] !== b.price || sizes[i] !== b.size) return false;
    }
    return true;
  }
}
