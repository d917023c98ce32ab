/**
 * `--replay <capture.jsonl>`: serves a recorded session (one text frame per line, like
 * fixtures/polymarket/live-2026-07-19-polysim/market-frames.jsonl) instead of generating one.
 *
 * Each subscriber gets the capture's initial dump filtered to its assets (byte-identical when
 * nothing is filtered out; a bare `[]` when none is in it), the empty frame that followed it (the
 * capture's bytes as they are, §13.6), then every later frame touching its
 * assets at the recorded pace (timestamp deltas; a timestamp that goes backwards, as real ones do,
 * is sent at once). Recorded `PONG`s are not replayed: live PINGs are answered instead. The
 * stream ends with the capture. REST and Gamma describe the capture's opening books.
 */
import { readFile } from 'node:fs/promises';
import type { MarketConn, MarketSource } from './market-channel.js';
import type { MarketSpec } from './catalog.js';
import { dumpText } from './frames.js';
import { MarketState } from './market-state.js';
import { parsePrice, parseScaled, TICKS } from './units.js';

interface Frame {
  readonly text: string;
  /** When to send it, in ms after the subscription: recorded time since the first frame, never decreasing. */
  readonly due: number;
  /** Assets the frame is about; empty = everyone subscribed. */
  readonly assets: readonly string[];
}

interface DumpBook {
  readonly market: string;
  readonly asset_id: string;
  readonly timestamp: string;
  readonly bids: { price: string; size: string }[];
  readonly asks: { price: string; size: string }[];
  readonly tick_size?: string;
  readonly last_trade_price?: string;
}

export interface Capture {
  readonly dumpLine: string;
  readonly dump: readonly DumpBook[];
  readonly trailer: boolean;
  readonly frames: readonly Frame[];
}

function assetsOf(value: unknown): string[] {
  const out = new Set<string>();
  const visit = (event: unknown): void => {
    if (typeof event !== 'object' || event === null) return;
    const e = event as Record<string, unknown>;
    if (typeof e.asset_id === 'string') out.add(e.asset_id);
    if (Array.isArray(e.price_changes)) for (const c of e.price_changes) visit(c);
  };
  if (Array.isArray(value)) value.forEach(visit);
  else visit(value);
  return [...out];
}

function timeOf(value: unknown): number | null {
  const event = Array.isArray(value) ? value[0] : value;
  const ts = (event as { timestamp?: unknown } | null)?.timestamp;
  const n = typeof ts === 'string' || typeof ts === 'number' ? Number(ts) : NaN;
  return Number.isFinite(n) ? n : null;
}

/** Reads a capture: finds its initial dump and indexes every later frame. */
export async function loadCapture(path: string): Promise<Capture> {
  const lines = (await readFile(path, 'utf8')).split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines[lines.length - 1] === '') lines.pop();
  const start = lines.findIndex((l) => l.startsWith('[') && l.includes('"event_type":"book"'));
  if (start < 0) throw new Error(`${path}: no initial book dump (a JSON array of book events) found`);
  const dump = JSON.parse(lines[start]!) as DumpBook[];
  const trailer = lines[start + 1] === '';
  const frames: Frame[] = [];
  let origin: number | null = null;
  let latest = 0;
  for (const text of lines.slice(start + (trailer ? 2 : 1))) {
    if (text.trim() === 'PONG') continue;
    let value: unknown = null;
    try {
      value = text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : null;
    } catch {
      value = null;
    }
    const at = value === null ? null : timeOf(value);
    if (at !== null) {
      origin ??= at;
      latest = Math.max(latest, at - origin);
    }
    frames.push({ text, due: latest, assets: assetsOf(value) });
  }
  return { dumpLine: lines[start]!, dump, trailer, frames };
}

