/** Random snapshots and deltas against a simple reference model (a Map and big.js sorting). */
import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BookEngine } from '../../src/book/engine.js';
import { parseFrame } from '../../src/protocol/parse-frame.js';

type Side = 'BUY' | 'SELL';
interface Delta {
  side: Side;
  price: string;
  size: string;
}

// Prices on a 0.01 grid, spelled with or without a trailing zero; sizes with up to 2 decimals.
const price = fc.integer({ min: 1, max: 99 }).chain((cents) => {
  const canonical = new Big(cents).div(100).toString();
  return fc.constantFrom(canonical, cents % 10 === 0 ? `${canonical}0` : canonical);
});
const size = fc.oneof(
  fc.constant('0'),
  fc.integer({ min: 1, max: 100000 }).map((n) => new Big(n).div(100).toFixed(2)),
);
const delta = fc.record({ side: fc.constantFrom<Side>('BUY', 'SELL'), price, size });

/** The reference: a map per side keyed by numeric value, sorted at the end. */
function reference(deltas: readonly Delta[]) {
  const sides = { BUY: new Map<string, string>(), SELL: new Map<string, string>() };
  for (const d of deltas) {
    const key = new Big(d.price).toString();
    if (new Big(d.size).eq(0)) sides[d.side].delete(key);
    else sides[d.side].set(key, new Big(d.size).toString());
  }
  const sorted = (m: Map<string, string>, desc: boolean) =>
    [...m.entries()].sort(([a], [b]) => new Big(a).cmp(b) * (desc ? -1 : 1)).map(([p, s]) => ({ price: p, size: s }));
  return { bids: sorted(sides.BUY, true), asks: sorted(sides.SELL, false) };
}

function frame(ts: number, d: Delta): string {
  return JSON.stringify({
    market: '0xaa',
    price_changes: [{ asset_id: '101', price: d.price, size: d.size, side: d.side, hash: '' }],
    timestamp: String(ts),
    event_type: 'price_change',
  });
}

describe('book engine against a reference model', () => {
  it('any sequence of deltas after an empty snapshot gives the reference book (uncrossed updates)', () => {
    fc.assert(
      fc.property(fc.array(delta, { maxLength: 200 }), (deltas) => {
        // Keep the stream uncrossed so the reference needs no crossing rule: bids < 0.5 ≤ asks.
        const clean = deltas.filter((d) => (d.side === 'BUY' ? new Big(d.price).lt('0.5') : new Big(d.price).gte('0.5')));
        const engine = new BookEngine();
        engine.apply(parseFrame('{"event_type":"book","market":"0xaa","asset_id":"101","timestamp":"0","hash":"","bids":[],"asks":[]}').events[0]!);
        clean.forEach((d, i) => {
          for (const e of parseFrame(frame(i + 1, d)).events) engine.apply(e);
        });
        const book = engine.assets.get('101')!.book!;
        expect({ bids: book.bids.levels, asks: book.asks.levels }).toEqual(reference(clean));
        expect(engine.assets.get('101')!.integrity.crossed).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('with crossing updates the book is never left crossed, and the newest quote always survives', () => {
    fc.assert(
      fc.property(fc.array(delta, { minLength: 1, maxLength: 150 }), (deltas) => {
        const engine = new BookEngine();
        engine.apply(parseFrame('{"event_type":"book","market":"0xaa","asset_id":"101","timestamp":"0","hash":"","bids":[],"asks":[]}').events[0]!);
        deltas.forEach((d, i) => {
          for (const e of parseFrame(frame(i + 1, d)).events) engine.apply(e);
          const book = engine.assets.get('101')!.book!;
          expect(book.isCrossed()).toBe(false);
          const side = d.side === 'BUY' ? book.bids : book.asks;
          expect(side.sizeAt(new Big(d.price).toString())).toBe(new Big(d.size).eq(0) ? undefined : new Big(d.size).toString());
        });
      }),
      { numRuns: 300 },
    );
  });

  it('a snapshot equals the reference of its own levels regardless of wire order', () => {
    fc.assert(
      fc.property(fc.array(delta, { maxLength: 60 }), fc.boolean(), (deltas, shuffle) => {
        const ref = reference(deltas);
        const order = (levels: { price: string; size: string }[]) => (shuffle ? [...levels].reverse() : levels);
        const engine = new BookEngine();
        const snapshot = { event_type: 'book', market: '0xaa', asset_id: '101', timestamp: '1', hash: '', bids: order(ref.bids), asks: order(ref.asks) };
        engine.apply(parseFrame(JSON.stringify(snapshot)).events[0]!);
        const book = engine.assets.get('101')!.book!;
        expect({ bids: book.bids.levels, asks: book.asks.levels }).toEqual(ref);
      }),
      { numRuns: 200 },
    );
  });
});
