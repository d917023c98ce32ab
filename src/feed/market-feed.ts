/**
 * The market channel for any number of assets: spreads them over connections of at most 200
 * (POLYMARKET.md §13.2: connections with ~250 assets have been seen to stall silently), subscribes
 * in frames of at most 100 ids, each asking for the initial dump (§13.1: without it some assets
 * never get a snapshot), changes subscriptions on open sockets, and re-sends every subscription
 * after a reconnect (the venue keeps none, §2.2).
 *
 * Each frame is parsed once, here. Data naming one of a connection's assets (book, price_change,
 * last_trade_price, tick_size_change, best_bid_ask) feeds that connection's silence watchdog and
 * the asset's last-data time; broadcasts (new_market, market_resolved) and PONGs do not.
 *
 * One feed serves every consumer (store, recorder, NDJSON writer): listen to its events.
 * Events: 'frame' (text, connectionId) exactly as received, 'parsed' (ParsedFrame, connectionId),
 * 'down' (assetIds, cause, connectionId) when a connection's books went stale, 'up' (assetIds,
 * reopened, connectionId) once subscribed, 'health' (ConnectionHealth), 'fatal' (FeedError).
 */
import { EventEmitter } from 'node:events';
import type { FeedEvent, ParsedFrame } from '../protocol/events.js';
import { parseFrame } from '../protocol/parse-frame.js';
import { FeedConnection, type ConnectionOptions, type SilenceVerdict } from './connection.js';
import type { FeedError } from './errors.js';
import type { ConnectionHealth, ConnectionState } from './health.js';
import { DEFAULT_ASSETS_PER_CONNECTION, DEFAULT_MARKET_URL } from './endpoints.js';

export { DEFAULT_ASSETS_PER_CONNECTION, DEFAULT_MARKET_URL };

/** Timing knobs passed through to each connection. */
export type ConnectionTiming = Pick<ConnectionOptions, 'pingIntervalMs' | 'pongTimeoutMs' | 'silenceMs' | 'backoff' | 'maxAttempts' | 'now' | 'random'>;

export interface MarketFeedOptions extends ConnectionTiming {
  readonly url?: string;
  readonly maxAssetsPerConnection?: number;
  readonly chunkSize?: number;
  /** Ask for best_bid_ask / new_market / market_resolved (default true). */
  readonly customFeatures?: boolean;
  /**
   * Asked when a connection's silence limit passes (see FeedConnection `silenceCheck`): whether
   * its assets are proven quiet. Without it a silence is a freeze.
   */
  readonly silenceCheck?: (connectionId: string, assetIds: readonly string[], silentForMs: number) => SilenceVerdict;
}

interface Shard {
  readonly id: string;
  readonly connection: FeedConnection;
  readonly assets: Set<string>;
}

/** The asset a data event names; null for broadcasts and for what is not market data. */
function dataAsset(event: FeedEvent): string | null {
  switch (event.kind) {
    case 'book':
    case 'last_trade_price':
    case 'tick_size_change':
    case 'best_bid_ask':
      return event.assetId;
    default:
      return null;
  }
}

/** Splits ids into frames of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** What the market feed emits (listener arguments, by event name). */
export interface MarketFeedEvents {
  /** A text frame exactly as received, and the connection it came on. */
  frame: [text: string, connectionId: string];
  /** The same frame, parsed (once, here). */
  parsed: [frame: ParsedFrame, connectionId: string];
  /** A connection dropped: these assets' books are stale until fresh snapshots. */
  down: [assetIds: string[], cause: string, connectionId: string];
  /** A connection is subscribed (`reopened` after a reconnect). */
  up: [assetIds: string[], reopened: boolean, connectionId: string];
  health: [health: ConnectionHealth];
  fatal: [error: FeedError];
}

export class MarketFeed extends EventEmitter<MarketFeedEvents> {
  private readonly shards: Shard[] = [];
  private readonly url: string;
  private readonly perConnection: number;
  private readonly chunkSize: number;
  private readonly custom: boolean;
  private started = false;
  private nextId = 0;
  /** Local ms of the last data naming each subscribed asset. */
  private readonly lastData = new Map<string, number>();
  private readonly now: () => number;

  constructor(private readonly options: MarketFeedOptions = {}) {
    super();
    this.url = options.url ?? DEFAULT_MARKET_URL;
    this.now = options.now ?? Date.now;
    this.perConnection = options.maxAssetsPerConnection ?? DEFAULT_ASSETS_PER_CONNECTION;
    this.chunkSize = Math.min(options.chunkSize ?? 100, 100);
    this.custom = options.customFeatures ?? true;
  }

  /** Every subscribed asset. */
  assets(): string[] {
    return this.shards.flatMap((s) => [...s.assets]);
  }

  connections(): readonly FeedConnection[] {
    return this.shards.map((s) => s.connection);
  }

  /** Local ms when data last named this asset on its connection; null before any. */
  lastDataAt(assetId: string): number | null {
    return this.lastData.get(assetId) ?? null;
  }

