/**
 * Batches the full-rate book engine into the store: every event reaches the engine at once, and
 * the store receives at most one update per frame interval, carrying only the assets that changed
 * and only the top-N ladder the screen shows.
 */
import { analyze, ladder, type BookAnalytics, type LadderLevel } from '../src/book/analytics.js';
import { pairDisagrees, pairGap } from '../src/book/pair.js';
import type { AssetState } from '../src/book/asset-state.js';
import type { LevelColumns } from '../src/book/levels.js';
import type { BookEngine } from '../src/book/engine.js';
import type { FeedEvent } from '../src/protocol/events.js';
import { publishAssets, type PolybookStore } from './store.js';
import type { AssetStatus, AssetView, ConnectionState, PolybookState, TradeView } from './types.js';

/** The levels of an asset with no book yet, as columns (what a book side is). */
const NO_LEVELS: LevelColumns = { prices: [], sizes: [] };

/**
 * Derives more state from the views of one publish (the price history: store/history.ts); what it
 * returns is set in the same store update. Null: nothing to add.
 */
export type PublishHook = (views: readonly AssetView[], state: PolybookState) => Partial<PolybookState> | null;

export interface PublisherOptions {
  /** Minimum ms between two publishes (default 1000/30). */
  readonly intervalMs?: number;
  /** Trades kept per asset (default 50). */
  readonly tradeLimit?: number;
  /** Ticks from the best price for the depth figures (default 5). */
  readonly depthTicks?: number;
  /** Clock, for tests. */
  readonly now?: () => number;
}

/** Labels a screen shows for an asset. */
export interface AssetLabel {
  readonly outcome: string | null;
  readonly question: string | null;
  /** When the market ends, epoch ms (Gamma `endDate`). */
  readonly endsAt?: number | null;
}

export class BookPublisher {
  private intervalMs: number;
  private readonly tradeLimit: number;
  private readonly depthTicks: number;
  private readonly now: () => number;
  private readonly trades = new Map<string, TradeView[]>();
  private readonly labels = new Map<string, AssetLabel>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** When the pending timer publishes (`now()` time). */
  private timerAt = -Infinity;
  private lastPublish = -Infinity;
  /** Whether a publish has carried a book yet (the first one is not held back: `schedule`). */
  private bookShown = false;
  private publishedDepth: number;
  private readonly unsubscribe: () => void;
  private readonly publishHooks: PublishHook[] = [];
  /** The state of an asset's connection (the feed binding links it); null: no connection (replay). */
  private connectionState: (assetId: string) => ConnectionState | null = () => null;

  constructor(
    readonly engine: BookEngine,
    readonly store: PolybookStore,
    options: PublisherOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 1000 / 30;
    this.tradeLimit = options.tradeLimit ?? 50;
    this.depthTicks = options.depthTicks ?? 5;
    this.now = options.now ?? Date.now;
    this.publishedDepth = store.getState().depth;
    // A new ladder depth republishes every asset at the next frame.
    this.unsubscribe = store.subscribe((state) => {
      if (state.depth === this.publishedDepth) return;
      this.publishedDepth = state.depth;
      for (const id of this.engine.assets.keys()) this.engine.dirty.add(id);
      this.schedule();
    });
  }

  /** Applies an event to the engine now and schedules a publish. */
  handle(event: FeedEvent): void {
    this.engine.apply(event);
    this.noteTrade(event);
    if (this.engine.dirty.size > 0) this.schedule(!this.bookShown && event.kind === 'book');
  }

  /** Applies one frame's events (a legacy trade frame is audited as a whole) and schedules a publish. */
  handleFrame(events: readonly FeedEvent[]): void {
    this.engine.applyFrame(events);
    for (const event of events) this.noteTrade(event);
    if (this.engine.dirty.size > 0) this.schedule(!this.bookShown && events.some((e) => e.kind === 'book'));
  }

