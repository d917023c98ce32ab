/**
 * Minimal frames behind defects the fuzzer found, replayed as they are through the same harness:
 * each must now pass clean. The small ones live in `minimal/` (one frame per line; the file name
 * says the counter and the field); the large ones are generated here.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { splitFrames } from '../../src/feed/recording.js';
import { FIXTURES, LIVE_FRAMES, LIVE_MARKET, UP_TOKEN } from '../helpers/fixtures.js';
import { loadCorpus, seedFrame, type SeedFrame } from './corpus.js';
import { FAILING, runFuzz, type FuzzResult } from './harness.js';
import { parserLimits } from './mutate.js';

const corpus = loadCorpus(FIXTURES);
const DIR = fileURLToPath(new URL('./minimal/', import.meta.url));

function run(name: string, texts: readonly string[]): FuzzResult {
  const inputs: SeedFrame[] = texts.map((text, i) => seedFrame(`${name}:${i + 1}`, text));
  return runFuzz({ frames: inputs.length, seed: 0, corpus, inputs }).result;
}

function counters(result: FuzzResult): Record<string, number> {
  return Object.fromEntries(FAILING.map((k) => [k, result[k]]));
}

const CLEAN = Object.fromEntries(FAILING.map((k) => [k, 0]));

function book(timestamp: string, extra: Record<string, unknown>): string {
  return JSON.stringify({ event_type: 'book', market: LIVE_MARKET, asset_id: UP_TOKEN, timestamp, hash: '', ...extra });
}

describe('fuzz: minimal frames of earlier findings stay clean', () => {
  for (const file of readdirSync(DIR)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
    it(file, () => {
      const result = run(file, splitFrames(readFileSync(`${DIR}${file}`, 'utf8')));
      expect(
        counters(result),
        JSON.stringify({ unsafe: result.unsafe_by_field, exponent: result.exponent_by_field, crashes: result.crashes_by_stage }),
      ).toEqual(CLEAN);
    });
  }

  it('hangs: the venue-hash search after a confirmed hash stays bounded (8 000-level books, tick 0.0001, wrong hash)', { timeout: 120_000 }, () => {
    const dump = splitFrames(readFileSync(LIVE_FRAMES, 'utf8'))[0]!;
    const levels = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => ({ price: `0.${String(from + i).padStart(4, '0')}`, size: '1' }));
    const wrong = (ts: string) => book(ts, { hash: 'a'.repeat(40), tick_size: '0.0001', bids: levels(1, 4000), asks: levels(6000, 9999) });
    const result = run('hash-grid', [dump, wrong('1784449300000'), wrong('1784449300001'), wrong('1784449300002')]);
    expect(counters(result)).toEqual(CLEAN);
  });

  it('hangs: price_changes as long as the parser allows, of new best bids, keep a book side bounded and fast', { timeout: 120_000 }, () => {
    // Found with 40 000 entries at 6 decimals: 1.2 s, then 2.7 s and 4.1 s as the bid side grew to
    // 120 001 levels. The parser now bounds entries and decimals; this follows its bounds.
    const { changes: max } = parserLimits();
    const change = (ts: string, offset: number) =>
      JSON.stringify({
        event_type: 'price_change',
        market: LIVE_MARKET,
        timestamp: ts,
        price_changes: Array.from({ length: max }, (_, i) => ({
          asset_id: UP_TOKEN,
          price: `0.${String(((i + offset) % 9999) + 1).padStart(4, '0')}`,
          size: '1',
          side: 'BUY',
        })),
      });
    const start = book('1784449237000', { bids: [{ price: '0.01', size: '1' }], asks: [{ price: '0.99', size: '1' }] });
    const result = run('price-change-at-limit', [start, change('1784449237001', 0), change('1784449237002', 3), change('1784449237003', 7)]);
    expect(result.invalid_events, 'frames at the limit must be accepted, or this tests nothing').toBe(0);
    expect(counters(result), `slowest frame ${result.slowest_frame_ms.toFixed(0)} ms`).toEqual(CLEAN);
  });
});
