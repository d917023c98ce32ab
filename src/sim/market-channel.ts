/**
 * `/ws/market`: the subscription handshake, keepalive and delivery rules of POLYMARKET.md §2, §3
 * and §11.1–§11.4:
 *
 * - the first text frame must be a subscription (`{"assets_ids":[...],"type":"market"}`; an
 *   `operation:"subscribe"` is accepted in it too, as the Rust client sends); anything else,
 *   including `PING`, closes with 1008 `invalid subscription payload`;
 * - then `PING` ⇒ `PONG`; `{"operation":"subscribe"|"unsubscribe","assets_ids":[...]}` changes the
 *   set (a subscribe answers with the new assets' snapshots; assets the connection already has are
 *   ignored, §13.13); any other frame ⇒ `INVALID OPERATION` (the socket stays open);
 * - a connection that sends nothing (text or WebSocket ping) for `idleTimeoutMs` is dropped.
 */
import type { RawData, WebSocket } from 'ws';
import { operationFrame, parseObject, stringList } from './client-frames.js';
import type { FaultState } from './faults.js';
import { Outbox, type DeliveryCount } from './outbox.js';
import type { Audience, Out } from './frames.js';

/** Where subscriptions get their snapshots and (in replay mode) their stream. */
export interface MarketSource {
  /**
   * A connection subscribed to `assets` (its first subscription when `initial`): only the ones it
   * did not have yet, so a repeated subscribe arrives here with none.
   */
  subscribed(conn: MarketConn, assets: readonly string[], initial: boolean): void;
  /** The connection closed. */
  closed?(conn: MarketConn): void;
}

interface Subscription {
  readonly assets: readonly string[];
  readonly custom: boolean;
  readonly initialDump: boolean;
}

let nextId = 1;

export class MarketConn {
  readonly id = nextId++;
  subscribed = false;
  readonly assets = new Set<string>();
  custom = false;
  /** Whether the subscription asked for the initial dump (`initial_dump: false` skips it). */
  wantsDump = true;
  lastSeen = Date.now();
  subscribedAt = 0;
  readonly outbox: Outbox;

  constructor(
    readonly ws: WebSocket,
    private readonly faults: FaultState,
    delivered: DeliveryCount | null = null,
  ) {
    this.outbox = new Outbox(ws, delivered);
  }

  /** Silent-freeze faults: the socket stays up, PING is answered, data stops (§10, §13.2). */
  stalled(): boolean {
    if (this.faults.stallAll) return true;
    const above = this.faults.stallAboveAssets;
    if (above !== null && this.assets.size > above) return true;
    const after = this.faults.stallAfterMs;
    return after !== null && this.subscribed && Date.now() - this.subscribedAt >= after;
  }

  /** Adds `ids` to the subscription; returns the ones it did not hold yet, in order. */
  add(ids: readonly string[]): string[] {
    const fresh: string[] = [];
    for (const id of ids) {
      if (this.assets.has(id)) continue;
      this.assets.add(id);
      fresh.push(id);
    }
    return fresh;
  }

  /** Queues a data frame unless the connection is frozen. */
  sendData(text: string): void {
    if (!this.stalled()) this.outbox.push(text);
  }

  /** Whether an event for `assets` and `audience` is for this connection. */
  wants(assets: readonly string[], audience: Audience): boolean {
    if (!this.subscribed) return false;
    if (audience === 'custom-all') return this.custom;
    if (audience === 'custom-subscribers' && !this.custom) return false;
    for (const id of assets) if (this.assets.has(id)) return true;
    return false;
  }
}

export function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

/** Reads a first (initial) subscription; null when it is not one. */
export function parseSubscription(text: string): Subscription | null {
  const raw = parseObject(text);
  if (!raw) return null;
  const assets = stringList(raw.assets_ids);
  if (!assets) return null;
  const type = typeof raw.type === 'string' ? raw.type.toLowerCase() : null;
  const operation = typeof raw.operation === 'string' ? raw.operation.toLowerCase() : null;
  if (type !== 'market' && !(type === null && operation === 'subscribe')) return null;
  return { assets, custom: raw.custom_feature_enabled === true, initialDump: raw.initial_dump !== false };
}

export class MarketChannel {
  readonly conns = new Set<MarketConn>();
  /** Everything handed to market sockets since start. */
  readonly delivered: DeliveryCount = { frames: 0, chars: 0 };

  constructor(
    private readonly feed: MarketSource,
    readonly faults: FaultState,
  ) {}

  accept(ws: WebSocket): void {
    const conn = new MarketConn(ws, this.faults, this.delivered);
    this.conns.add(conn);
    ws.on('message', (data) => this.onMessage(conn, rawText(data)));
    ws.on('ping', () => (conn.lastSeen = Date.now()));
    ws.on('close', () => {
      this.conns.delete(conn);
      this.feed.closed?.(conn);
    });
    ws.on('error', () => ws.terminate());
  }

  private onMessage(conn: MarketConn, text: string): void {
    conn.lastSeen = Date.now();
    if (!conn.subscribed) return this.onFirst(conn, text);
    const frame = operationFrame(conn, text, this.faults.mutePong, 'assets_ids');
    if (!frame) return;
    const { operation, ids: assets, raw } = frame;
    if (operation === 'unsubscribe') {
      for (const id of assets) conn.assets.delete(id);
      return;
    }
    if (raw.custom_feature_enabled === true) conn.custom = true;
    this.feed.subscribed(conn, conn.add(assets), false);
  }

  private onFirst(conn: MarketConn, text: string): void {
    const sub = text.trim() === 'PING' ? null : parseSubscription(text);
    if (!sub) {
      conn.ws.close(1008, 'invalid subscription payload');
      return;
    }
    conn.subscribed = true;
    conn.subscribedAt = Date.now();
    conn.custom = sub.custom;
    conn.wantsDump = sub.initialDump;
    this.feed.subscribed(conn, conn.add(sub.assets), true);
  }

  /** Delivers one batch of frames to every connection that wants them and is not frozen. */
  deliver(outs: readonly Out[]): void {
    for (const conn of this.conns) {
      if (!conn.subscribed || conn.stalled()) continue;
      for (const out of outs) if (conn.wants(out.assets, out.audience)) conn.outbox.push(out.text);
    }
  }

  /** Frames queued on market connections and not yet handed to their sockets. */
  queued(): number {
    let n = 0;
    for (const conn of this.conns) n += conn.outbox.pending;
    return n;
  }

  /** Terminates connections silent for longer than `idleMs` (no PING, no frame, no WS ping). */
  sweepIdle(idleMs: number): void {
    const now = Date.now();
    for (const conn of this.conns) if (now - conn.lastSeen > idleMs) conn.ws.terminate();
  }
}
