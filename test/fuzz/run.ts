/**
 * `npm run fuzz -- --frames 1000000 --seed 1`: mutated real frames through the watch pipeline (see
 * harness.ts). Prints a human summary on stderr and one JSON line on stdout; saves the frames
 * behind any finding to a file under the OS temp dir and prints its path. Exit status 1 when a
 * failing counter (crashes, hangs, rejected_changed_state, unsafe_output, exponent_output,
 * untracked_state, store_key_errors) is not zero, 2 on bad arguments.
 *
 * Options: --frames N (100000), --seed S (1), --publish-every K (16), --heap-every N (1000),
 * --hang-ms MS (1000), --examples N (12 per counter, one per distinct finding), --watchdog S (120: a frame stuck this long ends the run,
 * naming it), --frame I (print mutated frame I of the seed and exit: reproduces a finding),
 * --input FILE (send the frames of a .jsonl file as they are, one per line, instead of mutations:
 * checks a minimal frame; user-channel frames are recognised by their event types).
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { splitFrames } from '../../src/feed/recording.js';
import { loadCorpus, seedFrame } from './corpus.js';
import { FAILING, runFuzz, type FuzzResult } from './harness.js';
import { Mutator } from './mutate.js';

function fail(message: string): never {
  process.stderr.write(`fuzz: ${message}\n`);
  process.exit(2);
}

let values: Record<string, string | undefined>;
try {
  values = parseArgs({
    options: {
      frames: { type: 'string', default: '100000' },
      seed: { type: 'string', default: '1' },
      'publish-every': { type: 'string', default: '16' },
      'heap-every': { type: 'string', default: '1000' },
      'hang-ms': { type: 'string', default: '1000' },
      examples: { type: 'string', default: '12' },
      watchdog: { type: 'string', default: '120' },
      frame: { type: 'string' },
      input: { type: 'string' },
    },
  }).values as Record<string, string | undefined>;
} catch (error) {
  fail((error as Error).message);
}

function int(name: string, min: number): number {
  const text = values[name]!;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < min) fail(`--${name} must be an integer ≥ ${min}, got ${JSON.stringify(text)}`);
  return n;
}

const inputs =
  values.input === undefined ? undefined : splitFrames(readFileSync(values.input, 'utf8')).map((text, i) => seedFrame(`${values.input}:${i + 1}`, text));
const frames = inputs ? inputs.length : int('frames', 1);
const seed = int('seed', 0);
const corpus = loadCorpus();

if (values.frame !== undefined) {
  // Reproduce one frame: generation depends on the seed only, never on what processing did.
  const index = int('frame', 0);
  const mutator = new Mutator(corpus, seed);
  let mutant = mutator.next();
  while (mutant.index < index) mutant = mutator.next();
  process.stdout.write(`${JSON.stringify({ index: mutant.index, channel: mutant.channel, source: mutant.source, ops: mutant.ops })}\n${mutant.text}\n`);
  process.exit(0);
}

// A watchdog thread: a frame that never finishes cannot report itself, so another thread does.
const watchdogSeconds = int('watchdog', 0);
const beat = new Int32Array(new SharedArrayBuffer(8));
let watchdog: Worker | null = null;
if (watchdogSeconds > 0) {
  const code = `
    const { workerData } = require('node:worker_threads');
    const { writeSync } = require('node:fs');
    const beat = new Int32Array(workerData.buffer);
    let last = -1, since = Date.now();
    setInterval(() => {
      const now = Date.now(), frame = Atomics.load(beat, 0);
      if (frame !== last) { last = frame; since = now; return; }
      if (now - since > workerData.limit * 1000) {
        writeSync(2, 'fuzz: frame ' + frame + ' has run for ' + workerData.limit + ' s: a hang. ' + workerData.how.replace('#', String(frame + workerData.offset)) + '\\n');
        process.kill(process.pid, 'SIGKILL');
      }
    }, 1000);`;
  watchdog = new Worker(code, {
    eval: true,
    workerData: {
      buffer: beat.buffer,
      limit: watchdogSeconds,
      offset: inputs ? 1 : 0,
      how: inputs ? `It is line # of ${values.input}.` : `Print it with --seed ${seed} --frame #.`,
    },
  });
  watchdog.unref();
}

const mb = (n: number | null) => (n === null ? 'n/a' : `${n.toFixed(1)} MB`);
process.stderr.write(
  `fuzz: ${frames.toLocaleString('en')} ${inputs ? `frames of ${values.input} as they are` : 'frames'}, seed ${seed}, ${corpus.market.length} market + ${corpus.user.length} user seed frames, ${corpus.assetIds.length} tracked assets${(globalThis as { gc?: unknown }).gc ? '' : ' (no --expose-gc: no heap-after-GC figure)'}\n`,
);

const { result, examples } = runFuzz({
  frames,
  ...(inputs ? { inputs } : {}),
  seed,
  corpus,
  publishEvery: int('publish-every', 1),
  heapEvery: int('heap-every', 1),
  hangMs: int('hang-ms', 1),
  examples: int('examples', 0),
  progressEvery: Math.max(10_000, Math.floor(frames / 10)),
  onFrame: (i) => Atomics.store(beat, 0, i),
  onProgress: (done, r: FuzzResult) => {
    const bad = FAILING.filter((k) => r[k] > 0).map((k) => `${k} ${r[k]}`);
    process.stderr.write(
      `  ${done.toLocaleString('en')} frames  ${(r.elapsed_ms / 1000).toFixed(1)} s  peak heap ${mb(r.peak_heap_mb)}  ${bad.length ? bad.join(', ') : 'clean'}\n`,
    );
  },
});
void watchdog?.terminate();

let examplesPath: string | null = null;
if (examples.length > 0) {
  examplesPath = join(tmpdir(), `polybook-fuzz-seed${seed}-${process.pid}-${Date.now()}.json`);
  writeFileSync(examplesPath, `${JSON.stringify({ seed, frames, reproduce: 'npm run fuzz -- --seed <seed> --frame <index>', examples }, null, 1)}\n`);
}

const top = (m: Record<string, number>, n = 8) =>
  Object.entries(m)
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `      ${v.toLocaleString('en').padStart(9)}  ${k}`)
    .join('\n');

const lines = [
  `fuzz: ${result.ok ? 'PASS' : 'FAIL'}  seed ${seed}  ${result.frames.toLocaleString('en')} frames in ${(result.elapsed_ms / 1000).toFixed(1)} s (${Math.round(result.frames_per_sec).toLocaleString('en')} frames/s)`,
  `  frames: ${result.market_frames.toLocaleString('en')} market, ${result.user_frames.toLocaleString('en')} user, ${result.control_frames.toLocaleString('en')} control, ${result.skipped_frames} skipped; ${result.rejected_frames.toLocaleString('en')} rejected whole`,
  `  events: ${result.events.toLocaleString('en')} (${result.invalid_events.toLocaleString('en')} invalid, ${result.unknown_events.toLocaleString('en')} unknown)`,
  `  output: ${result.ndjson_lines.toLocaleString('en')} NDJSON lines, ${(result.ndjson_bytes / 1024 / 1024).toFixed(1)} MB; ${result.publishes.toLocaleString('en')} publishes; ${result.replay_resets} replay reports`,
  `  heap: peak ${mb(result.peak_heap_mb)}, end ${mb(result.heap_end_mb)}, after GC ${mb(result.heap_after_gc_mb)} (growth since warm-up ${mb(result.heap_growth_after_gc_mb)}); slowest frame ${result.slowest_frame_ms.toFixed(0)} ms`,
  ...FAILING.map((k) => `  ${result[k] > 0 ? '✗' : '✓'} ${k}: ${result[k].toLocaleString('en')}`),
];
if (result.crashes > 0) lines.push(`    by stage:\n${top(result.crashes_by_stage)}`);
if (result.unsafe_output > 0) lines.push(`    unsafe output by field:\n${top(result.unsafe_by_field)}`);
if (result.exponent_output > 0) lines.push(`    exponent output by field:\n${top(result.exponent_by_field)}`);
if (Object.keys(result.suppressed).length > 0) lines.push(`    frames skipped (their costly mutation hung 3 times already):\n${top(result.suppressed)}`);
if (Object.keys(result.accepted_suspicious).length > 0)
  lines.push(`  (info, not failing) accepted values a venue never sends; trade lines for unsubscribed assets:\n${top(result.accepted_suspicious, 12)}`);
if (examplesPath) lines.push(`  frames behind the findings: ${examplesPath}`);
process.stderr.write(`${lines.join('\n')}\n`);
process.stdout.write(`${JSON.stringify({ ...result, examples_file: examplesPath })}\n`);
process.exitCode = result.ok ? 0 : 1;
