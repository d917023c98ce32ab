/**
 * The order book of one token: two sorted sides, a change counter, and the crossed-book rule.
 * Pure data and arithmetic-free; no I/O, no timers.
 */
import type { Level, Side } from '../protocol/events.js';
import { BookSide } from './book-side.js';
import { compareDecimal } from '../decimal.js';

/** Drops zero-size levels (a snapshot should not carry them, but "0" must never be a level). */
export function nonZero(levels: readonly Level[]): readonly Level[] {
  for (const level of levels) if (level.size === '0') return levels.filter((l) => l.size !== '0');
  return levels;
}

export class OrderBook {
  readonly bids = new BookSide(true);
  readonly asks = new BookSide(false);
  /** Increments on every change; caches (fingerprint, venue hash) key on it. */
  version = 0;

  /** Replaces the whole book with a snapshot whose sides are best first. */
  replace(bids: readonly Level[], asks: readonly Level[]): void {
    this.bids.replace(bids);
    this.asks.replace(asks);
    this.version++;
  }

  /** Sets the absolute size of one level ("0" deletes). Returns whether the book changed. */
  set(side: Side, price: string, size: string): boolean {
    const changed = (side === 'BUY' ? this.bids : this.asks).set(price, size);
    if (changed) this.version++;
    return changed;
  }

  /** True when the best bid is at or above the best ask (crossed or locked). */
  isCrossed(): boolean {
    const bid = this.bids.bestPrice();
    const ask = this.asks.bestPrice();
    return bid !== undefined && ask !== undefined && compareDecimal(bid, ask) >= 0;
  }

  /**
   * Uncrosses the book in favour of a newer update: a bid at `price` removes the asks at or below
   * it, an ask removes the bids at or above it. The newer quote is the venue's latest word; the
   * opposite levels it crosses must already have traded or been cancelled, and their removals are
   * late (POLYMARKET.md §4.2: same-millisecond runs arrive reordered). Returns levels removed.
   */
  uncrossWith(side: Side, price: string): number {
    const removed = side === 'BUY' ? this.asks.removeThrough(price) : this.bids.removeThrough(price);
    if (removed > 0) this.version++;
    return removed;
  }

  /** Every level, best first, as a plain snapshot. */
  snapshot(): { readonly bids: readonly Level[]; readonly asks: readonly Level[] } {
    return { bids: this.bids.levels, asks: this.asks.levels };
  }
}
