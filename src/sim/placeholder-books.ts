/**
 * The placeholder-book fault (POLYMARKET.md §13.9, py-clob-client#180): the venue has answered
 * `/book` with a 0.01/0.99 "ghost" book while `/price` and the WebSocket were right. The body has
 * the real key order and a fresh timestamp, but the real book's hash, which does not reproduce
 * from the body's own fields: a client that checks REST hashes can tell it is not to be trusted.
 */
import type { TokenIndex } from './book.js';
import type { MarketState, RestBookBody } from './market-state.js';

/** Which tokens get placeholders: a list, or every token (including markets added later). */
export type PlaceholderSelection = readonly string[] | 'all' | 'none';

const PLACEHOLDER_SIZE = '100000';

export class PlaceholderBooks {
  private selected: ReadonlySet<string> | 'all' = new Set();

  select(selection: PlaceholderSelection): void {
    this.selected = selection === 'all' ? 'all' : new Set(selection === 'none' ? [] : selection);
  }

  /** What REST shows of a live token: the truth, or the placeholder stamped `now()`. */
  book(m: MarketState, t: TokenIndex, now: () => string): RestBookBody {
    const truth = m.restBody(t);
    if (this.selected !== 'all' && !this.selected.has(truth.asset_id)) return truth;
    return {
      ...truth,
      timestamp: now(),
      bids: [{ price: '0.01', size: PLACEHOLDER_SIZE }],
      asks: [{ price: '0.99', size: PLACEHOLDER_SIZE }],
    };
  }
}
