/**
 * A watching session: one market feed feeding one engine and store, REST bootstrap and resync,
 * the optional recorder, and logging. Pipe mode and the terminal UI both run on top of it.
 */
import type { Logger } from 'pino';
import { BookEngine, type Finding } from '../book/engine.js';
import { FeedError } from '../feed/errors.js';
import type { ConnectionHealth } from '../feed/health.js';
import { MarketFeed, type ConnectionTiming } from '../feed/market-feed.js';
import { FrameRecorder } from '../feed/recorder.js';
import type { RecordedMarketMeta } from '../feed/recording-meta.js';
import { Resyncer, type Urgency } from '../feed/resync.js';
import { VenueApi } from '../feed/venue-api.js';
import { DEFAULT_MARKET_URL } from '../feed/endpoints.js';
import { silentLogger } from '../log.js';
import type { BookEvent, FeedEvent } from '../protocol/events.js';
import { bindFeed, type FeedBinding } from '../../store/feed-binding.js';
import { HISTORY_LIMIT, PriceHistory } from '../../store/history.js';
import { BookPublisher } from '../../store/publisher.js';
import { createPolybookStore, dropAssets, setDepth, watchAssets, type PolybookStore } from '../../store/store.js';
import { DEFAULT_QUIET_AFTER_MS } from './defaults.js';
import { QUIET_CAUSE, QuietWatch, trustedRestBook } from './quiet-watch.js';
import type { ResolvedAsset } from './resolve.js';

export interface SessionOptions extends ConnectionTiming {
  /** Market channel (default: the venue's, DEFAULT_MARKET_URL). */
  readonly url?: string | undefined;
  /** Ladder levels per side in the store's views (default 10). */
  readonly depth?: number;
  /**
   * Keep the price history (store `history`: the chart and the board's sparklines). Default true;
   * pipe mode turns it off, as nothing it writes reads it (at 5,000 assets it is the one part of
   * the store that grows for minutes).
   */
  readonly history?: boolean;
  /** Store publishes per second at most (default 10). */
  readonly fps?: number;
  readonly record?: string;
  /** Default: silent. */
  readonly logger?: Logger;
  /** A recording opened by the caller (so an unwritable path fails before any network). */
  readonly recorder?: FrameRecorder;
  /**
   * REST for bootstrap, resync and the hash inputs the WebSocket lacks (without it a current-
   * generation book cannot be hash-verified); null turns all of that off. Default: the venue's.
   */
  readonly api?: VenueApi | null;
  /** A book stale this long (no fresh snapshot after a drop) is resynced from REST. */
  readonly staleLimitMs?: number;
  /** At most this many assets per WebSocket connection (default 200). */
  readonly maxAssetsPerConnection?: number;
  /** No data this long makes an asset quiet; with REST its book is then proven (default 30 s; 0 = never). */
  readonly quietAfterMs?: number;
}

/** Findings after which a book is refetched from REST, ahead of every routine fetch. */
const RESYNC_ON = new Set<Finding['kind']>(['hash_mismatch', 'bba_disagreed', 'snapshot_disagreed']);

/** Price-history requests in flight at once (backfillHistory). */
const BACKFILL_CONCURRENCY = 4;

/** First wait before asking again for a REST book that was not trusted; doubles to a minute. */
const UNTRUSTED_RETRY_MS = 5000;

type Settled = SessionOptions & Required<Pick<SessionOptions, 'url' | 'depth' | 'fps' | 'logger'>> & { readonly api: VenueApi | null };

/** Options with the library defaults filled in (the CLI always passes its own). */
function settle(options: SessionOptions): Settled {
  return {
    ...options,
    url: options.url ?? DEFAULT_MARKET_URL,
    depth: options.depth ?? 10,
    fps: options.fps ?? 10,
    logger: options.logger ?? silentLogger,
    api: options.api === undefined ? new VenueApi() : options.api,
  };
}

function urgencyOf(cause: string): Urgency {
  return RESYNC_ON.has(cause as Finding['kind']) ? 'urgent' : 'bulk';
}

