/**
 * Legacy (v1, until Sep 2025) trades arrived as ONE array frame `[book, book, last_trade_price, …]`
 * and the filled levels were never sent as `price_change` (POLYMARKET.md §13.5): the resent books
 * differ from the delta-rebuilt book by exactly the levels the trade consumed. Such a book is a
 * refresh; any other difference is a real disagreement.
 */
import type { LastTradeEvent, Level } from '../protocol/events.js';
import { compareDecimal } from '../decimal.js';
import type { BookSide } from './book-side.js';
import type { OrderBook } from './order-book.js';
import { complement } from './pair.js';

/**
 * Prices whose level differs between our side and the resent one (added, removed or resized).
 * Both are sorted best first, so one merge walk finds them.
 */
function differingPrices(ours: BookSide, theirs: readonly Level[]): string[] {
  const { prices, sizes } = ours;
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < prices.length || j < theirs.length) {
    if (i >= prices.length) out.push(theirs[j++]!.price);
    else if (j >= theirs.length) out.push(prices[i++]!);
    else {
      const b = theirs[j]!;
      const order = ours.order(prices[i]!, b.price);
      if (order === 0) {
        if (sizes[i] !== b.size) out.push(prices[i]!);
        i++;
        j++;
      } else if (order < 0) {
        out.push(prices[i++]!);
      } else {
        out.push(theirs[j++]!.price);
      }
    }
  }
  return out;
}

/**
 * True when every difference lies in what the frame's prints consumed: a print at q on this asset
 * takes asks at or below q (a taker BUY) or bids at or above q (a taker SELL); a print on the
 * other outcome at q is one at 1 − q here. The taker side is not needed: which side moved tells.
 */
export function explainedByTrades(
  assetId: string,
  market: string,
  ours: OrderBook,
  bids: readonly Level[],
  asks: readonly Level[],
  trades: readonly LastTradeEvent[],
): boolean {
  const limits = trades.filter((t) => t.market === market).map((t) => (t.assetId === assetId ? t.price : complement(t.price)));
  if (limits.length === 0) return false;
  const bidDiff = differingPrices(ours.bids, bids);
  const askDiff = differingPrices(ours.asks, asks);
  if (bidDiff.length + askDiff.length === 0) return false;
  const bidOk = bidDiff.every((p) => limits.some((q) => compareDecimal(p, q) >= 0));
  const askOk = askDiff.every((p) => limits.some((q) => compareDecimal(p, q) <= 0));
  return bidOk && askOk;
}
