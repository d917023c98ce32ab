/**
 * Colour where it carries meaning, and none at all under NO_COLOR. Chalk decides its colour level
 * when first imported, so this file forces colour before anything loads.
 */
import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.FORCE_COLOR = '1';
});

const { App } = await import('../../components/app.js');
const { ASKS, BIDS, NOW, assetView, health, renderAt, settle, storeWith, terminal } = await import('./helpers.js');
const { publishAssets } = await import('../../store/store.js');

const ANSI = /\u001B\[/;

async function frame(noColor: boolean, crossed = false): Promise<string> {
  const view = crossed ? assetView({ bids: [['0.5', '1']], asks: [['0.49', '1']], crossed: true }) : assetView({ bids: BIDS, asks: ASKS });
  const term = terminal(100, 30);
  const app = renderAt(<App store={storeWith([view])} now={() => NOW} noColor={noColor} />, term);
  await settle();
  const out = app.lastFrame();
  app.unmount();
  return out;
}

describe('colour', () => {
  it('colours bids green and asks red, bars as coloured cells', async () => {
    const out = await frame(false);
    expect(out).toMatch(ANSI);
    expect(out).toMatch(/\u001B\[42m {2,}\u001B\[49m/); // a green bar
    expect(out).toMatch(/\u001B\[41m {2,}\u001B\[49m/); // a red bar
    expect(out).not.toContain('█');
    expect(out).toContain(' \u001B[32m 0.40   '); // green
    expect(out).toContain(' \u001B[31m 0.41   '); // red
  });

  it('uses no escape sequences at all without colour', async () => {
    expect(await frame(true)).not.toMatch(ANSI);
    expect(await frame(true, true)).not.toMatch(ANSI);
  });

  it('flashes changed levels in inverse video and shows bad counters in bold red', async () => {
    const view = assetView({ bids: BIDS, asks: ASKS, integrity: { ...assetView().integrity, hash_mismatch: 1 } });
    const store = storeWith([view], [health({ frozen: true })]);
    const term = terminal(100, 30);
    const app = renderAt(<App store={store} now={() => NOW} noColor={false} />, term);
    await settle();
    expect(app.lastFrame()).not.toContain('\u001B[7m\u001B[32m');
    publishAssets(store, [{ ...view, bids: [{ price: '0.4', size: '7', cumulative: '7' }, ...view.bids.slice(1)] }]);
    await settle();
    const flashing = app
      .lastFrame()
      .split('\n')
      .filter((l) => l.includes('\u001B[7m'));
    expect(flashing.some((l) => l.includes(' 0.40 '))).toBe(true);
    expect(flashing.some((l) => l.includes(' 0.39 '))).toBe(false);
    expect(app.lastFrame()).toContain('\u001B[1m\u001B[31m1✗');
    expect(app.lastFrame()).toContain('\u001B[1m\u001B[31mfrozen');
    app.unmount();
  });
});