export class WatchSession {
  readonly engine = new BookEngine();
  readonly store: PolybookStore = createPolybookStore();
  readonly publisher: BookPublisher;
  readonly feed: MarketFeed;
  readonly recorder: FrameRecorder | null;
  readonly fps: number;
  /** The watched assets, in order; `addAssets` and `removeAssets` change it while running. */
  private ids: string[];
  /** What each watched asset was resolved as (labels, market, end), for recording and saving. */
  private readonly resolvedOf = new Map<string, ResolvedAsset>();
  private started = false;
  private binding: FeedBinding | null = null;
  private readonly resyncer: Resyncer | null;
  readonly quiet: QuietWatch;
  private readonly staleSince = new Map<string, number>();
  private readonly untrustedRetries = new Map<string, number>();
  private readonly marketOf = new Map<string, string>();
  private staleTimer: ReturnType<typeof setInterval> | null = null;
  private quietTimer: ReturnType<typeof setInterval> | null = null;
  private readonly listeners: Array<(event: FeedEvent) => void> = [];
  private readonly fatalListeners: Array<(error: FeedError) => void> = [];
  private readonly resyncListeners: Array<(assetId: string, cause: string) => void> = [];

  private readonly options: Settled;
  /** Mids and prints of every watched asset (store `history`), backfilled from `/prices-history`. */
  readonly history: PriceHistory | null;

  /** `assets`: token ids (77-digit strings), or assets resolved from Gamma (labels, markets). */
  constructor(assets: readonly (string | ResolvedAsset)[], given: SessionOptions = {}) {
    const options = (this.options = settle(given));
    const resolved = assets.map((a) => (typeof a === 'string' ? { assetId: a, market: null, question: null, outcome: null } : a));
    this.ids = [...new Set(resolved.map((a) => a.assetId))];
    for (const a of resolved) {
      if (!this.resolvedOf.has(a.assetId)) this.resolvedOf.set(a.assetId, a);
      if (a.market) this.marketOf.set(a.assetId, a.market);
    }
    this.fps = options.fps;
    // Only the subscribed assets are kept: price_change carries both outcomes whatever was asked.
    this.engine.track(this.assetIds);
    setDepth(this.store, options.depth);
    watchAssets(this.store, this.assetIds);
    this.publisher = new BookPublisher(this.engine, this.store, { intervalMs: 1000 / options.fps });
    for (const a of resolved) this.labelAsset(a);
    this.feed = new MarketFeed({ ...options, silenceCheck: (_id, ids) => this.quiet.silenceCheck(ids) });
    this.recorder = options.recorder ?? (options.record ? new FrameRecorder(options.record) : null);
    this.resyncer = options.api ? this.createResyncer(options.api) : null;
    this.quiet = new QuietWatch(
      this.engine,
      this.feed,
      this.resyncer,
      { quietAfterMs: options.quietAfterMs ?? DEFAULT_QUIET_AFTER_MS },
      (finding) => this.engine.onFinding?.(finding),
      () => this.publisher.schedule(),
      (assetId, cause) => {
        for (const listener of this.resyncListeners) listener(assetId, cause);
      },
    );
    this.history = options.history === false ? null : new PriceHistory(this.store);
    this.history?.attach(this.publisher);
    this.wireLogging();
  }

  /** The session's logger (the log file), for what runs beside it (`--on-alert`). */
  get logger(): Logger {
    return this.options.logger;
  }

  /** The watched assets, in display order (it changes with `addAssets` / `removeAssets`). */
  get assetIds(): readonly string[] {
    return this.ids;
  }

  /** What an asset was resolved as (its labels, market and end), or null for an unknown id. */
  resolvedAsset(assetId: string): ResolvedAsset | null {
    return this.resolvedOf.get(assetId) ?? null;
  }

