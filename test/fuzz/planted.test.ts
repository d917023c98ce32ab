/**
 * The fuzz harness must be able to fail: each planted defect (a stage that throws, an output sink
 * fed a raw or escaped ESC, an exponent, an engine that changes on rejected events or keeps
 * unsubscribed assets, a slow stage) is caught by its counter, with the frame that triggered it.
 * Each assertion compares with an unplanted run of the same seed, so it holds whatever the
 * product's own state.
 */
import { describe, expect, it } from 'vitest';
import { BookEngine } from '../../src/book/engine.js';
import type { NdjsonSink } from '../../src/cli/ndjson.js';
import type { FeedEvent } from '../../src/protocol/events.js';
import { parseFrame } from '../../src/protocol/parse-frame.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { isExponentNumber, scanLine, scanValue, unsafeClass } from './checks.js';
import { loadCorpus } from './corpus.js';
import { runFuzz, type FuzzOptions, type FuzzResult } from './harness.js';
import { Mutator } from './mutate.js';

const corpus = loadCorpus(FIXTURES);
const FRAMES = 2000;
const SEED = 7;

function run(plant?: FuzzOptions['plant'], extra: Partial<FuzzOptions> = {}) {
  return runFuzz({ frames: FRAMES, seed: SEED, corpus, ...(plant ? { plant } : {}), ...extra });
}

let baseline: FuzzResult | null = null;
function base(): FuzzResult {
  baseline ??= run().result;
  return baseline;
}

function sinkRewriting(rewrite: (chunk: string) => string): (sink: NdjsonSink) => NdjsonSink {
  return (sink) => ({ write: (chunk: string) => sink.write(rewrite(chunk)) });
}

describe('fuzz harness: planted defects are caught', { timeout: 120_000 }, () => {
  it('a parser that throws counts crashes in the parse stage and keeps the frame', () => {
    let calls = 0;
    const { result, examples } = run({
      parse: (text) => {
        if (++calls % 100 === 0) throw new TypeError('planted parse failure');
        return parseFrame(text);
      },
    });
    expect(result.crashes).toBe(base().crashes + FRAMES / 100);
    expect(result.crashes_by_stage.parse).toBe(FRAMES / 100);
    const crash = examples.find((e) => e.counter === 'crashes' && e.stage === 'parse')!;
    expect(crash.detail).toContain('planted parse failure');
    expect(crash.frame.length).toBeGreaterThan(0);
    expect(result.ok).toBe(false);
  });

  it('an engine that throws on trades counts crashes in the apply stage', () => {
    class ThrowingEngine extends BookEngine {
      override apply(event: FeedEvent): void {
        if (event.kind === 'last_trade_price') throw new RangeError('planted engine failure');
        super.apply(event);
      }
    }
    const { result } = run({ createEngine: () => new ThrowingEngine() });
    expect(result.crashes_by_stage.apply ?? 0).toBeGreaterThan(base().crashes_by_stage.apply ?? 0);
    expect(result.crashes_by_stage.replay_apply ?? 0).toBeGreaterThan(base().crashes_by_stage.replay_apply ?? 0);
  });

  it('an NDJSON sink fed a raw ESC counts unsafe output', () => {
    const { result, examples } = run({ wrapSink: sinkRewriting((c) => c.replace('"type":"book"', '"type":"book\u001b[2J"')) });
    expect(result.unsafe_output).toBeGreaterThan(base().unsafe_output);
    expect(examples.some((e) => e.counter === 'unsafe_output' && /^ndjson\.\w+:\(line\): esc in /.test(e.detail) && e.recent !== undefined)).toBe(true);
  });

  it('an escaped ESC (what JSON.stringify writes, and jq -r decodes) counts as unsafe too', () => {
    const { result } = run({ wrapSink: sinkRewriting((c) => c.replace('"type":"book"', '"type":"\\u001b]0;x\\u0007book"')) });
    expect(result.unsafe_output).toBeGreaterThan(base().unsafe_output);
  });

  it('a number written with an exponent counts exponent output', () => {
    const { result } = run({
      wrapSink: sinkRewriting((c) => c.replace(/"ts":\d+/, '"ts":1e+59').replace('"crossed":false', '"crossed":false,"spread":"1e-7"')),
    });
    expect(result.exponent_output).toBeGreaterThan(base().exponent_output);
  });

  it('an engine that changes on invalid events counts rejected_changed_state', () => {
    class LeakyEngine extends BookEngine {
      override apply(event: FeedEvent): void {
        if (event.kind === 'invalid') for (const asset of this.assets.values()) asset.integrity.crossed++;
        super.apply(event);
      }
    }
    const { result, examples } = run({ createEngine: () => new LeakyEngine() });
    expect(result.rejected_changed_state).toBeGreaterThan(base().rejected_changed_state);
    expect(examples.some((e) => e.counter === 'rejected_changed_state' && e.stage === 'apply')).toBe(true);
  });

  it('an engine that keeps assets nobody subscribed to counts untracked_state', () => {
    class GreedyEngine extends BookEngine {
      override track(): void {
        // planted: tracking ignored, every asset a book names is kept
      }
    }
    const { result } = run({ createEngine: () => new GreedyEngine() });
    expect(result.untracked_state).toBeGreaterThan(base().untracked_state);
  });

  it('a slow stage counts hangs', () => {
    let calls = 0;
    const { result, examples } = run(
      {
        parse: (text) => {
          if (++calls % 500 === 0) {
            const until = performance.now() + 40;
            while (performance.now() < until);
          }
          return parseFrame(text);
        },
      },
      { hangMs: 30 },
    );
    expect(result.hangs).toBeGreaterThanOrEqual(FRAMES / 500);
    expect(examples.find((e) => e.counter === 'hangs')!.detail).toMatch(/took \d+ ms \(limit 30 ms\)/);
  });
});

