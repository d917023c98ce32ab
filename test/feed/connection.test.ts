/** FeedConnection / MarketFeed against a real ws server on loopback: heartbeat, watchdogs, backoff. */
import { afterEach, describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/feed/backoff.js';
import type { ConnectionHealth } from '../../src/feed/health.js';
import { MarketFeed } from '../../src/feed/market-feed.js';
import { startStubVenue, until, type StubVenue } from '../helpers/stub-venue.js';

const FAST = {
  pingIntervalMs: 30,
  pongTimeoutMs: 150,
  silenceMs: 0,
  backoff: { initialMs: 20, maxMs: 80, jitter: 0 },
};

let venue: StubVenue;
let feed: MarketFeed | null = null;

afterEach(async () => {
  await feed?.stop();
  feed = null;
  await venue?.close();
});

function healthLog(f: MarketFeed): ConnectionHealth[] {
  const log: ConnectionHealth[] = [];
  f.on('health', (h: ConnectionHealth) => log.push(h));
  return log;
}

describe('backoff', () => {
  it('doubles from 1 s to a 30 s cap, jitter within ±20 %', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 10].map((n) => backoffDelay(n, undefined, () => 0.5))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(backoffDelay(1, undefined, () => 0)).toBe(800);
    expect(backoffDelay(1, undefined, () => 0.999999)).toBe(1200);
    expect(backoffDelay(9, undefined, () => 0.999999)).toBe(30000);
  });
});

