/**
 * Sessions for the ingest and peer benches: the live capture, and deterministic generated ones
 * (fixed seed, fixed epoch, `rate: 0` + `advance`), each as the text frames a client subscribed
 * to every asset receives, with the REST metadata (`min_order_size`, `neg_risk`) of its markets
 * so venue-hash verification can run.
 *
 * - `legacy`: v1 markets (`legacy: true`): array frames, `changes[]` price_change, trade frames.
 * - `multi`: current-format markets on a dense timeline (`stepGapMs`), so one market's messages
 *   share timestamps as the venue's do when busy (the live capture: 228 of 864 price_change
 *   messages repeat the previous one's market and timestamp); each same-timestamp run of one
 *   market is then merged into messages of 2–3 originals, every entry kept in order. Each entry's
 *   hash is its token's book after that entry at that timestamp, so every hash that verified
 *   still verifies.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import WebSocket from 'ws';
import type { BookMeta } from '../../src/book/hash-audit.js';
import { BookEngine } from '../../src/book/engine.js';
import { splitFrames } from '../../src/feed/recording.js';
import { parseFrame, parseRestBook } from '../../src/protocol/parse-frame.js';
import { spacedJson, startSimulator, type SimOptions } from '../../src/sim/index.js';

// `npm run bench` runs from the package root; ../shared sits beside the checkout (as in CI).
export const LIVE = `${resolve(process.env.POLYBOOK_SHARED ?? '../shared', 'fixtures/polymarket/live-2026-07-19-polysim')}/`;

export interface Session {
  readonly name: string;
  readonly frames: readonly string[];
  /** Book metadata per market (condition id), as REST /book tells it. */
  readonly meta: ReadonlyMap<string, BookMeta>;
}

/** The live capture and the metadata of its REST book (rest-book.json). */
export function liveSession(): Session {
  const frames = splitFrames(readFileSync(`${LIVE}market-frames.jsonl`, 'utf8'));
  const rest = parseRestBook(JSON.parse(readFileSync(`${LIVE}rest-book.json`, 'utf8')));
  const meta = new Map<string, BookMeta>();
  if (rest.kind === 'book' && rest.minOrderSize !== undefined && rest.negRisk !== undefined) {
    meta.set(rest.market, { minOrderSize: rest.minOrderSize, negRisk: rest.negRisk });
  }
  return { name: 'live capture', frames, meta };
}

const EPOCH_MS = 1_784_449_237_000;

/** What a client subscribed to every asset receives while the sim runs `steps` steps. */
async function record(options: SimOptions, steps: number): Promise<{ frames: string[]; meta: Map<string, BookMeta> }> {
  const sim = await startSimulator({ seed: 23, epochMs: EPOCH_MS, rate: 0, ...options });
  try {
    const assets = sim.markets().flatMap((m) => m.tokens.map((t) => t.tokenId));
    const socket = new WebSocket(sim.urls.ws_market);
    const dump = await new Promise<string>((done, fail) => {
      socket.once('error', fail);
      socket.once('open', () => socket.send(JSON.stringify({ assets_ids: assets, type: 'market' })));
      socket.once('message', (data) => done(data.toString()));
    });
    socket.terminate();
    const frames = [dump];
    // Without custom features a client gets the 'subscribers' frames, in broadcast order.
    const off = sim.onFrame((frame) => {
      if (frame.audience === 'subscribers') frames.push(frame.text);
    });
    sim.advance(steps);
    off();
    const meta = new Map<string, BookMeta>();
    for (const m of sim.markets()) {
      const body = sim.truthBook(m.tokens[0]!.tokenId);
      const book = body && parseRestBook(body);
      if (book?.kind === 'book' && book.minOrderSize !== undefined && book.negRisk !== undefined) {
        meta.set(book.market, { minOrderSize: book.minOrderSize, negRisk: book.negRisk });
      }
    }
    return { frames, meta };
  } finally {
    await sim.close();
  }
}

interface PriceChangeObject {
  market: string;
  price_changes: unknown[];
  timestamp: string;
  event_type: 'price_change';
}

function marketsOf(value: unknown): string[] {
  const events = Array.isArray(value) ? value : [value];
  return events.map((e) => (e as { market?: unknown } | null)?.market).filter((m): m is string => typeof m === 'string');
}

