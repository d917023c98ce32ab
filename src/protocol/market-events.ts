/**
 * Market-channel events other than `price_change` (see `price-change.ts`): `book`,
 * `last_trade_price`, `tick_size_change`, `best_bid_ask`, `new_market`, `market_resolved`.
 * Field tables: POLYMARKET.md §4.
 */
import { compareDecimal } from '../decimal.js';
import type { BestBidAskEvent, BookEvent, LastTradeEvent, Level, MarketLifecycleEvent, TickSizeEvent } from './events.js';
import { label } from './sanitize.js';
import {
  conditionId,
  conditionIdOf,
  decOf,
  hashFieldOf,
  isTokenIdText,
  levels,
  optDecOf,
  optSideOf,
  optStr,
  optStrOf,
  Rejection,
  requiredTimestampOf,
  stringList,
  timestampOf,
  tokenIdOf,
  type Raw,
} from './fields.js';

/**
 * Sorts levels best first. The wire sends bids ascending and asks descending, best LAST
 * (POLYMARKET.md §4.1, "ordering gotcha"), and docs examples do the opposite: never trust position.
 * Duplicate spellings of one price ("0.5", "0.50") collapse to the last one sent.
 */
export function bestFirst(list: Level[], descending: boolean, commonPrices = false): Level[] {
  const sign = descending ? -1 : 1;
  let ordered = true;
  let reversed = true;
  if (commonPrices) {
    // "0.d…" without trailing zeros (fields.ts `levels`): string order is numeric order.
    for (let i = 1; i < list.length && (ordered || reversed); i++) {
      const a = list[i - 1]!.price;
      const b = list[i]!.price;
      const c = a === b ? 0 : (a < b ? -1 : 1) * sign;
      if (c >= 0) ordered = false;
      if (c <= 0) reversed = false;
    }
  } else {
    for (let i = 1; i < list.length && (ordered || reversed); i++) {
      const c = compareDecimal(list[i - 1]!.price, list[i]!.price) * sign;
      if (c >= 0) ordered = false;
      if (c <= 0) reversed = false;
    }
  }
  if (ordered) return list;
  if (reversed) return list.reverse();
  const byPrice = new Map<string, Level>();
  for (const level of list) byPrice.set(level.price, level);
  return [...byPrice.values()].sort((a, b) => compareDecimal(a.price, b.price) * sign);
}

/**
 * A `book` event or a REST `/book` body (`rest` relaxes the timestamp, absent in old bodies).
 * Fields are read by literal name, as in price-change.ts (fields.ts `…Of`).
 */
export function parseBook(raw: Raw, rest = false): BookEvent {
  const tickSize = optDecOf(raw.tick_size, 'tick_size', 'tick');
  const lastTradeRaw = raw.last_trade_price;
  const lastTradePrice = optStrOf(lastTradeRaw);
  const minOrderRaw = raw.min_order_size;
  const minOrderSize = optDecOf(minOrderRaw, 'min_order_size', 'size');
  const negRisk = raw.neg_risk;
  const bids = levels(raw.bids, 'bids');
  const asks = levels(raw.asks, 'asks');
  const event: {
    -readonly [K in keyof BookEvent]: BookEvent[K];
  } = {
    kind: 'book',
    market: conditionIdOf(raw.market),
    assetId: tokenIdOf(raw.asset_id),
    timestamp: rest ? timestampOf(raw.timestamp) : requiredTimestampOf(raw.timestamp),
    hash: hashFieldOf(raw.hash),
    bids: bestFirst(bids.canonical, true, bids.commonPrices),
    asks: bestFirst(asks.canonical, false, asks.commonPrices),
    wire: { bids: bids.wire, asks: asks.wire },
  };
  if (tickSize !== null) event.tickSize = tickSize;
  if (lastTradePrice !== null) {
    // "" is the venue's value for a market that never traded (§13.6), and it is hashed as "".
    if (lastTradePrice !== '') optDecOf(lastTradeRaw, 'last_trade_price', 'price');
    event.lastTradePrice = lastTradePrice;
  }
  // The venue hashes min_order_size as spelled: keep the wire text once it checked out.
  if (minOrderSize !== null) event.minOrderSize = String(minOrderRaw);
  if (typeof negRisk === 'boolean') event.negRisk = negRisk;
  return event;
}

