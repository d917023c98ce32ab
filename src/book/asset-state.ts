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
  /** Hashes the venue attached to the run's updates of this asset. */
  readonly hashes: string[];
  /** The venue's best bid/ask after the run's last update (v2 only; null = empty side). */
  bestBid: Dec | null | undefined;
  bestAsk: Dec | null | undefined;
}

export type Lifecycle = 'live' | 'resolved';

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
  /** Legacy-era data (v0/v1 events, a first book without tick_size): the 6-field hash applies. */
  legacy: boolean;
  /** Venue timestamp (ms string) of the last event that touched this asset. */
  updatedAt: string;
  burst: Burst | null;
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
    legacy: false,
    updatedAt: '',
    burst: null,
    integrity: emptyIntegrity(),
  };
}
