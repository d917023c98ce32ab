/**
 * The byte-buffer preimage (preimage.ts) hashes exactly what the string formulas of venue-hash.ts
 * spell, for books small and large (past its first buffer), in wire order and best-first, for the
 * first candidate (one-shot) and the later ones (a copied prefix state), and a check never sees a
 * previous check's bytes.
 */
import { describe, expect, it } from 'vitest';
import { PreimageHash } from '../../src/book/preimage.js';
import { currentPreimage, legacyPreimage, levelsJsonInOrder, sha1Hex, wireLevelsJson, type HashInputs } from '../../src/book/venue-hash.js';
import type { Level } from '../../src/protocol/events.js';

const MARKET = '0xab772601f501b265bfe8982eb61d5347ef9945de314bfdf4ac0189c288ffb0b3';
const ASSET = '12935926064588426924078449947177910958215776269411501731627440228801766632772';

function side(n: number, from: number, step: number): Level[] {
  return Array.from({ length: n }, (_, i) => ({ price: (from + i * step).toFixed(3).replace(/0+$/, ''), size: `${100 + i * 7}.${i % 10}` }));
}

const inputs = (last: string): HashInputs => ({ minOrderSize: '5', tickSize: '0.001', negRisk: false, lastTradePrice: last });

describe('PreimageHash', () => {
  for (const n of [0, 1, 40, 700]) {
    it(`${n} levels a side: legacy and current hashes equal the string formulas (wire order and best-first)`, () => {
      const bids = side(n, 0.4, -0.0005); // best first: descending
      const asks = side(n, 0.6, 0.0005); // best first: ascending
      const p = new PreimageHash();
      // Best-first levels are hashed worst first, as the venue sends them.
      p.begin(PreimageHash.head(MARKET, ASSET), '1784449237000', bids, asks, false);
      const bj = wireLevelsJson(bids);
      const aj = wireLevelsJson(asks);
      expect(p.legacy()).toBe(sha1Hex(legacyPreimage(MARKET, ASSET, '1784449237000', bj, aj)));
      for (const last of ['0.400', '0.512', '0.600'])
        expect(p.current(inputs(last))).toBe(sha1Hex(currentPreimage(MARKET, ASSET, '1784449237000', bj, aj, inputs(last))));
      // A book event's levels exactly as sent.
      p.begin(PreimageHash.head(MARKET, ASSET), '1784449237001', asks, bids, true);
      expect(p.current(inputs('0.5'))).toBe(
        sha1Hex(currentPreimage(MARKET, ASSET, '1784449237001', levelsJsonInOrder(asks), levelsJsonInOrder(bids), inputs('0.5'))),
      );
      expect(p.bodyLength).toBeGreaterThan(0);
    });
  }

  it('a search (the kept SHA-1 state from the first candidate) and a check past its four one-shot candidates hash what the string formula spells', () => {
    const bids = side(40, 0.4, -0.0005);
    const asks = side(40, 0.6, 0.0005);
    const expected = (last: string) => sha1Hex(currentPreimage(MARKET, ASSET, '7', wireLevelsJson(bids), wireLevelsJson(asks), inputs(last)));
    const prices = ['0.100', '0.200', '0.300', '0.400', '0.500'];
    for (const searching of [true, false]) {
      const p = new PreimageHash();
      p.begin(PreimageHash.head(MARKET, ASSET), '7', bids, asks, false, searching);
      for (const last of prices) expect(p.current(inputs(last))).toBe(expected(last));
      expect(p.candidates).toBe(prices.length);
    }
  });

  it('a small book after a large one hashes only its own bytes', () => {
    const p = new PreimageHash();
    p.begin(PreimageHash.head(MARKET, ASSET), '1', side(900, 0.9, -0.0005), side(900, 0.1, 0.0005), false);
    p.legacy();
    const bids = side(2, 0.4, -0.01);
    const asks = side(2, 0.6, 0.01);
    p.begin(PreimageHash.head(MARKET, ASSET), '2', bids, asks, false);
    expect(p.current(inputs('0.4'))).toBe(sha1Hex(currentPreimage(MARKET, ASSET, '2', wireLevelsJson(bids), wireLevelsJson(asks), inputs('0.4'))));
    expect(p.legacy()).toBe(sha1Hex(legacyPreimage(MARKET, ASSET, '2', wireLevelsJson(bids), wireLevelsJson(asks))));
  });
});