describe('fuzz checks', () => {
  it('find every unsafe class in decoded strings and keys', () => {
    expect(unsafeClass('Up')).toBeNull();
    expect(unsafeClass('Will BTC close above $100k? 🚀')).toBeNull();
    for (const [text, cls] of [
      ['\u001b[2J', 'esc'],
      ['a\u0000', 'c0'],
      ['a\u007f', 'del'],
      ['\u009b', 'c1'],
      ['\u202e', 'bidi'],
      ['\u2066', 'bidi'],
      ['\u061c', 'bidi'],
      ['\u200b', 'zero_width'],
      ['\ufeff', 'zero_width'],
      ['\u2028', 'line_separator'],
      ['\u2029', 'line_separator'],
      ['\ud800', 'lone_surrogate'],
      ['x\udfff', 'lone_surrogate'],
    ] as const) {
      expect(unsafeClass(text), JSON.stringify(text)).toBe(cls);
    }
    expect(scanValue({ 'a\u202eb': 1 })[0]!.path).toBe('(key)');
    expect(scanLine(JSON.stringify({ type: 'book', market: 'x\u001by' }))[0]).toMatchObject({ kind: 'unsafe', what: 'esc', path: 'market' });
    expect(scanLine(`{"type":"book","q":"a\u2028b"}`)[0]).toMatchObject({ kind: 'unsafe', what: 'line_separator' });
    expect(scanLine(JSON.stringify({ type: 'book', q: 'a\\u001b' }))).toEqual([]);
  });

  it('find exponent numbers but not ids that look like them', () => {
    expect(isExponentNumber('1e+59')).toBe(true);
    expect(isExponentNumber('1.5E-7')).toBe(true);
    expect(isExponentNumber('0.0000001')).toBe(false);
    expect(isExponentNumber('0x1e5')).toBe(false);
    expect(scanLine('{"type":"book","bids":[{"price":"0.5","size":"1e+21"}]}')[0]).toMatchObject({ kind: 'exponent', path: 'bids[0].size' });
    expect(scanLine('{"type":"health","rtt_ms":1e+21}')[0]).toMatchObject({ kind: 'exponent', path: 'rtt_ms' });
    expect(scanLine('{"type":"trade","market":"1e5","asset_id":"2e7","price":"0.5"}')).toEqual([]);
    expect(scanLine('{"type":"book","market":"0xab772601f501b265bfe8982eb61d5347ef9945de314bfdf4ac0189c288ffb0b3"}')).toEqual([]);
  });
});

describe('fuzz mutator', () => {
  it('is deterministic for a seed and different across seeds', () => {
    const texts = (seed: number) => {
      const m = new Mutator(corpus, seed);
      return Array.from({ length: 300 }, () => m.next().text);
    };
    expect(texts(3)).toEqual(texts(3));
    expect(texts(3)).not.toEqual(texts(4));
  });

  it('mutates every frame and covers the hostile classes', () => {
    const m = new Mutator(corpus, 11, { hugeRate: 0.01, deepRate: 0.01 });
    const ops = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const mutant = m.next();
      expect(mutant.ops.length).toBeGreaterThan(0);
      for (const op of mutant.ops) ops.add(op.split(':')[0]!);
    }
    for (const op of [
      'type_swap',
      'huge_number',
      'huge_string',
      'price_range',
      'size_weird',
      'timestamp',
      'proto_id',
      'proto_key_add',
      'unicode',
      'event_type',
      'duplicate',
      'shuffle',
      'remove_key',
      'splice',
      'frame_shape',
      'nudge',
      'lifecycle',
      'user_field',
      'huge_array',
      'deep_nest',
      'bit_flip',
      'byte_insert',
      'byte_delete',
      'truncate',
      'escape_insert',
      'dup_key',
      'control_text',
    ]) {
      expect(ops, op).toContain(op);
    }
  });

  it('never changes the seed frames', () => {
    const before = JSON.stringify(corpus.market.map((f) => f.value));
    const m = new Mutator(corpus, 5);
    for (let i = 0; i < 3000; i++) m.next();
    expect(JSON.stringify(corpus.market.map((f) => f.value))).toBe(before);
  });
});
