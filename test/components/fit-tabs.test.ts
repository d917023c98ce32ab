/** fitTabs (header.tsx) is linear now; it chooses exactly the window the slicing version chose. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitTabs, type Tab } from '../../components/header.js';

/** The previous implementation, kept as the reference. */
function reference(labels: readonly string[], selected: number, width: number): Tab[] {
  const tabs = labels.map((label, i) => {
    const name = i < 9 ? `${i + 1} ${label}` : label;
    return i === selected ? { text: `[${name}]`, selected: true } : { text: ` ${name} `, selected: false };
  });
  const size = (from: number, to: number) => tabs.slice(from, to).reduce((n, t) => n + t.text.length + 1, -1) + (from > 0 ? 2 : 0);
  let from = 0;
  let to = tabs.length;
  while (to - from > 1 && size(from, to) > width) {
    if (to - 1 > selected) to--;
    else from++;
  }
  return from > 0 ? [{ text: '…', selected: false }, ...tabs.slice(from, to)] : tabs.slice(from, to);
}

describe('fitTabs', () => {
  it('the same tabs as the slicing version, for any labels, selection and width', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 14 }), { maxLength: 40 }),
        fc.integer({ min: -1, max: 45 }),
        fc.integer({ min: 0, max: 200 }),
        (labels, selected, width) => {
          expect(fitTabs(labels, selected, width)).toEqual(reference(labels, selected, width));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('5,000 tabs: the selected one is in the window, which fits', () => {
    const labels = Array.from({ length: 5000 }, (_, i) => `asset ${i}`);
    const tabs = fitTabs(labels, 4321, 120);
    expect(tabs.some((t) => t.selected && t.text === '[asset 4321]')).toBe(true);
    expect(tabs.reduce((n, t) => n + t.text.length + 1, -1)).toBeLessThanOrEqual(120);
  });
});
