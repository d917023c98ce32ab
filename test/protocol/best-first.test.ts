/**
 * `bestFirst` sorts a book side best first. For sides whose prices are all in the venue's common
 * spelling ("0.d…", no trailing zero) it orders them by string comparison; that must give exactly
 * what the decimal comparison gives, for wire order (worst first), best first, shuffled and
 * duplicated prices alike.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDecimal } from '../../src/decimal.js';
import type { Level } from '../../src/protocol/events.js';
import { parseBook, bestFirst } from '../../src/protocol/market-events.js';

const commonPrice = fc
  .stringMatching(/^[0-9]{1,4}$/)
  .map((digits) => `0.${digits}`.replace(/0+$/, ''))
  .filter((p) => p.length > 2);
const level = fc.record({ price: commonPrice, size: fc.constantFrom('1', '25.5', '100', '0.01') });
const side = fc.array(level, { maxLength: 60 });

function arranged(levels: Level[], how: 'as-is' | 'ascending' | 'descending'): Level[] {
  if (how === 'as-is') return levels;
  const sign = how === 'ascending' ? 1 : -1;
  // Distinct prices only, so the order is strict, as a real side's is.
  const byPrice = new Map(levels.map((l) => [l.price, l]));
  return [...byPrice.values()].sort((a, b) => sign * compareDecimal(a.price, b.price));
}

describe('bestFirst', () => {
  it('with common prices, the string-order path returns exactly what the decimal path returns', () => {
    fc.assert(
      fc.property(
        side,
        fc.constantFrom('as-is', 'ascending', 'descending') as fc.Arbitrary<'as-is' | 'ascending' | 'descending'>,
        fc.boolean(),
        (levels, how, descending) => {
          const input = arranged(levels, how);
          const general = bestFirst(
            input.map((l) => ({ ...l })),
            descending,
            false,
          );
          const fast = bestFirst(
            input.map((l) => ({ ...l })),
            descending,
            true,
          );
          expect(fast).toEqual(general);
          for (let i = 1; i < fast.length; i++) expect(compareDecimal(fast[i - 1]!.price, fast[i]!.price) * (descending ? -1 : 1)).toBeLessThan(0);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a book event: common and uncommon spellings on one side are sorted by value', () => {
    const book = parseBook({
      event_type: 'book',
      market: `0x${'ab'.repeat(32)}`,
      asset_id: '1'.repeat(77),
      timestamp: '1784449237000',
      hash: '',
      // "0.50" and ".7" are not the common spelling: the side takes the decimal path.
      bids: [
        { price: '0.1', size: '5' },
        { price: '0.50', size: '5' },
        { price: '0.45', size: '5' },
      ],
      asks: [
        { price: '.7', size: '5' },
        { price: '0.65', size: '5' },
        { price: '0.6', size: '5' },
      ],
    });
    expect(book.bids.map((l) => l.price)).toEqual(['0.5', '0.45', '0.1']);
    expect(book.asks.map((l) => l.price)).toEqual(['0.6', '0.65', '0.7']);
    // The venue hash still sees the levels as sent.
    expect(book.wire.bids.map((l) => l.price)).toEqual(['0.1', '0.50', '0.45']);
  });
});
