/** Field readers: the one-pass fast path for common spellings agrees with the full canonicalizer. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalDecimal } from '../../src/decimal.js';
import { conditionId, dec, Rejection, tokenId, type DecimalKind } from '../../src/protocol/fields.js';

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

describe('ids checked once per text (the last two kept)', () => {
  const A = '12935926064588426924078449947177910958215776269411501731627440228801766632772';
  const B = '92850256395503422132744578147690761900485585969323918392240613034735527719849';
  const M = '0xab772601f501b265bfe8982eb61d5347ef9945de314bfdf4ac0189c288ffb0b3';

  it('the same text gets the same answer and the first instance; a bad id is still refused after good ones', () => {
    const first = tokenId({ asset_id: A });
    // A copy of the same digits (JSON.parse makes a new string per frame) returns the kept one.
    const copy = JSON.parse(JSON.stringify({ asset_id: A })) as { asset_id: string };
    expect(tokenId(copy)).toBe(first);
    expect(tokenId({ asset_id: B })).toBe(B);
    expect(tokenId({ asset_id: A })).toBe(A);
    expect(() => tokenId({ asset_id: `${A}x` })).toThrow(Rejection);
    expect(() => tokenId({ asset_id: `${A.slice(0, 76)}a` })).toThrow(Rejection);
    expect(tokenId({ asset_id: B })).toBe(B);
    expect(conditionId({ market: M })).toBe(M);
    expect(() => conditionId({ market: `${M}g` })).toThrow(Rejection);
    expect(() => conditionId({ market: M.toUpperCase() })).toThrow(Rejection);
    expect(conditionId({ market: M })).toBe(M);
  });
});
