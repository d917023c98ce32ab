/**
 * The price chart: the component from its formatted props, its model from a series (cached by the
 * series' identity), and on the whole screen under the ladder when the terminal has rows for it.
 */
import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { App } from '../../components/app.js';
import { computeLayout } from '../../components/layout.js';
import { assetChart, CHART_REDRAW_MS, chartModel, PriceChart } from '../../components/price-chart.js';
import type { PriceSeries } from '../../store/types.js';
import { ASKS, BIDS, NOW, YES, assetView, lines, renderAt, settle, storeWith, terminal } from './helpers.js';

process.env.TZ = 'UTC';

const series: PriceSeries = [
  { t: NOW - 120_000, price: 0.38, kind: 'backfill' },
  { t: NOW - 60_000, price: 0.39, kind: 'backfill' },
  { t: NOW - 1000, price: 0.41, kind: 'trade' },
  { t: NOW, price: 0.405, kind: 'mid' },
];

describe('price chart', () => {
  it('draws its title and lines as given', () => {
    const { lastFrame, unmount } = render(<PriceChart title="price since 11:58:00  last 0.405" lines={['0.410  █', '0.380 ▁█']} width={40} />);
    expect(lines(lastFrame())).toEqual(['price since 11:58:00  last 0.405', '0.410  █', '0.380 ▁█']);
    unmount();
  });

  it('its model: since the first point, the last price, a legend when there are prints; the same object while the series is', () => {
    const model = chartModel(series, 10, 2, false);
    // Four columns: 0.38, 0.39, the print at 0.41 (marked on the top line), 0.405.
    expect(model).toEqual({ title: 'price since 11:58:00  last 0.405  • trade', lines: ['0.410   •▆', '0.380 ▁▆██'], width: 10 });
    expect(chartModel(series, 10, 2, false)).toBe(model);
    expect(chartModel(series, 10, 2, true).title).toBe('price since 11:58:00  last 0.405  * trade');
    expect(chartModel(undefined, 10, 2, false)).toEqual({ title: 'price: no history yet', lines: [], width: 10 });
  });

  it('on screen a chart is redrawn from a newer series at most once a second; a first history at once', () => {
    const none = assetChart(YES, undefined, 20, 3, false, NOW);
    expect(none.lines).toEqual([]);
    const first = assetChart(YES, series, 20, 3, false, NOW + 10);
    expect(first.lines.length).toBe(3);
    const grown: PriceSeries = [...series, { t: NOW + 500, price: 0.39, kind: 'mid' }];
    expect(assetChart(YES, grown, 20, 3, false, NOW + 500)).toBe(first);
    const later = assetChart(YES, grown, 20, 3, false, NOW + 10 + CHART_REDRAW_MS);
    expect(later).not.toBe(first);
    expect(later.title).toContain('last 0.390');
    // Another asset or another size is drawn at once.
    expect(assetChart(YES, series, 30, 3, false, NOW + 1100 + 10).width).toBe(30);
  });

  it('on the screen at 120×40: the chart of the selected asset under the ladder, within the frame', async () => {
    const store = storeWith([assetView({ bids: BIDS, asks: ASKS })], undefined, 10);
    store.setState({ history: new Map([[YES, series]]) });
    const layout = computeLayout({ columns: 120, rows: 40 }, 10, false, true);
    expect(layout.chartRows).toBeGreaterThanOrEqual(3);
    const term = terminal(120, 40);
    const app = renderAt(<App store={store} now={() => NOW} />, term);
    await settle();
    const frame = lines(app.lastFrame());
    const title = frame.findIndex((l) => l.startsWith('price since 11:58:00  last 0.405'));
    expect(title).toBeGreaterThan(frame.findIndex((l) => l.includes('spread')));
    expect(frame[title + 1]).toMatch(/^0\.410 /);
    expect(frame[title + layout.chartRows]).toMatch(/^0\.380 /);
    expect(frame.slice(title + 1, title + 1 + layout.chartRows).join('\n')).toContain('•');
    expect(frame.length).toBeLessThanOrEqual(39);
    app.unmount();
  });

  it('with a history the frame still fits the terminal, in colour and with markers', async () => {
    for (const [columns, rows] of [
      [200, 60],
      [120, 40],
      [100, 30],
      [80, 30],
    ] as const) {
      for (const noColor of [false, true]) {
        const store = storeWith([assetView({ bids: BIDS, asks: ASKS })], undefined, 200);
        store.setState({ history: new Map([[YES, series]]) });
        const app = renderAt(<App store={store} now={() => NOW} noColor={noColor} size={{ columns, rows }} />, terminal(columns, rows));
        await settle();
        const frame = app.lastFrame().split('\n');
        expect(frame.length).toBeLessThanOrEqual(rows - 1);
        for (const line of frame) expect(line.length).toBeLessThanOrEqual(columns);
        expect(frame.some((l) => l.startsWith('price since'))).toBe(true);
        if (noColor) expect(frame.join('\n')).toMatch(/^0\.410 .*\*/m);
        app.unmount();
      }
    }
  });

  it('no chart without a history, where there is no room (80×24) or in the compact layout; a tall ladder gives it rows', () => {
    expect(computeLayout({ columns: 120, rows: 40 }, 10, false, false).chartRows).toBe(0);
    expect(computeLayout({ columns: 80, rows: 24 }, 10, false, true).chartRows).toBe(0);
    expect(computeLayout({ columns: 40, rows: 12 }, 10, false, true).chartRows).toBe(0);
    // The ladder would fill 40 rows at depth 200; it keeps 8 levels a side and the chart gets the rest (at most 8 lines).
    expect(computeLayout({ columns: 120, rows: 40 }, 200, false, true)).toMatchObject({ levels: 11, chartRows: 8 });
    expect(computeLayout({ columns: 120, rows: 30 }, 200, false, true)).toMatchObject({ levels: 8, chartRows: 5 });
  });
});