/** Sizes for splitting a run of `n` messages into groups of at most 3 and, when n ≥ 2, at least 2. */
function groupSizes(n: number): number[] {
  const sizes: number[] = [];
  let left = n;
  while (left > 3) {
    const take = left - 3 === 1 ? 2 : 3;
    sizes.push(take);
    left -= take;
  }
  sizes.push(left);
  return sizes;
}

/**
 * Merges each run of one market's current-format price_change messages with one timestamp (no
 * other frame of that market between them) into messages of 2–3 originals' entries, placed where
 * the first of them was. Frames of other markets keep their places; nothing else is touched.
 */
export function mergeSameTimestamp(frames: readonly string[]): string[] {
  const parsed: unknown[] = frames.map((f) => (f.charCodeAt(0) === 123 || f.charCodeAt(0) === 91 ? JSON.parse(f) : null));
  const runs: number[][] = [];
  const open = new Map<string, { timestamp: string; run: number[] }>();
  parsed.forEach((value, i) => {
    const pc = value as PriceChangeObject | null;
    if (pc && !Array.isArray(pc) && pc.event_type === 'price_change' && Array.isArray(pc.price_changes)) {
      const current = open.get(pc.market);
      if (current && current.timestamp === pc.timestamp) current.run.push(i);
      else {
        const run = [i];
        runs.push(run);
        open.set(pc.market, { timestamp: pc.timestamp, run });
      }
      return;
    }
    // Any other frame about a market ends its run; a dump (or anything unknown) ends them all.
    const markets = value === null ? [] : marketsOf(value);
    if (markets.length === 0 || Array.isArray(value)) open.clear();
    for (const m of markets) open.delete(m);
  });
  const out: (string | null)[] = [...frames];
  for (const run of runs) {
    let at = 0;
    for (const size of groupSizes(run.length)) {
      const group = run.slice(at, at + size);
      at += size;
      if (group.length < 2) continue;
      const first = parsed[group[0]!] as PriceChangeObject;
      const merged: PriceChangeObject = {
        market: first.market,
        price_changes: group.flatMap((i) => (parsed[i] as PriceChangeObject).price_changes),
        timestamp: first.timestamp,
        event_type: 'price_change',
      };
      out[group[0]!] = spacedJson(merged);
      for (const i of group.slice(1)) out[i] = null;
    }
  }
  return out.filter((f): f is string => f !== null);
}

const memo = new Map<string, Promise<Session>>();

function once(key: string, make: () => Promise<Session>): Promise<Session> {
  let session = memo.get(key);
  if (!session) memo.set(key, (session = make()));
  return session;
}

/** A v1 (legacy) session: 12 markets, 12,000 steps (generated once per process). */
export function legacySession(): Promise<Session> {
  return once('legacy', async () => {
    const { frames, meta } = await record({ markets: 12, legacy: true }, 12_000);
    return { name: 'generated legacy (v1)', frames, meta };
  });
}

/**
 * A current-format session whose price_change frames carry 3+ entries (see above; a message alone
 * at its timestamp keeps its 2): 8 markets, 24,000 steps (generated once per process).
 */
export function multiEntrySession(): Promise<Session> {
  return once('multi', async () => {
    const markets = 8;
    // About 32 messages per market per virtual millisecond: most runs hold several messages.
    const { frames, meta } = await record({ markets, stepGapMs: 1 / (32 * markets) }, 24_000);
    return { name: 'generated 3+ entries', frames: mergeSameTimestamp(frames), meta };
  });
}

/** Entries per price_change message of a session (current format: `price_changes`; v1: one per message). */
export function entriesPerPriceChange(frames: readonly string[]): number[] {
  const counts: number[] = [];
  for (const frame of frames) {
    for (const event of parseFrame(frame).events) if (event.kind === 'price_change') counts.push(event.changes.length);
  }
  return counts;
}

/** Integrity counters summed over a whole session applied with its metadata. */
export function auditTotals(session: Session): { verified: number; mismatched: number; unverifiable: number } {
  const engine = new BookEngine();
  for (const [market, meta] of session.meta) engine.setBookMeta(market, meta);
  for (const frame of session.frames) engine.applyFrame(parseFrame(frame).events);
  engine.flush();
  let verified = 0;
  let mismatched = 0;
  let unverifiable = 0;
  for (const asset of engine.assets.values()) {
    verified += asset.integrity.hash_verified;
    mismatched += asset.integrity.hash_mismatch;
    unverifiable += asset.integrity.hash_unverifiable;
  }
  return { verified, mismatched, unverifiable };
}
