/**
 * User-channel events (`/ws/user`): the user's own `order` and `trade` updates (POLYMARKET.md §7).
 */
import type { OrderEvent, OrderType, Side, TradeStatus, UserTradeEvent } from './events.js';
import { conditionId, dec, optDec, optStr, Rejection, show, side, str, timestamp, tokenId, type Raw } from './fields.js';
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

/** Order hashes (`0x…`) and trade UUIDs: kept as Map keys, so bounded and plain. */
const USER_ID = /^[0-9A-Za-z_-]{1,128}$/;

function userId(raw: Raw): string {
  const value = str(raw, 'id');
  if (!USER_ID.test(value)) throw new Rejection('bad_id', `id is not an order or trade id: ${show(value)}`);
  return value;
}

/** An upper-case word from a fixed set; ASCII only, so Unicode case rules cannot forge one. */
function word(raw: Raw, key: string): string {
  const value = str(raw, key);
  return /^[A-Za-z_]{1,32}$/.test(value) ? value.toUpperCase() : '';
}

/** An epoch-seconds field (`match_time`, `created_at`): digits, else null. */
function seconds(raw: Raw, key: string): string | null {
  const value = optStr(raw, key);
  return value !== null && /^\d{1,16}$/.test(value) ? value : null;
}

export function parseOrder(raw: Raw): OrderEvent {
  const type = word(raw, 'type');
  if (!ORDER_TYPES.has(type)) throw new Rejection('bad_status', `type must be PLACEMENT, UPDATE or CANCELLATION, got ${show(raw.type)}`);
  const orderSide = side(raw);
  const orderType = boundedText(optStr(raw, 'order_type'), 16)?.toUpperCase() ?? null;
  return {
    kind: 'order',
    type: type as OrderType,
    id: userId(raw),
    market: conditionId(raw),
    assetId: tokenId(raw),
    side: orderSide,
    price: dec(raw, 'price', 'price'),
    originalSize: dec(raw, 'original_size', 'size'),
    sizeUnit: orderSizeUnit(orderSide, orderType),
    // "" was seen in an anonymised real order (§7.1): nothing matched yet.
    sizeMatched: optDec(raw, 'size_matched', 'size') ?? '0',
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
  const status = tradeStatus(word(raw, 'status'));
  if (status === null) throw new Rejection('bad_status', `status is not a trade status: ${show(raw.status)}`);
  return {
    kind: 'trade',
    id: userId(raw),
    status,
    market: conditionId(raw),
    assetId: tokenId(raw),
    side: side(raw),
    price: dec(raw, 'price', 'price'),
    size: dec(raw, 'size', 'size'),
    // Shown on the orders screen's trade rows; "" (2026) reads as unknown.
    outcome: boundedText(optStr(raw, 'outcome')),
    matchTime: seconds(raw, 'match_time') ?? seconds(raw, 'matchtime'),
    traderSide: boundedText(optStr(raw, 'trader_side'), 16),
    transactionHash: /^0x[0-9a-fA-F]{1,128}$/.test(optStr(raw, 'transaction_hash') ?? '') ? optStr(raw, 'transaction_hash') : null,
    timestamp: timestamp(raw),
  };
}

/** A trade object without `event_type` (REST `/data/trades` shape, and the nautilus fixture). */
export function looksLikeUserTrade(raw: Raw): boolean {
  return raw.type === 'TRADE' || (typeof raw.taker_order_id === 'string' && Array.isArray(raw.maker_orders));
}
