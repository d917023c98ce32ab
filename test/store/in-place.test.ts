/**
 * `assets` and `history` are one Map each for the store's life, updated in place (a copy per
 * publish of a 5,000-asset Map was most of the old-space garbage at venue scale); `frame` is the
 * change signal, and `stateSnapshot` is how a reader keeps a state as it was (the screen's pause).
 */
import { describe, expect, it } from 'vitest';
import { createPolybookStore, dropAssets, publishAssets, stateSnapshot } from '../../store/store.js';
import { assetView } from '../components/helpers.js';

describe('the store updates assets in place', () => {
  it('a publish sets views in the same Map and counts a frame; subscribers see the frame change', () => {
    const store = createPolybookStore();
    const map = store.getState().assets;
    const frames: number[] = [];
    store.subscribe((state, previous) => frames.push(state.frame - previous.frame));
    const a1 = assetView({ assetId: 'a', bids: [['0.4', '10']] });
    publishAssets(store, [a1]);
    const a2 = assetView({ assetId: 'a', bids: [['0.41', '5']] });
    const b = assetView({ assetId: 'b' });
    publishAssets(store, [a2, b]);
    const state = store.getState();
    expect(state.assets).toBe(map);
    expect(state.assets.get('a')).toBe(a2);
    expect(state.assets.get('b')).toBe(b);
    expect(state.order).toEqual(['a', 'b']);
    expect(state.frame).toBe(2);
    expect(frames).toEqual([1, 1]);
  });

  it('a snapshot keeps what was shown while later publishes and drops change the store', () => {
    const store = createPolybookStore();
    const a1 = assetView({ assetId: 'a' });
    publishAssets(store, [a1, assetView({ assetId: 'b' })], { history: new Map([['a', [{ t: 1, price: 0.5, kind: 'mid' as const }]]]) });
    const kept = stateSnapshot(store.getState());
    publishAssets(store, [assetView({ assetId: 'a', updatedAt: '99' })]);
    dropAssets(store, ['b', 'a']);
    expect(store.getState().assets.size).toBe(0);
    expect(store.getState().history.size).toBe(0);
    expect(kept.assets.get('a')).toBe(a1);
    expect([...kept.assets.keys()]).toEqual(['a', 'b']);
    expect(kept.history.get('a')).toEqual([{ t: 1, price: 0.5, kind: 'mid' }]);
    expect(kept.order).toEqual(['a', 'b']);
  });
});
