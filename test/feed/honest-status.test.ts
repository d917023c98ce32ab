/**
 * Never stale while saying live: a book's status follows its connection (REST books are `rest`,
 * books from before a drop are `reconnecting` / `stale`), and the reconnect counter measures what
 * arrived, not how long a socket stayed open.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WatchSession } from '../../src/cli/session.js';
import type { ConnectionHealth } from '../../src/feed/health.js';
import { MarketFeed } from '../../src/feed/market-feed.js';
import { VenueApi } from '../../src/feed/venue-api.js';
import { silentLogger } from '../../src/log.js';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import type { AssetStatus } from '../../store/types.js';
import { FAST_TIMING, tokensOf } from '../helpers/sim-client.js';
import { startStubVenue, until, type StubVenue } from '../helpers/stub-venue.js';

let sim: Simulator | null = null;
let session: WatchSession | null = null;
let venue: StubVenue | null = null;
let feed: MarketFeed | null = null;
afterEach(async () => {
  await session?.stop();
  session = null;
  await feed?.stop();
  feed = null;
  await venue?.close();
  venue = null;
  await sim?.close();
  sim = null;
});

function watch(s: Simulator, url: string): WatchSession {
  const ids = tokensOf(s);
  return new WatchSession(
    ids.map((assetId) => ({ assetId, market: null, question: null, outcome: null })),
    { ...FAST_TIMING, url, depth: 5, fps: 100, logger: silentLogger, api: new VenueApi({ rest: s.urls.rest, gamma: s.urls.gamma }) },
  );
}

/** Every (status, connection state) pair the store published. */
function recordStatuses(s: WatchSession): Array<[AssetStatus, string | undefined]> {
  const seen: Array<[AssetStatus, string | undefined]> = [];
  s.store.subscribe((state) => {
    const connection = Object.values(state.health).find((h) => h.channel === 'market')?.state;
    for (const view of state.assets.values()) seen.push([view.status, connection]);
  });
  return seen;
}

describe('a book is live only while it is', () => {
  it('a REST bootstrap book with no WebSocket says "rest", never "live"', async () => {
    sim = await startSimulator({ seed: 80, markets: 1, rate: 0 });
    session = watch(sim, 'ws://127.0.0.1:9/ws/market');
    const seen = recordStatuses(session);
    session.start();
    const s = session;
    await until(
      () => [...s.store.getState().assets.values()].length === 2 && [...s.store.getState().assets.values()].every((v) => v.status === 'rest'),
      3000,
      'REST books',
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(seen.some(([status]) => status === 'live')).toBe(false);
  });

  it('through drops and a listener restart: never live while the connection is not', async () => {
    sim = await startSimulator({ seed: 81, markets: 1, rate: 0 });
    session = watch(sim, sim.urls.ws_market);
    const seen = recordStatuses(session);
    session.start();
    const s = session;
    const ids = tokensOf(sim);
    const allLive = () => ids.every((id) => s.store.getState().assets.get(id)?.status === 'live');
    await until(allLive, 3000, 'live books');
    sim.dropConnections();
    await until(() => [...s.store.getState().assets.values()].some((v) => v.status === 'reconnecting'), 3000, 'reconnecting books');
    await until(allLive, 5000, 'live again');
    await sim.restartListener(400);
    await until(allLive, 5000, 'live after the restart');
    const statuses = new Set(seen.map(([status]) => status));
    expect(statuses.has('reconnecting')).toBe(true);
    // While the connection was anything but live, no book said live.
    expect(seen.filter(([status, connection]) => status === 'live' && connection !== 'live')).toEqual([]);
  });
});

describe('reconnect attempts count what arrived', () => {
  it('a server that accepts, answers PING and never sends data runs into --max-attempts', async () => {
    venue = await startStubVenue();
    const v = venue;
    // Each connection is dropped after 150 ms of silence (longer than any "time open" rule).
    v.onMessage = (socket) => setTimeout(() => socket.terminate(), 150);
    feed = new MarketFeed({ ...FAST_TIMING, silenceMs: 0, url: v.url, maxAttempts: 3, backoff: { initialMs: 10, maxMs: 20, jitter: 0 } });
    const fatal: Error[] = [];
    feed.on('fatal', (e: Error) => fatal.push(e));
    feed.subscribe(['7']);
    feed.start();
    await until(() => fatal.length === 1, 5000, 'giving up');
    expect(fatal[0]).toMatchObject({ code: 'feed.gaveUp' });
    expect(v.received).toHaveLength(4);
  });

  it('a connection that delivered before it dropped is retried at the first backoff step, every time', async () => {
    venue = await startStubVenue();
    const v = venue;
    const book = '[{"market":"0xaa","asset_id":"7","timestamp":"1","hash":"","bids":[],"asks":[],"event_type":"book"}]';
    v.onMessage = (socket) => {
      socket.send(book);
      setTimeout(() => socket.terminate(), 60);
    };
    feed = new MarketFeed({ ...FAST_TIMING, silenceMs: 0, url: v.url, backoff: { initialMs: 30, maxMs: 5000, jitter: 0 } });
    const health: ConnectionHealth[] = [];
    feed.on('health', (h: ConnectionHealth) => health.push(h));
    feed.subscribe(['7']);
    feed.start();
    await until(() => v.received.length >= 5, 5000, 'five connections');
    const attempts = health.filter((h) => h.state === 'reconnecting').map((h) => h.attempt);
    expect(new Set(attempts)).toEqual(new Set([1]));
  });
});
