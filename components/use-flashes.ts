/**
 * Which ladder levels changed size since the previous frame, for `ms` after the change. Sizes are
 * compared per price and side; switching to another asset starts over without flashing.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { LadderLevel } from '../src/book/analytics.js';
import { flashKey } from './ladder-model.js';

export const FLASH_MS = 300;
/**
 * A flash ends at the first redraw after FLASH_MS; this timer redraws only when no publish came
 * along within this slack, so a busy feed pays no extra frames for ending flashes.
 */
const EXPIRY_SLACK_MS = 100;

interface Memory {
  key: string | null;
  sizes: Map<string, string>;
  until: Map<string, number>;
}

const NONE: ReadonlySet<string> = new Set();

function sizesOf(bids: readonly LadderLevel[], asks: readonly LadderLevel[]): Map<string, string> {
  const sizes = new Map<string, string>();
  for (const l of bids) sizes.set(flashKey('bid', l.price), l.size);
  for (const l of asks) sizes.set(flashKey('ask', l.price), l.size);
  return sizes;
}

/**
 * The diff runs while rendering, so a change and its flash reach the screen in the same frame.
 * It is idempotent: computing twice for the same levels finds no new change the second time.
 */
export function useFlashes(
  key: string | null,
  bids: readonly LadderLevel[],
  asks: readonly LadderLevel[],
  now: () => number,
  ms = FLASH_MS,
): ReadonlySet<string> {
  const memory = useRef<Memory>({ key: null, sizes: new Map(), until: new Map() });
  const [expired, setExpired] = useState(0);
  const flashing = useMemo(() => {
    const m = memory.current;
    const sizes = sizesOf(bids, asks);
    const t = now();
    if (m.key !== key) m.until.clear();
    else for (const [k, size] of sizes) if (m.sizes.get(k) !== size) m.until.set(k, t + ms);
    m.key = key;
    m.sizes = sizes;
    for (const [k, end] of m.until) if (end <= t) m.until.delete(k);
    return m.until.size === 0 ? NONE : new Set(m.until.keys());
    // `expired` is not read: its change forces the recomputation that drops finished flashes.
  }, [key, bids, asks, expired, now, ms]);
  useEffect(() => {
    if (flashing.size === 0) return;
    let next = Infinity;
    for (const end of memory.current.until.values()) next = Math.min(next, end);
    const timer = setTimeout(() => setExpired((n) => n + 1), Math.max(0, next + EXPIRY_SLACK_MS - now()));
    return () => clearTimeout(timer);
  }, [flashing, now]);
  return flashing;
}
