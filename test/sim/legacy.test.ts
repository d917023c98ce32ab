/**
 * Legacy (v1, before 2025-09-15) mode against what the July-2025 session showed (POLYMARKET.md
 * §4.3, §13.4, §13.5): compact array frames; price_change keys fully alphabetical with a root hash
 * that is no book hash; books with the 6-field hash; a trade as ONE `[book, book, print]` frame
 * whose filled levels never came as price_change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { allAssets, roundTrip, subscribed } from './helpers.js';
import { bookHashes, Rebuild, sha1, type WireLevel } from './rebuild.js';

const LEGACY_BOOK_KEYS = ['market', 'asset_id', 'timestamp', 'hash', 'bids', 'asks', 'event_type'];

let sim: Simulator;
let frames: string[];
beforeAll(async () => {
  sim = await startSimulator({ seed: 6, rate: 0, markets: 2, legacy: true, epochMs: 1_737_487_185_966 });
  const client = await subscribed(sim, allAssets(sim), { custom_feature_enabled: true });
  sim.advance(1500);
  await roundTrip(client);
  client.close();
  frames = client.frames.filter((f) => f !== 'PONG');
});
afterAll(async () => sim.close());

type Event = Record<string, any>;
const parsed = (): Event[][] => frames.map((f) => JSON.parse(f) as Event[]);
const isTrade = (events: Event[]): boolean => events.some((e) => e.event_type === 'last_trade_price');

describe('legacy mode', () => {
  it('sends every frame as a compact JSON array (the dump ending in "\\n"), without best_bid_ask', () => {
    expect(frames[0]!.endsWith(']\n')).toBe(true);
    expect(`${JSON.stringify(JSON.parse(frames[0]!))}\n`).toBe(frames[0]);
    for (const frame of frames.slice(1)) expect(JSON.stringify(JSON.parse(frame))).toBe(frame);
    expect(parsed().every(Array.isArray)).toBe(true);
    expect(frames.some((f) => f.includes('best_bid_ask'))).toBe(false);
  });

  it('price_change: one asset each, keys alphabetical, a 40-hex root hash that is no book hash', () => {
    const rebuild = new Rebuild();
    let checked = 0;
    for (const frame of frames) {
      rebuild.apply(frame);
      for (const e of JSON.parse(frame) as Event[]) {
        if (e.event_type !== 'price_change') continue;
        expect(Object.keys(e)).toEqual(['asset_id', 'changes', 'event_type', 'hash', 'market', 'timestamp']);
        expect(e.changes).toHaveLength(1);
        expect(Object.keys(e.changes[0])).toEqual(['price', 'side', 'size']);
        expect(e.hash).toMatch(/^[0-9a-f]{40}$/);
        // A digest of the event itself (§13.4: the venue's reproduced under no book formula).
        expect(e.hash).toBe(sha1(JSON.stringify({ asset_id: e.asset_id, changes: e.changes, timestamp: e.timestamp })));
        const { bids, asks } = rebuild.levels(e.asset_id);
        const book = bookHashes(e.market, e.asset_id, e.timestamp, bids, asks, '');
        expect([book.legacy, book.current]).not.toContain(e.hash);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('books (dump and trade frames) keep the verified 6-field hash', () => {
    let checked = 0;
    for (const events of parsed()) {
      for (const b of events.filter((e) => e.event_type === 'book')) {
        expect(Object.keys(b)).toEqual(LEGACY_BOOK_KEYS);
        expect(bookHashes(b.market, b.asset_id, b.timestamp, b.bids, b.asks, '').legacy).toBe(b.hash);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('a trade is ONE [book A, book B, last_trade_price] frame; its filled levels never come as price_change', () => {
    // Every level any price_change touched, by market and timestamp.
    const touched = new Set<string>();
    for (const events of parsed()) {
      for (const e of events)
        if (e.event_type === 'price_change') touched.add(`${e.market}@${e.timestamp} ${e.asset_id} ${e.changes[0].side} ${e.changes[0].price}`);
    }
    const rebuild = new Rebuild();
    let trades = 0;
    for (const frame of frames) {
      const events = JSON.parse(frame) as Event[];
      if (!isTrade(events)) {
        rebuild.apply(frame);
        continue;
      }
      trades++;
      const [bookA, bookB, print] = events as [Event, Event, Event];
      const [tokenA, tokenB] = sim
        .markets()
        .find((m) => m.conditionId === print.market)!
        .tokens.map((t) => t.tokenId);
      expect(events.map((e) => [e.event_type, e.asset_id, e.timestamp])).toEqual([
        ['book', tokenA, print.timestamp],
        ['book', tokenB, print.timestamp],
        ['last_trade_price', print.asset_id, print.timestamp],
      ]);
      expect(Object.keys(print)).toEqual(['asset_id', 'event_type', 'fee_rate_bps', 'market', 'price', 'side', 'size', 'timestamp']);
      expect(print.side).toBe('BUY');

      // The resent book of the bought token differs from the rebuilt one by exactly the filled asks:
      // from the best ask up to the print price, each smaller or gone, summing to the print's size.
      const resent = print.asset_id === tokenA ? bookA : bookB;
      const before = rebuild.levels(print.asset_id);
      expect(resent.bids).toEqual(before.bids);
      const sizes = (levels: WireLevel[]) => new Map(levels.map((l) => [l.price, Number(l.size)]));
      const was = sizes(before.asks);
      const now = sizes(resent.asks);
      let filled = 0;
      for (const [price, size] of was) {
        const left = now.get(price) ?? 0;
        if (left === size) continue;
        expect(Number(price)).toBeLessThanOrEqual(Number(print.price));
        expect(left).toBeLessThan(size);
        expect(touched.has(`${print.market}@${print.timestamp} ${print.asset_id} SELL ${price}`)).toBe(false);
        filled += size - left;
      }
      for (const price of now.keys()) expect(was.has(price)).toBe(true);
      expect(filled).toBeGreaterThan(0);
      expect(Math.abs(filled - Number(print.size))).toBeLessThan(0.01);
      rebuild.apply(frame);
    }
    expect(trades).toBeGreaterThan(20);
    // The stream rebuilds the truth, trade frames included.
    for (const id of allAssets(sim)) {
      const truth = sim.truthBook(id)!;
      expect(rebuild.levels(id)).toEqual({ bids: truth.bids, asks: truth.asks });
    }
  });
});
