/**
 * What a REST `/book` body proves (POLYMARKET.md §13.9): the venue has served placeholder books
 * (0.01/0.99) from `/book`, so a body is trusted only when its own hash reproduces from its own
 * fields; and a trusted body proves our book right when our levels, under the body's inputs
 * (timestamp, min_order_size, tick_size, neg_risk, last_trade_price), give the same hash.
 */
import type { BookEvent } from '../protocol/events.js';
import { nonZero, type OrderBook } from './order-book.js';
import { currentHashOf, currentPreimage, levelsJsonInOrder, restInputs, sha1Hex } from './venue-hash.js';

/** `verified`: the body reproduces its hash; `failed`: it does not; `unknown`: an input is missing. */
export type RestSelfCheck = 'verified' | 'failed' | 'unknown';

export function restSelfCheck(book: BookEvent): RestSelfCheck {
  const inputs = restInputs(book);
  if (inputs === null || book.hash === '' || book.timestamp === '') return 'unknown';
  const preimage = currentPreimage(book.market, book.assetId, book.timestamp, levelsJsonInOrder(book.wire.bids), levelsJsonInOrder(book.wire.asks), inputs);
  return sha1Hex(preimage) === book.hash ? 'verified' : 'failed';
}

/**
 * Whether our book equals a REST body: by the venue's hash under the body's inputs when it has
 * them all, else (or when spellings differ, "0.50" vs "0.5") by canonical levels.
 */
export function sameAsRest(ours: OrderBook, rest: BookEvent): boolean {
  const inputs = restInputs(rest);
  if (inputs !== null && rest.hash !== '') {
    const hash = currentHashOf(rest.market, rest.assetId, rest.timestamp, ours.bids, ours.asks, inputs);
    if (hash === rest.hash) return true;
  }
  return ours.bids.equals(nonZero(rest.bids)) && ours.asks.equals(nonZero(rest.asks));
}
