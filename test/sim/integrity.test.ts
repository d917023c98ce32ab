import { describe, expect, it } from 'vitest';
import { currentPreimage, sha1Hex } from '../../src/book/venue-hash.js';
import { startSimulator, type SimFrame, type Simulator } from '../../src/sim/index.js';
import { allAssets, mirror, subscribed, truthFingerprint, until } from './helpers.js';

type Levels = Map<string, string>;
interface TokenBook {
  market: string;
  bids: Levels;
  asks: Levels;
  tick: string;
}

/** Wire-order JSON of one side: bids ascending, asks descending (§6.1). */
function sideJson(levels: Levels, ascending: boolean): string {
  const list = [...levels].sort((a, b) => (ascending ? 1 : -1) * (Number(a[0]) - Number(b[0])));
  return JSON.stringify(list.map(([price, size]) => ({ price, size })));
}

/**
 * Checks every hash of a stream with src/book/venue-hash.ts, independently of BookEngine. The hidden
 * last_trade_price is taken from the dump and, when a trade moves it, found by a grid search.
 */
function verifyAllHashes(frames: readonly string[]): { checked: number; failed: string[] } {
  const books = new Map<string, TokenBook>();
  const hidden = new Map<string, string>();
  let checked = 0;
  const failed: string[] = [];
  const verify = (asset: string, ts: string, hash: string): void => {
    checked++;
    const b = books.get(asset)!;
    const bids = sideJson(b.bids, true);
    const asks = sideJson(b.asks, false);
    const hashOf = (price: string): string =>
      sha1Hex(currentPreimage(b.market, asset, ts, bids, asks, { minOrderSize: '5', tickSize: b.tick, negRisk: false, lastTradePrice: price }));
    if (hashOf(hidden.get(b.market)!) === hash) return;
    for (let i = 1; i < 1000; i++) {
      const price = `0.${String(i).padStart(3, '0')}`;
      if (hashOf(price) === hash) return void hidden.set(b.market, price);
    }
    failed.push(`${asset.slice(0, 8)}@${ts}`);
  };
  const load = (b: Record<string, any>): void => {
    const levels = (list: { price: string; size: string }[]): Levels => new Map(list.map((l) => [l.price, l.size]));
    const tick = books.get(b.asset_id)?.tick ?? b.tick_size;
    books.set(b.asset_id, { market: b.market, bids: levels(b.bids), asks: levels(b.asks), tick });
  };
  for (const frame of frames) {
    if (!frame.startsWith('{') && !frame.startsWith('[')) continue;
    const value = JSON.parse(frame);
    if (Array.isArray(value)) {
      for (const b of value) {
        load(b);
        hidden.set(b.market, b.last_trade_price);
        verify(b.asset_id, b.timestamp, b.hash);
      }
      continue;
    }
    if (value.event_type === 'book') {
      load(value);
      verify(value.asset_id, value.timestamp, value.hash);
    } else if (value.event_type === 'price_change') {
      for (const e of value.price_changes) {
        const side = e.side === 'BUY' ? books.get(e.asset_id)!.bids : books.get(e.asset_id)!.asks;
        if (e.size === '0') side.delete(e.price);
        else side.set(e.price, e.size);
        verify(e.asset_id, value.timestamp, e.hash);
      }
    } else if (value.event_type === 'tick_size_change') {
      books.get(value.asset_id)!.tick = value.new_tick_size;
    }
  }
  return { checked, failed };
}

async function runDeterministic(sim: Simulator, steps: number): Promise<string[]> {
  const sent: SimFrame[] = [];
  sim.onFrame((f) => sent.push(f));
  const client = await subscribed(sim, allAssets(sim), { custom_feature_enabled: true });
  sim.advance(steps);
  await client.count(1 + sent.length, 5000);
  client.close();
  return client.frames;
}

describe("books rebuilt from the sim's frames equal its truth", () => {
  it('every hash verifies with venue-hash.ts, and BookEngine agrees with the REST truth', async () => {
    const sim = await startSimulator({ seed: 5, rate: 0, markets: 3, epochMs: 1_784_449_237_000 });
    try {
      sim.tickSizeChange(allAssets(sim)[0]!, '0.001');
      const frames = await runDeterministic(sim, 3000);
      const { checked, failed } = verifyAllHashes(frames);
      expect(failed).toEqual([]);
      expect(checked).toBeGreaterThan(5000);
      const engine = await mirror(sim, frames);
      for (const asset of allAssets(sim)) {
        expect(engine.fingerprint(asset), asset).toBe(truthFingerprint(sim, asset));
        const integrity = engine.assets.get(asset)!.integrity;
        expect(integrity.snapshots_disagreed).toBe(0);
        expect(integrity.bba_disagreed).toBe(0);
        expect(integrity.hash_mismatch).toBe(0);
        expect(integrity.crossed).toBe(0);
        expect(integrity.awaiting_snapshot).toBe(0);
        expect(integrity.hash_verified).toBeGreaterThan(100);
        expect(integrity.snapshots_agreed).toBeGreaterThan(0);
      }
    } finally {
      await sim.close();
    }
  }, 30_000);

  it('legacy framing rebuilds the same way (6-field hashes)', async () => {
    const sim = await startSimulator({ seed: 6, rate: 0, markets: 2, legacy: true, epochMs: 1_737_487_185_966 });
    try {
      const frames = await runDeterministic(sim, 1000);
      expect(frames.filter((f) => f !== '').every((f) => f.startsWith('['))).toBe(true);
      expect(frames.some((f) => f.includes('"changes":[{"price"'))).toBe(true);
      const engine = await mirror(sim, frames);
      for (const asset of allAssets(sim)) {
        expect(engine.fingerprint(asset)).toBe(truthFingerprint(sim, asset));
        const integrity = engine.assets.get(asset)!.integrity;
        expect(integrity.hash_mismatch).toBe(0);
        expect(integrity.hash_verified).toBeGreaterThan(50);
      }
    } finally {
      await sim.close();
    }
  });

  it('in real time, a client receives exactly what was broadcast, in order, with clean audits', async () => {
    const sim = await startSimulator({ seed: 8, rate: 400, markets: 3 });
    try {
      const sent: string[] = [];
      sim.onFrame((f) => sent.push(f.text));
      const client = await subscribed(sim, allAssets(sim), { custom_feature_enabled: true });
      const before = sent.length;
      await until(() => sent.length > before + 300, 5000, 'traffic');
      const snapshot = sent.slice(before);
      await client.count(1 + before + snapshot.length, 5000);
      const received = client.frames.slice(1);
      const start = received.indexOf(snapshot[0]!);
      expect(received.slice(start, start + snapshot.length)).toEqual(snapshot);
      client.close();
      const engine = await mirror(sim, client.frames);
      for (const asset of allAssets(sim)) {
        const integrity = engine.assets.get(asset)!.integrity;
        expect(integrity.hash_mismatch + integrity.snapshots_disagreed + integrity.bba_disagreed).toBe(0);
        expect(integrity.hash_verified).toBeGreaterThan(0);
      }
    } finally {
      await sim.close();
    }
  });
});
