/**
 * Market-channel events other than `price_change` (see `price-change.ts`): `book`,
 * `last_trade_price`, `tick_size_change`, `best_bid_ask`, `new_market`, `market_resolved`.
 * Field tables: POLYMARKET.md §4.
 */
import { compareDecimal } from '../book/decimal.js';
import type {
  BestBidAskEvent,
  BookEvent,
  LastTradeEvent,
  Level,
  MarketLifecycleEvent,
  TickSizeEvent,
} from './events.js';
import { sanitizeOpt, sanitizeText } from './sanitize.js';
import { dec, levels, optDec, optSide, optStr, Rejection, str, stringList, type Raw } from './fields.js';

/** A required timestamp string (epoch ms); JSON numbers are accepted and kept as text. */
export function requiredTimestamp(raw: Raw): string {
  const value = raw.timestamp;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (value === undefined || value === null) throw new Rejection('missing_field', 'timestamp is missing');
  throw new Rejection('bad_field_type', 'timestamp must be a string');
}

/**
 * Sorts levels best first. The wire sends bids ascending and asks descending, best LAST
 * (POLYMARKET.md §4.1, "ordering gotcha"), and docs examples do the opposite: never trust position.
 * Duplicate spellings of one price ("0.5", "0.50") collapse to the last one sent.
 */
export function bestFirst(list: Level[], descending: boolean): Level[] {
  const sign = descending ? -1 : 1;
  let ordered = true;
  let reversed = true;
  for (let i = 1; i < list.length && (ordered || reversed); i++) {
    const c = compareDecimal(list[i - 1]!.price, list[i]!.price) * sign;
    if (c >= 0) ordered = false;
    if (c <= 0) reversed = false;
  }
  if (ordered) return list;
  if (reversed) return list.reverse();
  const byPrice = new Map<string, Level>();
  for (const level of list) byPrice.set(level.price, level);
  return [...byPrice.values()].sort((a, b) => compareDecimal(a.price, b.price) * sign);
}

/** A `book` event or a REST `/book` body (`rest` relaxes the timestamp, absent in old bodies). */
export function parseBook(raw: Raw, rest = false): BookEvent {
  const tickSize = optDec(raw, 'tick_size');
  const lastTradePrice = optStr(raw, 'last_trade_price');
  const minOrderSize = optStr(raw, 'min_order_size');
  const negRisk = raw.neg_risk;
  const bids = levels(raw, 'bids');
  const asks = levels(raw, 'asks');
  const event: {
    -readonly [K in keyof BookEvent]: BookEvent[K];
  } = {
    kind: 'book',
    market: str(raw, 'market'),
    assetId: str(raw, 'asset_id'),
    timestamp: rest ? optStr(raw, 'timestamp') ?? '' : requiredTimestamp(raw),
    hash: optStr(raw, 'hash') ?? '',
    bids: bestFirst(bids.canonical, true),
    asks: bestFirst(asks.canonical, false),
    wire: { bids: bids.wire, asks: asks.wire },
  };
  if (tickSize !== null) event.tickSize = tickSize;
  if (lastTradePrice !== null && lastTradePrice !== '') {
    optDec(raw, 'last_trade_price');
    event.lastTradePrice = lastTradePrice;
  }
  if (minOrderSize !== null) event.minOrderSize = minOrderSize;
  if (typeof negRisk === 'boolean') event.negRisk = negRisk;
  return event;
}

export function parseLastTrade(raw: Raw): LastTradeEvent {
  return {
    kind: 'last_trade_price',
    market: str(raw, 'market'),
    assetId: str(raw, 'asset_id'),
    price: dec(raw, 'price'),
    size: optDec(raw, 'size'),
    side: optSide(raw),
    feeRateBps: optStr(raw, 'fee_rate_bps'),
    timestamp: requiredTimestamp(raw),
    transactionHash: optStr(raw, 'transaction_hash'),
  };
}

export function parseTickSize(raw: Raw): TickSizeEvent {
  return {
    kind: 'tick_size_change',
    market: str(raw, 'market'),
    assetId: str(raw, 'asset_id'),
    oldTickSize: dec(raw, 'old_tick_size'),
    newTickSize: dec(raw, 'new_tick_size'),
    timestamp: requiredTimestamp(raw),
  };
}

/** An empty side is "0" (bid) / "1" (ask) in real data, or "" (POLYMARKET.md §4.2, §10). */
export function emptyBidAsNull(value: string | null): string | null {
  return value === '0' ? null : value;
}

export function emptyAskAsNull(value: string | null): string | null {
  return value === '1' ? null : value;
}

export function parseBestBidAsk(raw: Raw): BestBidAskEvent {
  return {
    kind: 'best_bid_ask',
    market: str(raw, 'market'),
    assetId: str(raw, 'asset_id'),
    bestBid: emptyBidAsNull(optDec(raw, 'best_bid')),
    bestAsk: emptyAskAsNull(optDec(raw, 'best_ask')),
    spread: optDec(raw, 'spread'),
    timestamp: requiredTimestamp(raw),
  };
}

export function parseLifecycle(raw: Raw, kind: MarketLifecycleEvent['kind']): MarketLifecycleEvent {
  const assetIds = stringList(raw, 'assets_ids');
  // Questions and labels end up on a terminal: no control characters (sanitize.ts).
  return {
    kind,
    market: str(raw, 'market'),
    id: optStr(raw, 'id'),
    question: sanitizeOpt(optStr(raw, 'question')),
    slug: sanitizeOpt(optStr(raw, 'slug')),
    assetIds: assetIds.length > 0 ? assetIds : stringList(raw, 'clob_token_ids'),
    outcomes: stringList(raw, 'outcomes').map(sanitizeText),
    winningAssetId: optStr(raw, 'winning_asset_id'),
    winningOutcome: sanitizeOpt(optStr(raw, 'winning_outcome')),
    timestamp: optStr(raw, 'timestamp') ?? '',
  };
}
