/**
 * Ink's Output caches shared across frames and its rows kept from frame to frame
 * (components/ink-output-cache.ts, ink-row-memo.ts) draw byte-for-byte the frames Ink draws with
 * its own per-frame caches. Colour is forced, so the frames carry the escape codes the caches
 * hold.
 */
import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.FORCE_COLOR = '1';
});

const { App } = await import('../../components/app.js');
const { shareInkOutputCaches } = await import('../../components/ink-output-cache.js');
const { publishAssets, setHealth } = await import('../../store/store.js');
const { ASKS, BIDS, NOW, YES, assetView, health, renderAt, settle, storeWith, terminal } = await import('./helpers.js');

/** A price history, so the frames have the chart under the ladder. */
const series = Array.from({ length: 80 }, (_, i) => ({ t: NOW - (80 - i) * 60_000, price: 0.4 + 0.05 * Math.sin(i / 6), kind: 'mid' as const }));

/** The frames of one fixed sequence: a screen, then books and health records changing. */
async function frames(): Promise<string[]> {
  const view = assetView({ bids: BIDS, asks: ASKS, trades: [{ price: '0.41', size: '10', side: 'BUY', timestamp: String(NOW - 5000) }] });
  const store = storeWith([view]);
  store.setState({ history: new Map([[YES, series]]) });
  const term = terminal(120, 40);
  const app = renderAt(<App store={store} now={() => NOW} noColor={false} />, term);
  await settle();
  for (let i = 1; i <= 6; i++) {
    const size = String(100 + i * 17.5);
    publishAssets(store, [
      {
        ...view,
        bids: [{ price: '0.4', size, cumulative: size }, ...view.bids.slice(1)],
        trades: [{ price: '0.4', size: String(i), side: 'SELL', timestamp: String(NOW - 1000 + i) }, ...view.trades],
      },
    ]);
    await settle();
    setHealth(store, health({ rttMs: 40 + i }));
    await settle();
  }
  app.unmount();
  return term.stdout.frames;
}

describe('Ink output caches shared across frames', () => {
  it('draws the same frames as per-frame caches', async () => {
    const own = await frames();
    expect(await shareInkOutputCaches({})).toBe(true);
    const shared = await frames();
    expect(shared.length).toBeGreaterThan(6);
    expect(shared.join('')).toContain('price since');
    expect(shared).toEqual(own);
  });
});
