/**
 * User-channel events (`/ws/user`): the user's own `order` and `trade` updates (POLYMARKET.md §7).
 */
import type { OrderEvent, OrderType, Side, TradeStatus, UserTradeEvent } from './events.js';
import { dec, optDec, optStr, Rejection, side, str, timestamp, type Raw } from './fields.js';
import { sanitizeText } from './sanitize.js';

const ORDER_TYPES: ReadonlySet<string> = new Set<OrderType>(['PLACEMENT', 'UPDATE', 'CANCELLATION']);

/** Enough for `CANCELED_<reason>` texts; a longer server string must not fill a terminal row. */
export const ORDER_TEXT_LIMIT = 64;

/** Server text for a terminal: no control characters, at most `limit` characters, "" as null. */
function boundedText(value: string | null, limit = ORDER_TEXT_LIMIT): string | null {
  if (value === null) return null;
  const text = sanitizeText(value).trim();
  if (text === '') return null;
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

/**
 * A market order (FOK or FAK) BUY states the pUSD it spends as `original_size` since April 2026
 * (POLYMARKET.md §13.12); every other order states shares. There is no date cut-off: the user
 * channel is only ever read live, and the venue's change date is known only to the month.
 */
export function orderSizeUnit(orderSide: Side, orderType: string | null): OrderEvent['sizeUnit'] {
  return orderSide === 'BUY' && (orderType === 'FOK' || orderType === 'FAK') ? 'pusd' : 'shares';
}

/** Cancelled for any reason (`CANCELED`, `CANCELED_<reason>`) or refused (`INVALID...`). */
export function orderIsCanceled(status: string): boolean {
  const upper = status.toUpperCase();
  return upper.startsWith('CANCELED') || upper.startsWith('INVALID');
}

/**
 * Whether an order in `status` can no longer trade: fully MATCHED, or cancelled or refused.
 * Other unknown statuses count as open: showing a dead order is better than hiding a live one.
 */
export function orderIsDone(status: string): boolean {
  return status.toUpperCase() === 'MATCHED' || orderIsCanceled(status);
}

export function parseOrder(raw: Raw): OrderEvent {
  const type = str(raw, 'type').toUpperCase();
  if (!ORDER_TYPES.has(type)) throw new Rejection('bad_status', `type must be PLACEMENT, UPDATE or CANCELLATION, got "${type}"`);
  const orderSide = side(raw);
  const orderType = boundedText(optStr(raw, 'order_type'), 16)?.toUpperCase() ?? null;
  return {
    kind: 'order',
    type: type as OrderType,
    id: str(raw, 'id'),
    market: str(raw, 'market'),
    assetId: str(raw, 'asset_id'),
    side: orderSide,
    price: dec(raw, 'price'),
    originalSize: dec(raw, 'original_size'),
    sizeUnit: orderSizeUnit(orderSide, orderType),
    // "" was seen in an anonymised real order (§7.1): nothing matched yet.
    sizeMatched: optDec(raw, 'size_matched') ?? '0',
    // Outcome and status reach the orders screen; statuses the venue adds are kept, never rejected.
    outcome: boundedText(optStr(raw, 'outcome')),
    status: boundedText(optStr(raw, 'status')),
    orderType,
    timestamp: timestamp(raw),
  };
}

/** The SDK also accepts `TRADE_STATUS_`-prefixed and `MATCHED_NOT_BROADCASTED` forms (§7.2). */
export function tradeStatus(value: string): TradeStatus | null {
  let status = value.toUpperCase();
  if (status.startsWith('TRADE_STATUS_')) status = status.slice('TRADE_STATUS_'.length);
  switch (status) {
    case 'MATCHED':
    case 'MATCHED_NOT_BROADCASTED':
      return 'MATCHED';
    case 'MINED':
    case 'CONFIRMED':
    case 'RETRYING':
    case 'FAILED':
      return status;
    default:
      return null;
  }
}

export function parseUserTrade(raw: Raw): UserTradeEvent {
  const rawStatus = str(raw, 'status');
  const status = tradeStatus(rawStatus);
  if (status === null) throw new Rejection('bad_status', `status is not a trade status: "${rawStatus.slice(0, 40)}"`);
  return {
    kind: 'trade',
    id: str(raw, 'id'),
    status,
    market: str(raw, 'market'),
    assetId: str(raw, 'asset_id'),
    side: side(raw),
    price: dec(raw, 'price'),
    size: dec(raw, 'size'),
    // Shown on the orders screen's trade rows; "" (2026) reads as unknown.
    outcome: boundedText(optStr(raw, 'outcome')),
    matchTime: optStr(raw, 'match_time') ?? optStr(raw, 'matchtime'),
    traderSide: optStr(raw, 'trader_side'),
    transactionHash: optStr(raw, 'transaction_hash'),
    timestamp: timestamp(raw),
  };
}

/** A trade object without `event_type` (REST `/data/trades` shape, and the nautilus fixture). */
export function looksLikeUserTrade(raw: Raw): boolean {
  return raw.type === 'TRADE' || (typeof raw.taker_order_id === 'string' && Array.isArray(raw.maker_orders));
}
