/**
 * Flashes for a ladder drawn on its own (`BookPane`), outside the screen's frame clock: a
 * FlashTracker looked at on every render, and a timer that redraws once after the last flash ends
 * when no new levels came along to end it. The screen itself does not use this hook: it looks at
 * its tracker on the frame clock (components/screen-controller.ts), with no timer of its own.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { LadderLevel } from '../store/types.js';
import { FLASH_MS, FlashTracker } from './flashes.js';

export { FLASH_MS } from './flashes.js';

/** A flash ends at the first redraw after FLASH_MS; without one, this timer redraws this much later. */
const EXPIRY_SLACK_MS = 100;

export function useFlashes(
  key: string | null,
  bids: readonly LadderLevel[],
  asks: readonly LadderLevel[],
  now: () => number,
  ms = FLASH_MS,
): ReadonlySet<string> {
  const tracker = useRef<FlashTracker | null>(null);
  tracker.current ??= new FlashTracker(ms);
  const [expired, setExpired] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `expired` is not read; its change forces the look that drops finished flashes
  const flashing = useMemo(() => tracker.current!.look(key, bids, asks, now()), [key, bids, asks, expired, now]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `flashing` and `expired` are the triggers: each new look or expiry schedules the next one
  useEffect(() => {
    const next = tracker.current!.nextEnd();
    if (next === Infinity) return;
    const timer = setTimeout(() => setExpired((n) => n + 1), Math.max(0, next + EXPIRY_SLACK_MS - now()));
    return () => clearTimeout(timer);
  }, [flashing, expired, now]);
  return flashing;
}
