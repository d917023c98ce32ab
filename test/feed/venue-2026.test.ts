/**
 * The client against the simulator's 2026 (and legacy) venue behaviours: connections kept under
 * the size that stalls, the bare `[]` reply, and a legacy session whose trades arrive as one
 * array frame with books the deltas never announced.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WatchSession } from '../../src/cli/session.js';
import type { ConnectionHealth } from '../../src/feed/health.js';
import { VenueApi } from '../../src/feed/venue-api.js';
import { silentLogger } from '../../src/log.js';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { converged, FAST_TIMING, flow, type SimClient, startClient, tokensOf, truthFingerprint } from '../helpers/sim-client.js';
import { until } from '../helpers/stub-venue.js';

let sim: Simulator;
let client: SimClient | null = null;
let session: WatchSession | null = null;
afterEach(async () => {
  await client?.stop();
  client = null;
  await session?.stop();
  session = null;
  await sim?.close();
});

describe('venue behaviours, 2026', () => {
  it('a venue that stalls connections above N assets: a cap of N keeps every book live', async () => {
    sim = await startSimulator({ seed: 70, markets: 3, rate: 0, faults: { stallAboveAssets: 4 } });
    const ids = tokensOf(sim);
    client = startClient(sim, ids, { maxAssetsPerConnection: 4 });
    await converged(sim, client, ids);
    expect(client.feed.connections()).toHaveLength(2);
    await flow(sim, 100);
    await converged(sim, client, ids);
  });

  it('the same venue with one wide connection: no snapshot ever comes, and the silence is called a freeze', async () => {
    sim = await startSimulator({ seed: 71, markets: 3, rate: 0, faults: { stallAboveAssets: 4 } });
    const ids = tokensOf(sim);
    client = startClient(sim, ids);
    await until(() => client!.health.some((h: ConnectionHealth) => h.lastDisconnectCause?.startsWith('frozen') === true), 3000, 'a freeze');
    for (const id of ids) expect(client.engine.assets.get(id)?.book ?? null).toBeNull();
  });

  it('a subscription of only unknown ids gets a bare [] (no invalid frame); REST says it is gone', async () => {
    sim = await startSimulator({ seed: 72, markets: 1, rate: 0 });
    const unknown = '1'.repeat(77);
    session = new WatchSession([{ assetId: unknown, market: null, question: null, outcome: null }], {
      ...FAST_TIMING,
      url: sim.urls.ws_market,
      depth: 5,
      fps: 50,
      logger: silentLogger,
      api: new VenueApi({ rest: sim.urls.rest, gamma: sim.urls.gamma }),
    });
    const frames: string[] = [];
    session.feed.on('frame', (text: string) => frames.push(text));
    session.start();
    await until(() => frames.length >= 1, 3000, 'the reply');
    expect(frames[0]).toBe('[]');
    const s = session;
    await until(() => s.engine.assets.get(unknown)?.lifecycle === 'resolved', 3000, 'REST 404');
    await until(() => s.store.getState().assets.get(unknown)?.status === 'resolved', 3000, 'the resolved view');
  });
});

describe('legacy (v1) venue through the client', () => {
  it('trade frames refresh the books (never a disagreement); books verify, update hashes are unverifiable', async () => {
    sim = await startSimulator({ seed: 73, markets: 2, rate: 0, legacy: true });
    const ids = tokensOf(sim);
    client = startClient(sim, ids);
    await converged(sim, client, ids);
    await flow(sim, 400);
    await converged(sim, client, ids);
    client.engine.flush();
    let refreshed = 0;
    for (const id of ids) {
      const i = client.engine.assets.get(id)!.integrity;
      expect(i).toMatchObject({ snapshots_disagreed: 0, hash_mismatch: 0, bba_disagreed: 0 });
      expect(i.hash_verified).toBeGreaterThan(0);
      expect(i.hash_unverifiable).toBeGreaterThan(10);
      refreshed += i.snapshots_refreshed;
      expect(client.engine.fingerprint(id)).toBe(truthFingerprint(sim, id));
    }
    expect(refreshed).toBeGreaterThan(0);
    expect(client.binding.stats.invalid).toBe(0);
  });
});
