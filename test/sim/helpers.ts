/**
 * Test helpers: real `ws` clients against a real simulator, frame collection with timeouts, and a
 * client-side mirror (parseFrame + BookEngine) to compare with the sim's REST truth.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { BookEngine } from '../../src/book/engine.js';
import type { BookMeta } from '../../src/book/hash-audit.js';
import { bookFingerprint } from '../../src/book/fingerprint.js';
import type { FeedEvent } from '../../src/protocol/events.js';
import { parseFrame, parseRestBook } from '../../src/protocol/parse-frame.js';
import type { RestBookBody, Simulator } from '../../src/sim/index.js';

export const FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/polymarket/', import.meta.url));
export const CAPTURE = `${FIXTURES}live-2026-07-19-polysim/market-frames.jsonl`;

export function captureLines(): string[] {
  const lines = readFileSync(CAPTURE, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns true (or throws after `timeoutMs`). */
export async function until(check: () => boolean, timeoutMs = 3000, what: string | (() => string) = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await sleep(5);
  }
}

/** A connected client that records every text frame and how the socket closed. */
export class Client {
  readonly frames: string[] = [];
  closed: { code: number; reason: string } | null = null;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => this.frames.push(data.toString()));
    ws.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }));
    ws.on('error', () => undefined);
  }

  static async open(url: string): Promise<Client> {
    const ws = new WebSocket(url);
    const client = new Client(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  send(value: unknown): void {
    this.ws.send(typeof value === 'string' ? value : JSON.stringify(value));
  }

  /** Waits for at least `n` frames. */
  async count(n: number, timeoutMs = 3000): Promise<string[]> {
    await until(
      () => this.frames.length >= n,
      timeoutMs,
      () => `${n} frames (have ${this.frames.length})`,
    );
    return this.frames;
  }

  /** Waits for a frame matching `match` and returns it. */
  async waitFor(match: (frame: string) => boolean, timeoutMs = 3000): Promise<string> {
    let found: string | undefined;
    await until(() => (found = this.frames.find(match)) !== undefined, timeoutMs, 'a matching frame');
    return found!;
  }

  async waitClose(timeoutMs = 3000): Promise<{ code: number; reason: string }> {
    await until(() => this.closed !== null, timeoutMs, 'close');
    return this.closed!;
  }

  close(): void {
    this.ws.terminate();
  }
}

/**
 * Sends PING and waits for its PONG. The sim answers a connection's frames in order through one
 * queue, so everything it meant to send before that PONG has then arrived.
 */
export async function roundTrip(client: Client): Promise<void> {
  const pongs = (): number => client.frames.filter((f) => f === 'PONG').length;
  const before = pongs();
  client.send('PING');
  await until(() => pongs() > before, 3000, 'PONG');
}

/** A token's dump element as the market channel shows it, built from its REST /book body (§4.1 key order). */
export function dumpElement(body: RestBookBody): Record<string, unknown> {
  const { market, asset_id, timestamp, hash, bids, asks, tick_size, last_trade_price } = body;
  return { market, asset_id, timestamp, hash, bids, asks, tick_size, event_type: 'book', last_trade_price };
}

export function allAssets(sim: Simulator): string[] {
  return sim.markets().flatMap((m) => m.tokens.map((t) => t.tokenId));
}

/** Subscribes a fresh client to `assets` and waits for the dump (or the bare `[]`). */
export async function subscribed(sim: Simulator, assets: string[], extra: Record<string, unknown> = {}): Promise<Client> {
  const client = await Client.open(sim.urls.ws_market);
  client.send({ assets_ids: assets, type: 'market', ...extra });
  if (assets.length > 0) await client.count(1);
  return client;
}

/** Parses every frame; returns the events (invalid ones included). */
export function eventsOf(frames: readonly string[]): FeedEvent[] {
  return frames.flatMap((f) => parseFrame(f).events);
}

/** min_order_size and neg_risk of every live market, from the sim's REST /book (they never travel on the WS). */
export async function bookMeta(sim: Simulator): Promise<Map<string, BookMeta>> {
  const meta = new Map<string, BookMeta>();
  for (const m of sim.markets()) {
    if (m.status !== 'live') continue;
    const body = await (await fetch(`${sim.urls.rest}/book?token_id=${m.tokens[0]!.tokenId}`)).json();
    const book = parseRestBook(body);
    if (book.kind !== 'book' || book.minOrderSize === undefined || book.negRisk === undefined) throw new Error('bad REST book');
    meta.set(m.conditionId, { minOrderSize: book.minOrderSize, negRisk: book.negRisk });
  }
  return meta;
}

/**
 * A BookEngine fed with `frames`, with book meta from REST (fetched now unless given), checking
 * every hash the sim sends (no sampling): these tests are about the sim's hashes.
 */
export async function mirror(sim: Simulator, frames: readonly string[], meta?: Map<string, BookMeta>): Promise<BookEngine> {
  const engine = new BookEngine({ hashSampleMs: 0 });
  for (const [market, m] of meta ?? (await bookMeta(sim))) engine.setBookMeta(market, m);
  for (const event of eventsOf(frames)) engine.apply(event);
  engine.flush();
  return engine;
}

/** bookFingerprint of the sim's truth for a token. */
export function truthFingerprint(sim: Simulator, assetId: string): string | null {
  const body = sim.truthBook(assetId);
  if (!body) return null;
  const book = parseRestBook(body);
  if (book.kind !== 'book') throw new Error('truth is not a book');
  return bookFingerprint(book.assetId, book.bids, book.asks);
}