  /**
   * Watches more assets while running: tracked by the engine, shown as tabs, subscribed on the
   * open socket (with the initial dump, §13.1), painted from REST until the dump arrives, and
   * written to the recording's side file. Assets already watched are ignored.
   */
  addAssets(assets: readonly ResolvedAsset[]): void {
    const fresh = assets.filter((a, i) => !this.resolvedOf.has(a.assetId) && assets.findIndex((b) => b.assetId === a.assetId) === i);
    if (fresh.length === 0) return;
    const ids = fresh.map((a) => a.assetId);
    for (const a of fresh) {
      this.resolvedOf.set(a.assetId, a);
      if (a.market) this.marketOf.set(a.assetId, a.market);
    }
    this.ids = [...this.ids, ...ids];
    this.engine.track(ids);
    watchAssets(this.store, ids);
    for (const a of fresh) this.labelAsset(a);
    if (this.started) {
      this.feed.subscribe(ids);
      void this.resyncer?.seed(ids, 'bootstrap');
      this.quiet.reset(ids);
      // The HISTORY part's backfill, when this build has it.
      (this as { backfillHistory?: (ids: readonly string[]) => unknown }).backfillHistory?.(ids);
    }
    this.recordMeta();
    this.options.logger.info({ assets: ids.length, total: this.ids.length }, 'assets added');
  }

  /**
   * Stops watching assets while running: unsubscribed on their connection, untracked (so frames
   * still in flight for them are ignored), their tabs and history dropped. Unknown ids are ignored.
   */
  removeAssets(assetIds: readonly string[]): void {
    const drop = new Set(assetIds.filter((id) => this.resolvedOf.has(id)));
    if (drop.size === 0) return;
    const ids = [...drop];
    this.ids = this.ids.filter((id) => !drop.has(id));
    this.feed.unsubscribe(ids);
    this.engine.untrack(ids);
    this.publisher.forget(ids);
    this.history?.forget(ids);
    this.quiet.reset(ids);
    for (const id of ids) {
      this.resolvedOf.delete(id);
      this.marketOf.delete(id);
      this.staleSince.delete(id);
      this.untrustedRetries.delete(id);
    }
    dropAssets(this.store, ids);
    this.recordMeta();
    this.options.logger.info({ assets: ids.length, total: this.ids.length }, 'assets removed');
  }

  /**
   * Fills the start of the assets' price history from CLOB `/prices-history` (the last day, a point
   * a minute), so the chart is not empty at start. A failure leaves that history empty and is
   * logged; it never stops the session. Without REST (`--no-rest-sync`) it does nothing. The
   * screen asks for it at start (watch-run.ts `runTui`): piped, nothing draws the history, so the
   * venue is not asked for it.
   */
  async backfillHistory(assetIds: readonly string[]): Promise<void> {
    const api = this.options.api;
    if (!api || !this.history) return;
    const log = this.options.logger;
    // A few at a time: a day of minutes is ~1,440 points an asset, and 5,000 answers in flight at
    // once held a quarter of a GB of response text at the same moment.
    const queue = [...assetIds];
    // Minutes per point: the same ten hours whatever the budget leaves an asset (HISTORY_LIMIT
    // minutes at one a minute for a few assets; at 5,000 assets 120 points, one per five minutes),
    // so the venue does not send 1,440 points an asset for the store to drop nine in ten.
    const fidelity = Math.max(1, Math.ceil(HISTORY_LIMIT / this.history.limitFor(this.ids.length)));
    const worker = async (): Promise<void> => {
      for (let assetId = queue.shift(); assetId !== undefined; assetId = queue.shift()) {
        try {
          const points = await api.pricesHistory(assetId, { interval: '1d', fidelity });
          this.history?.backfill(assetId, points);
          log.debug({ asset: assetId, points: points.length }, 'price history backfilled');
        } catch (error) {
          log.warn({ asset: assetId, err: (error as Error).message }, 'price history backfill failed');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(BACKFILL_CONCURRENCY, queue.length) }, worker));
  }

  private labelAsset(a: ResolvedAsset): void {
    if (a.outcome || a.question || a.endsAt != null) this.publisher.label(a.assetId, { outcome: a.outcome, question: a.question, endsAt: a.endsAt ?? null });
  }

  /** Every parsed event, after the engine applied it. */
  onEvent(listener: (event: FeedEvent) => void): void {
    this.listeners.push(listener);
  }

  onFatal(listener: (error: FeedError) => void): void {
    this.fatalListeners.push(listener);
  }

  onResync(listener: (assetId: string, cause: string) => void): void {
    this.resyncListeners.push(listener);
  }

