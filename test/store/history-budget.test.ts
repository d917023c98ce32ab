/**
 * The price history shares one budget of points among the watched assets (store/history.ts): a
 * few assets keep 600 points each, the whole venue keeps a chart's width each, never more than
 * asked and never under the minimum; live points and backfill both obey it.
 */
import { describe, expect, it } from 'vitest';
import { HISTORY_BUDGET, HISTORY_LIMIT, HISTORY_MIN_PER_ASSET, PriceHistory } from '../../store/history.js';
import { createPolybookStore, watchAssets } from '../../store/store.js';
import type { AssetView } from '../../store/types.js';

const view = (assetId: string, mid: string): AssetView => ({ assetId, analytics: { mid }, trades: [] }) as unknown as AssetView;

describe('the history budget', () => {
  it('600 points an asset for a few assets, fewer for many, never under the minimum', () => {
    const history = new PriceHistory(createPolybookStore());
    expect(history.limitFor(1)).toBe(HISTORY_LIMIT);
    expect(history.limitFor(HISTORY_BUDGET / HISTORY_LIMIT)).toBe(HISTORY_LIMIT);
    expect(history.limitFor(500)).toBe(HISTORY_BUDGET / 500);
    expect(history.limitFor(5000)).toBe(HISTORY_MIN_PER_ASSET);
    expect(new PriceHistory(createPolybookStore(), { limit: 50 }).limitFor(5000)).toBe(50);
  });

  it('with 5,000 assets watched a series keeps the newest 120 live points, and backfill fills only that', () => {
    let now = 0;
    const store = createPolybookStore();
    const ids = Array.from({ length: 5000 }, (_, i) => `a${i}`);
    watchAssets(store, ids);
    const history = new PriceHistory(store, { now: () => now });
    for (let i = 0; i < 300; i++) {
      now += 1000;
      const part = history.record([view('a0', `0.${String(100 + i).padStart(3, '0')}`)], store.getState());
      if (part) store.setState(part);
    }
    const series = store.getState().history.get('a0')!;
    expect(series.length).toBe(HISTORY_MIN_PER_ASSET);
    expect(series.at(-1)!.price).toBe(0.399);
    expect(series[0]!.price).toBe(0.28);
    history.backfill(
      'a1',
      Array.from({ length: 1440 }, (_, i) => ({ t: i * 60_000, p: 0.5 })),
    );
    expect(store.getState().history.get('a1')!.length).toBe(HISTORY_MIN_PER_ASSET);
  });
});
