/**
 * A watching session: one market feed feeding one engine and store, plus the optional recorder and
 * logging. Pipe mode and the terminal UI both run on top of it.
 */
import type { Logger } from 'pino';
import { BookEngine, type Finding } from '../book/engine.js';
import { MarketFeed, type ConnectionTiming } from '../feed/market-feed.js';
import { FrameRecorder } from '../feed/recorder.js';
import type { ConnectionHealth } from '../feed/health.js';
import type { FeedError } from '../feed/errors.js';
import type { FeedEvent } from '../protocol/events.js';
import { bindFeed, type FeedBinding } from '../../store/feed-binding.js';
import { BookPublisher } from '../../store/publisher.js';
import { createPolybookStore, setDepth, watchAssets, type PolybookStore } from '../../store/store.js';

export interface SessionOptions extends ConnectionTiming {
  readonly url: string;
  readonly depth: number;
  readonly fps: number;
  readonly record?: string;
  readonly logger: Logger;
}

export class WatchSession {
  readonly engine = new BookEngine();
  readonly store: PolybookStore = createPolybookStore();
  readonly publisher: BookPublisher;
  readonly feed: MarketFeed;
  readonly recorder: FrameRecorder | null;
  readonly fps: number;
  private binding: FeedBinding | null = null;
  private readonly listeners: Array<(event: FeedEvent) => void> = [];
  private readonly fatalListeners: Array<(error: FeedError) => void> = [];

  constructor(
    readonly assetIds: readonly string[],
    private readonly options: SessionOptions,
  ) {
    this.fps = options.fps;
    setDepth(this.store, options.depth);
    watchAssets(this.store, assetIds);
    this.publisher = new BookPublisher(this.engine, this.store, { intervalMs: 1000 / options.fps });
    this.feed = new MarketFeed(options);
    this.recorder = options.record ? new FrameRecorder(options.record) : null;
    this.wireLogging();
  }

  /** Listens to every parsed event (after the engine applied it). */
  onEvent(listener: (event: FeedEvent) => void): void {
    this.listeners.push(listener);
  }

  onFatal(listener: (error: FeedError) => void): void {
    this.fatalListeners.push(listener);
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
    this.binding = bindFeed(this.feed, this.publisher, (event) => {
      for (const listener of this.listeners) listener(event);
    });
    this.feed.on('fatal', (error: FeedError) => {
      this.options.logger.error({ code: error.code }, error.message);
      for (const listener of this.fatalListeners) listener(error);
    });
    this.feed.subscribe(this.assetIds);
    this.feed.start();
    this.options.logger.info({ assets: this.assetIds.length, url: this.options.url }, 'watch started');
  }

  async stop(): Promise<void> {
    await this.feed.stop();
    this.binding?.unbind();
    this.publisher.publishNow();
    this.publisher.close();
    await this.recorder?.close();
    this.options.logger.info({ stats: this.binding?.stats }, 'watch stopped');
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
    this.feed.on('down', (assets: string[], cause: string, id: string) => log.warn({ connection: id, assets: assets.length, cause }, 'connection down; books stale'));
    this.engine.onFinding = (finding) => log.warn({ asset: finding.assetId, kind: finding.kind }, finding.detail);
  }
}
