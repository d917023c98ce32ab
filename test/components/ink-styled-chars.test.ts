/**
 * A line's styled cells from its shape (components/ink-styled-chars.ts) are exactly the cells
 * Ink's own tokenizer gives for the line, or none (then Ink tokenizes the line).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inkInternal } from '../../components/ink-internals.js';
import { lineShape, type StyledChar, styledCharsByShape } from '../../components/ink-styled-chars.js';

type OutputClass = new (options: { width: number; height: number }) => { caches: { getStyledChars(line: string): StyledChar[] } };
const Output = (await inkInternal('output.js')).default as OutputClass;

/** Ink's own cells of a line, from caches of their own (nothing shared with the screen's). */
const ink = (line: string) => new Output({ width: 0, height: 0 }).caches.getStyledChars(line);

const ESC = '\u001B';
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 8 }) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      `${ESC}[31m`,
      `${ESC}[39m`,
      `${ESC}[7m`,
      `${ESC}[27m`,
      `${ESC}[1m`,
      `${ESC}[2m`,
      `${ESC}[22m`,
      `${ESC}[0m`,
      `${ESC}[m`,
      `${ESC}[1;31;42m`,
      `${ESC}[38;2;86;180;233m`,
      `${ESC}[48;5;208m`,
      `${ESC}[49m`,
    ),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom('✓', '✗', '±', '¢', '—', '…', '•', '▁', '█', '◆', 'é', '日本', '👍', '✔\uFE0F', '👩\u200D💻', '🇺🇸', '\u1100\u1161', '\uFF9E'),
  },
  // Graphemes across a run's edge, and what the tokenizer does not read as a colour code.
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '\u0301',
      '\u0600',
      '\u200D',
      '\uFE0F',
      '\u0903',
      `${ESC}[3x`,
      ESC,
      `${ESC}]8;;https://x.y\u0007`,
      '\t',
      '\r\n',
      '\u009B',
      '\u007F',
    ),
  },
);
const line = fc.array(piece, { maxLength: 10 }).map((parts) => parts.join(''));

describe('styled cells by shape', () => {
  it('are the cells Ink tokenizes, or none', () => {
    fc.assert(
      fc.property(line, (l) => {
        const cells = styledCharsByShape(l, ink);
        if (cells !== null) expect(cells).toEqual(ink(l));
      }),
      { numRuns: 2000 },
    );
  });

  it('the screen’s lines go by their shape: runs of ASCII between colour codes, symbols kept', () => {
    const lines = [
      `${ESC}[32m${ESC}[7m    2,138.08  ${ESC}[27m${ESC}[39m`,
      ' display 0.385  imbalance -0.0577  depth ±5 ticks bid 738.34 / ask 1,303.48',
      `${ESC}[2mintegrity${ESC}[22m  ${ESC}[2msnap${ESC}[22m ${ESC}[32m72✓${ESC}[39m ${ESC}[1m${ESC}[31m7✗${ESC}[39m${ESC}[22m`,
      `${ESC}[1m${ESC}[36m0.600  ▃▇█▇▅   •${ESC}[39m${ESC}[22m`,
    ];
    for (const l of lines) {
      const cells = styledCharsByShape(l, ink);
      expect(cells).not.toBeNull();
      expect(cells).toEqual(ink(l));
    }
    expect(lineShape(`${ESC}[32m  0.41  12.5${ESC}[39m`)).toEqual({ shape: `${ESC}[32mx${ESC}[39m`, runs: ['  0.41  12.5'] });
  });

  it('none where a run’s edge joins a neighbour, or for a control character or another escape', () => {
    for (const l of ['cafe\u0301', '\u0600abc', `a${ESC}[3xb`, 'a\tb', `a${ESC}]8;;u\u0007b`]) expect(styledCharsByShape(l, ink)).toBeNull();
  });
});
