/**
 * The feed against the real simulator on loopback: after every fault and recovery, every client
 * book equals the simulator's /book truth (compared by fingerprint), and the audits stay clean.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { converged, flow, type SimClient, startClient, tokensOf } from '../helpers/sim-client.js';
import { until } from '../helpers/stub-venue.js';

let sim: Simulator;
let client: SimClient | null = null;

afterEach(async () => {
  await client?.stop();
  client = null;
  await sim?.close();
});

function integrityTotals(c: SimClient) {
  const totals = { snapshots_disagreed: 0, bba_disagreed: 0, hash_mismatch: 0, hash_verified: 0, snapshots_agreed: 0, bba_agreed: 0 };
  for (const asset of c.engine.assets.values()) {
    for (const key of Object.keys(totals) as Array<keyof typeof totals>) totals[key] += asset.integrity[key];
  }
  return totals;
}

describe('feed ⇄ simulator', () => {
  it('books equal the truth under steady flow; every audit agrees and venue hashes verify', async () => {
    sim = await startSimulator({ seed: 11, markets: 2, rate: 0 });
    const ids = tokensOf(sim);
    client = startClient(sim, ids);
    await converged(sim, client, ids);
    await flow(sim, 300);
    await converged(sim, client, ids);
    client.engine.flush();
    const totals = integrityTotals(client);
    expect(totals).toMatchObject({ snapshots_disagreed: 0, bba_disagreed: 0, hash_mismatch: 0 });
    expect(totals.bba_agreed).toBeGreaterThan(50);
    expect(totals.hash_verified).toBeGreaterThan(50);
    expect(client.binding.stats.invalid).toBe(0);
  });

  it('dropped connections: books go stale, the client reconnects, resubscribes and heals', async () => {
    sim = await startSimulator({ seed: 12, markets: 2, rate: 0 });
    const ids = tokensOf(sim);
    client = startClient(sim, ids);
    await converged(sim, client, ids);
    const c = client;
    const stale: boolean[] = [];
    c.feed.on('down', () => setImmediate(() => stale.push(...ids.map((id) => c.engine.assets.get(id)!.stale))));
    sim.dropConnections();
    await flow(sim, 100);
    await until(() => c.health.some((h) => h.reconnects >= 1));
    await converged(sim, c, ids);
    expect(stale.length).toBeGreaterThan(0);
    expect(c.health.some((h) => h.state === 'reconnecting')).toBe(true);
  });

  it('a stalled venue that still answers PING is detected as frozen and left', async () => {
    sim = await startSimulator({ seed: 13, markets: 1, rate: 0 });
    const ids = tokensOf(sim);
    client = startClient(sim, ids, { silenceMs: 300 });
    await converged(sim, client, ids);
    sim.stall(true);
    await flow(sim, 50);
    const c = client;
    await until(() => c.health.some((h) => h.frozen), 3000, 'frozen');
    await until(() => c.health.some((h) => h.state === 'reconnecting'), 3000, 'reconnecting');
    expect(c.health.find((h) => h.state === 'reconnecting')?.lastDisconnectCause).toMatch(/^frozen/);
    sim.stall(false);
    await converged(sim, c, ids);
  });

  it('no PONG: the connection is terminated and rebuilt', async () => {
    sim = await startSimulator({ seed: 14, markets: 1, rate: 0 });
    const ids = tokensOf(sim);
    client = startClient(sim, ids, { silenceMs: 0 });
    await converged(sim, client, ids);
    sim.mutePong(true);
    const c = client;
    await until(() => c.health.some((h) => h.lastDisconnectCause?.startsWith('no PONG') === true), 3000, 'pong timeout');
    sim.mutePong(false);
    await flow(sim, 50);
    await converged(sim, c, ids);
  });

  it('malformed frames are counted and skipped; books stay right', async () => {
    sim = await startSimulator({ seed: 15, markets: 1, rate: 0 });
    const ids = tokensOf(sim);
    client = startClient(sim, ids);
    await converged(sim, client, ids);
    sim.sendMalformed();
    await flow(sim, 50);
    const c = client;
    await until(() => c.binding.stats.invalid > 0);
    await converged(sim, c, ids);
    expect(Object.keys(c.binding.stats.invalidReasons).length).toBeGreaterThanOrEqual(2);
  });

  it('a restarted listener: backoff until it is back, then fresh books', async () => {
    sim = await startSimulator({ seed: 16, markets: 1, rate: 0 });
    const ids = tokensOf(sim);
    client = startClient(sim, ids);
    await converged(sim, client, ids);
    await sim.restartListener(400);
    await flow(sim, 60);
    const c = client;
    await converged(sim, c, ids);
    expect(c.health.filter((h) => h.state === 'reconnecting').length).toBeGreaterThanOrEqual(1);
  });

  it('reordered and duplicated entries inside bursts still converge, with no false hash mismatch', async () => {
    sim = await startSimulator({ seed: 17, markets: 2, rate: 0, faults: { reorderInBurst: 1, duplicateInBurst: 0.3 } });
    const ids = tokensOf(sim);
    client = startClient(sim, ids);
    await converged(sim, client, ids);
    await flow(sim, 400);
    await converged(sim, client, ids);
    client.engine.flush();
    expect(integrityTotals(client).hash_mismatch).toBe(0);
  });

  it('dynamic subscribe on an open socket gets the new asset’s snapshot', async () => {
    sim = await startSimulator({ seed: 18, markets: 2, rate: 0 });
    const ids = tokensOf(sim);
    client = startClient(sim, ids.slice(0, 2));
    await converged(sim, client, ids.slice(0, 2));
    client.feed.subscribe(ids.slice(2));
    await flow(sim, 50);
    await converged(sim, client, ids);
    expect(client.health.filter((h) => h.state === 'connecting')).toHaveLength(1);
  });

  it('resolution: the zero-size burst empties the books and market_resolved marks them resolved', async () => {
    sim = await startSimulator({ seed: 19, markets: 1, rate: 0 });
    const ids = tokensOf(sim);
    client = startClient(sim, ids);
    await converged(sim, client, ids);
    sim.resolveMarket(sim.markets()[0]!.conditionId, ids[0]);
    const c = client;
    await until(() => ids.every((id) => c.engine.assets.get(id)!.lifecycle === 'resolved'));
    for (const id of ids) expect(c.engine.assets.get(id)!.book!.bids.levels).toEqual([]);
    expect(sim.truthBook(ids[0]!)).toBeNull();
  });
});
