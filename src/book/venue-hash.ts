/**
 * Polymarket's own book hash (POLYMARKET.md §6): SHA-1 hex of a compact JSON summary with fixed
 * key order and `hash` set to "". Two formulas matter:
 *
 * - current (~Dec 2025 →): market, asset_id, timestamp, hash, bids, asks, min_order_size,
 *   tick_size, neg_risk, last_trade_price. `min_order_size` and `neg_risk` never travel on the
 *   WebSocket (REST only) and `last_trade_price` is hidden server state after the initial dump.
 * - legacy (≤ ~Oct 2025): market, asset_id, timestamp, hash, bids, asks. Needs nothing hidden.
 *
 * Levels go in wire order: bids ascending, asks descending (best last), exact strings.
 */
import type * as Crypto from 'node:crypto';
import type { Level } from '../protocol/events.js';
import { columnsOf, type Levels } from './levels.js';

/** Inputs of the current formula that a book does not carry itself. */
export interface HashInputs {
  readonly minOrderSize: string;
  readonly tickSize: string;
  readonly negRisk: boolean;
  readonly lastTradePrice: string;
}

/** Compact JSON of levels in the order given (a book event's own wire order). */
export function levelsJsonInOrder(levels: readonly Level[]): string {
  let out = '[';
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i]!;
    out += `${i > 0 ? ',' : ''}{"price":${JSON.stringify(level.price)},"size":${JSON.stringify(level.size)}}`;
  }
  return `${out}]`;
}

/** Compact JSON of levels given best first, written worst first as the venue does. */
export function wireLevelsJson(bestFirst: Levels): string {
  const { prices, sizes } = columnsOf(bestFirst);
  let out = '[';
  for (let i = prices.length - 1; i >= 0; i--) {
    // Canonical decimals are digits and a dot: nothing to escape.
    out += `{"price":"${prices[i]}","size":"${sizes[i]}"}`;
    if (i > 0) out += ',';
  }
  return `${out}]`;
}

function head(market: string, assetId: string, timestamp: string): string {
  return `{"market":${JSON.stringify(market)},"asset_id":${JSON.stringify(assetId)},"timestamp":${JSON.stringify(timestamp)},"hash":""`;
}

// node:crypto loads on the first hash, not at start-up (most commands hash nothing at first).
let crypto: typeof Crypto | null = null;
// One-shot `crypto.hash` (Node ≥ 20.12) skips the Hash object: ~20 % faster on 4 KB summaries.
let oneShot: ((algorithm: string, data: string, encoding: 'hex') => string) | undefined;

/** SHA-1s computed and characters hashed so far: the audit's work, which tests bound. */
export const hashWork = { calls: 0, chars: 0 };

function loadCrypto(): typeof Crypto {
  if (crypto === null) {
    crypto = process.getBuiltinModule('node:crypto');
    oneShot = (crypto as { hash?: typeof oneShot }).hash;
  }
  return crypto;
}

export function sha1Hex(text: string): string {
  hashWork.calls++;
  hashWork.chars += text.length;
  const c = loadCrypto();
  return oneShot ? oneShot('sha1', text, 'hex') : c.createHash('sha1').update(text, 'utf8').digest('hex');
}

/** `sha1Hex` for callers that count their own work in `hashWork` (preimage.ts). */
export function sha1Uncounted(text: string): string {
  const c = loadCrypto();
  return oneShot ? oneShot('sha1', text, 'hex') : c.createHash('sha1').update(text, 'utf8').digest('hex');
}

/** Preimage of the current 10-field formula, from pre-rendered level JSON. */
export function currentPreimage(market: string, assetId: string, timestamp: string, bidsJson: string, asksJson: string, inputs: HashInputs): string {
  return (
    `${head(market, assetId, timestamp)},"bids":${bidsJson},"asks":${asksJson}` +
    `,"min_order_size":${JSON.stringify(inputs.minOrderSize)},"tick_size":${JSON.stringify(inputs.tickSize)}` +
    `,"neg_risk":${inputs.negRisk ? 'true' : 'false'},"last_trade_price":${JSON.stringify(inputs.lastTradePrice)}}`
  );
}

/** Preimage of the legacy 6-field formula. */
export function legacyPreimage(market: string, assetId: string, timestamp: string, bidsJson: string, asksJson: string): string {
  return `${head(market, assetId, timestamp)},"bids":${bidsJson},"asks":${asksJson}}`;
}

/** The current-formula inputs a REST `/book` body carries itself, or null when one is missing. */
export function restInputs(book: {
  readonly minOrderSize?: string;
  readonly tickSize?: string;
  readonly negRisk?: boolean;
  readonly lastTradePrice?: string;
}): HashInputs | null {
  if (book.minOrderSize === undefined || book.tickSize === undefined || book.negRisk === undefined || book.lastTradePrice === undefined) return null;
  return { minOrderSize: book.minOrderSize, tickSize: book.tickSize, negRisk: book.negRisk, lastTradePrice: book.lastTradePrice };
}

/** The venue hash of best-first levels under the given head and inputs (current formula). */
export function currentHashOf(market: string, assetId: string, timestamp: string, bidsBestFirst: Levels, asksBestFirst: Levels, inputs: HashInputs): string {
  return sha1Hex(currentPreimage(market, assetId, timestamp, wireLevelsJson(bidsBestFirst), wireLevelsJson(asksBestFirst), inputs));
}
