/**
 * REST bootstrap and resync against the simulator: a book the simulator corrupted on purpose is
 * caught by the hash audit and healed from REST; a resolved market stops cleanly.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WatchSession } from '../../src/cli/session.js';
import { VenueApi } from '../../src/feed/venue-api.js';
import { silentLogger } from '../../src/log.js';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { FAST_TIMING, tokensOf, truthFingerprint } from '../helpers/sim-client.js';
import { until } from '../helpers/stub-venue.js';

let sim: Simulator;
let session: WatchSession | null = null;
afterEach(async () => {
  await session?.stop();
  session = null;
  await sim?.close();
});

function start(ids: readonly string[], url = sim.urls.ws_market): WatchSession {
  const s = new WatchSession(
    ids.map((assetId) => ({ assetId, market: null, question: null, outcome: null })),
    { ...FAST_TIMING, url, depth: 10, fps: 50, logger: silentLogger, api: new VenueApi({ rest: sim.urls.rest, gamma: sim.urls.gamma }) },
  );
  s.start();
  return s;
}

const equalToTruth = (s: WatchSession, id: string) => s.engine.fingerprint(id) === truthFingerprint(sim, id);

describe('REST bootstrap and resync', () => {
  it('paints from REST while the WebSocket is not there yet', async () => {
    sim = await startSimulator({ seed: 40, markets: 1, rate: 0 });
    const ids = tokensOf(sim);
    session = start(ids, 'ws://127.0.0.1:9/ws/market');
    const s = session;
    await until(() => ids.every((id) => s.engine.assets.get(id)?.lastResync?.cause === 'bootstrap'));
    for (const id of ids) expect(equalToTruth(s, id)).toBe(true);
    await until(() => s.store.getState().assets.get(ids[0]!)?.bids.length !== undefined);
    expect(s.store.getState().assets.get(ids[0]!)!.lastResync?.cause).toBe('bootstrap');
  });

  it('learns the hash inputs from REST, then follows the WebSocket', async () => {
    sim = await startSimulator({ seed: 41, markets: 1, rate: 0 });
    const ids = tokensOf(sim);
    session = start(ids);
    const s = session;
    await until(() => ids.every((id) => equalToTruth(s, id)));
    for (let i = 0; i < 10; i++) sim.advance(10);
    await until(() => ids.every((id) => equalToTruth(s, id)));
    await new Promise((r) => setTimeout(r, 50));
    s.engine.flush();
    for (const id of ids) expect(s.engine.assets.get(id)!.integrity.hash_verified).toBeGreaterThan(0);
  });

  it('a silently corrupted book is detected (venue hash or resent snapshot) and healed', async () => {
    sim = await startSimulator({ seed: 42, markets: 1, rate: 0 });
    const ids = tokensOf(sim);
    session = start(ids);
    const s = session;
    await until(() => ids.every((id) => equalToTruth(s, id)));
    const resyncs: Array<[string, string]> = [];
    s.onResync((id, cause) => resyncs.push([id, cause]));
    sim.corruptBook(ids[0]!);
    const audits = () => {
      const i = s.engine.assets.get(ids[0]!)!.integrity;
      return i.hash_mismatch + i.snapshots_disagreed;
    };
    for (let i = 0; i < 40 && audits() === 0; i++) {
      sim.advance(5);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(audits()).toBeGreaterThan(0);
    await until(() => resyncs.some(([id, cause]) => id === ids[0] && (cause === 'hash_mismatch' || cause === 'snapshot_disagreed')), 3000, 'an audit resync');
    await until(() => equalToTruth(s, ids[0]!), 3000, 'the healed book');
  });

  it('a resolved market: REST 404 marks it resolved, no error loop', async () => {
    sim = await startSimulator({ seed: 43, markets: 1, rate: 0 });
    const ids = tokensOf(sim);
    session = start(ids);
    const s = session;
    await until(() => ids.every((id) => equalToTruth(s, id)));
    sim.resolveMarket(sim.markets()[0]!.conditionId, ids[0]);
    await until(() => ids.every((id) => s.engine.assets.get(id)!.lifecycle === 'resolved'));
    // A later resync request for a resolved asset gets 404 once and is then never retried.
    s.engine.markStale(ids[0]!);
    await new Promise((r) => setTimeout(r, 300));
    expect(s.engine.assets.get(ids[0]!)!.lifecycle).toBe('resolved');
    expect(s.engine.assets.get(ids[0]!)!.book!.bids.levels).toEqual([]);
  });
});
