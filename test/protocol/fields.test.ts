/** Field readers: the one-pass fast path for common spellings agrees with the full canonicalizer. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalDecimal } from '../../src/decimal.js';
import { dec, Rejection, type DecimalKind } from '../../src/protocol/fields.js';

/** The full path, spelled out: canonical spelling, then the kind's bounds. */
function reference(text: string, kind: DecimalKind): string | null {
  const c = canonicalDecimal(text);
  if (typeof c !== 'string') return null;
  const dot = c.indexOf('.');
  const int = dot < 0 ? c.length : dot;
  const decimals = dot < 0 ? 0 : c.length - dot - 1;
  if (kind === 'size') return int <= 12 && decimals <= 8 ? c : null;
  if (decimals > 4 || int > 1 || (c[0] !== '0' && c !== '1')) return null;
  if ((kind === 'level' || kind === 'tick') && (c === '0' || c === '1')) return null;
  return c;
}

function read(text: string, kind: DecimalKind): string | null {
  try {
    return dec({ v: text }, 'v', kind);
  } catch (error) {
    if (error instanceof Rejection) return null;
    throw error;
  }
}

describe('decimal fields', () => {
  const spelling = fc.stringMatching(/^-?[0-9]{0,14}(\.[0-9]{0,10})?$/);
  it.each<DecimalKind>(['price', 'level', 'size', 'tick'])('%s: every spelling reads as the full path says', (kind) => {
    fc.assert(
      fc.property(spelling, (text) => {
        expect(read(text, kind)).toBe(reference(text, kind));
      }),
      { numRuns: 3000 },
    );
  });

  it('common spellings pass as sent; others are made canonical', () => {
    expect(read('0.45', 'level')).toBe('0.45');
    expect(read('0.450', 'level')).toBe('0.45');
    expect(read('.45', 'price')).toBe('0.45');
    expect(read('120.50', 'size')).toBe('120.5');
    expect(read('007', 'size')).toBe('7');
    expect(read('1', 'level')).toBeNull();
    expect(read('1', 'price')).toBe('1');
  });
});
