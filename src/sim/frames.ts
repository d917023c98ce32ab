/**
 * What the market channel sends, as text: key orders from POLYMARKET.md §4 and §13.6 (VERIFIED on
 * the 2026 captures where stated there), spacing from §3. In legacy mode (§0 "v1", §11.11, §13.5)
 * every frame is a compact JSON array, price_change carries `changes[]` with one root hash per
 * asset, and a trade is one `[book, book, last_trade_price]` frame.
 */
import { createHash } from 'node:crypto';
import type { Side } from '../protocol/events.js';
import { priceText, type TokenIndex } from './book.js';
import type { MarketState } from './market-state.js';
import { formatPrice, formatSize } from './units.js';
import { compactJson, spacedJson, type Json } from './wire-json.js';

export type OutKind =
  | 'price_change'
  | 'book'
  | 'last_trade_price'
  | 'tick_size_change'
  | 'best_bid_ask'
  | 'new_market'
  | 'market_resolved'
  /** Legacy mode only: one `[book, book, last_trade_price]` frame (§13.5). */
  | 'trade';

/**
 * Who receives an event: connections subscribed to one of `assets`; the same but only with
 * `custom_feature_enabled` (best_bid_ask); or every custom-feature connection (new_market,
 * market_resolved are global announcements, §4.8).
 */
export type Audience = 'subscribers' | 'custom-subscribers' | 'custom-all';

/** One outgoing market-channel frame, already serialized. */
export interface Out {
  readonly kind: OutKind;
  readonly market: string;
  readonly assets: readonly string[];
  readonly audience: Audience;
  readonly timestamp: string;
  readonly text: string;
}

/** Serializes one mid-stream event: spaced object (current) or compact one-element array (legacy). */
export function eventText(event: unknown, legacy: boolean): string {
  return legacy ? compactJson([event]) : spacedJson(event);
}

/**
 * The initial dump (or a dynamic subscribe's answer): one compact array frame ending in "\n". The
 * "empty frame after the dump" of the 2026-07-19 capture was that newline, written out by a line
 * recorder (§13.6). With no known live asset to show, the venue answers a bare `[]` (§13.6).
 */
export function dumpText(books: readonly unknown[]): string {
  return books.length === 0 ? '[]' : `${compactJson(books)}\n`;
}

/** `dumpText` of books already serialized compactly (each `JSON.stringify` of its body). */
export function dumpTextOf(bookJson: readonly string[]): string {
  return bookJson.length === 0 ? '[]' : `[${bookJson.join(',')}]\n`;
}

const OPPOSITE: Record<Side, Side> = { BUY: 'SELL', SELL: 'BUY' };

interface ElementSpec {
  readonly token: TokenIndex;
  readonly side: Side;
  readonly price: number;
}

/**
 * One `price_changes[]` element: the token's state after the change (§4.2 key order), written as
 * `spacedJson` would write it (every value is digits, hex, a dot or a side: nothing to escape but
 * the ids, which go through JSON.stringify anyway).
 */
function elementText(m: MarketState, spec: ElementSpec, size: string, timestamp: string): string {
  const top = m.top(spec.token);
  return (
    `{"asset_id":${JSON.stringify(m.assetId(spec.token))}, "price":"${priceText(spec.price)}", "size":"${size}", ` +
    `"side":"${spec.side}", "hash":"${m.hash(spec.token, timestamp)}", "best_bid":"${top.bid}", "best_ask":"${top.ask}"}`
  );
}

/**
 * A v1 price_change, keys alphabetical as on the wire (§13.5). Its root hash reproduced under no
 * known book formula (§13.4: 0/300), so the sim's is a digest of the event's own fields: a client
 * that verifies it as a book hash fails, as it would have on the venue.
 */
function legacyChange(m: MarketState, spec: ElementSpec, size: string, timestamp: string): Json {
  const assetId = m.assetId(spec.token);
  const changes = [{ price: formatPrice(spec.price), side: spec.side, size }];
  return {
    asset_id: assetId,
    changes,
    event_type: 'price_change',
    hash: createHash('sha1')
      .update(compactJson({ asset_id: assetId, changes, timestamp }))
      .digest('hex'),
    market: m.conditionId,
    timestamp,
  };
}

/**
 * The text of one price_change message for a level the book already holds at its new `sizeCents`:
 * the level on `token`/`side` and its mirror on the other token (§4.2: BUY p on A ⇔ SELL 1-p on B,
 * same size). `sellFirst` puts the SELL form first, as ~2 % of real messages do.
 */
