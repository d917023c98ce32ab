/**
 * The market channel for any number of assets: spreads them over connections of at most 500
 * (POLYMARKET.md §10: above ~500 per connection deltas stop arriving), subscribes in frames of at
 * most 100 ids (one huge frame made the venue close the socket, §2.2), changes subscriptions on open
 * sockets, and re-sends every subscription after a reconnect (the venue keeps none, §2.2).
 *
 * One feed serves every consumer (store, recorder, NDJSON writer): listen to its events.
 * Events: 'frame' (text, connectionId), 'down' (assetIds, cause, connectionId) when a connection's
 * books went stale, 'up' (assetIds, reopened, connectionId) once subscribed, 'health'
 * (ConnectionHealth), 'fatal' (FeedError).
 */
import { EventEmitter } from 'node:events';
import { FeedConnection, type ConnectionOptions } from './connection.js';

export const DEFAULT_MARKET_URL = 'wss://ws-subscriptions-clob.polymarket.com/ws/market';

/** Timing knobs passed through to each connection. */
export type ConnectionTiming = Pick<
  ConnectionOptions,
  'pingIntervalMs' | 'pongTimeoutMs' | 'silenceMs' | 'backoff' | 'maxAttempts' | 'healthyAfterMs' | 'now' | 'random'
>;

export interface MarketFeedOptions extends ConnectionTiming {
  readonly url?: string;
  readonly maxAssetsPerConnection?: number;
  readonly chunkSize?: number;
  /** Ask for best_bid_ask / new_market / market_resolved (default true). */
  readonly customFeatures?: boolean;
}

interface Shard {
  readonly connection: FeedConnection;
  readonly assets: Set<string>;
}

/** Splits ids into frames of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class MarketFeed extends EventEmitter {
  private readonly shards: Shard[] = [];
  private readonly url: string;
  private readonly perConnection: number;
  private readonly chunkSize: number;
  private readonly custom: boolean;
  private started = false;
  private nextId = 0;

  constructor(private readonly options: MarketFeedOptions = {}) {
    super();
    this.url = options.url ?? DEFAULT_MARKET_URL;
    this.perConnection = options.maxAssetsPerConnection ?? 500;
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
      for (const id of ids) shard.assets.delete(id);
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
    const connection = new FeedConnection({
      ...this.options,
      id,
      channel: 'market',
      url: this.url,
      openFrames: () => this.openFrames([...assets]),
      carried: () => assets.size,
    });
    connection.on('frame', (text: string) => this.emit('frame', text, id));
    connection.on('down', (cause: string) => this.emit('down', [...assets], cause, id));
    connection.on('open', (reopened: boolean) => this.emit('up', [...assets], reopened, id));
    connection.on('health', (health) => this.emit('health', health));
    connection.on('fatal', (error) => this.emit('fatal', error));
    const shard = { connection, assets };
    this.shards.push(shard);
    return shard;
  }

  /** The typed subscription first (at most 100 ids), then `operation: subscribe` for the rest. */
  private openFrames(ids: readonly string[]): string[] {
    const [first = [], ...rest] = chunks(ids, this.chunkSize);
    const initial: Record<string, unknown> = { assets_ids: first, type: 'market' };
    if (this.custom) initial.custom_feature_enabled = true;
    return [JSON.stringify(initial), ...rest.map((chunk) => this.operationFrame('subscribe', chunk))];
  }

  private operationFrames(operation: 'subscribe' | 'unsubscribe', ids: readonly string[]): string[] {
    return chunks(ids, this.chunkSize).map((chunk) => this.operationFrame(operation, chunk));
  }

  private operationFrame(operation: 'subscribe' | 'unsubscribe', ids: readonly string[]): string {
    const frame: Record<string, unknown> = { assets_ids: ids, operation };
    if (operation === 'subscribe' && this.custom) frame.custom_feature_enabled = true;
    return JSON.stringify(frame);
  }
}
