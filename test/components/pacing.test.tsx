/**
 * The screen draws only when something it shows changed, and every redraw (publishes, health
 * records, the clock, flash fades) is on the paced frame of the store's frame governor.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../components/app.js';
import { FLASH_MS } from '../../components/flashes.js';
import { BookEngine } from '../../src/book/engine.js';
import { FrameGovernor } from '../../store/frame-governor.js';
import { BookPublisher } from '../../store/publisher.js';
import { publishAssets, setHealth } from '../../store/store.js';
import { ASKS, BIDS, NOW, assetView, health, renderAt, settle, storeWith, terminal } from './helpers.js';

process.env.TZ = 'UTC';

/** A screen on a store paced by a governor at `fps` (interval 1000 / fps), counting frames written. */
function paced(fps: number) {
  const view = assetView({ bids: BIDS, asks: ASKS });
  const store = storeWith([view], [health({ lastDataAt: NOW })]);
  new FrameGovernor(new BookPublisher(new BookEngine(), store), { maxFps: fps, budget: 0 });
  const term = terminal(120, 40);
  const app = renderAt(<App store={store} now={() => Date.now()} noColor />, term);
  return { store, view, app, frames: () => term.stdout.frames.length };
}

describe('paced screen', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('draws nothing for a publish or a health record that changes nothing shown', async () => {
    vi.useFakeTimers({ now: NOW });
    const { store, view, app, frames } = paced(4);
    await settle();
    const drawn = frames();
    // Not on screen: the venue timestamp, the number of connections carried by one record.
    publishAssets(store, [{ ...view, updatedAt: String(NOW + 1) }]);
    setHealth(store, health({ lastDataAt: NOW, assets: 3 }));
    await settle();
    vi.advanceTimersByTime(400);
    await settle();
    expect(frames()).toBe(drawn);
    app.unmount();
  });

  it('a publish draws at once; health records between publishes ride along with the next one', async () => {
    vi.useFakeTimers({ now: NOW });
    const { store, view, app, frames } = paced(4);
    await settle();
    const drawn = frames();
    publishAssets(store, [{ ...view, bids: [{ price: '0.4', size: '7', cumulative: '7' }, ...view.bids.slice(1)] }]);
    await settle();
    expect(frames()).toBe(drawn + 1);
    expect(app.lastFrame()).toContain('B* 0.40');
    // Four health records in 200 ms, then a publish at 250 ms: one frame shows them all.
    for (let i = 1; i <= 4; i++) {
      vi.advanceTimersByTime(50);
      setHealth(store, health({ lastDataAt: NOW, rttMs: 40 + i }));
      await settle();
    }
    expect(frames()).toBe(drawn + 1);
    vi.advanceTimersByTime(50);
    publishAssets(store, [{ ...view, asks: [{ price: '0.41', size: '9', cumulative: '9' }, ...view.asks.slice(1)] }]);
    await settle();
    expect(frames()).toBe(drawn + 2);
    expect(app.lastFrame()).toContain('rtt 44ms');
    expect(app.lastFrame()).toContain('A* 0.41');
    app.unmount();
  });

  it('without publishes, the clock, a health record and a flash fade share frames an interval and a half apart', async () => {
    vi.useFakeTimers({ now: NOW });
    const { store, view, app, frames } = paced(4);
    await settle();
    publishAssets(store, [{ ...view, bids: [{ price: '0.4', size: '7', cumulative: '7' }, ...view.bids.slice(1)] }]);
    await settle();
    const drawn = frames();
    expect(app.lastFrame()).toContain('B* 0.40');
    // The flash ends at 300 ms, a health record comes at 100 ms: both are drawn in one frame at
    // 375 ms (an interval and a half of 250 ms after the publish's frame), not at 100 and 300.
    vi.advanceTimersByTime(100);
    setHealth(store, health({ lastDataAt: NOW, rttMs: 50 }));
    await settle();
    vi.advanceTimersByTime(FLASH_MS - 100);
    await settle();
    expect(frames()).toBe(drawn);
    vi.advanceTimersByTime(375 - FLASH_MS);
    await settle();
    expect(frames()).toBe(drawn + 1);
    expect(app.lastFrame()).not.toContain('*');
    expect(app.lastFrame()).toContain('rtt 50ms');
    // The ages tick once a second, on that clock: "data 1s ago" from the record at NOW.
    vi.advanceTimersByTime(1000);
    await settle();
    expect(frames()).toBe(drawn + 2);
    expect(app.lastFrame()).toContain('data 1s ago');
    // Ten seconds at 4 fps with nothing but the clock: at most one frame a second.
    const before = frames();
    for (let i = 0; i < 100; i++) {
      vi.advanceTimersByTime(100);
      await settle();
    }
    expect(frames() - before).toBeLessThanOrEqual(10);
    expect(app.lastFrame()).toContain('data 11s ago');
    app.unmount();
  });

  it('tells the governor what each frame cost it', async () => {
    const view = assetView({ bids: BIDS, asks: ASKS });
    const store = storeWith([view], [health({ lastDataAt: NOW })]);
    const governor = new FrameGovernor(new BookPublisher(new BookEngine(), store), { maxFps: 10, budget: 0.12 });
    const frameCost = vi.spyOn(governor, 'frameCost');
    const app = renderAt(<App store={store} now={() => NOW} noColor />, terminal(120, 40));
    await settle();
    const before = frameCost.mock.calls.length;
    publishAssets(store, [{ ...view, bids: [{ price: '0.4', size: '7', cumulative: '7' }, ...view.bids.slice(1)] }]);
    await settle();
    expect(frameCost.mock.calls.length).toBe(before + 1);
    const [cpuMs] = frameCost.mock.calls.at(-1)!;
    expect(cpuMs).toBeGreaterThan(0);
    app.unmount();
  });
});
