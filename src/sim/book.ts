/**
 * The truth of one binary market: a single ladder pair kept in the first token's terms. The second
 * token's book is its exact mirror (POLYMARKET.md §4.2, VERIFIED: bids of A = asks of B at 1-p), so
 * the two books can never disagree: token B's bids are A's asks at 10000-p and vice versa.
 *
 * Levels are integers (price units of 0.0001, sizes in cents) kept in wire order: bids ascending,
 * asks descending, so the best level of either side is the last one (§4.1).
 *
 * Every message hashes both tokens' books (§6.1), so the compact level JSON of the hash preimage
 * is the hot path at scale: it is written from a shared table of per-price prefixes and each
 * level's size text (kept with the level), a join of ~50 short strings. It is not cached: with
 * thousands of markets a cached string lives until its market next moves, seconds later, so the
 * collector promotes it and the old generation fills with dead text (the sim's RSS doubled in a
 * minute); rebuilt, it dies young. Level objects for bodies (`levels()`) are built on demand.
 */
import type { Level, Side } from '../protocol/events.js';
import { formatPrice, formatSize, PRICE_ONE } from './units.js';

export interface RawLevel {
  readonly price: number;
  /** Size in cents; changed through `LadderSide.set` only (it keeps `sizeText` in step). */
  readonly size: number;
  /** `formatSize(size)`, spelled at first use (a seeded catalog holds ~100 levels a market). */
  readonly sizeText: string;
}

class Lvl implements RawLevel {
  private text: string | null = null;

  constructor(
    readonly price: number,
    public size: number,
  ) {}

  get sizeText(): string {
    return (this.text ??= formatSize(this.size));
  }

  resize(size: number): void {
    this.size = size;
    this.text = null;
  }
}

export type TokenIndex = 0 | 1;

const PRICE_TEXT: string[] = [];
const COMPACT_HEAD: string[] = [];
const SPACED_HEAD: string[] = [];

/** The canonical spelling of a price in units (0.0001), shared by every market. */
export function priceText(units: number): string {
  return (PRICE_TEXT[units] ??= formatPrice(units));
}

/** `{"price":"0.45","size":"`: a level's compact JSON up to its size. */
function compactHead(units: number): string {
  return (COMPACT_HEAD[units] ??= `{"price":"${priceText(units)}","size":"`);
}

/** `{"price":"0.45", "size":"`: the same with the venue's mid-stream spacing. */
function spacedHead(units: number): string {
  return (SPACED_HEAD[units] ??= `{"price":"${priceText(units)}", "size":"`);
}

/** One side of token A's book, in wire order (best last). */
export class LadderSide {
  readonly levels: readonly RawLevel[] = [];
  version = 0;

  constructor(readonly isBid: boolean) {}

  /** Position of `price` in wire order: found (>= 0), or -(insertion point) - 1. */
  private search(price: number): number {
    const levels = this.levels;
    let lo = 0;
    let hi = levels.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const p = levels[mid]!.price;
      if (p === price) return mid;
      if (this.isBid ? p < price : p > price) lo = mid + 1;
      else hi = mid;
    }
    return -lo - 1;
  }

  get(price: number): number {
    const at = this.search(price);
    return at >= 0 ? this.levels[at]!.size : 0;
  }

  /** Sets the absolute size at `price`; 0 deletes. */
  set(price: number, size: number): void {
    const levels = this.levels as Lvl[];
    const at = this.search(price);
    if (at >= 0) {
      if (size === 0) levels.splice(at, 1);
      else levels[at]!.resize(size);
    } else if (size > 0) {
      const level = new Lvl(price, size);
      const index = -at - 1;
      if (index === levels.length) levels.push(level);
      else levels.splice(index, 0, level);
    } else {
      return;
    }
    this.version++;
  }

  best(): RawLevel | undefined {
    return this.levels[this.levels.length - 1];
  }

  /** The level `depth` places away from the best (0 = best). */
  fromBest(depth: number): RawLevel | undefined {
    return this.levels[this.levels.length - 1 - depth];
  }

  /**
   * Compact JSON of the levels (the hash preimage's spelling, `JSON.stringify` of `levels()`), in
   * token A's prices or mirrored to token B's. Mirroring keeps wire order: A's asks descend in A's
   * price, so they ascend in B's.
   */
  compactJson(mirrored: boolean): string {
    const levels = this.levels;
    const parts = new Array<string>(levels.length);
    for (let i = 0; i < levels.length; i++) {
      const l = levels[i]!;
      parts[i] = `${compactHead(mirrored ? PRICE_ONE - l.price : l.price)}${l.sizeText}"}`;
    }
    return `[${parts.join(',')}]`;
  }

  /** The same levels spaced like a mid-stream event (`spacedJson` of `levels()`); not cached. */
  spacedJson(mirrored: boolean): string {
    const levels = this.levels;
    const parts = new Array<string>(levels.length);
    for (let i = 0; i < levels.length; i++) {
      const l = levels[i]!;
      parts[i] = `${spacedHead(mirrored ? PRICE_ONE - l.price : l.price)}${l.sizeText}"}`;
    }
    return `[${parts.join(', ')}]`;
  }

  /** The levels as wire strings (a fresh array). */
  wireLevels(mirrored: boolean): Level[] {
    return this.levels.map((l) => ({ price: priceText(mirrored ? PRICE_ONE - l.price : l.price), size: l.sizeText }));
  }
}

export class MarketBook {
  readonly bids = new LadderSide(true);
  readonly asks = new LadderSide(false);

  /** The ladder holding `side` of `token` (token B's are token A's, mirrored). */
  ladder(token: TokenIndex, side: Side): LadderSide {
    if (token === 0) return side === 'BUY' ? this.bids : this.asks;
    return side === 'BUY' ? this.asks : this.bids;
  }

  /** Sets a level expressed in `token`'s own terms (price in that token's space). */
  set(token: TokenIndex, side: Side, price: number, size: number): void {
    this.ladder(token, side).set(token === 0 ? price : PRICE_ONE - price, size);
  }

  /** Size at a level expressed in `token`'s own terms. */
  get(token: TokenIndex, side: Side, price: number): number {
    return this.ladder(token, side).get(token === 0 ? price : PRICE_ONE - price);
  }

  /** Best price of a side in `token`'s terms; null when the side is empty. */
  best(token: TokenIndex, side: Side): number | null {
    const level = this.ladder(token, side).best();
    if (!level) return null;
    return token === 0 ? level.price : PRICE_ONE - level.price;
  }

  /** A token's side as wire-order level strings (a fresh array). */
  levels(token: TokenIndex, side: Side): Level[] {
    return this.ladder(token, side).wireLevels(token === 1);
  }

  /** The same side as compact JSON, the hash preimage's spelling. */
  levelsJson(token: TokenIndex, side: Side): string {
    return this.ladder(token, side).compactJson(token === 1);
  }

  /** The same side spaced like a mid-stream event. */
  levelsSpacedJson(token: TokenIndex, side: Side): string {
    return this.ladder(token, side).spacedJson(token === 1);
  }

  /** Every level of token A, for the resolution burst. */
  depth(): number {
    return this.bids.levels.length + this.asks.levels.length;
  }
}