export function parseLastTrade(raw: Raw): LastTradeEvent {
  return {
    kind: 'last_trade_price',
    market: conditionIdOf(raw.market),
    assetId: tokenIdOf(raw.asset_id),
    price: decOf(raw.price, 'price', 'price'),
    size: optDecOf(raw.size, 'size', 'size'),
    side: optSideOf(raw.side),
    feeRateBps: optDecOf(raw.fee_rate_bps, 'fee_rate_bps', 'size'),
    timestamp: requiredTimestampOf(raw.timestamp),
    transactionHash: transactionHash(raw),
  };
}

export function parseTickSize(raw: Raw): TickSizeEvent {
  return {
    kind: 'tick_size_change',
    market: conditionIdOf(raw.market),
    assetId: tokenIdOf(raw.asset_id),
    oldTickSize: decOf(raw.old_tick_size, 'old_tick_size', 'tick'),
    newTickSize: decOf(raw.new_tick_size, 'new_tick_size', 'tick'),
    timestamp: requiredTimestampOf(raw.timestamp),
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
    market: conditionIdOf(raw.market),
    assetId: tokenIdOf(raw.asset_id),
    bestBid: emptyBidAsNull(optDecOf(raw.best_bid, 'best_bid', 'price')),
    bestAsk: emptyAskAsNull(optDecOf(raw.best_ask, 'best_ask', 'price')),
    spread: optDecOf(raw.spread, 'spread', 'price'),
    timestamp: requiredTimestampOf(raw.timestamp),
  };
}

/** The spellings of a lifecycle event's token ids, most specific first (§4.8, §13.10). */
const LIFECYCLE_ID_KEYS = ['assets_ids', 'asset_ids', 'clob_token_ids'] as const;

/** A list field as a real array or JSON-in-a-string (§9); null when it is neither. */
function lifecycleList(raw: Raw, key: string): readonly unknown[] | null {
  let value = raw[key];
  if (typeof value === 'string') {
    if (value.length > MAX_LIST_TEXT) return null;
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  return Array.isArray(value) ? value : null;
}

/** Token ids are decimal strings (75–78 digits in real data); anything else is not an id. */
const isLifecycleTokenId = isTokenIdText;

/** A market announces a handful of outcomes; a longer list is not kept whole. */
const MAX_OUTCOMES = 64;
/** JSON-in-a-string lists longer than this are not decoded. */
const MAX_LIST_TEXT = 1 << 16;

/** `0x` + 64 hex in 2026 frames; null when absent or malformed (never shown). */
function transactionHash(raw: Raw): string | null {
  const value = raw.transaction_hash;
  return typeof value === 'string' && /^0x[0-9a-fA-F]{1,128}$/.test(value) ? value : null;
}

/**
 * Token ids and their outcome labels. The first spelling holding a token id wins (announcements
 * may send `assets_ids: []` beside a full `clob_token_ids`). Dropping a bad id drops its label
 * too, so labels stay index-aligned with ids when the wire's lists were.
 */
function lifecycleAssets(raw: Raw): { assetIds: string[]; outcomes: string[] } {
  const labels = stringList(raw, 'outcomes')
    .slice(0, MAX_OUTCOMES)
    .map((text) => label(text)!);
  for (const key of LIFECYCLE_ID_KEYS) {
    const found = lifecycleList(raw, key);
    const list = found === null ? null : found.slice(0, MAX_OUTCOMES);
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
    if (typeof value === 'string' && value !== '') return conditionId(raw, key);
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
    id: label(nonEmpty(raw, 'id'), 40),
    question: label(optStr(raw, 'question')),
    slug: label(optStr(raw, 'slug')),
    assetIds,
    outcomes,
    winningAssetId: isLifecycleTokenId(winner) ? winner : null,
    winningOutcome: label(nonEmpty(raw, 'winning_outcome')),
    timestamp: timestampOf(raw.timestamp),
  };
}
