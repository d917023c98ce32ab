/**
 * How much a long `watch` lets V8's heap grow past what is live before a full collection.
 *
 * V8 sizes the old generation as a multiple of what survived the last full GC, up to 4× when
 * collecting looks cheap against the mutator. A watch of the whole venue (5,000 assets) keeps ~70
 * MB live, but each book update and publish leaves a little promoted garbage, so V8 let the heap
 * reach ~270 MB between full collections, most of the process's RSS (issue #10: ≤ 200 MB). A fixed
 * growth of 30 % collects sooner: at that scale a full collection comes every few seconds and
 * costs ~15 ms of marking on the main thread plus incremental steps, a percent or two of a core.
 * Only `watch` and `demo` set it (they run for hours); the library never changes process-wide V8
 * flags, and `POLYBOOK_HEAP_GROWTH=0` leaves V8's own policy.
 */
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWTH_PERCENT = 30;

/** Sets V8's heap growing factor for the rest of the process (read at every full GC). */
export function applyHeapPolicy(env: NodeJS.ProcessEnv = process.env): number | null {
  const given = env.POLYBOOK_HEAP_GROWTH;
  const percent = given === undefined || given === '' ? HEAP_GROWTH_PERCENT : Number(given);
  if (!Number.isInteger(percent) || percent <= 0 || percent > 400) return null;
  setFlagsFromString(`--heap-growing-percent=${percent}`);
  // Without compaction the old space's pages stay as fragmented as the book updates left them
  // and its committed size creeps up (~0.4 MB/s at venue scale) while what is live stays flat.
  setFlagsFromString('--compact-on-every-full-gc');
  return percent;
}