  onFinding(listener: (finding: Finding) => void): void {
    const previous = this.engine.onFinding;
    this.engine.onFinding = (finding) => {
      previous?.(finding);
      listener(finding);
    };
  }

  start(): void {
    this.started = true;
    const recorder = this.recorder;
    if (recorder) {
      this.feed.on('frame', (text: string) => recorder.write(text));
      // The recorder's error says what went wrong, in words; the recording ends on a whole line.
      recorder.onError((error) => this.fail(new FeedError('feed.recordFailed', `cannot write the recording ${recorder.path}: ${error.message}`)));
      this.recordMeta();
    }
    const log = this.options.logger;
    this.binding = bindFeed(this.feed, this.publisher, (event) => {
      // Malformed input is skipped (the engine never sees it) and counted; say what it was.
      if (event.kind === 'invalid') log.warn({ reason: event.reason, eventType: event.eventType }, `skipped: ${event.detail}`);
      else if (event.kind === 'unknown') log.debug({ eventType: event.eventType }, 'unknown event type');
      for (const listener of this.listeners) listener(event);
    });
    this.feed.on('fatal', (error: FeedError) => this.fail(error));
    this.feed.subscribe(this.assetIds);
    this.feed.start();
    if (this.resyncer) {
      // Paint from REST before the dump arrives, and learn the hash inputs the WebSocket lacks.
      void this.resyncer.seed(this.assetIds, 'bootstrap');
      this.staleTimer = setInterval(() => this.resyncStale(), 1000);
    }
    const quietAfter = this.options.quietAfterMs ?? DEFAULT_QUIET_AFTER_MS;
    if (quietAfter > 0) this.quietTimer = setInterval(() => this.quiet.tick(), Math.max(20, Math.min(1000, quietAfter / 4)));
    this.options.logger.info({ assets: this.assetIds.length, url: this.options.url }, 'watch started');
  }

  async stop(): Promise<void> {
    if (this.staleTimer) clearInterval(this.staleTimer);
    if (this.quietTimer) clearInterval(this.quietTimer);
    this.resyncer?.close();
    await this.feed.stop();
    this.binding?.unbind();
    this.publisher.publishNow();
    this.publisher.close();
    await this.recorder?.close();
    this.options.logger.info({ frames: this.binding?.stats.frames, invalid: this.binding?.stats.invalid }, 'watch stopped');
  }

  /** Ends the session as a fatal error of its own feed would: a companion feed's (`watch --orders`' user channel). */
  abort(error: FeedError): void {
    this.fail(error);
  }

  private fail(error: FeedError): void {
    this.options.logger.error({ code: error.code }, error.message);
    for (const listener of this.fatalListeners) listener(error);
  }

  /** Writes what replay needs to verify the venue hash beside the recording (recording-meta.ts). */
  private recordMeta(): void {
    if (!this.recorder) return;
    this.recorder.setMeta({
      assets: this.assetIds.map((assetId) => {
        const asset = this.engine.assets.get(assetId);
        return { assetId, market: asset?.market || this.marketOf.get(assetId) || null, tickSize: asset?.tickSize ?? null };
      }),
      markets: [...this.recordedMarkets()],
    });
  }

  private *recordedMarkets(): Generator<RecordedMarketMeta> {
    const seen = new Set<string>();
    for (const asset of this.engine.assets.values()) {
      const meta = asset.market === '' || seen.has(asset.market) ? undefined : this.engine.hashAudit.metaOf(asset.market);
      if (!meta) continue;
      seen.add(asset.market);
      yield { market: asset.market, minOrderSize: meta.minOrderSize, negRisk: meta.negRisk };
    }
  }

