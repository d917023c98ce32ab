/**
 * Markets added and removed while a session runs, against the real simulator: the sim sees the
 * `operation` frames (its subscription set changes on the open socket), books appear in the store
 * for added assets and disappear for removed ones, and frames still arriving for them are ignored.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WatchSession } from '../../src/cli/session.js';
import { VenueApi } from '../../src/feed/venue-api.js';
import { silentLogger } from '../../src/log.js';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { FAST_TIMING } from '../helpers/sim-client.js';
import { until } from '../helpers/stub-venue.js';

let sim: Simulator;
let session: WatchSession | null = null;
afterEach(async () => {
  await session?.stop();
  session = null;
  await sim?.close();
});

function assetsOf(index: number) {
  const m = sim.markets()[index]!;
  return m.tokens.map((t) => ({ assetId: t.tokenId, market: m.conditionId, question: m.question, outcome: t.outcome, endsAt: 1_900_000_000_000 }));
}

describe('WatchSession.addAssets / removeAssets', () => {
  it('subscribes added assets on the open socket and unsubscribes removed ones', async () => {
    sim = await startSimulator({ seed: 61, markets: 3, rate: 0 });
    const first = assetsOf(0);
    const second = assetsOf(1);
    const s = (session = new WatchSession(first, {
      ...FAST_TIMING,
      url: sim.urls.ws_market,
      fps: 50,
      logger: silentLogger,
      api: new VenueApi({ rest: sim.urls.rest, gamma: sim.urls.gamma }),
    }));
    s.start();
    const ids = (list: readonly { assetId: string }[]) => list.map((a) => a.assetId);
    await until(() => ids(first).every((id) => s.store.getState().assets.get(id)?.status === 'live'));
    expect(sim.subscriptions()).toEqual([ids(first)]);

    s.addAssets(second);
    // One connection, its subscription grown by an operation frame (not a second socket).
    await until(() => sim.subscriptions()[0]?.length === 4);
    expect(sim.connections()).toBe(1);
    expect(sim.subscriptions()[0]!.sort()).toEqual([...ids(first), ...ids(second)].sort());
    await until(() => ids(second).every((id) => s.store.getState().assets.get(id)?.status === 'live'));
    const state = s.store.getState();
    expect(state.order).toEqual([...ids(first), ...ids(second)]);
    const view = state.assets.get(second[0]!.assetId)!;
    expect(view.outcome).toBe(second[0]!.outcome);
    expect(view.question).toBe(second[0]!.question);
    expect(view.endsAt).toBe(1_900_000_000_000);
    expect(view.bids.length).toBeGreaterThan(0);
    expect(view.bids[0]!.price).toBe(
      sim
        .truthBook(second[0]!.assetId)!
        .bids.map((l) => l.price)
        .sort((a, b) => Number(b) - Number(a))[0],
    );
    expect(s.assetIds).toEqual([...ids(first), ...ids(second)]);

    s.removeAssets(ids(first));
    await until(() => sim.subscriptions()[0]?.length === 2);
    expect(sim.subscriptions()[0]!.sort()).toEqual(ids(second).sort());
    const after = s.store.getState();
    expect(after.order).toEqual(ids(second));
    for (const id of ids(first)) {
      expect(after.assets.has(id)).toBe(false);
      expect(s.engine.isTracked(id)).toBe(false);
    }
    // Flow for the removed market never brings its books back.
    sim.advance(300);
    await new Promise((r) => setTimeout(r, 150));
    s.publisher.publishNow();
    for (const id of ids(first)) expect(s.store.getState().assets.has(id)).toBe(false);
    expect(s.store.getState().order).toEqual(ids(second));
    expect(s.assetIds).toEqual(ids(second));
  });

  it('keeps the recording side file to the assets watched now', async () => {
    sim = await startSimulator({ seed: 63, markets: 2, rate: 0 });
    const first = assetsOf(0);
    const second = assetsOf(1);
    const path = join(mkdtempSync(join(tmpdir(), 'pb-markets-rec-')), 'session.jsonl');
    const s = (session = new WatchSession(first, { ...FAST_TIMING, url: sim.urls.ws_market, fps: 50, logger: silentLogger, api: null, record: path }));
    s.start();
    const metaAssets = () => {
      try {
        return (JSON.parse(readFileSync(`${path}.meta.json`, 'utf8')) as { assets: { asset_id?: string; assetId?: string }[] }).assets.map(
          (a) => a.asset_id ?? a.assetId,
        );
      } catch {
        return null;
      }
    };
    const ids = (list: readonly { assetId: string }[]) => list.map((a) => a.assetId);
    await until(() => JSON.stringify(metaAssets()) === JSON.stringify(ids(first)), 3000);
    s.addAssets(second);
    await until(() => JSON.stringify(metaAssets()) === JSON.stringify([...ids(first), ...ids(second)]), 3000);
    s.removeAssets(ids(first));
    await until(() => JSON.stringify(metaAssets()) === JSON.stringify(ids(second)), 3000);
  });

  it('ignores assets already watched and ids it does not watch', async () => {
    sim = await startSimulator({ seed: 62, markets: 2, rate: 0 });
    const first = assetsOf(0);
    const s = (session = new WatchSession(first, { ...FAST_TIMING, url: sim.urls.ws_market, fps: 50, logger: silentLogger, api: null }));
    s.start();
    await until(() => sim.subscriptions()[0]?.length === 2);
    const before = s.store.getState();
    s.addAssets(first);
    s.removeAssets(['123']);
    expect(s.store.getState()).toBe(before);
    expect(s.assetIds).toEqual(first.map((a) => a.assetId));
  });
});
