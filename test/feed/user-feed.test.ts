/** Credentials handling and the user channel against a real ws server on loopback. */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiCredentials, loadCredentials } from '../../src/feed/credentials.js';
import type { FeedError } from '../../src/feed/errors.js';
import { UserFeed } from '../../src/feed/user-feed.js';
import { createPolybookStore } from '../../store/store.js';
import { bindUserFeed } from '../../store/user-binding.js';
import { fixtureJson } from '../helpers/fixtures.js';
import { startStubVenue, until, type StubVenue } from '../helpers/stub-venue.js';

const KEY = 'k-1111-test';
const SECRET = 'c2VjcmV0LXRlc3Q=';
const PASS = 'pass-phrase-test';

function credentialsFile(mode: number, body: unknown = { apiKey: KEY, secret: SECRET, passphrase: PASS }): string {
  const dir = mkdtempSync(join(tmpdir(), 'polybook-cred-'));
  const file = join(dir, 'credentials.json');
  writeFileSync(file, JSON.stringify(body));
  chmodSync(file, mode);
  return file;
}

describe('credentials', () => {
  it('come from the environment', () => {
    const c = loadCredentials({ POLY_API_KEY: KEY, POLY_API_SECRET: SECRET, POLY_PASSPHRASE: PASS });
    expect(c.authPayload()).toEqual({ apiKey: KEY, secret: SECRET, passphrase: PASS });
  });

  it('or from a 0600 file', () => {
    expect(loadCredentials({}, credentialsFile(0o600)).authPayload().secret).toBe(SECRET);
  });

  it('a file others can read is refused with a clear message', () => {
    const file = credentialsFile(0o644);
    expect(() => loadCredentials({}, file)).toThrow(`credentials file ${file} is readable by others (mode 0644); run: chmod 600 ${file}`);
  });

  it('partial environment, missing file and missing fields are clear errors', () => {
    expect(() => loadCredentials({ POLY_API_KEY: KEY })).toThrow(/all three/);
    expect(() => loadCredentials({ XDG_CONFIG_HOME: '/nonexistent' })).toThrow(/no credentials: set POLY_API_KEY/);
    expect(() => loadCredentials({}, credentialsFile(0o600, { apiKey: KEY }))).toThrow(/needs string fields/);
  });

  it('never show their values', () => {
    const c = new ApiCredentials(KEY, SECRET, PASS);
    const shown = [JSON.stringify({ c }), inspect(c), String(c), `${c}`, inspect({ nested: { c } })].join(' ');
    for (const secret of [KEY, SECRET, PASS]) expect(shown).not.toContain(secret);
  });
});

describe('user channel', () => {
  let venue: StubVenue;
  let feed: UserFeed | null = null;
  afterEach(async () => {
    await feed?.stop();
    await venue.close();
  });

  it('sends the auth triple and markets; orders and trades reach the store', async () => {
    venue = await startStubVenue();
    venue.onMessage = (socket) => {
      socket.send(JSON.stringify(fixtureJson('nautilus-2024-2025/ws_order_placement.json')));
      const trade = fixtureJson('nautilus-2024-2025/ws_user_trade2.json') as Record<string, unknown>;
      socket.send(JSON.stringify(trade));
      socket.send(JSON.stringify({ ...trade, status: 'MINED' }));
      socket.send(JSON.stringify({ ...trade, status: 'CONFIRMED' }));
    };
    const store = createPolybookStore();
    feed = new UserFeed({
      url: venue.url.replace('/market', '/user'),
      credentials: new ApiCredentials(KEY, SECRET, PASS),
      markets: ['0xabc'],
      pingIntervalMs: 50,
    });
    bindUserFeed(feed, store);
    feed.start();
    await until(() => store.getState().userTrades[0]?.status === 'CONFIRMED');
    expect(JSON.parse(venue.received[0]![0]!)).toEqual({ auth: { apiKey: KEY, secret: SECRET, passphrase: PASS }, markets: ['0xabc'], type: 'user' });
    const [order] = [...store.getState().orders.values()];
    expect(order).toMatchObject({ side: 'BUY', price: '0.513', originalSize: '5', status: 'LIVE' });
    expect(store.getState().userTrades[0]!.history).toEqual(['MATCHED', 'MINED', 'CONFIRMED']);
  });

  it('a rejected auth is one clear fatal error, not a reconnect loop', async () => {
    venue = await startStubVenue();
    venue.onMessage = (socket) => socket.close(4001, 'invalid auth');
    const fatal: FeedError[] = [];
    feed = new UserFeed({
      url: venue.url,
      credentials: new ApiCredentials('bad', 'bad', 'bad'),
      markets: [],
      backoff: { initialMs: 10, maxMs: 20, jitter: 0 },
    });
    feed.on('fatal', (e: FeedError) => fatal.push(e));
    feed.start();
    await until(() => fatal.length === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(venue.received).toHaveLength(1);
    expect(fatal[0]).toMatchObject({ code: 'feed.authRejected', message: 'the venue refused the API credentials (close 4001: invalid auth)' });
  });
});

describe('server text in close reasons', () => {
  let venue: StubVenue;
  afterEach(async () => {
    await venue.close();
  });

  it('control characters in a close reason never reach the health record', async () => {
    venue = await startStubVenue();
    venue.onMessage = (socket) => socket.close(4000, 'bye\u001b[2J\u001b]0;x\u0007now');
    const { MarketFeed } = await import('../../src/feed/market-feed.js');
    const feed = new MarketFeed({ url: venue.url, backoff: { initialMs: 1000, maxMs: 1000, jitter: 0 } });
    const causes: string[] = [];
    feed.on('health', (h: { lastDisconnectCause: string | null }) => h.lastDisconnectCause && causes.push(h.lastDisconnectCause));
    feed.subscribe(['1']);
    feed.start();
    await until(() => causes.length > 0);
    await feed.stop();
    expect(causes[0]).toBe('closed 4000: bye[2J]0;xnow');
  });
});
