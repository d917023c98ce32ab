import { describe, expect, it } from 'vitest';
import { analyze, ladder } from '../../src/book/analytics.js';

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