  private noteTrade(event: FeedEvent): void {
    if (event.kind !== 'last_trade_price' || !this.engine.isTracked(event.assetId)) return;
    const list = this.trades.get(event.assetId) ?? [];
    list.unshift({ price: event.price, size: event.size, side: event.side, timestamp: event.timestamp });
    if (list.length > this.tradeLimit) list.length = this.tradeLimit;
    this.trades.set(event.assetId, list);
  }

  /** Adds a hook that derives state from each publish's views (see PublishHook). */
  addPublishHook(hook: PublishHook): void {
    this.publishHooks.push(hook);
  }

  /** Says where an asset's connection state comes from, which a book's status depends on. */
  linkConnections(stateOf: (assetId: string) => ConnectionState | null): void {
    this.connectionState = stateOf;
  }

  /** Sets the outcome label and question shown for an asset. */
  label(assetId: string, label: AssetLabel): void {
    this.labels.set(assetId, label);
    this.engine.dirty.add(assetId);
    this.schedule();
  }

  /** Forgets assets removed from the session: their labels and trade tapes. */
  forget(assetIds: readonly string[]): void {
    for (const id of assetIds) {
      this.labels.delete(id);
      this.trades.delete(id);
    }
  }

  /** Minimum ms between publishes now (the frame governor changes it). */
  get interval(): number {
    return this.intervalMs;
  }

  /** Changes the minimum ms between publishes; takes effect at the next schedule. */
  setInterval(ms: number): void {
    this.intervalMs = ms;
  }

  /**
   * Asks for a publish at the next allowed moment (at most one per interval). `firstBook`: the
   * first book of the session arrived: it is published in this turn's timer rather than up to an
   * interval after a publish without books (the connection's state, labels), which would only hold
   * back the first painted book (issue #10). Once per publisher, so the rate stays bounded.
   */
  schedule(firstBook = false): void {
    if (this.timer !== null) {
      if (!firstBook || this.timerAt <= this.now()) return;
      clearTimeout(this.timer);
    }
    const wait = firstBook ? 0 : Math.max(0, this.lastPublish + this.intervalMs - this.now());
    this.timerAt = this.now() + wait;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.publishNow();
    }, wait);
  }

  /** Publishes every changed asset immediately. */
  publishNow(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.lastPublish = this.now();
    const dirty = this.engine.dirty;
    if (dirty.size === 0) return;
    const previous = this.store.getState().assets;
    const views: AssetView[] = [];
    for (const id of dirty) {
      const asset = this.engine.assets.get(id);
      if (!asset) continue;
      if (asset.book) this.bookShown = true;
      views.push(this.view(asset, previous.get(id)));
    }
    dirty.clear();
    let extra: Partial<PolybookState> | undefined;
    for (const hook of this.publishHooks) {
      const part = views.length > 0 ? hook(views, this.store.getState()) : null;
      if (part) extra = { ...extra, ...part };
    }
    publishAssets(this.store, views, extra);
  }

  /** Stops the timer and the depth subscription. */
  close(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.unsubscribe();
  }

  private view(asset: AssetState, before: AssetView | undefined): AssetView {
    const depth = this.store.getState().depth;
    const book = asset.book;
    const bidLevels = book ? book.bids : NO_LEVELS;
    const askLevels = book ? book.asks : NO_LEVELS;
    const label = this.labels.get(asset.assetId) ?? this.marketLabel(asset);
    const trades = this.trades.get(asset.assetId);
    const lastTrade = asset.lastTrade;
    const analytics = analyze(bidLevels, askLevels, {
      levels: depth,
      ticks: this.depthTicks,
      tickSize: asset.tickSize,
      lastTradePrice: lastTrade?.price ?? null,
    });
    // Parts that did not change are the previous view's own objects: fewer allocations, and (views
    // live until their asset's next publish, long enough to be promoted) less old-space garbage.
    const pair = this.pairOf(asset, analytics);
    return {
      assetId: asset.assetId,
      market: asset.market,
      outcome: label?.outcome ?? null,
      question: label?.question ?? null,
      bids: keepIdentity(ladder(bidLevels, depth), before?.bids),
      asks: keepIdentity(ladder(askLevels, depth), before?.asks),
      analytics: before && sameFields(analytics, before.analytics) ? before.analytics : analytics,
      pair: before && pair && before.pair && sameFields(pair, before.pair) ? before.pair : pair,
      tickSize: asset.tickSize,
      lastTrade: sameTrade(lastTrade, before?.lastTrade)
        ? before!.lastTrade
        : lastTrade
          ? { price: lastTrade.price, size: lastTrade.size, side: lastTrade.side, timestamp: lastTrade.timestamp }
          : null,
      trades: trades
        ? before && before.trades.length === trades.length && before.trades[0] === trades[0]
          ? before.trades
          : trades.slice()
        : (before?.trades ?? []),
      integrity: before && sameFields(asset.integrity, before.integrity) ? before.integrity : { ...asset.integrity },
      status: statusOf(asset, this.connectionState(asset.assetId)),
      crossed: asset.crossed,
      cleaned: asset.cleaned,
      lastResync: asset.lastResync,
      quietSince: asset.quietSince,
      quietVerifiedAt: asset.quietVerifiedAt,
      winner: asset.winner,
      updatedAt: asset.updatedAt,
      receivedAt: this.now(),
      endsAt: label?.endsAt ?? null,
    };
  }

  /** The other outcome of a two-outcome market and how far the two books disagree. */
  private pairOf(asset: AssetState, mine: BookAnalytics): AssetView['pair'] {
    const siblings = this.engine.marketAssets(asset.market);
    if (siblings.length !== 2) return null;
    const other = siblings.find((a) => a !== asset)!;
    if (!other.book || !asset.book) return { assetId: other.assetId, gap: null, disagrees: false };
    const theirs = { bestBid: other.book.bids.bestPrice() ?? null, bestAsk: other.book.asks.bestPrice() ?? null };
    const gap = pairGap(mine, theirs);
    return { assetId: other.assetId, gap, disagrees: pairDisagrees(gap, asset.tickSize) };
  }

  private marketLabel(asset: AssetState): AssetLabel | null {
    const info = this.engine.markets.get(asset.market);
    if (!info) return null;
    const index = info.assetIds.indexOf(asset.assetId);
    return { outcome: info.outcomes[index] ?? null, question: info.question };
  }
}

