/**
 * The price history the chart and the board's sparklines draw (`PolybookState.history`): per
 * asset, a point when the mid changes (at most one a second) and one per trade print, bounded,
 * oldest first; backfilled at start from CLOB `/prices-history` (WatchSession.backfillHistory).
 *
 * It rides on the publisher (a PublishHook): each publish looks only at the views it publishes,
 * O(1) per view plus its new prints, and sets the history in the same store update. A series is a
 * new array only when a point was added, at most once per publish per asset.
 */
import type { BookPublisher } from './publisher.js';
import type { PolybookStore } from './store.js';
import type { AssetView, PolybookState, PricePoint, PriceSeries, TradeView } from './types.js';

/** Points kept per asset: ten minutes of one mid a second, or ten hours of backfilled minutes. */
export const HISTORY_LIMIT = 600;
/**
 * Points kept across all assets: with many assets each keeps fewer (never under
 * `HISTORY_MIN_PER_ASSET`), so the whole venue's history stays tens of MB, not 3 million points.
 */
export const HISTORY_BUDGET = 120_000;
/** The fewest points an asset keeps however many are watched: a chart's width of them. */
export const HISTORY_MIN_PER_ASSET = 120;
/** A changed mid is recorded at most this often per asset. */
export const MID_SAMPLE_MS = 1000;

export interface HistoryOptions {
  readonly limit?: number;
  readonly sampleMs?: number;
  /** Clock, for tests. */
  readonly now?: () => number;
}

interface Tracked {
  /** The last mid recorded, and when. */
  mid: number | null;
  midAt: number;
  /** The newest print already recorded (the tape's objects keep their identity). */
  trade: TradeView | null;
}

/** A backfilled point: epoch ms and price (src/protocol/prices-history.ts). */
export interface BackfillPoint {
  readonly t: number;
  readonly p: number;
}

export class PriceHistory {
  private readonly limit: number;
  private readonly sampleMs: number;
  private readonly now: () => number;
  private readonly tracked = new Map<string, Tracked>();

  constructor(
    private readonly store: PolybookStore,
    options: HistoryOptions = {},
  ) {
    this.limit = Math.max(2, options.limit ?? HISTORY_LIMIT);
    this.sampleMs = options.sampleMs ?? MID_SAMPLE_MS;
    this.now = options.now ?? Date.now;
  }

  /** Records every publish of `publisher` from now on. */
  attach(publisher: BookPublisher): void {
    publisher.addPublishHook((views, state) => this.record(views, state));
  }

  /**
   * The new points of one publish's views, as the `history` to set with them; null when none of
   * them added a point.
   */
  record(views: readonly AssetView[], state: PolybookState): Pick<PolybookState, 'history'> | null {
    const limit = this.limitFor(state.order.length);
    // One Map, updated in place (PolybookState.history); the publish's `frame` says it changed.
    const history = state.history as Map<string, PriceSeries>;
    let changed = false;
    const t = this.now();
    for (const view of views) {
      const points = this.newPoints(view, t);
      if (points === null) continue;
      changed = true;
      history.set(view.assetId, this.append(history.get(view.assetId) ?? [], points, limit));
    }
    return changed ? { history } : null;
  }

  /** Puts backfilled points before the live ones (those older than the first live point). */
  backfill(assetId: string, points: readonly BackfillPoint[]): void {
    if (points.length === 0) return;
    const state = this.store.getState();
    if (!state.order.includes(assetId)) return;
    const live = state.history.get(assetId) ?? [];
    const firstLive = live.find((p) => p.kind !== 'backfill')?.t ?? Number.POSITIVE_INFINITY;
    const kept = live.filter((p) => p.kind !== 'backfill');
    const room = this.limitFor(state.order.length) - kept.length;
    if (room <= 0) return;
    const older: PricePoint[] = [];
    for (let i = points.length - 1; i >= 0 && older.length < room; i--) {
      const point = points[i]!;
      if (point.t < firstLive && Number.isFinite(point.p)) older.push({ t: point.t, price: point.p, kind: 'backfill' });
    }
    if (older.length === 0) return;
    older.reverse();
    const history = state.history as Map<string, PriceSeries>;
    history.set(assetId, [...older, ...kept]);
    this.store.setState({ history, frame: state.frame + 1 });
  }

  /** Forgets what was recorded for assets no longer watched. */
  forget(assetIds: readonly string[]): void {
    for (const id of assetIds) this.tracked.delete(id);
  }

  private newPoints(view: AssetView, t: number): PricePoint[] | null {
    let tracked = this.tracked.get(view.assetId);
    if (!tracked) {
      tracked = { mid: null, midAt: Number.NEGATIVE_INFINITY, trade: null };
      this.tracked.set(view.assetId, tracked);
    }
    let out: PricePoint[] | null = null;
    // New prints: the tape is newest first; stop at the newest one already recorded.
    const trades = view.trades;
    if (trades.length > 0 && trades[0] !== tracked.trade) {
      let n = 0;
      while (n < trades.length && trades[n] !== tracked.trade) n++;
      out = [];
      for (let i = n - 1; i >= 0; i--) {
        const price = Number(trades[i]!.price);
        if (Number.isFinite(price)) out.push({ t, price, kind: 'trade' });
      }
      tracked.trade = trades[0]!;
    }
    const midText = view.analytics.mid;
    const mid = midText === null ? null : Number(midText);
    if (mid !== null && Number.isFinite(mid) && mid !== tracked.mid && t - tracked.midAt >= this.sampleMs) {
      tracked.mid = mid;
      tracked.midAt = t;
      (out ??= []).push({ t, price: mid, kind: 'mid' });
    }
    return out !== null && out.length > 0 ? out : null;
  }

  /** Points per asset with `assets` watched: the limit, less when the budget is shared by many. */
  limitFor(assets: number): number {
    if (assets * this.limit <= HISTORY_BUDGET) return this.limit;
    return Math.min(this.limit, Math.max(HISTORY_MIN_PER_ASSET, Math.floor(HISTORY_BUDGET / assets)));
  }

  private append(series: PriceSeries, points: readonly PricePoint[], limit: number): PriceSeries {
    const total = series.length + points.length;
    if (total <= limit) return [...series, ...points];
    const drop = total - limit;
    if (drop >= series.length) return points.slice(points.length - limit);
    return [...series.slice(drop), ...points];
  }
}