  private createResyncer(api: VenueApi): Resyncer {
    const log = this.options.logger;
    return new Resyncer(api, {
      book: (event, cause) => {
        if (!this.trusted(event, cause)) return;
        this.afterRest(event);
        if (cause === QUIET_CAUSE) return this.quiet.answer(event);
        // Bootstrap and reconnect only fill in until the WebSocket dump; audits replace a wrong book.
        if (!this.engine.applyRestBook(event, cause, Date.now(), RESYNC_ON.has(cause as Finding['kind']))) {
          log.debug({ asset: event.assetId, cause }, 'live book kept; REST body used for its hash inputs');
          return;
        }
        this.staleSince.delete(event.assetId);
        this.publisher.schedule();
        for (const listener of this.resyncListeners) listener(event.assetId, cause);
        log.info({ asset: event.assetId, cause }, 'book resynced from REST');
      },
      resolved: (assetId) => {
        this.engine.markResolved(assetId);
        this.publisher.schedule();
        log.info({ asset: assetId }, 'REST /book 404: market resolved');
      },
      failed: (assetId, cause, error) => log.warn({ asset: assetId, cause, err: error.message }, 'REST resync failed'),
    });
  }

  /**
   * A REST body whose own venue hash does not reproduce (every input present) is a placeholder or
   * worse (POLYMARKET.md §13.9): it replaces nothing and teaches nothing. Counted, logged, and
   * asked for again later, waiting longer each time.
   */
  private trusted(event: BookEvent, cause: string): boolean {
    if (trustedRestBook(event)) {
      this.untrustedRetries.delete(event.assetId);
      return true;
    }
    const asset = this.engine.assets.get(event.assetId);
    if (!asset) return false;
    asset.integrity.rest_untrusted++;
    const tries = (this.untrustedRetries.get(event.assetId) ?? 0) + 1;
    this.untrustedRetries.set(event.assetId, tries);
    const wait = Math.min(60_000, UNTRUSTED_RETRY_MS * 2 ** (tries - 1));
    this.engine.onFinding?.({
      assetId: event.assetId,
      kind: 'rest_untrusted',
      detail: `REST /book at ${event.timestamp} does not reproduce its own hash; not used (retry in ${wait / 1000}s)`,
    });
    this.resyncer?.retryLater(event.assetId, cause, wait, urgencyOf(cause));
    this.engine.dirty.add(event.assetId);
    this.publisher.schedule();
    return false;
  }

  /** A trusted REST body: its hash inputs serve the audit (and the recording's side file). */
  private afterRest(event: BookEvent): void {
    if (event.minOrderSize === undefined || event.negRisk === undefined || !this.engine.isTracked(event.assetId)) return;
    this.engine.setBookMeta(
      event.market,
      { minOrderSize: event.minOrderSize, negRisk: event.negRisk },
      event.tickSize === undefined ? undefined : { assetId: event.assetId, tickSize: event.tickSize },
    );
    this.recordMeta();
  }

  private resyncStale(): void {
    const limit = this.options.staleLimitMs ?? 10_000;
    const now = Date.now();
    for (const [id, since] of this.staleSince) {
      if (!this.engine.assets.get(id)?.stale) this.staleSince.delete(id);
      else if (now - since > limit) this.resyncer?.request(id, 'stale', 'bulk');
    }
  }

  private wireLogging(): void {
    const log = this.options.logger;
    const lastState = new Map<string, string>();
    this.feed.on('health', (health: ConnectionHealth) => {
      const key = `${health.state}|${health.attempt}`;
      if (lastState.get(health.id) === key) return;
      lastState.set(health.id, key);
      log.info({ connection: health.id, state: health.state, attempt: health.attempt, cause: health.lastDisconnectCause }, 'connection');
    });
    this.feed.on('down', (assets: string[], cause: string, id: string) => {
      const now = Date.now();
      for (const asset of assets) if (!this.staleSince.has(asset)) this.staleSince.set(asset, now);
      log.warn({ connection: id, assets: assets.length, cause }, 'connection down; books stale');
    });
    this.feed.on('up', (assets: string[], reopened: boolean) => {
      this.quiet.reset(assets);
      // One batched /books pass for the whole connection (§13.8), behind any audit's fetch.
      if (reopened) for (const asset of assets) this.resyncer?.request(asset, 'reconnect', 'bulk');
    });
    this.engine.onFinding = (finding) => {
      log.warn({ asset: finding.assetId, kind: finding.kind }, finding.detail);
      if (RESYNC_ON.has(finding.kind)) this.resyncer?.request(finding.assetId, finding.kind, 'urgent');
    };
  }
}
