import BigConstructor from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, ladder } from '../../src/book/analytics.js';
import type { Level } from '../../src/protocol/events.js';

const L = (price: string, size: string) => ({ price, size });

describe('analytics', () => {
  const bids = [L('0.4', '100'), L('0.39', '50'), L('0.35', '10')];
  const asks = [L('0.42', '300'), L('0.43', '20'), L('0.5', '5')];

  it('computes top of book, spread, mid, microprice, imbalance and depth exactly', () => {
    expect(analyze(bids, asks, { levels: 2, ticks: 1, tickSize: '0.01', lastTradePrice: '0.41' })).toEqual({
      bestBid: '0.4',
      bestAsk: '0.42',
      spread: '0.02',
      spreadTicks: '2',
      mid: '0.41',
      // (0.4·300 + 0.42·100) / 400
      microprice: '0.405',
      // (150 − 320) / 470
      imbalance: '-0.3617',
      depthBid: '150',
      depthAsk: '320',
      displayPrice: '0.41',
    });
  });

  it('shows the last trade instead of the mid when the spread is wider than 0.10', () => {
    const wide = analyze([L('0.2', '1')], [L('0.35', '1')], { levels: 5, ticks: 2, tickSize: '0.01', lastTradePrice: '0.3' });
    expect(wide.mid).toBe('0.275');
    expect(wide.displayPrice).toBe('0.3');
    const exact = analyze([L('0.2', '1')], [L('0.3', '1')], { levels: 5, ticks: 2, tickSize: '0.01', lastTradePrice: '0.9' });
    expect(exact.displayPrice).toBe('0.25');
  });

  it('one-sided and empty books have no spread or mid', () => {
    expect(analyze(bids, [], { levels: 5, ticks: 5, tickSize: null, lastTradePrice: null })).toMatchObject({
      bestBid: '0.4',
      bestAsk: null,
      spread: null,
      mid: null,
      microprice: null,
      imbalance: '1',
      depthBid: '160',
      depthAsk: '0',
      displayPrice: null,
    });
    expect(analyze([], [], { levels: 5, ticks: 5, tickSize: '0.01', lastTradePrice: null }).imbalance).toBeNull();
  });

  it('ladder: top N with cumulative sizes, exact', () => {
    expect(ladder([L('0.1', '0.1'), L('0.09', '0.2'), L('0.08', '14884.14')], 2)).toEqual([
      { price: '0.1', size: '0.1', cumulative: '0.1' },
      { price: '0.09', size: '0.2', cumulative: '0.3' },
    ]);
  });
});

describe('analytics against a big.js reference', () => {
  // The reference: every figure with big.js, as analytics.ts computed them before fixed.ts.
  const R = BigConstructor();
  R.NE = -40;
  R.PE = 40;
  R.DP = 12;
  const fixed = (v: BigConstructor.Big, places: number) => R(v.round(places, R.roundHalfEven)).toString();
  function reference(bids: Level[], asks: Level[], o: { levels: number; ticks: number; tickSize: string | null; lastTradePrice: string | null }) {
    const sum = (levels: Level[], n: number) => levels.slice(0, n).reduce((t, l) => t.plus(l.size), R(0));
    const depth = (levels: Level[], limit: BigConstructor.Big | null, below: boolean) => {
      let t = R(0);
      for (const l of levels) {
        if (limit !== null && (below ? R(l.price).lt(limit) : R(l.price).gt(limit))) break;
        t = t.plus(l.size);
      }
      return t.toString();
    };
    const bid = bids[0];
    const ask = asks[0];
    const tick = o.tickSize === null ? null : R(o.tickSize);
    const spread = bid && ask ? R(ask.price).minus(bid.price) : null;
    const mid = bid && ask ? R(bid.price).plus(ask.price).div(2).toString() : null;
    const weight = bid && ask ? R(bid.size).plus(ask.size) : null;
    const bidTop = sum(bids, o.levels);
    const askTop = sum(asks, o.levels);
    const total = bidTop.plus(askTop);
    const reach = tick === null ? null : tick.times(o.ticks);
    return {
      bestBid: bid?.price ?? null,
      bestAsk: ask?.price ?? null,
      spread: spread?.toString() ?? null,
      spreadTicks: spread && tick?.gt(0) ? fixed(spread.div(tick), 2) : null,
      mid,
      microprice: weight?.gt(0) ? fixed(R(bid!.price).times(ask!.size).plus(R(ask!.price).times(bid!.size)).div(weight), 6) : null,
      imbalance: total.gt(0) ? fixed(bidTop.minus(askTop).div(total), 4) : null,
      depthBid: bid ? depth(bids, reach === null ? null : R(bid.price).minus(reach), true) : '0',
      depthAsk: ask ? depth(asks, reach === null ? null : R(ask.price).plus(reach), false) : '0',
      displayPrice: (spread === null || spread.gt('0.1')) && o.lastTradePrice !== null ? o.lastTradePrice : mid,
    };
  }
  const decimal = (maxInt: number, maxFrac: number) =>
    fc.tuple(fc.bigInt({ min: 0n, max: 10n ** BigInt(maxInt) - 1n }), fc.bigInt({ min: 0n, max: 10n ** BigInt(maxFrac) - 1n })).map(([i, f]) => {
      const frac = f.toString().padStart(maxFrac, '0').replace(/0+$/, '');
      return frac === '' ? i.toString() : `${i}.${frac}`;
    });
  const price = fc.integer({ min: 1, max: 9999 }).map((u) => R(u).div(10_000).toString());
  const side = (descending: boolean) =>
    fc
      .uniqueArray(fc.tuple(price, decimal(12, 8)), { selector: ([p]) => p, maxLength: 30 })
      .map((levels) =>
        levels
          .map(([p, size]) => ({ price: p, size: size === '0' ? '1' : size }))
          .sort((x, y) => (descending ? R(y.price).cmp(x.price) : R(x.price).cmp(y.price))),
      );

  it('every figure equals big.js on random books (crossed, one-sided and empty included)', () => {
    fc.assert(
      fc.property(
        side(true),
        side(false),
        fc.constantFrom(null, '0.01', '0.001', '0.0001', '0.0025'),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 20 }),
        (bids, asks, tickSize, ticks, levels) => {
          const o = { levels, ticks, tickSize, lastTradePrice: '0.5' };
          expect(analyze(bids, asks, o)).toEqual(reference(bids, asks, o));
          expect(ladder(bids, levels).map((l) => l.cumulative)).toEqual(bids.slice(0, levels).map((_, i) => sumOf(bids.slice(0, i + 1))));
        },
      ),
      { numRuns: 500 },
    );
    function sumOf(levels: Level[]): string {
      return levels.reduce((t, l) => t.plus(l.size), R(0)).toString();
    }
  });
});
