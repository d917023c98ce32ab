import { describe, expect, it } from 'vitest';
import { fitTabs } from '../../components/header.js';
import { jumpAsset, otherOutcome, selectedAsset, stepAsset } from '../../components/navigation.js';
import { createPolybookStore, publishAssets } from '../../store/store.js';
import { assetView } from './helpers.js';

function state() {
  const store = createPolybookStore();
  publishAssets(store, [
    assetView({ assetId: 'a-yes', market: 'A' }),
    assetView({ assetId: 'b-yes', market: 'B' }),
    assetView({ assetId: 'a-no', market: 'A' }),
    assetView({ assetId: 'b-no', market: 'B', pair: { assetId: 'b-yes', gap: '0', disagrees: false } }),
  ]);
  return store.getState();
}

describe('navigation', () => {
  it('selects the chosen asset while watched, else the first', () => {
    expect(selectedAsset('b-yes', ['a', 'b-yes'])).toBe('b-yes');
    expect(selectedAsset('gone', ['a', 'b'])).toBe('a');
    expect(selectedAsset(null, [])).toBeNull();
  });

  it('steps and jumps with wrap-around, ignoring jumps past the end', () => {
    const order = ['a', 'b', 'c'];
    expect(stepAsset(null, order, 1)).toBe('b');
    expect(stepAsset('c', order, 1)).toBe('a');
    expect(stepAsset('a', order, -1)).toBe('c');
    expect(stepAsset('a', order, -4)).toBe('c');
    expect(jumpAsset('a', order, 2)).toBe('c');
    expect(jumpAsset('a', order, 5)).toBe('a');
  });

  it('flips to the other outcome of the same market (the recorded pair first)', () => {
    const s = state();
    expect(otherOutcome('a-yes', s)).toBe('a-no');
    expect(otherOutcome('a-no', s)).toBe('a-yes');
    expect(otherOutcome('b-no', s)).toBe('b-yes');
    expect(otherOutcome(null, s)).toBe('a-no');
    expect(otherOutcome('x', { ...s, order: ['x'] })).toBe('x');
  });

  it('numbers tabs 1–9, brackets the selected one and keeps it in view on narrow screens', () => {
    const labels = Array.from({ length: 12 }, (_, i) => `A${i}`);
    const text = (tabs: { text: string }[]) => tabs.map((t) => t.text).join(' ');
    expect(text(fitTabs(labels.slice(0, 3), 1, 80))).toBe(' 1 A0  [2 A1]  3 A2 ');
    const narrow = fitTabs(labels, 10, 30);
    expect(text(narrow)).toContain('[A10]');
    expect(narrow[0]!.text).toBe('…');
    expect(text(narrow).length).toBeLessThanOrEqual(30);
    expect(text(fitTabs(labels, 0, 30)).startsWith('[1 A0]')).toBe(true);
    expect(text(fitTabs(labels, 0, 30)).length).toBeLessThanOrEqual(30);
  });
});
