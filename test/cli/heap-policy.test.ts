/** `watch` sets V8's heap growth (src/cli/heap-policy.ts); POLYBOOK_HEAP_GROWTH chooses or turns it off. */
import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { applyHeapPolicy, HEAP_GROWTH_PERCENT } from '../../src/cli/heap-policy.js';
import { WatchSession } from '../../src/cli/session.js';

const ID = '12935926064588426924078449947177910958215776269411501731627440228801766632772';

describe('the heap policy of a long watch', () => {
  it('30 % by default, a chosen whole percent, and V8 own policy for 0 or nonsense', () => {
    expect(applyHeapPolicy({})).toBe(HEAP_GROWTH_PERCENT);
    expect(applyHeapPolicy({ POLYBOOK_HEAP_GROWTH: '50' })).toBe(50);
    for (const off of ['0', '-5', 'abc', '1.5', '1000']) expect(applyHeapPolicy({ POLYBOOK_HEAP_GROWTH: off })).toBeNull();
    // The process still runs and collects.
    expect(getHeapStatistics().used_heap_size).toBeGreaterThan(0);
  });

  it('pipe mode keeps no price history (nothing it writes reads it); the screen does', () => {
    const piped = new WatchSession([ID], { api: null, history: false });
    const screen = new WatchSession([ID], { api: null });
    expect(piped.history).toBeNull();
    expect(screen.history).not.toBeNull();
  });
});