/** Builds sim markets from the dump: the first token's book, the second token as its mirror. */
export function captureMarkets(capture: Capture): MarketState[] {
  const byMarket = new Map<string, DumpBook[]>();
  for (const book of capture.dump) byMarket.set(book.market, [...(byMarket.get(book.market) ?? []), book]);
  const out: MarketState[] = [];
  let index = 0;
  for (const [conditionId, books] of byMarket) {
    const first = books[0]!;
    const second = books[1];
    const info: MarketSpec = {
      conditionId,
      questionId: conditionId,
      gammaId: String(9_000_000 + index),
      question: `Replayed market ${conditionId.slice(0, 10)}`,
      slug: `replay-${conditionId.slice(2, 10)}`,
      description: 'A market served from a recorded capture.',
      tokens: [
        { tokenId: first.asset_id, outcome: 'Yes' },
        { tokenId: second?.asset_id ?? `${first.asset_id}0`, outcome: 'No' },
      ],
      event: {
        id: String(900_000 + index),
        ticker: `replay-${index}`,
        slug: `replay-${conditionId.slice(2, 10)}`,
        title: `Replayed market ${conditionId.slice(0, 10)}`,
        description: '',
      },
      category: 'Replay',
      startDate: new Date(Number(first.timestamp)).toISOString(),
      endDate: new Date(Number(first.timestamp) + 86_400_000).toISOString(),
      initialMid: parsePrice(first.last_trade_price ?? '0.5') ?? 5000,
    };
    const m = new MarketState(info, first.timestamp, first.tick_size === undefined);
    m.tick = TICKS.get(first.tick_size ?? '0.01') ?? 100;
    // A never-traded market's dump shows "" (§13.6); the hash hid the same value.
    if (first.last_trade_price === '') m.hiddenLtp = null;
    for (const l of first.bids) m.book.bids.set(parsePrice(l.price) ?? 0, cents(l.size));
    for (const l of first.asks) m.book.asks.set(parsePrice(l.price) ?? 0, cents(l.size));
    out.push(m);
    index++;
  }
  return out;
}

/** Level sizes in cents; finer sizes (not seen in real books) are rounded. */
function cents(size: string): number {
  return parseScaled(size, 2) ?? Math.round(Number(size) * 100);
}

/** Plays the capture to each subscriber from its own subscription time. */
export class CaptureFeed implements MarketSource {
  private readonly players = new Map<MarketConn, NodeJS.Timeout | null>();

  constructor(private readonly capture: Capture) {}

  subscribed(conn: MarketConn, assets: readonly string[], initial: boolean): void {
    const wanted = new Set(assets);
    const books = this.capture.dump.filter((b) => wanted.has(b.asset_id));
    if (assets.length > 0 && (!initial || conn.wantsDump)) {
      if (books.length === 0) {
        conn.sendData(dumpText([]));
      } else {
        conn.sendData(books.length === this.capture.dump.length ? this.capture.dumpLine : JSON.stringify(books));
        if (initial && this.capture.trailer) conn.sendData('');
      }
    }
    if (initial) this.play(conn, 0, Date.now());
  }

  closed(conn: MarketConn): void {
    const timer = this.players.get(conn);
    if (timer) clearTimeout(timer);
    this.players.delete(conn);
  }

  stop(): void {
    for (const conn of [...this.players.keys()]) this.closed(conn);
  }

  private play(conn: MarketConn, from: number, startReal: number): void {
    const frames = this.capture.frames;
    let i = from;
    for (let budget = 256; i < frames.length && budget > 0; i++, budget--) {
      const frame = frames[i]!;
      if (frame.due > Date.now() - startReal) break;
      if (frame.assets.length === 0 ? conn.subscribed : frame.assets.some((a) => conn.assets.has(a))) conn.sendData(frame.text);
    }
    if (i >= frames.length) {
      this.players.set(conn, null);
      return;
    }
    const wait = Math.max(0, frames[i]!.due - (Date.now() - startReal));
    this.players.set(
      conn,
      setTimeout(() => this.play(conn, i, startReal), wait),
    );
  }
}
