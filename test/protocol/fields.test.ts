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

describe('ids checked once per text (the last two, then a table of slots)', () => {
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

  it('many interleaved ids: each is answered as the regex would, kept ones share one instance, colliding slots stay correct', () => {
    // 3,000 ids over 1,024 slots: many share a slot (same last four digits), so entries are
    // replaced, and a near-miss (one digit changed, same slot) must still be checked in full.
    const ids = Array.from({ length: 3000 }, (_, i) => `${String(i).padStart(6, '9')}${A.slice(6, 73)}${String(i % 1500).padStart(4, '0')}`);
    const kept = new Map<string, string>();
    for (let round = 0; round < 3; round++) {
      for (const id of ids) {
        const copy = (JSON.parse(JSON.stringify({ asset_id: id })) as { asset_id: string }).asset_id;
        const got = tokenId({ asset_id: copy });
        expect(got).toBe(id);
        kept.set(id, got);
      }
    }
    const evil = `${ids[7]!.slice(0, 10)}x${ids[7]!.slice(11)}`;
    expect(() => tokenId({ asset_id: evil })).toThrow(Rejection);
    expect(() => tokenId({ asset_id: '' })).toThrow(Rejection);
    expect(() => tokenId({ asset_id: '12a' })).toThrow(Rejection);
    expect(tokenId({ asset_id: '123' })).toBe('123');
    // A fresh copy of an id still held in its slot is answered from it.
    const again = (JSON.parse(JSON.stringify({ asset_id: ids[2999] })) as { asset_id: string }).asset_id;
    expect(tokenId({ asset_id: again })).toBe(kept.get(ids[2999]!));
    for (let i = 0; i < 2000; i++) {
      const m = `0x${i.toString(16).padStart(64, 'a')}`;
      expect(conditionId({ market: m })).toBe(m);
    }
    expect(() => conditionId({ market: `0x${'a'.repeat(63)}z` })).toThrow(Rejection);
  });
});
