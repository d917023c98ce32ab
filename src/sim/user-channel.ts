/**
 * `/ws/user` (POLYMARKET.md §2.4, §7): the first frame must be
 * `{"auth":{"apiKey","secret","passphrase"},"markets":[...],"type":"user"}`.
 *
 * - not a subscription (or `PING` first): close 1008 `invalid subscription payload`, as on
 *   the market channel;
 * - a well-formed subscription with the wrong key set: close 4001 `invalid auth` (the venue's
 *   behaviour is undocumented, §2.4; a distinct code lets a client treat it as fatal);
 * - then `PING` ⇒ `PONG`, `{"operation":"subscribe"|"unsubscribe","markets":[...]}` edits the
 *   market filter, anything else ⇒ `INVALID OPERATION`. An empty `markets` means every market.
 *
 * The secret is compared and never logged or echoed.
 */
import type { WebSocket } from 'ws';
import type { FaultState } from './faults.js';
import { operationFrame, parseObject, stringList } from './client-frames.js';
import { rawText } from './market-channel.js';
import { Outbox } from './outbox.js';
import { AUTH_FAILED_CODE, AUTH_FAILED_REASON, type UserCredentials } from './user-auth.js';

export { AUTH_FAILED_CODE, AUTH_FAILED_REASON, TEST_CREDENTIALS, type UserCredentials } from './user-auth.js';

class UserConn {
  subscribed = false;
  allMarkets = true;
  readonly markets = new Set<string>();
  lastSeen = Date.now();
  readonly outbox: Outbox;

  constructor(readonly ws: WebSocket) {
    this.outbox = new Outbox(ws);
  }
}

export class UserChannel {
  readonly conns = new Set<UserConn>();

  constructor(
    private readonly credentials: UserCredentials,
    private readonly faults: FaultState,
  ) {}

  accept(ws: WebSocket): void {
    const conn = new UserConn(ws);
    this.conns.add(conn);
    ws.on('message', (data) => this.onMessage(conn, rawText(data)));
    ws.on('ping', () => (conn.lastSeen = Date.now()));
    ws.on('close', () => this.conns.delete(conn));
    ws.on('error', () => ws.terminate());
  }

  /** Sends a user event about `market` to every authenticated connection following it. */
  deliver(market: string, text: string): void {
    for (const conn of this.conns) {
      if (conn.subscribed && (conn.allMarkets || conn.markets.has(market))) conn.outbox.push(text);
    }
  }

  sweepIdle(idleMs: number): void {
    const now = Date.now();
    for (const conn of this.conns) if (now - conn.lastSeen > idleMs) conn.ws.terminate();
  }

  private onMessage(conn: UserConn, text: string): void {
    conn.lastSeen = Date.now();
    if (!conn.subscribed) return this.onFirst(conn, text);
    const frame = operationFrame(conn, text, this.faults.mutePong, 'markets', true);
    if (!frame) return;
    const { operation, ids: markets } = frame;
    if (operation === 'subscribe') {
      if (markets.length > 0) conn.allMarkets = false;
      for (const id of markets) conn.markets.add(id);
    } else {
      for (const id of markets) conn.markets.delete(id);
    }
  }

  private onFirst(conn: UserConn, text: string): void {
    const raw = text.trim() === 'PING' ? null : parseObject(text);
    const auth = raw?.auth;
    const markets = stringList(raw?.markets, true);
    const type = typeof raw?.type === 'string' ? raw.type.toLowerCase() : null;
    if (!raw || type !== 'user' || typeof auth !== 'object' || auth === null || !markets) {
      conn.ws.close(1008, 'invalid subscription payload');
      return;
    }
    const given = auth as Record<string, unknown>;
    const c = this.credentials;
    if (given.apiKey !== c.apiKey || given.secret !== c.secret || given.passphrase !== c.passphrase) {
      conn.ws.close(AUTH_FAILED_CODE, AUTH_FAILED_REASON);
      return;
    }
    conn.subscribed = true;
    conn.allMarkets = markets.length === 0;
    for (const id of markets) conn.markets.add(id);
  }
}
