/**
 * A hostile server in front of the real feed, engine, store and NDJSON writer: silent, PONG-only,
 * never upgrading, a 50 MB frame, a flood, and frames whose every string is an escape sequence or
 * a prototype key. Nothing crashes, nothing unsafe reaches output, no wait is endless.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { NdjsonWriter } from '../../src/cli/ndjson.js';
import { WatchSession } from '../../src/cli/session.js';
import type { ConnectionHealth } from '../../src/feed/health.js';
import { isSafeText } from '../../src/protocol/sanitize.js';
import { silentLogger } from '../../src/log.js';
import { FAST_TIMING } from '../helpers/sim-client.js';
import { sink } from '../helpers/cli.js';
import { startHostileVenue, TOKEN, type Behaviour, type HostileVenue } from '../helpers/hostile-venue.js';
import { until } from '../helpers/stub-venue.js';

let venue: HostileVenue | null = null;
let session: WatchSession | null = null;
afterEach(async () => {
  await session?.stop();
  session = null;
  await venue?.close();
  venue = null;
});

async function watchHostile(behaviour: Behaviour, extra: Partial<ConstructorParameters<typeof WatchSession>[1]> = {}) {
  venue = await startHostileVenue(behaviour);
  const s = new WatchSession([{ assetId: TOKEN, market: null, question: null, outcome: null }], {
    ...FAST_TIMING,
    url: venue.ws,
    depth: 5,
    fps: 50,
    logger: silentLogger,
    api: null,
    maxAttempts: 2,
    backoff: { initialMs: 20, maxMs: 40, jitter: 0 },
    ...extra,
  });
  const health: ConnectionHealth[] = [];
  const fatal: Error[] = [];
  s.feed.on('health', (h: ConnectionHealth) => health.push(h));
  s.onFatal((e) => fatal.push(e));
  let out = '';
  const writer = new NdjsonWriter(
    sink((chunk) => (out += chunk)),
    s.store,
  );
  writer.start();
  s.onFinding((f) => writer.finding(f));
  s.start();
  session = s;
  return { s, health, fatal, output: () => out };
}

/** Every string anywhere in a JSON value. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, out.concat(k));
  return out;
}

describe('a hostile server', () => {
  it.each<[Behaviour, RegExp]>([
    ['silent', /^no PONG/],
    ['pong-only', /^frozen: no data/],
    ['never-upgrade', /timed out|handshake/i],
  ])('%s: the wait ends, and --max-attempts gives up with the cause', async (behaviour, cause) => {
    const { fatal, health } = await watchHostile(behaviour);
    await until(() => fatal.length === 1, 8000, 'giving up');
    expect(fatal[0]).toMatchObject({ code: 'feed.gaveUp' });
    expect(health.find((h) => h.state === 'reconnecting')!.lastDisconnectCause).toMatch(cause);
  });

  it('a 50 MB frame closes the socket (1009) instead of being buffered, then it reconnects', async () => {
    const { health } = await watchHostile('huge-frame', { maxAttempts: 5 });
    await until(() => health.some((h) => h.reconnects >= 1), 8000, 'a reconnect');
    expect(health.find((h) => h.state === 'reconnecting')!.lastDisconnectCause).toMatch(/1009|payload/i);
  });

  it('a flood: applied in full, no invalid frame, memory bounded', async () => {
    const { s } = await watchHostile('flood');
    await until(() => (s.engine.assets.get(TOKEN)?.book?.version ?? 0) > 5000, 10_000, 'the flood applied');
    const before = process.memoryUsage().heapUsed;
    await new Promise((r) => setTimeout(r, 1000));
    const asset = s.engine.assets.get(TOKEN)!;
    expect(asset.integrity).toMatchObject({ crossed: 0, awaiting_snapshot: 0 });
    expect(asset.book!.version).toBeGreaterThan(10_000);
    expect(asset.book!.bids.levels.length).toBeLessThanOrEqual(19);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('escape sequences and prototype keys everywhere: rejected or cleaned, never output raw', async () => {
    const { s, output } = await watchHostile('nasty-close', { maxAttempts: 50 });
    await until(() => output().includes('"type":"book"') && s.engine.assets.get(TOKEN) !== undefined, 3000, 'a book line');
    await until(() => (s.store.getState().health['market-0']?.reconnects ?? 0) >= 1, 3000, 'the hostile close');
    await new Promise((r) => setTimeout(r, 100));
    const lines = output()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    for (const line of lines) for (const text of strings(line)) expect(isSafeText(text), JSON.stringify(text)).toBe(true);
    // The only asset kept is the subscribed one, and its book is the dump's (every hostile update was rejected).
    expect([...s.engine.assets.keys()]).toEqual([TOKEN]);
    const book = s.engine.assets.get(TOKEN)!.book!;
    expect(book.bids.levels).toEqual([{ price: '0.4', size: '10' }]);
    // Health carries the hostile close reason, cleaned.
    const cause = s.store.getState().health['market-0']!.lastDisconnectCause!;
    expect(cause).toMatch(/^closed 4000: /);
    expect(isSafeText(cause)).toBe(true);
  });
});
