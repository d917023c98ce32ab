/**
 * The row memo (components/ink-row-memo.ts) returns exactly the frame Ink's own `Output.get`
 * composes, for any writes, while composing only the rows it has not seen; what it does not model
 * (clips) goes to Ink whole.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inkInternal } from '../../components/ink-internals.js';
import { type InkGet, type InkOutputLike, piecesByRow, RowMemo } from '../../components/ink-row-memo.js';

interface OutputInstance extends InkOutputLike {
  write(x: number, y: number, text: string, options: { transformers: ((line: string, index: number) => string)[] }): void;
  clip(clip: { x1?: number; x2?: number; y1?: number; y2?: number }): void;
  unclip(): void;
}
type OutputClass = new (options: { width: number; height: number }) => OutputInstance;

const Output = (await inkInternal('output.js')).default as OutputClass;
// Ink's own, whatever another test file installed.
const inkGet = Object.getPrototypeOf(new Output({ width: 0, height: 0 })).get as InkGet;

const ESC = '\u001B';
const red = (s: string) => `${ESC}[31m${s}${ESC}[39m`;
const inverse = (s: string) => `${ESC}[7m${s}${ESC}[27m`;
const onGreen = (s: string) => `${ESC}[42m${s}${ESC}[49m`;
const TRANSFORMERS: Record<string, (line: string, index: number) => string> = {
  red,
  bold: (line) => `${ESC}[1m${line}${ESC}[22m`,
  numbered: (line, index) => `${index}:${line}`,
};

interface Write {
  readonly x: number;
  readonly y: number;
  readonly text: string;
  readonly transformers: readonly (keyof typeof TRANSFORMERS)[];
}

const word = fc.oneof(
  fc.constantFrom('0.41', '  1,234.56', '   ', '—', '▁▂█', '•', '✓', 'é', '日本', 'bid', ''),
  fc.string({ maxLength: 6 }).map((s) => s.replace(/[\n\u001B\u009B]/g, '')),
);
const styled = fc
  .tuple(word, fc.constantFrom('plain', 'red', 'inverse', 'bg'))
  .map(([w, style]) => (style === 'red' ? red(w) : style === 'inverse' ? inverse(w) : style === 'bg' ? onGreen(w) : w));
const line = fc.array(styled, { maxLength: 4 }).map((parts) => parts.join(''));
const write: fc.Arbitrary<Write> = fc.record({
  x: fc.integer({ min: 0, max: 24 }),
  y: fc.integer({ min: 0, max: 9 }),
  text: fc.array(line, { minLength: 1, maxLength: 4 }).map((lines) => lines.join('\n')),
  transformers: fc.subarray(Object.keys(TRANSFORMERS) as (keyof typeof TRANSFORMERS)[]),
});
const frame = fc.record({ width: fc.integer({ min: 1, max: 20 }), height: fc.integer({ min: 0, max: 8 }), writes: fc.array(write, { maxLength: 8 }) });

function output(f: { width: number; height: number; writes: readonly Write[] }): OutputInstance {
  const o = new Output({ width: f.width, height: f.height });
  for (const w of f.writes) o.write(w.x, w.y, w.text, { transformers: w.transformers.map((t) => TRANSFORMERS[t]!) });
  return o;
}

describe('Ink row memo', () => {
  it('draws the frames Ink draws, frame after frame with one memo', () => {
    fc.assert(
      fc.property(fc.array(frame, { minLength: 1, maxLength: 6 }), (frames) => {
        const memo = new RowMemo();
        // Each frame new, then the same lines a column to the right and on a narrower frame, then
        // each frame again (from the memo).
        const moved = frames.map((f) => ({ ...f, writes: f.writes.map((w) => ({ ...w, x: w.x + 1 })) }));
        const narrower = frames.map((f) => ({ ...f, width: Math.max(1, f.width - 3) }));
        for (const f of [...frames, ...moved, ...narrower, ...frames]) expect(memo.draw(output(f), inkGet)).toEqual(inkGet.call(output(f)));
      }),
      { numRuns: 100 },
    );
  });

  it('a frame written as before composes no row again; a changed row alone is composed', () => {
    const memo = new RowMemo();
    const f = { width: 30, height: 3, writes: [{ x: 1, y: 0, text: `a\n${red('b')}\nc`, transformers: ['bold'] }] as Write[] };
    memo.draw(output(f), inkGet);
    expect([memo.hits, memo.misses]).toEqual([0, 3]);
    memo.draw(output(f), inkGet);
    expect([memo.hits, memo.misses]).toEqual([3, 3]);
    const changed = { ...f, writes: [...f.writes, { x: 5, y: 1, text: 'x', transformers: [] }] };
    expect(memo.draw(output(changed), inkGet)).toEqual(inkGet.call(output(changed)));
    expect([memo.hits, memo.misses]).toEqual([5, 4]);
  });

  it('the same line at another column or with another width is another row', () => {
    const memo = new RowMemo();
    for (const f of [
      { width: 10, height: 1, writes: [{ x: 0, y: 0, text: red('ab'), transformers: [] }] },
      { width: 10, height: 1, writes: [{ x: 3, y: 0, text: red('ab'), transformers: [] }] },
      { width: 4, height: 1, writes: [{ x: 3, y: 0, text: red('ab'), transformers: [] }] },
    ] as const)
      expect(memo.draw(output(f), inkGet)).toEqual(inkGet.call(output(f)));
    expect(memo.hits).toBe(0);
  });

  it('leaves a frame with a clip to Ink whole', () => {
    const o = new Output({ width: 10, height: 2 });
    o.clip({ x1: 2, x2: 5 });
    o.write(0, 0, 'abcdefgh', { transformers: [] });
    o.unclip();
    expect(piecesByRow(o)).toBeNull();
    const memo = new RowMemo();
    expect(memo.draw(o, inkGet)).toEqual(inkGet.call(o));
    expect(memo.hits + memo.misses).toBe(0);
  });
});
