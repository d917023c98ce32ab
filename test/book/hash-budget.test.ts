/**
 * Wrong hashes cost little: the venue-hash search is bounded per asset, so a stream whose every
 * hash is wrong costs at most ~3× the SHA-1 work of the clean one, and a huge book never blocks.
 * Work is counted (SHA-1 calls and characters hashed), not timed.
 */
import { describe, expect, it } from 'vitest';
import { BookEngine } from '../../src/book/engine.js';
import { GRID_BYTES } from '../../src/book/hash-audit.js';
import { currentPreimage, hashWork, sha1Hex, wireLevelsJson } from '../../src/book/venue-hash.js';
import { engineFrom, withRestMeta } from '../helpers/engine.js';
import { fixtureFrames, fixtureJson } from '../helpers/fixtures.js';

const LIVE = fixtureFrames('live-2026-07-19-polysim/market-frames.jsonl');
const META = fixtureJson('live-2026-07-19-polysim/rest-book.json');

/** Every 40-hex hash in a frame replaced by a wrong one of the same shape. */
function wrongHashes(frame: string): string {
  return frame.replace(/"hash":"([0-9a-f]{40})"/g, (_m, h: string) => `"hash":"${[...h].reverse().join('')}"`);
}

function work(frames: readonly string[]): { calls: number; chars: number; engine: BookEngine } {
  const before = { ...hashWork };
  const engine = engineFrom(frames, withRestMeta(new BookEngine(), META));
  engine.flush();
  return { calls: hashWork.calls - before.calls, chars: hashWork.chars - before.chars, engine };
}

describe('the venue-hash search has a budget', () => {
  const clean = work(LIVE);

  it('the clean capture verifies its checks hashing little more than each book once', () => {
    let checks = 0;
    for (const asset of clean.engine.assets.values()) {
      expect(asset.integrity.hash_mismatch).toBe(0);
      checks += asset.integrity.hash_verified + asset.integrity.hash_unverifiable;
    }
    // A book of the capture hashes to ~4 KB; a check is one book and a few short candidate tails.
    expect(clean.chars).toBeLessThan(checks * 3 * 4500);
    // After a trade the hidden price is one of the market's best prices (every relearn on the
    // capture): tried first, a relearn costs two or three tails. Tried after the recently touched
    // prices, the capture's 44 checks took 133 SHA-1 calls; now 60.
    expect(checks).toBe(44);
    expect(clean.calls).toBeLessThanOrEqual(66);
  });

  it('every hash wrong from the start: at most ~3× the clean work, and nothing claimed', () => {
    const wrong = work(LIVE.map(wrongHashes));
    expect(wrong.chars).toBeLessThanOrEqual(3 * clean.chars);
    for (const asset of wrong.engine.assets.values()) expect(asset.integrity).toMatchObject({ hash_verified: 0, hash_mismatch: 0 });
  });

  it('right first, then wrong (the grid search has run): over a long stream at most ~3× the clean work', () => {
    // The capture 20 times over: the fixed cost of a grid search is paid once per divergence.
    const loops = 20;
    const long = Array.from({ length: loops }, () => LIVE).flat();
    const cleanLong = work(long);
    const mixed = work([...LIVE, ...Array.from({ length: loops - 1 }, () => LIVE.map(wrongHashes)).flat()]);
    expect(mixed.chars).toBeLessThanOrEqual(3 * cleanLong.chars);
    for (const asset of mixed.engine.assets.values()) {
      expect(asset.integrity.hash_verified).toBeGreaterThan(0);
      // The first wrong checks run the full grid twice: a real disagreement is still named.
      expect(asset.integrity.hash_mismatch).toBeGreaterThan(0);
    }
  });

  it('a 500 KB book on a 0.0001 tick with wrong hashes hashes at most a bounded amount per check', () => {
    const market = `0x${'ab'.repeat(32)}`;
    const asset = '7'.repeat(77);
    const bids = Array.from({ length: 4999 }, (_, i) => ({ price: `0.${String(i + 1).padStart(4, '0')}`, size: '123456789012.12345678' }));
    const asks = Array.from({ length: 4999 }, (_, i) => ({ price: `0.${String(9999 - i).padStart(4, '0')}`, size: '123456789012.12345678' }));
    const inputs = { minOrderSize: '5', negRisk: false, tickSize: '0.0001', lastTradePrice: '0.500' };
    const hashOf = (ts: string) =>
      sha1Hex(currentPreimage(market, asset, ts, wireLevelsJson([...bids].reverse()), wireLevelsJson([...asks].reverse()), inputs));
    const bookFrame = (ts: string, hash: string) =>
      JSON.stringify([{ market, asset_id: asset, timestamp: ts, hash, bids, asks, tick_size: '0.0001', event_type: 'book', last_trade_price: '0.500' }]);
    expect(bookFrame('1', '').length).toBeGreaterThan(500_000);
    const engine = new BookEngine();
    engine.setBookMeta(market, { minOrderSize: '5', negRisk: false });
    engineFrom([bookFrame('1', hashOf('1'))], engine);
    expect(engine.assets.get(asset)!.integrity.hash_verified).toBe(1);
    const before = hashWork.chars;
    engineFrom([bookFrame('2', 'f'.repeat(40)), bookFrame('3', 'e'.repeat(40)), bookFrame('4', 'd'.repeat(40))], engine);
    engine.flush();
    // Three wrong checks: a few candidates each and grids capped at GRID_BYTES.
    expect(hashWork.chars - before).toBeLessThan(2 * GRID_BYTES + 40 * 700_000);
    expect(engine.assets.get(asset)!.integrity.hash_mismatch).toBe(0);
  });
});
