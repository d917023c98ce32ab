/**
 * The fuzzer as part of `npm test`: a short seeded run of mutated real frames through the watch
 * pipeline (see harness.ts) must find nothing, and memory must stay bounded. `npm run fuzz` runs
 * the same harness for as long as you like.
 */
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/fixtures.js';
import { loadCorpus } from './corpus.js';
import { FAILING, runFuzz, type Example } from './harness.js';

/** heapUsed may never pass this during the run (garbage included; the run itself needs ~150 MB). */
const HEAP_LIMIT_MB = 512;

function explain(examples: readonly Example[]): string {
  return examples
    .slice(0, 6)
    .map(
      (e) =>
        `${e.counter} at frame ${e.index} (${e.stage}; ${e.source}; ops ${e.ops.join(', ')}): ${e.detail.slice(0, 400)}\n  frame: ${e.frame.slice(0, 300)}`,
    )
    .join('\n');
}

describe('fuzz: 20 000 mutated real frames through parse → engine → store → NDJSON', () => {
  it('finds no crash, hang, state change by a rejected frame, unsafe or exponent output; heap stays bounded', () => {
    const { result, examples } = runFuzz({ frames: 20_000, seed: 20260719, corpus: loadCorpus(FIXTURES) });
    expect(result.frames).toBe(20_000);
    // The run must exercise the pipeline, not only the parser's rejections.
    expect(result.events - result.invalid_events - result.unknown_events).toBeGreaterThan(8000);
    expect(result.ndjson_lines).toBeGreaterThan(1000);
    expect(result.user_frames).toBeGreaterThan(100);
    const counters = Object.fromEntries(FAILING.map((k) => [k, result[k]]));
    expect(counters, explain(examples)).toEqual(Object.fromEntries(FAILING.map((k) => [k, 0])));
    expect(result.peak_heap_mb).toBeLessThan(HEAP_LIMIT_MB);
  }, 120_000);
});