/**
 * What a book is, never `live` unless it is: live needs a fresh WebSocket snapshot AND a live
 * connection. A REST book waiting for its snapshot is `rest`; a book from before a disconnect is
 * `reconnecting` while its connection is down and `stale` once it is back but the fresh snapshot
 * has not come.
 */
export function statusOf(asset: AssetState, connection: ConnectionState | null): AssetStatus {
  if (asset.lifecycle === 'resolved') return 'resolved';
  if (!asset.book) return 'awaiting';
  if (asset.provisional) return 'rest';
  const connected = connection === null || connection === 'live';
  if (asset.stale) return connected ? 'stale' : 'reconnecting';
  if (!connected) return 'reconnecting';
  return asset.quietSince !== null ? 'quiet' : 'live';
}

/**
 * Reuses the previous level objects that did not change, so memoized rows can skip them, and the
 * previous array itself when nothing in it changed.
 */
function keepIdentity(next: LadderLevel[], before: readonly LadderLevel[] | undefined): readonly LadderLevel[] {
  if (!before) return next;
  let same = next.length === before.length;
  for (let i = 0; i < next.length && i < before.length; i++) {
    const a = next[i]!;
    const b = before[i]!;
    if (a.price === b.price && a.size === b.size && a.cumulative === b.cumulative) next[i] = b;
    else same = false;
  }
  return same ? before : next;
}

/** Whether two flat records hold the same values under the same keys. */
function sameFields<T extends object>(a: T, b: T): boolean {
  for (const key in a) if (a[key] !== b[key]) return false;
  return true;
}

function sameTrade(trade: AssetState['lastTrade'], view: TradeView | null | undefined): boolean {
  if (!view || !trade) return !view && !trade && view !== undefined;
  return trade.price === view.price && trade.size === view.size && trade.side === view.side && trade.timestamp === view.timestamp;
}
