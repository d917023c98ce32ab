/**
 * Quiet or frozen, proven from REST (POLYMARKET.md §10, §13), against the real simulator: a market
 * that does not move is verified quiet and never reconnected; a connection the venue stopped
 * feeding while the market moved is caught by the REST proof and healed; a placeholder REST book
 * is refused; a reconnect resyncs through batched /books.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WatchSession } from '../../src/cli/session.js';
import type { ConnectionHealth } from '../../src/feed/health.js';
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

function start(ids: readonly string[], extra: { quietAfterMs?: number; silenceMs?: number } = {}): { s: WatchSession; health: ConnectionHealth[] } {
  const s = new WatchSession(
    ids.map((assetId) => ({ assetId, market: null, question: null, outcome: null })),
    {
      ...FAST_TIMING,
      quietAfterMs: 150,
      ...extra,
      url: sim.urls.ws_market,
      depth: 10,
      fps: 50,
      logger: silentLogger,
      api: new VenueApi({ rest: sim.urls.rest, gamma: sim.urls.gamma }),
    },
  );
  const health: ConnectionHealth[] = [];
  s.feed.on('health', (h: ConnectionHealth) => health.push(h));
  s.start();
  session = s;
  return { s, health };
}

const live = (s: WatchSession, id: string) => {
  const a = s.engine.assets.get(id);
  return a !== undefined && a.book !== null && !a.stale && !a.provisional;
};
const equalToTruth = (s: WatchSession, id: string) => s.engine.fingerprint(id) === truthFingerprint(sim, id);

describe('quiet books, proven', () => {
  it('a market that does not move is "quiet, verified" and its connection is never reconnected as frozen', async () => {
    sim = await startSimulator({ seed: 60, markets: 2, rate: 0 });
    const ids = tokensOf(sim);
    const { s, health } = start(ids);
    await until(() => ids.every((id) => live(s, id)), 3000, 'live books');
    // Several silence periods (500 ms each) with no data at all.
    await new Promise((r) => setTimeout(r, 2000));
    expect(health.some((h) => h.reconnects > 0 || h.frozen)).toBe(false);
    for (const id of ids) {
      const asset = s.engine.assets.get(id)!;
      expect(asset.integrity.quiet_verified).toBeGreaterThanOrEqual(1);
      expect(asset.integrity.quiet_resynced).toBe(0);
      expect(asset.quietVerifiedAt).not.toBeNull();
    }
    await until(() => ids.every((id) => s.store.getState().assets.get(id)?.status === 'quiet'), 1000, 'quiet views');
    const view = s.store.getState().assets.get(ids[0]!)!;
    expect(view.quietVerifiedAt).toBeGreaterThan(Date.now() - 2000);
    expect(health.at(-1)!.quietVerifiedAt).not.toBeNull();
    // Probes went as batches of /books, not one /book per asset.
    expect(sim.restRequests()['GET /book'] ?? 0).toBe(0);
    expect(sim.booksRequestSizes().some((n) => n === ids.length)).toBe(true);
  });

  it('one quiet market among moving ones is verified while the others stay live', async () => {
    sim = await startSimulator({ seed: 61, markets: 2, rate: 0 });
    const [quietMarket, moving] = sim.markets();
    sim.quiet(quietMarket!.conditionId, true);
    const ids = tokensOf(sim);
    const { s, health } = start(ids, { quietAfterMs: 300 });
    await until(() => ids.every((id) => live(s, id)), 3000, 'live books');
    const movingIds = moving!.tokens.map((t) => t.tokenId);
    const quietIds = quietMarket!.tokens.map((t) => t.tokenId);
    for (let i = 0; i < 40; i++) {
      sim.advance(3);
      await new Promise((r) => setTimeout(r, 30));
    }
    await until(() => quietIds.every((id) => s.engine.assets.get(id)!.quietVerifiedAt !== null), 2000, 'the quiet market verified');
    for (const id of movingIds) expect(s.engine.assets.get(id)!.quietSince).toBeNull();
    for (const id of [...quietIds, ...movingIds]) expect(equalToTruth(s, id)).toBe(true);
    expect(health.some((h) => h.reconnects > 0)).toBe(false);
  });

  it('a venue that stops sending while the market moves: REST proves the books wrong, heals them, reconnects', async () => {
    sim = await startSimulator({ seed: 62, markets: 1, rate: 0 });
    const ids = tokensOf(sim);
    const { s, health } = start(ids);
    await until(() => ids.every((id) => live(s, id) && equalToTruth(s, id)), 3000, 'live books');
    sim.stall(true);
    sim.advance(30);
    await until(() => ids.some((id) => s.engine.assets.get(id)!.integrity.quiet_resynced > 0), 3000, 'a quiet probe finding the difference');
    await until(() => health.some((h) => h.lastDisconnectCause?.startsWith('frozen') === true), 3000, 'the connection called frozen');
    for (const id of ids) expect(equalToTruth(s, id)).toBe(true);
    sim.stall(false);
    await until(() => ids.every((id) => live(s, id) && equalToTruth(s, id)), 5000, 'fresh books after the reconnect');
  });

  it('a placeholder REST book (its hash does not verify) is counted and never replaces a book', async () => {
    sim = await startSimulator({ seed: 63, markets: 1, rate: 0 });
    const ids = tokensOf(sim);
    sim.placeholderBooks('all');
    const { s } = start(ids);
    await until(() => ids.every((id) => live(s, id)), 3000, 'books from the WebSocket dump');
    await until(() => ids.every((id) => s.engine.assets.get(id)!.integrity.rest_untrusted >= 2), 3000, 'untrusted REST books counted');
    for (const id of ids) {
      const asset = s.engine.assets.get(id)!;
      expect(equalToTruth(s, id)).toBe(true);
      expect(asset.integrity.quiet_verified).toBe(0);
      expect(asset.integrity.quiet_resynced).toBe(0);
      // Neither the bootstrap nor a probe used the placeholder: no REST resync ever applied.
      expect(asset.lastResync).toBeNull();
    }
  });

  it('after a reconnect every asset is resynced through one batched /books request', async () => {
    sim = await startSimulator({ seed: 64, markets: 6, rate: 0 });
    const ids = tokensOf(sim);
    const { s, health } = start(ids, { quietAfterMs: 0 });
    await until(() => ids.every((id) => live(s, id)), 3000, 'live books');
    await new Promise((r) => setTimeout(r, 100));
    sim.resetRestRequests();
    sim.dropConnections();
    await until(() => health.some((h) => h.reconnects >= 1), 3000, 'a reconnect');
    await until(() => ids.every((id) => live(s, id)), 3000, 'fresh books');
    await until(() => sim.booksRequestSizes().length >= 1, 3000, 'the reconnect resync');
    expect(sim.booksRequestSizes()).toEqual([ids.length]);
    expect(sim.restRequests()['GET /book'] ?? 0).toBe(0);
  });
});
