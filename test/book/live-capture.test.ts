/** The real 2026-07-19 session, byte for byte: final books and every audit. */
import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import { BookEngine } from '../../src/book/engine.js';
import type { Level } from '../../src/protocol/events.js';
import { engineFrom, withRestMeta } from '../helpers/engine.js';
import { DOWN_TOKEN, fixtureFrames, fixtureJson, LIVE_MARKET, UP_TOKEN } from '../helpers/fixtures.js';

const frames = fixtureFrames('live-2026-07-19-polysim/market-frames.jsonl');

function replayed(withMeta: boolean, options: ConstructorParameters<typeof BookEngine>[0] = {}): BookEngine {
  const engine = new BookEngine(options);
  if (withMeta) withRestMeta(engine, fixtureJson('live-2026-07-19-polysim/rest-book.json'));
  engineFrom(frames, engine);
  engine.flush();
  return engine;
}

function mirror(levels: readonly Level[]): Level[] {
  return levels.map((l) => ({ price: new Big(1).minus(l.price).toString(), size: l.size }));
}

describe('live capture 2026-07-19', () => {
  const engine = replayed(false);
  const up = engine.assets.get(UP_TOKEN)!;
  const down = engine.assets.get(DOWN_TOKEN)!;

  it('ends with the books the venue showed', () => {
    expect(up.market).toBe(LIVE_MARKET);
    expect(up.book!.bids.levels.slice(0, 3)).toEqual([
      { price: '0.4', size: '106.06' },
      { price: '0.39', size: '168.88' },
      { price: '0.38', size: '108.88' },
    ]);
    expect(up.book!.asks.levels[0]).toEqual({ price: '0.41', size: '276.56' });
    expect(up.book!.bids.levels.at(-1)).toEqual({ price: '0.01', size: '14894.14' });
    expect(up.tickSize).toBe('0.01');
    expect(up.lastTrade).toEqual({ price: '0.41', size: '2.439023', side: 'BUY', timestamp: '1784449239145' });
  });

  it('keeps the two outcome books exact mirrors (bids of Up = asks of Down at 1 − p)', () => {
    expect(mirror(up.book!.bids.levels)).toEqual(down.book!.asks.levels);
    expect(mirror(up.book!.asks.levels)).toEqual(down.book!.bids.levels);
  });

  it('agrees with every resent snapshot and every inline best bid/ask', () => {
    for (const asset of [up, down]) {
      expect(asset.integrity).toMatchObject({
        snapshots_agreed: 11,
        snapshots_disagreed: 0,
        bba_agreed: 636,
        bba_disagreed: 0,
        crossed: 0,
        awaiting_snapshot: 0,
        hash_mismatch: 0,
      });
    }
  });

  it('without REST metadata every venue hash is unverifiable, never a mismatch', () => {
    expect(up.integrity.hash_verified).toBe(0);
    // Checked: the first book, then one book or run per 100 ms of venue time (21 of them).
    expect(up.integrity.hash_unverifiable).toBe(22);
  });

  it('with REST metadata every venue hash verifies (hidden last trade price learned)', () => {
    const verified = replayed(true);
    for (const id of [UP_TOKEN, DOWN_TOKEN]) {
      expect(verified.assets.get(id)!.integrity).toMatchObject({ hash_verified: 22, hash_unverifiable: 0, hash_mismatch: 0 });
    }
  });

  it('checked on every run (no sampling), all 648 checks per token verify', () => {
    const every = replayed(true, { hashSampleMs: 0 });
    for (const id of [UP_TOKEN, DOWN_TOKEN]) {
      expect(every.assets.get(id)!.integrity).toMatchObject({ hash_verified: 648, hash_unverifiable: 0, hash_mismatch: 0 });
    }
  });

  it('fingerprints are stable Blake3 hex of the canonical book', () => {
    const fp = engine.fingerprint(UP_TOKEN)!;
    expect(fp).toMatch(/^[0-9a-f]{64}$/);
    expect(replayed(false).fingerprint(UP_TOKEN)).toBe(fp);
    expect(engine.fingerprint(DOWN_TOKEN)).not.toBe(fp);
  });

  it('a silently corrupted book is caught as a hash mismatch', () => {
    const corrupted = new BookEngine();
    withRestMeta(corrupted, fixtureJson('live-2026-07-19-polysim/rest-book.json'));
    engineFrom(frames.slice(0, 300), corrupted);
    const book = corrupted.assets.get(UP_TOKEN)!.book!;
    book.set('BUY', '0.05', '1');
    // A few sampled checks later (runs ≥ 100 ms of venue time apart): two failures in a row.
    engineFrom(frames.slice(300, 600), corrupted);
    expect(corrupted.assets.get(UP_TOKEN)!.integrity.hash_mismatch).toBeGreaterThanOrEqual(2);
    expect(corrupted.assets.get(DOWN_TOKEN)!.integrity.hash_mismatch).toBe(0);
  });
});
