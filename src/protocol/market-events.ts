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
  if (lastTradePrice !== null) {
    // "" is the venue's value for a market that never traded (§13.6), and it is hashed as "".
    if (lastTradePrice !== '') optDec(raw, 'last_trade_price');
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

/** Token ids are decimal strings (75–78 digits in real data); anything else is not an id. */
const LIFECYCLE_TOKEN_ID = /^\d{1,100}$/;

/** The spellings of a lifecycle event's token ids, most specific first (§4.8, §13.10). */
const LIFECYCLE_ID_KEYS = ['assets_ids', 'asset_ids', 'clob_token_ids'] as const;

/** A list field as a real array or JSON-in-a-string (§9); null when it is neither. */
function lifecycleList(raw: Raw, key: string): readonly unknown[] | null {
  let value = raw[key];
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  return Array.isArray(value) ? value : null;
}

function isLifecycleTokenId(value: unknown): value is string {
  return typeof value === 'string' && LIFECYCLE_TOKEN_ID.test(value);
}

/**
 * Token ids and their outcome labels. The first spelling holding a token id wins (announcements
 * may send `assets_ids: []` beside a full `clob_token_ids`). Dropping a bad id drops its label
 * too, so labels stay index-aligned with ids when the wire's lists were.
 */
function lifecycleAssets(raw: Raw): { assetIds: string[]; outcomes: string[] } {
  const labels = stringList(raw, 'outcomes').map(sanitizeText);
  for (const key of LIFECYCLE_ID_KEYS) {
    const list = lifecycleList(raw, key);
    if (list === null || !list.some(isLifecycleTokenId)) continue;
    const kept = list.map(isLifecycleTokenId);
    const aligned = labels.length === list.length;
    return {
      assetIds: list.filter(isLifecycleTokenId),
      outcomes: aligned ? labels.filter((_, i) => kept[i]) : labels,
    };
  }
  return { assetIds: [], outcomes: labels };
}

/** A string field, with "" (the venue's "not set") as null. */
function nonEmpty(raw: Raw, key: string): string | null {
  const value = optStr(raw, key);
  return value === '' ? null : value;
}

/** `market`, else `condition_id` (2026 frames carry both): the one field a lifecycle event needs. */
function lifecycleMarket(raw: Raw): string {
  for (const key of ['market', 'condition_id']) {
    const value = raw[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  throw new Rejection('missing_field', 'market (or condition_id) is missing');
}

export function parseLifecycle(raw: Raw, kind: MarketLifecycleEvent['kind']): MarketLifecycleEvent {
  const { assetIds, outcomes } = lifecycleAssets(raw);
  const winner = raw.winning_asset_id;
  // Questions and labels end up on a terminal: no control characters (sanitize.ts).
  return {
    kind,
    market: lifecycleMarket(raw),
    id: nonEmpty(raw, 'id'),
    question: sanitizeOpt(optStr(raw, 'question')),
    slug: sanitizeOpt(optStr(raw, 'slug')),
    assetIds,
    outcomes,
    winningAssetId: isLifecycleTokenId(winner) ? winner : null,
    winningOutcome: sanitizeOpt(nonEmpty(raw, 'winning_outcome')),
    timestamp: optStr(raw, 'timestamp') ?? '',
  };
}
