/**
 * User-channel events (`/ws/user`): the user's own `order` and `trade` updates (POLYMARKET.md §7).
 */
import type { OrderEvent, OrderType, TradeStatus, UserTradeEvent } from './events.js';
import { dec, optDec, optStr, Rejection, side, str, timestamp, type Raw } from './fields.js';

const ORDER_TYPES: ReadonlySet<string> = new Set<OrderType>(['PLACEMENT', 'UPDATE', 'CANCELLATION']);

export function parseOrder(raw: Raw): OrderEvent {
  const type = str(raw, 'type').toUpperCase();
  if (!ORDER_TYPES.has(type)) throw new Rejection('bad_status', `type must be PLACEMENT, UPDATE or CANCELLATION, got "${type}"`);
  return {
    kind: 'order',
    type: type as OrderType,
    id: str(raw, 'id'),
    market: str(raw, 'market'),
    assetId: str(raw, 'asset_id'),
    side: side(raw),
    price: dec(raw, 'price'),
    originalSize: dec(raw, 'original_size'),
    // "" was seen in an anonymised real order (§7.1): nothing matched yet.
    sizeMatched: optDec(raw, 'size_matched') ?? '0',
    outcome: optStr(raw, 'outcome'),
    status: optStr(raw, 'status'),
    orderType: optStr(raw, 'order_type'),
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
    outcome: optStr(raw, 'outcome'),
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
