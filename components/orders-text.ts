/**
 * The orders screen's rows as plain text (pure, tested without Ink): open orders and the user's
 * trades with their status history.
 */
import type { OrderView, UserTradeView } from '../store/types.js';
import { orderIsDone } from '../store/selectors.js';
import { clockTime, truncate } from './format.js';

/** Orders still working (not fully matched, cancelled for any reason or invalid), newest first. */
export function openOrders(orders: ReadonlyMap<string, OrderView>): OrderView[] {
  return [...orders.values()].filter((o) => !orderIsDone(o.status)).sort((a, b) => (a.timestamp < b.timestamp ? 1 : a.timestamp > b.timestamp ? -1 : 0));
}

export const ORDER_HEADER = 'side  outcome     price    original     matched  status';

/** A market BUY's size is the pUSD it spends (`$1.01`), every other order's a share count. */
export function originalSizeText(o: Pick<OrderView, 'originalSize' | 'sizeUnit'>): string {
  return o.sizeUnit === 'pusd' ? `$${o.originalSize}` : o.originalSize;
}

export function orderRow(o: OrderView): string {
  return `${o.side.padEnd(4)}  ${truncate(o.outcome ?? '-', 10).padEnd(10)}  ${o.price.padStart(6)}  ${originalSizeText(o).padStart(10)}  ${o.sizeMatched.padStart(10)}  ${o.status}`;
}

export const TRADE_HEADER = 'time      side  outcome     price        size  status';

/** A trade row: its status history shown as MATCHED → MINED → CONFIRMED. */
export function tradeRow(t: UserTradeView): string {
  const time = t.matchTime ? clockTime(Number(t.matchTime) * 1000) : t.timestamp ? clockTime(t.timestamp) : '--:--:--';
  return `${time}  ${t.side.padEnd(4)}  ${truncate(t.outcome ?? '-', 10).padEnd(10)}  ${t.price.padStart(6)}  ${t.size.padStart(10)}  ${t.history.join(' → ')}`;
}
