/**
 * The shape of what the screen and the NDJSON writer read: per-asset views published at a bounded
 * rate, connection health, and the user's own orders. Everything is plain, immutable data.
 */
import type { BookAnalytics, LadderLevel } from '../src/book/analytics.js';
import type { IntegrityCounters } from '../src/book/integrity.js';

// The UI contract: components import these from store/, never from src/.
export type { BookAnalytics, IntegrityCounters, LadderLevel };
import type { Dec, OrderEvent, Side } from '../src/protocol/events.js';

/** A trade print on the tape. */
export interface TradeView {
  readonly price: Dec;
  readonly size: Dec | null;
  readonly side: Side | null;
  /** Venue time, epoch ms string. */
  readonly timestamp: string;
}

/**
 * awaiting: subscribed, no book yet; rest: a REST book, waiting for its WebSocket snapshot; live:
 * a fresh snapshot on a live connection; quiet: live but no data for a while (see
 * `quietVerifiedAt`); reconnecting: predates a disconnect, connection down; stale: predates a
 * disconnect, connection back, fresh snapshot not yet here; resolved: the market is over.
 */
export type AssetStatus = 'awaiting' | 'rest' | 'live' | 'quiet' | 'reconnecting' | 'stale' | 'resolved';

/** Everything the screen shows about one asset, as of the last publish. */
export interface AssetView {
  readonly assetId: string;
  readonly market: string;
  /** Outcome label ("Yes", "Up") and market question, once known (Gamma, new_market). */
  readonly outcome: string | null;
  readonly question: string | null;
  /** Top levels, best first, with cumulative sizes. Unchanged levels keep their identity. */
  readonly bids: readonly LadderLevel[];
  readonly asks: readonly LadderLevel[];
  readonly analytics: BookAnalytics;
  readonly tickSize: Dec | null;
  readonly lastTrade: TradeView | null;
  /** Newest first, bounded. */
  readonly trades: readonly TradeView[];
  readonly integrity: IntegrityCounters;
  readonly status: AssetStatus;
  readonly crossed: boolean;
  /** Times the book was uncrossed by the newer-update rule. */
  readonly cleaned: number;
  /**
   * The other outcome of the same binary market, once both are watched: its id, the gap between
   * this top of book and the mirror of the other's, and whether that gap exceeds one tick.
   */
  readonly pair: { readonly assetId: string; readonly gap: Dec | null; readonly disagrees: boolean } | null;
  /** Last REST resync of this book: why ("bootstrap", "reconnect", "hash_mismatch", ...) and when. */
  readonly lastResync: { readonly cause: string; readonly at: number } | null;
  /** Local ms since which no data arrived (status quiet), else null. */
  readonly quietSince: number | null;
  /** Local ms when a REST book last proved the quiet book right, else null. */
  readonly quietVerifiedAt: number | null;
  /** After resolution: whether this outcome won (null when unknown or not resolved). */
  readonly winner: boolean | null;
  /** Venue time of the last update, epoch ms string ("" before any). */
  readonly updatedAt: string;
  /** Local wall-clock ms when data for this asset last arrived (0 before any). */
  readonly receivedAt: number;
  /** When the market ends (Gamma `endDate`, epoch ms), for countdowns; null when unknown. */
  readonly endsAt: number | null;
}

/**
 * One point of an asset's price history: a mid (sampled as the book changes), a trade print, or a
 * point backfilled from CLOB `/prices-history`. Numbers, because they are only ever drawn.
 */
export interface PricePoint {
  /** Epoch ms. */
  readonly t: number;
  readonly price: number;
  readonly kind: 'mid' | 'trade' | 'backfill';
}

/** An asset's price history, oldest first, bounded; a new array whenever a point is added. */
export type PriceSeries = readonly PricePoint[];

/** An alert that fired (`--alert`), newest first in the store. */
export interface AlertView {
  /** Increasing per session, so the screen can tell a new alert from one it has shown. */
  readonly seq: number;
  /** Local epoch ms when it fired. */
  readonly at: number;
  /** The rule as written ("Yes: ask <= 0.4"). */
  readonly rule: string;
  /** What made it true, in words ("ask 0.39 <= 0.4"); sanitized. */
  readonly text: string;
  readonly assetId: string | null;
  /** The asset's outcome label and condition id when known (sanitized). */
  readonly outcome?: string | null;
  readonly market?: string | null;
}

/** `watch --follow <series>`: the window being watched and the last roll. */
export interface FollowView {
  readonly series: string;
  /** The current window's market slug and end (epoch ms); null while looking for it. */
  readonly slug: string | null;
  readonly endsAt: number | null;
  readonly lastRoll: { readonly at: number; readonly from: string | null; readonly to: string } | null;
}

export type { ConnectionHealth, ConnectionState } from '../src/feed/health.js';
import type { ConnectionHealth } from '../src/feed/health.js';

/**
 * One of the user's orders, latest state (user channel). `sizeUnit` says what `originalSize`
 * counts: shares, or pUSD for a market BUY (POLYMARKET.md §13.12).
 */
export interface OrderView
  extends Pick<OrderEvent, 'id' | 'market' | 'assetId' | 'side' | 'price' | 'originalSize' | 'sizeUnit' | 'sizeMatched' | 'outcome' | 'timestamp'> {
  /**
   * LIVE, MATCHED, CANCELED, CANCELED_<reason>, INVALID, ... as the venue says; CANCELED after a
   * CANCELLATION that carried no cancelled status of its own.
   */
  readonly status: string;
}

/** One of the user's trades, latest status (MATCHED → MINED → CONFIRMED, or RETRYING/FAILED). */
export interface UserTradeView {
  readonly id: string;
  readonly market: string;
  readonly assetId: string;
  readonly side: Side;
  readonly price: Dec;
  readonly size: Dec;
  readonly outcome: string | null;
  readonly status: string;
  /** Every status seen, in order. */
  readonly history: readonly string[];
  readonly matchTime: string | null;
  readonly timestamp: string;
}

/** The whole store. */
export interface PolybookState {
  /** Watched assets, in display order. */
  readonly order: readonly string[];
  /**
   * By token id: a Map, because the ids come from the server (no plain-object keys from the wire).
   * One Map for the store's life, updated in place by each publish (a copy per publish of a
   * 5,000-asset Map was most of the old-space garbage at venue scale): compare `frame` to see that
   * the assets changed, and each view's identity to see which did.
   */
  readonly assets: ReadonlyMap<string, AssetView>;
  readonly health: Readonly<Record<string, ConnectionHealth>>;
  /** Ladder depth the screen asks for (levels per side). */
  readonly depth: number;
  /** Publishes so far: the change signal for `assets` (and `history`), which are updated in place. */
  readonly frame: number;
  /** The user's orders by id (user channel); a Map for the same reason as `assets`. */
  readonly orders: ReadonlyMap<string, OrderView>;
  /** The user's trades, newest first, bounded. */
  readonly userTrades: readonly UserTradeView[];
  /** Price history by token id (mids, prints, backfill); like `assets`, one Map updated in place (a series is a new array when it changed). */
  readonly history: ReadonlyMap<string, PriceSeries>;
  /** Alerts that fired, newest first, bounded. */
  readonly alerts: readonly AlertView[];
  /** Present with `watch --follow`. */
  readonly follow: FollowView | null;
}