export function priceChangeText(
  m: MarketState,
  token: TokenIndex,
  side: Side,
  price: number,
  sizeCents: number,
  timestamp: string,
  sellFirst: boolean,
): string {
  const size = formatSize(sizeCents);
  const primary: ElementSpec = { token, side, price };
  const mirror: ElementSpec = { token: token === 0 ? 1 : 0, side: OPPOSITE[side], price: 10_000 - price };
  const ordered = sellFirst === (side === 'SELL') ? [primary, mirror] : [mirror, primary];
  if (m.legacy) return compactJson(ordered.map((spec) => legacyChange(m, spec, size, timestamp)));
  // spacedJson({ market, price_changes: [element, element], timestamp, event_type }), written directly.
  const first = elementText(m, ordered[0]!, size, timestamp);
  const second = elementText(m, ordered[1]!, size, timestamp);
  return `{"market":${JSON.stringify(m.conditionId)}, "price_changes":[${first}, ${second}], "timestamp":${JSON.stringify(timestamp)}, "event_type":"price_change"}`;
}

export function lastTradeEvent(m: MarketState, token: TokenIndex, price: string, size: string, side: Side, timestamp: string, transactionHash: string): Json {
  return {
    market: m.conditionId,
    asset_id: m.assetId(token),
    price,
    size,
    fee_rate_bps: '0',
    side,
    timestamp,
    event_type: 'last_trade_price',
    transaction_hash: transactionHash,
  };
}

/**
 * A v1 trade (§13.5): ONE array frame with both tokens' post-trade books and the print, all
 * stamped `timestamp`; the print's keys alphabetical like the 2024 fixture's, no transaction hash.
 */
export function legacyTradeText(m: MarketState, token: TokenIndex, price: string, size: string, side: Side, timestamp: string): string {
  const print = { asset_id: m.assetId(token), event_type: 'last_trade_price', fee_rate_bps: '0', market: m.conditionId, price, side, size, timestamp };
  return `[${m.midStreamBookJson(0, timestamp)},${m.midStreamBookJson(1, timestamp)},${compactJson(print)}]`;
}

/** Key order not captured in 2026: the venue's usual pattern (market, asset_id first, event_type last). */
export function tickSizeEvent(m: MarketState, token: TokenIndex, oldTick: string, newTick: string, timestamp: string): Json {
  return { market: m.conditionId, asset_id: m.assetId(token), old_tick_size: oldTick, new_tick_size: newTick, timestamp, event_type: 'tick_size_change' };
}

/** §4.7 key order. */
export function bestBidAskEvent(m: MarketState, token: TokenIndex, timestamp: string): Json {
  const top = m.top(token);
  return { market: m.conditionId, asset_id: m.assetId(token), best_bid: top.bid, best_ask: top.ask, spread: top.spread, timestamp, event_type: 'best_bid_ask' };
}

/**
 * The fields a 2026 `new_market` adds after the documented ones, in the captured order (§13.6,
 * fixture marcasite-2026-10-02): announced inactive, unknown values as "". The fee values say "no
 * fees", as the sim's CLOB and Gamma markets do.
 */
function newMarket2026(m: MarketState): Record<string, Json> {
  const tokens = m.info.tokens;
  return {
    tags: [],
    condition_id: m.conditionId,
    active: false,
    clob_token_ids: [tokens[0].tokenId, tokens[1].tokenId],
    sports_market_type: '',
    line: '',
    game_start_time: '',
    order_price_min_tick_size: m.tickSize(),
    group_item_title: '',
    taker_base_fee: '0',
    fees_enabled: false,
    fee_schedule: { exponent: '1', rate: '0', taker_only: true, rebate_rate: '0' },
  };
}

/**
 * `new_market` / `market_resolved` with the documented fields in the docs' order (§4.8, §4.9); a
 * current-mode `new_market` then carries the 2026 fields (§13.6).
 */
export function lifecycleEvent(m: MarketState, kind: 'new_market' | 'market_resolved', timestamp: string): Json {
  const info = m.info;
  const winner = m.winner === null ? null : info.tokens[m.winner];
  return {
    id: info.gammaId,
    question: info.question,
    market: info.conditionId,
    slug: info.slug,
    description: info.description,
    assets_ids: [info.tokens[0].tokenId, info.tokens[1].tokenId],
    outcomes: [info.tokens[0].outcome, info.tokens[1].outcome],
    ...(kind === 'market_resolved' ? { winning_asset_id: winner?.tokenId ?? '', winning_outcome: winner?.outcome ?? '' } : {}),
    event_message: {
      id: info.event.id,
      ticker: info.event.ticker,
      slug: info.event.slug,
      title: info.event.title,
      description: info.event.description,
    },
    timestamp,
    event_type: kind,
    ...(kind === 'new_market' && !m.legacy ? newMarket2026(m) : {}),
  };
}
