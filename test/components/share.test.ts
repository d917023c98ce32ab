/** Structural sharing: unchanged parts of the next model keep the previous objects. */
import { describe, expect, it } from 'vitest';
import { share } from '../../components/share.js';

describe('share', () => {
  it('returns the previous value when nothing changed, and shares what did not', () => {
    const prev = { a: { text: 'x', n: 1 }, b: [{ text: 'y' }, { text: 'z' }], c: null };
    expect(share(prev, { a: { text: 'x', n: 1 }, b: [{ text: 'y' }, { text: 'z' }], c: null })).toBe(prev);
    const next = share(prev, { a: { text: 'x', n: 2 }, b: [{ text: 'y' }, { text: 'z' }], c: null });
    expect(next).not.toBe(prev);
    expect(next.a).toEqual({ text: 'x', n: 2 });
    expect(next.b).toBe(prev.b);
  });

  it('matches keyed rows by key, so rows that only moved keep their identity', () => {
    const prev = [
      { key: 'b', text: 'B' },
      { key: 'c', text: 'C' },
    ];
    const next = share(prev, [
      { key: 'a', text: 'A' },
      { key: 'b', text: 'B' },
      { key: 'c', text: 'C' },
    ]);
    expect(next[1]).toBe(prev[0]);
    expect(next[2]).toBe(prev[1]);
    expect(share(prev, [{ key: 'b', text: 'B' }])).toEqual([{ key: 'b', text: 'B' }]);
  });

  it('a field that appears or disappears is a change', () => {
    const prev: { a: number; b?: number } = { a: 1 };
    expect(share(prev, { a: 1, b: 2 })).not.toBe(prev);
    expect(share({ a: 1, b: 2 } as { a: number; b?: number }, { a: 1 })).toEqual({ a: 1 });
  });
});
