/**
 * The price history (store/history.ts): a point per changed mid (at most one a second), one per
 * print, bounded, set in the same store update as the publish; backfill goes before live points.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BookEngine } from '../../src/book/engine.js';
import { parseFrame } from '../../src/protocol/parse-frame.js';
import { PriceHistory } from '../../store/history.js';
import { BookPublisher } from '../../store/publisher.js';
import { createPolybookStore, watchAssets } from '../../store/store.js';
import type { AssetView, PolybookState, TradeView } from '../../store/types.js';
import { fixtureFrames, UP_TOKEN } from '../helpers/fixtures.js';

/** Just what the history reads of a view. */
function view(assetId: string, mid: string | null, trades: readonly TradeView[] = []): AssetView {
  return { assetId, analytics: { mid }, trades } as unknown as AssetView;
}

function trade(price: string, ts: string): TradeView {
  return { price, size: '1', side: 'BUY', timestamp: ts };
}

function setup(limit = 600) {
  let now = 1_000_000;
  const store = createPolybookStore();
  watchAssets(store, ['a', 'b']);
  const history = new PriceHistory(store, { limit, now: () => now });
  const publish = (...views: AssetView[]) => {
    const part = history.record(views, store.getState());
    if (part) store.setState(part);
    return part;
  };
  return { store, history, publish, tick: (ms: number) => (now += ms) };
}

const prices = (state: PolybookState, id: string) => state.history.get(id)?.map((p) => `${p.kind}:${p.price}`);

describe('PriceHistory', () => {
  it('a mid point when the mid changed and a second has passed; unchanged or too soon adds nothing', () => {
    const { store, publish, tick } = setup();
    expect(publish(view('a', '0.5'))).not.toBeNull();
    expect(publish(view('a', '0.5'))).toBeNull();
    tick(400);
    expect(publish(view('a', '0.51'))).toBeNull();
    tick(600);
    publish(view('a', '0.51'));
    tick(5000);
    expect(publish(view('a', '0.51'))).toBeNull();
    publish(view('a', null));
    expect(prices(store.getState(), 'a')).toEqual(['mid:0.5', 'mid:0.51']);
    expect(
      store
        .getState()
        .history.get('a')!
        .map((p) => p.t),
    ).toEqual([1_000_000, 1_001_000]);
  });

  it('every new print once, oldest first, however many came between two publishes', () => {
    const { store, publish } = setup();
    const t1 = trade('0.4', '1');
    const t2 = trade('0.41', '2');
    const t3 = trade('0.42', '3');
    publish(view('a', null, [t1]));
    publish(view('a', null, [t1]));
    publish(view('a', null, [t3, t2, t1]));
    expect(prices(store.getState(), 'a')).toEqual(['trade:0.4', 'trade:0.41', 'trade:0.42']);
  });

  it('keeps at most `limit` points per asset, dropping the oldest; a series is a new array only when it grew', () => {
    const { store, publish, tick } = setup(3);
    for (let i = 0; i < 5; i++) {
      publish(view('a', `0.${10 + i}`), view('b', '0.5'));
      tick(1000);
    }
    const state = store.getState();
    expect(prices(state, 'a')).toEqual(['mid:0.12', 'mid:0.13', 'mid:0.14']);
    expect(prices(state, 'b')).toEqual(['mid:0.5']);
    const b = state.history.get('b');
    publish(view('a', '0.2'), view('b', '0.5'));
    expect(store.getState().history.get('b')).toBe(b);
  });

  it('backfill goes before the live points, only older ones, within the limit; an unwatched asset is ignored', () => {
    const { store, history, publish } = setup(4);
    publish(view('a', '0.5'));
    history.backfill('a', [
      { t: 1000, p: 0.3 },
      { t: 2000, p: 0.35 },
      { t: 3000, p: 0.4 },
      { t: 1_000_000, p: 0.9 },
      { t: 2_000_000, p: 0.9 },
    ]);
    expect(prices(store.getState(), 'a')).toEqual(['backfill:0.3', 'backfill:0.35', 'backfill:0.4', 'mid:0.5']);
    history.backfill('zzz', [{ t: 1000, p: 0.3 }]);
    expect(store.getState().history.has('zzz')).toBe(false);
    // A second backfill replaces the first, not adds to it.
    history.backfill('a', [{ t: 5000, p: 0.45 }]);
    expect(prices(store.getState(), 'a')).toEqual(['backfill:0.45', 'mid:0.5']);
  });
});

describe('PriceHistory on the publisher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a publish of the real capture sets views and history in one store update', () => {
    const store = createPolybookStore();
    const engine = new BookEngine();
    const publisher = new BookPublisher(engine, store, { intervalMs: 10, now: () => Date.now() });
    new PriceHistory(store).attach(publisher);
    const updates: Array<{ frame: number; points: number }> = [];
    store.subscribe((s) => updates.push({ frame: s.frame, points: s.history.get(UP_TOKEN)?.length ?? 0 }));
    for (const frame of fixtureFrames('live-2026-07-19-polysim/market-frames.jsonl').slice(0, 900))
      for (const e of parseFrame(frame).events) publisher.handle(e);
    vi.advanceTimersByTime(20);
    expect(updates.length).toBe(1);
    const series = store.getState().history.get(UP_TOKEN)!;
    const mid = Number(store.getState().assets.get(UP_TOKEN)!.analytics.mid);
    // Every print of the capture so far (up to the tape's bound), then the mid.
    expect(series.at(-1)).toEqual({ t: expect.any(Number), price: mid, kind: 'mid' });
    const tape = store.getState().assets.get(UP_TOKEN)!.trades.length;
    expect(tape).toBeGreaterThan(0);
    expect(series.filter((p) => p.kind === 'trade').length).toBe(tape);
    publisher.close();
  });
});
