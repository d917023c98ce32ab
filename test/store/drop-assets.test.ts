/** The store action that drops assets removed while running (`x`, `--follow` rolls). */
import { describe, expect, it } from 'vitest';
import { createPolybookStore, dropAssets, setFollow, watchAssets } from '../../store/store.js';
import { assetView } from '../components/helpers.js';

describe('dropAssets', () => {
  it('takes the assets out of the order, the views and the history', () => {
    const a = assetView({ assetId: 'a' });
    const b = assetView({ assetId: 'b' });
    const store = createPolybookStore({
      assets: new Map([
        ['a', a],
        ['b', b],
      ]),
      history: new Map([
        ['a', [{ t: 1, price: 0.5, kind: 'mid' as const }]],
        ['b', [{ t: 1, price: 0.4, kind: 'mid' as const }]],
      ]),
    });
    watchAssets(store, ['a', 'b', 'c']);
    const frame = store.getState().frame;
    dropAssets(store, ['a', 'c']);
    const state = store.getState();
    expect(state.order).toEqual(['b']);
    expect([...state.assets.keys()]).toEqual(['b']);
    expect(state.assets.get('b')).toBe(b);
    expect([...state.history.keys()]).toEqual(['b']);
    expect(state.frame).toBe(frame + 1);
  });

  it('keeps the same state when none of them is shown', () => {
    const store = createPolybookStore();
    watchAssets(store, ['a']);
    const before = store.getState();
    dropAssets(store, ['x', 'y']);
    expect(store.getState()).toBe(before);
  });

  it('setFollow sets and clears what --follow shows', () => {
    const store = createPolybookStore();
    const follow = { series: 's', slug: 's-1', endsAt: 5, lastRoll: null };
    setFollow(store, follow);
    expect(store.getState().follow).toBe(follow);
    setFollow(store, null);
    expect(store.getState().follow).toBeNull();
  });
});