describe('market feed connection', () => {
  it('subscribes first (initial dump asked for, custom features on), then sends text PING; PONG gives an RTT', async () => {
    venue = await startStubVenue();
    feed = new MarketFeed({ ...FAST, url: venue.url });
    const health = healthLog(feed);
    feed.subscribe(['111', '222']);
    feed.start();
    await until(() => (venue.received[0]?.filter((t) => t === 'PING').length ?? 0) >= 2, 2000, 'two PINGs');
    expect(venue.received[0]![0]).toBe('{"assets_ids":["111","222"],"type":"market","initial_dump":true,"custom_feature_enabled":true}');
    await until(() => health.some((h) => h.rttMs !== null));
    expect(health.at(-1)).toMatchObject({ id: 'market-0', channel: 'market', state: 'live', assets: 2 });
  });

  it('splits subscriptions into frames of at most 100 ids and spreads assets over connections of at most 200', async () => {
    venue = await startStubVenue();
    feed = new MarketFeed({ ...FAST, url: venue.url });
    const ids = Array.from({ length: 620 }, (_, i) => String(10n ** 76n + BigInt(i)));
    feed.subscribe(ids);
    feed.start();
    await until(() => venue.received.length === 4 && venue.received.every((log) => log.filter((t) => t !== 'PING').length >= 1), 3000, 'four connections');
    await new Promise((r) => setTimeout(r, 50));
    const frames = venue.received.map((log) => log.filter((t) => t !== 'PING').map((t) => JSON.parse(t)));
    const sizes = frames.map((f) => f.map((frame: { assets_ids: string[] }) => frame.assets_ids.length)).sort((a, b) => b.length - a.length);
    expect(sizes).toEqual([[100, 100], [100, 100], [100, 100], [20]]);
    for (const connection of frames) {
      expect(connection[0]).toMatchObject({ type: 'market', initial_dump: true });
      for (const later of connection.slice(1)) expect(later).toMatchObject({ operation: 'subscribe', initial_dump: true });
    }
    expect(new Set(frames.flat().flatMap((f) => f.assets_ids))).toEqual(new Set(ids));
    expect(ids.every((id) => typeof id === 'string' && id.length === 77)).toBe(true);
  });

  it('--assets-per-connection: the cap is configurable', async () => {
    venue = await startStubVenue();
    feed = new MarketFeed({ ...FAST, url: venue.url, maxAssetsPerConnection: 2 });
    feed.subscribe(['1', '2', '3', '4', '5']);
    feed.start();
    await until(() => venue.received.length === 3 && venue.received.every((log) => log.length >= 1), 3000, 'three connections');
    const counts = venue.received.map((log) => JSON.parse(log[0]!).assets_ids.length).sort();
    expect(counts).toEqual([1, 2, 2]);
  });

  it('subscribes and unsubscribes on an open socket with operation frames', async () => {
    venue = await startStubVenue();
    feed = new MarketFeed({ ...FAST, url: venue.url });
    feed.subscribe(['1']);
    feed.start();
    await until(() => venue.received[0]?.length === 1);
    feed.subscribe(['2', '1']);
    feed.unsubscribe(['1']);
    await until(() => venue.received[0]!.filter((t) => t !== 'PING').length === 3);
    expect(venue.received[0]!.filter((t) => t !== 'PING').slice(1)).toEqual([
      '{"assets_ids":["2"],"operation":"subscribe","initial_dump":true,"custom_feature_enabled":true}',
      '{"assets_ids":["1"],"operation":"unsubscribe"}',
    ]);
    expect(feed.assets()).toEqual(['2']);
  });

  it('no PONG within the timeout: terminates, marks books stale, reconnects and resubscribes', async () => {
    venue = await startStubVenue();
    venue.answerPing = false;
    feed = new MarketFeed({ ...FAST, url: venue.url });
    const downs: Array<[string[], string]> = [];
    feed.on('down', (ids: string[], cause: string) => downs.push([ids, cause]));
    feed.subscribe(['7']);
    feed.start();
    await until(() => (venue.received[1]?.length ?? 0) >= 1, 3000, 'a resubscription');
    expect(downs[0]![0]).toEqual(['7']);
    expect(downs[0]![1]).toMatch(/^no PONG/);
    expect(venue.received[1]![0]).toBe('{"assets_ids":["7"],"type":"market","initial_dump":true,"custom_feature_enabled":true}');
  });

  it('frozen: PONGs flow but no data past the silence limit ⇒ reconnect', async () => {
    venue = await startStubVenue();
    feed = new MarketFeed({ ...FAST, silenceMs: 200, url: venue.url });
    const health = healthLog(feed);
    feed.subscribe(['7']);
    feed.start();
    await until(() => venue.received.length >= 2, 3000, 'a reconnect');
    expect(health.some((h) => h.frozen)).toBe(true);
    expect(health.find((h) => h.state === 'reconnecting')!.lastDisconnectCause).toMatch(/^frozen: no data/);
  });

  it('data naming one of its assets keeps a connection from counting as frozen', async () => {
    venue = await startStubVenue();
    const update =
      '{"market":"0xaa", "price_changes":[{"asset_id":"8", "price":"0.5", "size":"1", "side":"BUY", "hash":"", "best_bid":"0.5", "best_ask":"1"}, {"asset_id":"7", "price":"0.5", "size":"1", "side":"SELL", "hash":"", "best_bid":"0", "best_ask":"0.5"}], "timestamp":"1", "event_type":"price_change"}';
    const timer = setInterval(() => {
      for (const s of venue.sockets) s.send(update);
    }, 20);
    feed = new MarketFeed({ ...FAST, silenceMs: 150, url: venue.url });
    feed.subscribe(['7']);
    feed.start();
    await new Promise((r) => setTimeout(r, 500));
    clearInterval(timer);
    expect(venue.received).toHaveLength(1);
    expect(feed.lastDataAt('7')).toBeGreaterThan(Date.now() - 200);
    expect(feed.lastDataAt('8')).toBeNull();
  });

  it("broadcasts, PONGs and other assets' data do not keep a frozen connection alive", async () => {
    venue = await startStubVenue();
    const frames = [
      '{"id":"1","question":"Q?","market":"0xbb","slug":"q","assets_ids":["55","56"],"outcomes":["Yes","No"],"timestamp":"1","event_type":"new_market"}',
      '{"market":"0xcc", "price_changes":[{"asset_id":"99", "price":"0.5", "size":"1", "side":"BUY", "hash":"", "best_bid":"0.5", "best_ask":"1"}], "timestamp":"1", "event_type":"price_change"}',
      '{"market":"0xcc","asset_id":"99","price":"0.5","size":"1","side":"BUY","timestamp":"1","event_type":"last_trade_price"}',
    ];
    let i = 0;
    const timer = setInterval(() => {
      for (const s of venue.sockets) s.send(frames[i++ % frames.length]!);
    }, 15);
    feed = new MarketFeed({ ...FAST, silenceMs: 150, url: venue.url });
    const health = healthLog(feed);
    feed.subscribe(['7']);
    feed.start();
    await until(() => venue.received.length >= 2, 3000, 'a reconnect');
    clearInterval(timer);
    expect(health.find((h) => h.state === 'reconnecting')!.lastDisconnectCause).toMatch(/^frozen: no data/);
    expect(health.every((h) => h.lastDataAt === null)).toBe(true);
  });

  it('a silence proven quiet is not a freeze; an unproven one is, one silence period later', async () => {
    venue = await startStubVenue();
    const asked: Array<[string, readonly string[]]> = [];
    let verdict: 'quiet' | 'pending' = 'quiet';
    feed = new MarketFeed({
      ...FAST,
      silenceMs: 100,
      url: venue.url,
      silenceCheck: (id, ids) => {
        asked.push([id, ids]);
        return verdict;
      },
    });
    const health = healthLog(feed);
    feed.subscribe(['7', '8']);
    feed.start();
    await new Promise((r) => setTimeout(r, 450));
    expect(venue.received).toHaveLength(1);
    expect(asked.length).toBeGreaterThanOrEqual(2);
    expect(asked[0]).toEqual(['market-0', ['7', '8']]);
    expect(health.at(-1)!.quietVerifiedAt).not.toBeNull();
    verdict = 'pending';
    const pendingFrom = Date.now();
    await until(() => venue.received.length >= 2, 3000, 'a reconnect after the proof never came');
    // At most one silence period past the last proof (100 ms), plus the tick (≤ 50 ms here).
    expect(Date.now() - pendingFrom).toBeLessThan(400);
    expect(health.find((h) => h.state === 'reconnecting')!.lastDisconnectCause).toMatch(/^frozen/);
  });

  it('backs off exponentially while the venue is down, one attempt at a time, and gives up at max attempts', async () => {
    venue = await startStubVenue();
    const url = venue.url;
    await venue.close();
    feed = new MarketFeed({ ...FAST, url, maxAttempts: 3 });
    const health = healthLog(feed);
    const fatal: Error[] = [];
    feed.on('fatal', (e: Error) => fatal.push(e));
    feed.subscribe(['7']);
    feed.start();
    await until(() => fatal.length === 1, 3000, 'giving up');
    const retries = health.filter((h) => h.state === 'reconnecting');
    expect(retries.map((h) => h.attempt)).toEqual([1, 2, 3]);
    expect(fatal[0]).toMatchObject({ code: 'feed.gaveUp' });
    expect(health.at(-1)!.state).toBe('stopped');
    const connecting = health.filter((h) => h.state === 'connecting').length;
    expect(connecting).toBe(4);
  });
});
