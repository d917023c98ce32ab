/**
 * The truth of one binary market: a single ladder pair kept in the first token's terms. The second
 * token's book is its exact mirror (POLYMARKET.md §4.2, VERIFIED: bids of A = asks of B at 1-p), so
 * the two books can never disagree: token B's bids are A's asks at 10000-p and vice versa.
 *
 * Levels are integers (price units of 0.0001, sizes in cents) kept in wire order: bids ascending,
 * asks descending, so the best level of either side is the last one (§4.1).
 */
import type { Level, Side } from '../protocol/events.js';
import { formatPrice, formatSize, PRICE_ONE } from './units.js';

export interface RawLevel {
  price: number;
  size: number;
}

export type TokenIndex = 0 | 1;

/** One side of token A's book, in wire order (best last). */
export class LadderSide {
  readonly levels: RawLevel[] = [];
  version = 0;

  constructor(readonly isBid: boolean) {}

  /** Position of `price` in wire order: found, or where it would be inserted. */
  private search(price: number): { found: boolean; index: number } {
    let lo = 0;
    let hi = this.levels.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const p = this.levels[mid]!.price;
      if (p === price) return { found: true, index: mid };
      const before = this.isBid ? p < price : p > price;
      if (before) lo = mid + 1;
      else hi = mid;
    }
    return { found: false, index: lo };
  }

  get(price: number): number {
    const at = this.search(price);
    return at.found ? this.levels[at.index]!.size : 0;
  }

  /** Sets the absolute size at `price`; 0 deletes. */
  set(price: number, size: number): void {
    const at = this.search(price);
    if (at.found) {
      if (size === 0) this.levels.splice(at.index, 1);
      else this.levels[at.index]!.size = size;
    } else if (size > 0) {
      this.levels.splice(at.index, 0, { price, size });
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
}

interface LevelCache {
  version: number;
  levels: Level[];
  json: string | null;
}

export class MarketBook {
  readonly bids = new LadderSide(true);
  readonly asks = new LadderSide(false);
  private readonly cache = new Map<string, LevelCache>();

  /** The ladder holding `side` of `token`, and whether prices are mirrored (token B). */
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

  /** A token's side as wire-order level strings (cached until the ladder changes). */
  levels(token: TokenIndex, side: Side): Level[] {
    return this.entry(token, side).levels;
  }

  /** The same side as compact JSON, the hash preimage's spelling (cached too). */
  levelsJson(token: TokenIndex, side: Side): string {
    const entry = this.entry(token, side);
    entry.json ??= JSON.stringify(entry.levels);
    return entry.json;
  }

  private entry(token: TokenIndex, side: Side): LevelCache {
    const ladder = this.ladder(token, side);
    const key = `${token}${side}`;
    const cached = this.cache.get(key);
    if (cached && cached.version === ladder.version) return cached;
    // Mirroring keeps wire order: A's asks descend in A's price, so they ascend in B's.
    const levels = ladder.levels.map((l) => ({
      price: formatPrice(token === 0 ? l.price : PRICE_ONE - l.price),
      size: formatSize(l.size),
    }));
    const entry = { version: ladder.version, levels, json: null };
    this.cache.set(key, entry);
    return entry;
  }

  /** Every level of token A, for the resolution burst. */
  depth(): number {
    return this.bids.levels.length + this.asks.levels.length;
  }
}
