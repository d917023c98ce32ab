/**
 * A watching session: one market feed feeding one engine and store, REST bootstrap and resync,
 * the optional recorder, and logging. Pipe mode and the terminal UI both run on top of it.
 */
import type { Logger } from 'pino';
import { BookEngine, type Finding } from '../book/engine.js';
import type { FeedError } from '../feed/errors.js';
import type { ConnectionHealth } from '../feed/health.js';
import { MarketFeed, type ConnectionTiming } from '../feed/market-feed.js';
import { FrameRecorder } from '../feed/recorder.js';
import { Resyncer } from '../feed/resync.js';
import type { VenueApi } from '../feed/venue-api.js';
import type { FeedEvent } from '../protocol/events.js';
import { bindFeed, type FeedBinding } from '../../store/feed-binding.js';
import { BookPublisher } from '../../store/publisher.js';
import { createPolybookStore, setDepth, watchAssets, type PolybookStore } from '../../store/store.js';
import type { ResolvedAsset } from './resolve.js';

export interface SessionOptions extends ConnectionTiming {
  readonly url: string;
  readonly depth: number;
  readonly fps: number;
  readonly record?: string;
  readonly logger: Logger;
  /** REST for bootstrap and resync; null turns both off. */
  readonly api: VenueApi | null;
  /** A book stale this long (no fresh snapshot after a drop) is resynced from REST. */
  readonly staleLimitMs?: number;
}

/** Findings after which a book is refetched from REST. */
const RESYNC_ON = new Set<Finding['kind']>(['hash_mismatch', 'bba_disagreed', 'snapshot_disagreed']);

export class WatchSession {
  readonly engine = new BookEngine();
  readonly store: PolybookStore = createPolybookStore();
  readonly publisher: BookPublisher;
  readonly feed: MarketFeed;
  readonly recorder: FrameRecorder | null;
  readonly fps: number;
  readonly assetIds: readonly string[];
  private binding: FeedBinding | null = null;
  private readonly resyncer: Resyncer | null;
  private readonly staleSince = new Map<string, number>();
  private staleTimer: ReturnType<typeof setInterval> | null = null;
  private readonly listeners: Array<(event: FeedEvent) => void> = [];
  private readonly fatalListeners: Array<(error: FeedError) => void> = [];
  private readonly resyncListeners: Array<(assetId: string, cause: string) => void> = [];

  constructor(
    assets: readonly ResolvedAsset[],
    private readonly options: SessionOptions,
  ) {
    this.assetIds = assets.map((a) => a.assetId);
    this.fps = options.fps;
    setDepth(this.store, options.depth);
    watchAssets(this.store, this.assetIds);
    this.publisher = new BookPublisher(this.engine, this.store, { intervalMs: 1000 / options.fps });
    for (const a of assets) if (a.outcome || a.question) this.publisher.label(a.assetId, { outcome: a.outcome, question: a.question });
    this.feed = new MarketFeed(options);
    this.recorder = options.record ? new FrameRecorder(options.record) : null;
    this.resyncer = options.api ? this.createResyncer(options.api) : null;
    this.wireLogging();
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
    const recorder = this.recorder;
    if (recorder) this.feed.on('frame', (text: string) => recorder.write(text));
    const log = this.options.logger;
    this.binding = bindFeed(this.feed, this.publisher, (event) => {
      // Malformed input is skipped (the engine never sees it) and counted; say what it was.
      if (event.kind === 'invalid') log.warn({ reason: event.reason, eventType: event.eventType }, `skipped: ${event.detail}`);
      else if (event.kind === 'unknown') log.debug({ eventType: event.eventType }, 'unknown event type');
      for (const listener of this.listeners) listener(event);
    });
    this.feed.on('fatal', (error: FeedError) => {
      this.options.logger.error({ code: error.code }, error.message);
      for (const listener of this.fatalListeners) listener(error);
    });
    this.feed.subscribe(this.assetIds);
    this.feed.start();
    if (this.resyncer) {
      // Paint from REST before the dump arrives, and learn the hash inputs the WebSocket lacks.
      this.resyncer.seed(this.assetIds, 'bootstrap').catch((error: Error) => this.options.logger.warn({ err: error.message }, 'REST bootstrap failed'));
      this.staleTimer = setInterval(() => this.resyncStale(), 1000);
    }
    this.options.logger.info({ assets: this.assetIds.length, url: this.options.url }, 'watch started');
  }

  async stop(): Promise<void> {
    if (this.staleTimer) clearInterval(this.staleTimer);
    this.resyncer?.close();
    await this.feed.stop();
    this.binding?.unbind();
    this.publisher.publishNow();
    this.publisher.close();
    await this.recorder?.close();
    this.options.logger.info({ frames: this.binding?.stats.frames, invalid: this.binding?.stats.invalid }, 'watch stopped');
  }

  private createResyncer(api: VenueApi): Resyncer {
    const log = this.options.logger;
    return new Resyncer(api, {
      book: (event, cause) => {
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

  private resyncStale(): void {
    const limit = this.options.staleLimitMs ?? 10_000;
    const now = Date.now();
    for (const [id, since] of this.staleSince) {
      if (!this.engine.assets.get(id)?.stale) this.staleSince.delete(id);
      else if (now - since > limit) this.resyncer?.request(id, 'stale');
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
      if (reopened) for (const asset of assets) this.resyncer?.request(asset, 'reconnect');
    });
    this.engine.onFinding = (finding) => {
      log.warn({ asset: finding.assetId, kind: finding.kind }, finding.detail);
      if (RESYNC_ON.has(finding.kind)) this.resyncer?.request(finding.assetId, finding.kind);
    };
  }
}