  /** The id of the connection carrying an asset, or null. */
  connectionOf(assetId: string): string | null {
    return this.shards.find((s) => s.assets.has(assetId))?.id ?? null;
  }

  /** The state of the connection carrying an asset, or null when none does. */
  stateOf(assetId: string): ConnectionState | null {
    return this.shards.find((s) => s.assets.has(assetId))?.connection.currentState ?? null;
  }

  /** The assets a connection carries. */
  assetsOf(connectionId: string): string[] {
    return [...(this.shards.find((s) => s.id === connectionId)?.assets ?? [])];
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    if (this.shards.length === 0) this.addShard();
    for (const shard of this.shards) shard.connection.start();
  }

  async stop(): Promise<void> {
    this.started = false;
    await Promise.all(this.shards.map((s) => s.connection.stop()));
  }

  /** Subscribes more assets; open sockets get `operation: subscribe` frames at once. */
  subscribe(assetIds: readonly string[]): void {
    const known = new Set(this.assets());
    const fresh = [...new Set(assetIds)].filter((id) => !known.has(id));
    const added = new Map<Shard, string[]>();
    for (const id of fresh) {
      const shard = this.shards.find((s) => s.assets.size < this.perConnection) ?? this.addShard();
      shard.assets.add(id);
      added.set(shard, [...(added.get(shard) ?? []), id]);
    }
    for (const [shard, ids] of added) {
      if (shard.connection.isOpen) for (const frame of this.operationFrames('subscribe', ids)) shard.connection.send(frame);
      else if (this.started) shard.connection.start();
    }
  }

  /** Unsubscribes assets; a connection left with none is closed. */
  unsubscribe(assetIds: readonly string[]): void {
    const drop = new Set(assetIds);
    for (const shard of [...this.shards]) {
      const ids = [...shard.assets].filter((id) => drop.has(id));
      if (ids.length === 0) continue;
      for (const id of ids) {
        shard.assets.delete(id);
        this.lastData.delete(id);
      }
      if (shard.assets.size === 0 && this.shards.length > 1) {
        this.shards.splice(this.shards.indexOf(shard), 1);
        void shard.connection.stop();
      } else if (shard.connection.isOpen) {
        for (const frame of this.operationFrames('unsubscribe', ids)) shard.connection.send(frame);
      }
    }
  }

  private addShard(): Shard {
    const id = `market-${this.nextId++}`;
    const assets = new Set<string>();
    const { silenceCheck: check, ...timing } = this.options;
    const connection = new FeedConnection({
      ...timing,
      id,
      channel: 'market',
      url: this.url,
      openFrames: () => this.openFrames([...assets]),
      carried: () => assets.size,
      dataFromFrames: false,
      ...(check ? { silenceCheck: (silentForMs: number) => check(id, [...assets], silentForMs) } : {}),
    });
    const shard: Shard = { id, connection, assets };
    connection.on('frame', (text: string) => this.onFrame(shard, text));
    connection.on('down', (cause: string) => this.emit('down', [...assets], cause, id));
    connection.on('open', (reopened: boolean) => this.emit('up', [...assets], reopened, id));
    connection.on('health', (health) => this.emit('health', health));
    connection.on('fatal', (error) => this.emit('fatal', error));
    this.shards.push(shard);
    return shard;
  }

  private onFrame(shard: Shard, text: string): void {
    this.emit('frame', text, shard.id);
    const frame: ParsedFrame = parseFrame(text);
    let data = false;
    const now = this.now();
    for (const event of frame.events) {
      if (event.kind === 'price_change') {
        for (const change of event.changes) data = this.noteAsset(shard, change.assetId, now) || data;
      } else {
        const id = dataAsset(event);
        if (id !== null) data = this.noteAsset(shard, id, now) || data;
      }
    }
    if (data) shard.connection.noteData();
    this.emit('parsed', frame, shard.id);
  }

  private noteAsset(shard: Shard, assetId: string, now: number): boolean {
    if (!shard.assets.has(assetId)) return false;
    this.lastData.set(assetId, now);
    return true;
  }

  /** The typed subscription first (at most 100 ids), then `operation: subscribe` for the rest. */
  private openFrames(ids: readonly string[]): string[] {
    const [first = [], ...rest] = chunks(ids, this.chunkSize);
    const initial: Record<string, unknown> = { assets_ids: first, type: 'market', initial_dump: true };
    if (this.custom) initial.custom_feature_enabled = true;
    return [JSON.stringify(initial), ...rest.map((chunk) => this.operationFrame('subscribe', chunk))];
  }

  private operationFrames(operation: 'subscribe' | 'unsubscribe', ids: readonly string[]): string[] {
    return chunks(ids, this.chunkSize).map((chunk) => this.operationFrame(operation, chunk));
  }

  private operationFrame(operation: 'subscribe' | 'unsubscribe', ids: readonly string[]): string {
    const frame: Record<string, unknown> = { assets_ids: ids, operation };
    if (operation === 'subscribe') {
      frame.initial_dump = true;
      if (this.custom) frame.custom_feature_enabled = true;
    }
    return JSON.stringify(frame);
  }
}
