/**
 * polybook's book work against a peer's: `OrderBookCache` of @nevuamarkets/poly-websockets (float
 * comparisons, no audits), called directly in-process the way its WSSubscriptionManager calls it
 * (`replaceBook` for each book event, `upsertPriceChange` for each price_change; a price_change
 * for an asset with no book throws there, and is skipped as the manager skips it).
 *
 * The same frames go to (a) plain JSON.parse, (b) JSON.parse + the peer's cache updates and
 * (c) polybook's parseFrame + BookEngine.applyFrame (audits; venue hashes unverifiable without
 * metadata, verified with it), run in turn round after round. The figure is the book work each
 * adds on top of parsing JSON: (c − a) ÷ (b − a), goal ≤ 2×.
 *
 * Sessions: the live capture looped, and the generated session of 3+ entries (sessions.ts). The
 * generated v1 (legacy) session is left out: the peer reads `price_changes` only, and v1 frames
 * carry `changes` (it would throw on every one).
 */
import { OrderBookCache } from '@nevuamarkets/poly-websockets/dist/modules/OrderBookCache.js';
import type { BookEvent, PriceChangeEvent } from '@nevuamarkets/poly-websockets';
import { BookEngine } from '../../src/book/engine.js';
import { parseFrame } from '../../src/protocol/parse-frame.js';
import { fmt, line, pairedWorkRatios } from './harness.js';
import { liveSession, multiEntrySession, type Session } from './sessions.js';

const GOAL = 2;

function isJson(frame: string): boolean {
  const c = frame.charCodeAt(0);
  return c === 123 || c === 91;
}

/** The peer's cache fed one parsed frame. */
function peerApply(cache: OrderBookCache, value: unknown): void {
  const events = Array.isArray(value) ? value : [value];
  for (const event of events as { event_type?: unknown }[]) {
    if (event === null || typeof event !== 'object') continue;
    if (event.event_type === 'book') cache.replaceBook(event as unknown as BookEvent);
    else if (event.event_type === 'price_change') {
      try {
        cache.upsertPriceChange(event as unknown as PriceChangeEvent);
      } catch {
        // "Book not found for asset": the manager logs and skips it.
      }
    }
  }
}

/** Whether the peer's final books and polybook's hold the same levels (numerically), per asset. */
function booksAgree(session: Session): { agree: number; assets: number } {
  const cache = new OrderBookCache();
  const engine = new BookEngine();
  for (const frame of session.frames) {
    if (!isJson(frame)) continue;
    peerApply(cache, JSON.parse(frame));
    engine.applyFrame(parseFrame(frame).events);
  }
  engine.flush();
  const key = (levels: readonly { price: string; size: string }[]): string =>
    levels
      .map((l) => `${Number(l.price)}:${Number(l.size)}`)
      .sort()
      .join(',');
  let agree = 0;
  for (const [id, asset] of engine.assets) {
    const peer = cache.getBookEntry(id);
    if (peer && asset.book && key(peer.bids) === key(asset.book.bids.levels) && key(peer.asks) === key(asset.book.asks.levels)) agree++;
  }
  return { agree, assets: engine.assets.size };
}

function benchOne(session: Session, loops: number): void {
  const frames = session.frames;
  let sink = 0;
  const parseOnly = (): void => {
    for (let l = 0; l < loops; l++) for (const frame of frames) if (isJson(frame)) sink += JSON.parse(frame) === null ? 0 : 1;
  };
  const peer = (): void => {
    for (let l = 0; l < loops; l++) {
      const cache = new OrderBookCache();
      for (const frame of frames) if (isJson(frame)) peerApply(cache, JSON.parse(frame));
      sink += cache.getBookEntry('') === null ? 1 : 0;
    }
  };
  const ours = (withMeta: boolean) => (): void => {
    for (let l = 0; l < loops; l++) {
      const engine = new BookEngine();
      if (withMeta) for (const [market, meta] of session.meta) engine.setBookMeta(market, meta);
      for (const frame of frames) engine.applyFrame(parseFrame(frame).events);
      engine.flush();
      sink += engine.assets.size;
    }
  };
  const {
    baselineSeconds: parse,
    referenceSeconds: peerT,
    candidateSeconds: [oursT, oursHashT],
    ratios: [ratio, ratioHash],
  } = pairedWorkRatios(parseOnly, peer, [ours(false), ours(true)]) as {
    baselineSeconds: number;
    referenceSeconds: number;
    candidateSeconds: [number, number];
    ratios: [number, number];
  };
  const agreement = booksAgree(session);
  const us = (s: number): string => `${fmt((s * 1e9) / (frames.length * loops))} ns/frame`;
  const work = (t: number, r: number): string => `${us(t)}   book work ${r.toFixed(2)}× the peer's (goal ≤ ${GOAL}×)`;
  process.stdout.write(
    `${session.name}${loops > 1 ? ` ×${loops}` : ''} (${fmt(frames.length * loops)} frames; final books agree on ${agreement.agree}/${agreement.assets} assets)\n`,
  );
  line('(a) JSON.parse', us(parse));
  line('(b) JSON.parse + peer OrderBookCache', `${us(peerT)}   book work ${fmt(((peerT - parse) * 1e9) / (frames.length * loops))} ns/frame`);
  line('(c) polybook parseFrame + applyFrame', work(oursT, ratio));
  line('… with venue-hash verification (metadata)', work(oursHashT, ratioHash));
  if (sink === -1) process.stdout.write('\n');
}

export async function benchPeer(loops = 50): Promise<void> {
  process.stdout.write('peer: book work (polybook − parse) ÷ (peer − parse), @nevuamarkets/poly-websockets OrderBookCache\n');
  benchOne(liveSession(), loops);
  benchOne(await multiEntrySession(), 1);
}
