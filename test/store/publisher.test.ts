/** The store publishes at most once per frame interval, whatever the event rate (fake timers). */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BookEngine } from '../../src/book/engine.js';
import { parseFrame } from '../../src/protocol/parse-frame.js';
import { BookPublisher } from '../../store/publisher.js';
import { createPolybookStore, setDepth, setHealth, watchAssets } from '../../store/store.js';
import { mirroredLadder } from '../../store/selectors.js';
import { DOWN_TOKEN, fixtureFrames, UP_TOKEN } from '../helpers/fixtures.js';

const frames = fixtureFrames('live-2026-07-19-polysim/market-frames.jsonl');

function setup(intervalMs = 100) {
  const store = createPolybookStore();
  const engine = new BookEngine();
  const publisher = new BookPublisher(engine, store, { intervalMs, now: () => Date.now() });
  const feed = (from: number, to: number) => {
    for (const frame of frames.slice(from, to)) for (const e of parseFrame(frame).events) publisher.handle(e);
  };
  return { store, engine, publisher, feed };
}

describe('BookPublisher', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('applies events to the engine at once but publishes at most once per interval', () => {
    const { store, engine, publisher, feed } = setup(100);
    const updates: number[] = [];
    store.subscribe((s) => updates.push(s.frame));
    feed(0, 300);
    // The engine already holds the book; the store has not been touched yet.
    expect(engine.assets.get(UP_TOKEN)!.book!.bids.levels.length).toBeGreaterThan(0);
    expect(updates).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(updates).toEqual([1]);
    feed(300, 600);
    vi.advanceTimersByTime(50);
    expect(updates).toEqual([1]);
    vi.advanceTimersByTime(50);
    expect(updates).toEqual([1, 2]);
    feed(600, 900);
    vi.advanceTimersByTime(1000);
    expect(updates).toEqual([1, 2, 3]);
    publisher.close();
  });

  it('the first book is published in its own turn, not an interval after a publish without books; later ones wait', () => {
    const { store, engine, publisher, feed } = setup(100);
    const updates: number[] = [];
    store.subscribe((s) => updates.push(s.frame));
    // A publish with no book yet (as a connection's state change makes: store/feed-binding.ts) ...
    publisher.publishNow();
    // ... then a label to publish, due an interval after it.
    publisher.label(UP_TOKEN, { outcome: 'Up', question: 'q' });
    vi.advanceTimersByTime(10);
    expect(updates).toEqual([]);
    // The session's first book: published in this turn's timer, not at 100 ms.
    feed(0, 300);
    expect(engine.assets.get(UP_TOKEN)!.book).not.toBeNull();
    vi.advanceTimersByTime(0);
    expect(updates).toEqual([1]);
    expect(store.getState().assets.get(UP_TOKEN)!.bids.length).toBeGreaterThan(0);
    // From then on, at most one publish per interval, books or not.
    feed(300, 600);
    vi.advanceTimersByTime(50);
    expect(updates).toEqual([1]);
    vi.advanceTimersByTime(60);
    expect(updates).toEqual([1, 2]);
    publisher.close();
  });

  it('publishes the top-N ladder with cumulative sizes, analytics, integrity and trades', () => {
    const { store, publisher, feed } = setup(10);
    setDepth(store, 3);
    feed(0, 900);
    vi.advanceTimersByTime(20);
    const view = store.getState().assets.get(UP_TOKEN)!;
    expect(view.bids).toEqual([
      { price: '0.4', size: '106.06', cumulative: '106.06' },
      { price: '0.39', size: '168.88', cumulative: '274.94' },
      { price: '0.38', size: '108.88', cumulative: '383.82' },
    ]);
    expect(view.asks[0]).toEqual({ price: '0.41', size: '276.56', cumulative: '276.56' });
    expect(view.analytics).toMatchObject({ bestBid: '0.4', bestAsk: '0.41', spread: '0.01', mid: '0.405', spreadTicks: '1' });
    expect(view.status).toBe('live');
    expect(view.integrity.snapshots_agreed).toBe(11);
    expect(view.trades.map((t) => t.price)).toEqual(['0.41', '0.41', '0.4', '0.39', '0.39', '0.39', '0.39']);
    expect(store.getState().order).toHaveLength(2);
    publisher.close();
  });

  it('unchanged ladder levels keep their identity across publishes', () => {
    const { store, publisher, feed } = setup(10);
    feed(0, 2);
    vi.advanceTimersByTime(20);
    const before = store.getState().assets.get(UP_TOKEN)!;
    feed(2, 3);
    vi.advanceTimersByTime(20);
    const after = store.getState().assets.get(UP_TOKEN)!;
    expect(after).not.toBe(before);
    // Line 3 changes the best ask only; the bid ladder's objects are reused.
    expect(after.bids.every((level, i) => level === before.bids[i])).toBe(true);
    publisher.close();
  });

  it('a depth change republishes every asset at the new depth', () => {
    const { store, publisher, feed } = setup(10);
    feed(0, 10);
    vi.advanceTimersByTime(20);
    expect(store.getState().assets.get(UP_TOKEN)!.bids).toHaveLength(20);
    setDepth(store, 5);
    vi.advanceTimersByTime(20);
    expect(store.getState().assets.get(UP_TOKEN)!.bids).toHaveLength(5);
    publisher.close();
  });

  it('pairs the two outcomes: the mirror of Down is exactly Up on real data; a gap over a tick is flagged', () => {
    const { store, engine, publisher, feed } = setup(10);
    feed(0, 900);
    vi.advanceTimersByTime(20);
    const state = store.getState();
    const up = state.assets.get(UP_TOKEN)!;
    expect(up.pair).toEqual({ assetId: DOWN_TOKEN, gap: '0', disagrees: false });
    const mirrored = mirroredLadder(state, UP_TOKEN)!;
    expect(mirrored.bids).toEqual(up.bids);
    expect(mirrored.asks).toEqual(up.asks);
    expect(mirroredLadder(state, UP_TOKEN)).toBe(mirrored);
    // Move Down's best ask two ticks away from the mirror of Up's best bid.
    engine.assets.get(DOWN_TOKEN)!.book!.set('SELL', '0.6', '0');
    engine.assets.get(DOWN_TOKEN)!.book!.set('SELL', '0.61', '0');
    engine.dirty.add(UP_TOKEN);
    publisher.publishNow();
    expect(store.getState().assets.get(UP_TOKEN)!.pair).toEqual({ assetId: DOWN_TOKEN, gap: '0.02', disagrees: true });
    publisher.close();
  });

  it('actions work without React: watch order, health slot', () => {
    const store = createPolybookStore();
    watchAssets(store, ['b', 'a', 'b']);
    setHealth(store, {
      id: 'market-0',
      channel: 'market',
      state: 'live',
      frozen: false,
      attempt: 0,
      nextRetryAt: null,
      rttMs: 12,
      messagesPerSec: 40,
      lastDataAt: 1,
      quietVerifiedAt: null,
      reconnects: 0,
      lastDisconnectCause: null,
      assets: 2,
    });
    expect(store.getState().order).toEqual(['b', 'a']);
    expect(store.getState().health['market-0']!.rttMs).toBe(12);
  });
});
