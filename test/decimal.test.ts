import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BookSide } from '../src/book/book-side.js';
import { canonicalDecimal, compareDecimal, DecimalError, priceKey } from '../src/decimal.js';

describe('canonicalDecimal', () => {
  it.each([
    ['0.5', '0.5'],
    ['0.50', '0.5'],
    ['.48', '0.48'],
    ['1215.10', '1215.1'],
    ['14884.14', '14884.14'],
    ['0.000', '0'],
    ['0', '0'],
    ['000', '0'],
    ['007.500', '7.5'],
    ['3.', '3'],
    ['100', '100'],
    ['0.610', '0.61'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalDecimal(input)).toBe(expected);
  });

  it.each(['', '.', 'abc', '1e-3', '0x10', '1.2.3', ' 1', '1 ', 'NaN', '+1', '--1', '-'])('rejects %j', (input) => {
    expect(canonicalDecimal(input)).toBe(DecimalError.NotDecimal);
  });

  it.each(['-1', '-0.5', '-.5'])('reports %j as negative', (input) => {
    expect(canonicalDecimal(input)).toBe(DecimalError.Negative);
  });
});

/** The character walk compareDecimal was first written as: missing fraction digits are zeros. */
function walkCompare(a: string, b: string): number {
  let da = a.indexOf('.');
  let db = b.indexOf('.');
  if (da < 0) da = a.length;
  if (db < 0) db = b.length;
  if (da !== db) return da - db;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const ca = i < a.length ? a.charCodeAt(i) : i === da ? 46 : 48;
    const cb = i < b.length ? b.charCodeAt(i) : i === db ? 46 : 48;
    if (ca !== cb) return ca - cb;
  }
  return 0;
}

describe('compareDecimal', () => {
  it('agrees in sign with the character walk on canonical and trailing-zero spellings alike', () => {
    const spelling = fc
      .tuple(fc.stringMatching(/^(0|[1-9][0-9]{0,3})$/), fc.option(fc.stringMatching(/^[0-9]{1,5}$/), { nil: undefined }))
      .map(([int, frac]) => (frac === undefined ? int : `${int}.${frac}`));
    fc.assert(
      fc.property(spelling, spelling, (a, b) => {
        expect(Math.sign(compareDecimal(a, b))).toBe(Math.sign(walkCompare(a, b)));
      }),
      { numRuns: 20000 },
    );
    expect(compareDecimal('0.1', '0.100')).toBe(0);
    expect(compareDecimal('5', '5.00')).toBe(0);
    expect(compareDecimal('5', '5.01')).toBeLessThan(0);
    expect(compareDecimal('0.15', '0.1')).toBeGreaterThan(0);
  });

  const sorted = ['0', '0.001', '0.01', '0.099', '0.1', '0.11', '0.5', '0.51', '0.9', '1', '1.5', '9', '10', '10.01', '100'];
  it('orders canonical decimals exactly', () => {
    for (let i = 0; i < sorted.length; i++) {
      for (let j = 0; j < sorted.length; j++) {
        expect(Math.sign(compareDecimal(sorted[i]!, sorted[j]!))).toBe(Math.sign(i - j));
      }
    }
  });
});

describe('priceKey', () => {
  it('is value × 10⁹ exactly, for every spelling with ≤ 6 integer and ≤ 9 fraction digits', () => {
    const spelling = fc
      .tuple(fc.stringMatching(/^(0|[1-9][0-9]{0,5})$/), fc.option(fc.stringMatching(/^[0-9]{0,8}[1-9]$/), { nil: undefined }))
      .map(([int, frac]) => (frac === undefined ? int : `${int}.${frac}`));
    fc.assert(
      fc.property(spelling, (p) => {
        const [int, frac = ''] = p.split('.');
        const exact = BigInt(int!) * 1_000_000_000n + BigInt((frac + '000000000').slice(0, 9));
        expect(priceKey(p)).toBe(Number(exact));
      }),
      { numRuns: 5000 },
    );
  });

  it('is an exact integer for venue prices and NaN for longer ones', () => {
    expect(priceKey('0.01')).toBe(10_000_000);
    expect(priceKey('0.999999999')).toBe(999_999_999);
    expect(priceKey('123456.5')).toBe(123_456_500_000_000);
    expect(priceKey('0.0000000001')).toBeNaN();
    expect(priceKey('1234567')).toBeNaN();
  });
});

describe('BookSide with prices too long for integer keys', () => {
  it('falls back to exact character comparison and stays sorted', () => {
    const bids = new BookSide(true);
    for (const price of ['0.5', '0.12345678901', '0.9', '0.12345678902', '0.1']) bids.set(price, '1');
    expect(bids.levels.map((l) => l.price)).toEqual(['0.9', '0.5', '0.12345678902', '0.12345678901', '0.1']);
    bids.set('0.12345678902', '0');
    bids.set('0.12345678901', '0');
    bids.set('0.7', '2');
    expect(bids.levels.map((l) => l.price)).toEqual(['0.9', '0.7', '0.5', '0.1']);
    expect(bids.sizeAt('0.7')).toBe('2');
  });
});
