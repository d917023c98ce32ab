/**
 * The screen comes first: `runTui` asks at once for the price history of the asset the screen
 * opens on, and for the others' once the screen says its code is loaded (CliIo.screenLoaded), so
 * their requests' work does not delay the first painted book; with no such hook (tests, a build
 * without the bundle) it asks for all at once, as before.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WatchSession } from '../../src/cli/session.js';
import { runTui } from '../../src/cli/watch-run.js';
import { VenueApi, type PricesHistoryRange } from '../../src/feed/venue-api.js';
import type { HistoryPoint } from '../../src/protocol/prices-history.js';
import { silentLogger } from '../../src/log.js';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { capture } from '../helpers/cli.js';
import { FAST_TIMING } from '../helpers/sim-client.js';

let sim: Simulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

/** A VenueApi that notes each asset whose history is asked for. */
class CountingApi extends VenueApi {
  readonly asked: string[] = [];
  override async pricesHistory(tokenId: string, range?: PricesHistoryRange): Promise<HistoryPoint[]> {
    this.asked.push(tokenId);
    return super.pricesHistory(tokenId, range);
  }
}

async function sessionOnSim(): Promise<{ session: WatchSession; api: CountingApi }> {
  sim = await startSimulator({ seed: 3, markets: 1, rate: 0 });
  const m = sim.markets()[0]!;
  const assets = m.tokens.map((t) => ({ assetId: t.tokenId, market: m.conditionId, question: m.question, outcome: t.outcome }));
  const api = new CountingApi({ rest: sim.urls.rest, gamma: sim.urls.gamma });
  return { session: new WatchSession(assets, { ...FAST_TIMING, url: sim.urls.ws_market, logger: silentLogger, api }), api };
}

describe('runTui and the history backfill', () => {
  it("asks for the first asset's history at once, the others' once the screen is loaded", async () => {
    const { session, api } = await sessionOnSim();
    let loaded!: () => void;
    const screen = new Promise<void>((resolve) => (loaded = resolve));
    let close!: () => void;
    const io = { ...capture(true).io, screenLoaded: () => screen, renderTui: () => new Promise<void>((resolve) => (close = resolve)) };
    const running = runTui(session, io, 'test', 0);
    await vi.waitFor(() => expect(session.store.getState().assets.size).toBe(2));
    expect(api.asked).toEqual([session.assetIds[0]]);
    loaded();
    await vi.waitFor(() => expect(api.asked.sort()).toEqual([...session.assetIds].sort()));
    close();
    await running;
  });

  it('without the hook, asks for every asset at once', async () => {
    const { session, api } = await sessionOnSim();
    let close!: () => void;
    const io = { ...capture(true).io, renderTui: () => new Promise<void>((resolve) => (close = resolve)) };
    const running = runTui(session, io, 'test', 0);
    await vi.waitFor(() => expect(api.asked.sort()).toEqual([...session.assetIds].sort()));
    close();
    await running;
  });
});
