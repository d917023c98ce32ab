/** Sparklines and the price chart (components/sparkline.ts): exact text for known series. */
import { describe, expect, it } from 'vitest';
import { priceChart, sparkline, sparklineAscii } from '../../components/sparkline.js';
import type { PricePoint, PriceSeries } from '../../store/types.js';

const mids = (...prices: number[]): PriceSeries => prices.map((price, i) => ({ t: i * 1000, price, kind: 'mid' }) satisfies PricePoint);

describe('sparkline', () => {
  it('eight levels from min to max, newest on the right, padded on the left to the width', () => {
    expect(sparkline(mids(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8), 8)).toBe('▁▂▃▄▅▆▇█');
    // 0.5 is half way: level 3.5 of 0..7, rounded up.
    expect(sparkline(mids(0.5, 0.4, 0.6), 6)).toBe('   ▅▁█');
    expect(sparklineAscii(mids(0.5, 0.4, 0.6), 6)).toBe('   -_^');
  });

  it('a flat series sits in the middle; no point is blank; a longer series is cut into runs drawn by their last point', () => {
    expect(sparkline(mids(0.5, 0.5, 0.5), 3)).toBe('▄▄▄');
    expect(sparkline([], 4)).toBe('    ');
    expect(sparkline(mids(0.1), 0)).toBe('');
    // Runs [0.1,0.9] [0.2,0.8] [0.3,0.7] [0.4,0.6]: their last points 0.9 0.8 0.7 0.6.
    expect(sparkline(mids(0.1, 0.9, 0.2, 0.8, 0.3, 0.7, 0.4, 0.6), 4)).toBe('█▆▃▁');
  });
});

describe('priceChart', () => {
  it('max and min labels, columns filled in eighths, the newest on the right', () => {
    expect(priceChart(mids(0.4, 0.45, 0.5, 0.55, 0.6), 11, 2)).toEqual([
      // 16 steps between 0.4 and 0.6: tops at 1, 5, 9, 12, 16 eighths (rounded).
      '0.600   ▁▄█',
      '0.400 ▁▅███',
    ]);
  });

  it('trade prints are marked at their price; ASCII draws # and *', () => {
    const series: PriceSeries = [
      { t: 0, price: 0.4, kind: 'mid' },
      { t: 1, price: 0.6, kind: 'trade' },
      { t: 2, price: 0.6, kind: 'mid' },
    ];
    // Three columns: 0.4, the print at 0.6 (marked where it is), 0.6.
    expect(priceChart(series, 9, 2)).toEqual(['0.600  •█', '0.400 ▁██']);
    expect(priceChart(series, 9, 2, true)).toEqual(['0.600  *#', '0.400  ##']);
  });

  it('no room or no point: no lines; a short series is padded on the left', () => {
    expect(priceChart(mids(0.5), 7, 3)).toEqual([]);
    expect(priceChart(mids(0.5, 0.6), 20, 0)).toEqual([]);
    expect(priceChart([], 20, 3)).toEqual([]);
    const lines = priceChart(mids(0.5, 0.6), 12, 3);
    expect(lines.map((l) => l.length)).toEqual([12, 12, 12]);
    expect(lines).toEqual(['0.600      █', '           █', '0.500     ▁█']);
  });
});
