/**
 * Everything the engine knows about one token (asset): its book, metadata and integrity record.
 */
import type { Dec, Side } from '../protocol/events.js';
import { emptyIntegrity, type IntegrityCounters } from './integrity.js';
import type { OrderBook } from './order-book.js';

export interface LastTrade {
  readonly price: Dec;
  readonly size: Dec | null;
  readonly side: Side | null;
  readonly timestamp: string;
}

/** Level updates of one same-timestamp run, awaiting the run's end to be audited. */
export interface Burst {
  readonly timestamp: string;
  /** Book hashes the venue attached to the run's v2 updates of this asset. */
  readonly hashes: string[];
  /** v0/v1 update hashes in the run, which are not book hashes (counted, never computed). */
  legacyHashes: number;
  /** The venue's best bid/ask after the run's last update (v2 only; null = empty side). */
  bestBid: Dec | null | undefined;
  bestAsk: Dec | null | undefined;
}

export type Lifecycle = 'live' | 'resolved';

/**
 * Which wire generation the asset's updates come in, which decides the venue-hash formula
 * (POLYMARKET.md §13.4): `legacy` once a v0/v1 price_change named it, `current` once a v2 one did,
 * `unknown` before any update (a first book alone does not tell).
 */
export type Generation = 'unknown' | 'legacy' | 'current';

export interface AssetState {
  readonly assetId: string;
  market: string;
  /** Null until the first snapshot. */
  book: OrderBook | null;
  /** The book predates a disconnect: updates wait for a fresh snapshot (kept for display). */
  stale: boolean;
  /** The book came from REST: the next WebSocket snapshot replaces it without an audit. */
  provisional: boolean;
  /** Last REST resync: why and when (local epoch ms). */
  lastResync: { readonly cause: string; readonly at: number } | null;
  tickSize: Dec | null;
  lastTrade: LastTrade | null;
  lifecycle: Lifecycle;
  /** The current book is crossed or locked (only a crossed snapshot can stay so). */
  crossed: boolean;
  /** Times an update uncrossed the book by removing stale opposite levels. */
  cleaned: number;
  generation: Generation;
  /** Set at resolution: whether this outcome won (null when the venue did not say). */
  winner: boolean | null;
  /** Local ms since which no data arrived for this asset (set by the session's quiet watch). */
  quietSince: number | null;
  /** Local ms when a REST book last proved this quiet book right (null: not since it went quiet). */
  quietVerifiedAt: number | null;
  /** Venue ms of the last run whose hash was checked (checks are sampled, engine.ts HASH_SAMPLE_MS). */
  lastHashCheckAt: number;
  /** Venue timestamp (ms string) of the last event that touched this asset. */
  updatedAt: string;
  burst: Burst | null;
  /** The market's recently touched prices (engine.ts `notePrice`), shared by its assets. */
  recentPrices: string[] | null;
  /** Engine pass that last touched the asset (dedupes a price_change's assets without a list). */
  touchPass: number;
  readonly integrity: IntegrityCounters;
}

export function newAssetState(assetId: string, market: string): AssetState {
  return {
    assetId,
    market,
    book: null,
    stale: false,
    provisional: false,
    lastResync: null,
    tickSize: null,
    lastTrade: null,
    lifecycle: 'live',
    crossed: false,
    cleaned: 0,
    generation: 'unknown',
    winner: null,
    quietSince: null,
    quietVerifiedAt: null,
    lastHashCheckAt: Number.NEGATIVE_INFINITY,
    updatedAt: '',
    burst: null,
    recentPrices: null,
    touchPass: 0,
    integrity: emptyIntegrity(),
  };
}
