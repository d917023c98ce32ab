/**
 * How `--follow` finds a series' open window (src/cli/follow.ts), against a stub Gamma: by the slug
 * a recurring window must have (start aligned to its length), through Gamma's `/series`, or by a
 * search for events whose slug extends the series; ended, closed and skipped windows never chosen.
 * Then the follower against the real simulator: a roll swaps the assets and updates the store.
 */
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { findWindow, SeriesFollower, windowLengthOf } from '../../src/cli/follow.js';
import { WatchSession } from '../../src/cli/session.js';
import { silentLogger } from '../../src/log.js';
import { startSimulator } from '../../src/sim/index.js';
import { FAST_TIMING } from '../helpers/sim-client.js';
import { until } from '../helpers/stub-venue.js';
import { VenueApi } from '../../src/feed/venue-api.js';

const NOW = Date.UTC(2026, 6, 19, 12, 2, 30);
let server: Server | null = null;
afterEach(async () => {
  await new Promise((r) => (server ? server.close(r) : r(null)));
  server = null;
});

let nextToken = 1;
function event(slug: string, endMs: number, closed = false) {
  const ids = [String(nextToken++).padStart(77, '1'), String(nextToken++).padStart(77, '2')];
  return {
    slug,
    title: slug,
    endDate: new Date(endMs).toISOString(),
    closed,
    markets: [
      {
        conditionId: `0x${String(nextToken).padStart(64, 'c')}`,
        question: `Question of ${slug}`,
        slug,
        outcomes: '["Up", "Down"]',
        clobTokenIds: JSON.stringify(ids),
        endDate: new Date(endMs).toISOString(),
        active: true,
        closed,
      },
    ],
  };
}

/** A Gamma that knows these events, these series (slug → event slugs) and answers searches with `search`. */
async function gamma(
  events: ReturnType<typeof event>[],
  series: Record<string, string[]> = {},
  search: ReturnType<typeof event>[] = [],
): Promise<{ api: VenueApi; asked: string[] }> {
  const asked: string[] = [];
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    asked.push(`${url.pathname}?${url.searchParams}`);
    let body: unknown = [];
    if (url.pathname === '/events') body = events.filter((e) => e.slug === url.searchParams.get('slug'));
    else if (url.pathname === '/series') {
      const slug = url.searchParams.get('slug')!;
      body = series[slug] ? [{ slug, title: slug, events: series[slug].map((s) => events.find((e) => e.slug === s)!).map(({ markets: _m, ...e }) => e) }] : [];
    } else if (url.pathname === '/public-search') body = { events: search };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { api: new VenueApi({ gamma: `http://127.0.0.1:${(server.address() as { port: number }).port}`, rest: 'http://127.0.0.1:9' }), asked };
}

describe('windowLengthOf', () => {
  it('reads the window length a recurring slug names', () => {
    expect(windowLengthOf('btc-updown-5m')).toBe(300_000);
    expect(windowLengthOf('eth-updown-15m')).toBe(900_000);
    expect(windowLengthOf('btc-updown-3s')).toBe(3000);
    expect(windowLengthOf('sol-updown-4h')).toBe(14_400_000);
    expect(windowLengthOf('bitcoin-up-or-down-hourly')).toBeNull();
    expect(windowLengthOf('btc-updown-0m')).toBeNull();
  });
});

describe('findWindow', () => {
  it('by the aligned window slug: the window open now, its outcomes and end', async () => {
    const start = Math.floor(NOW / 300_000) * 300_000;
    const { api, asked } = await gamma([event(`foo-updown-5m-${start / 1000}`, start + 300_000), event(`foo-updown-5m-${start / 1000 - 300}`, start)]);
    const found = await findWindow(api, 'foo-updown-5m', NOW);
    expect(found).toMatchObject({ slug: `foo-updown-5m-${start / 1000}`, endsAt: start + 300_000 });
    expect(found!.assets.map((a) => [a.outcome, a.question, a.endsAt])).toEqual([
      ['Up', `Question of foo-updown-5m-${start / 1000}`, start + 300_000],
      ['Down', `Question of foo-updown-5m-${start / 1000}`, start + 300_000],
    ]);
    expect(asked).toEqual([`/events?slug=foo-updown-5m-${start / 1000}`]);
  });

  it('skips the window just left: the next one', async () => {
    const start = Math.floor(NOW / 300_000) * 300_000;
    const { api } = await gamma([event(`foo-updown-5m-${start / 1000}`, start + 300_000), event(`foo-updown-5m-${start / 1000 + 300}`, start + 600_000)]);
    expect((await findWindow(api, 'foo-updown-5m', NOW, `foo-updown-5m-${start / 1000}`))?.slug).toBe(`foo-updown-5m-${start / 1000 + 300}`);
  });

  it('through a Gamma series: the open event that ends first, never an ended or closed one', async () => {
    const events = [
      event('btc-hourly-ended', NOW - 1000),
      event('btc-hourly-closed', NOW + 1000, true),
      event('btc-hourly-later', NOW + 7_200_000),
      event('btc-hourly-now', NOW + 3_600_000),
    ];
    const { api } = await gamma(events, { 'btc-hourly': events.map((e) => e.slug) });
    const found = await findWindow(api, 'btc-hourly', NOW);
    expect(found).toMatchObject({ slug: 'btc-hourly-now', endsAt: NOW + 3_600_000 });
    expect((await findWindow(api, 'btc-hourly', NOW, 'btc-hourly-now'))?.slug).toBe('btc-hourly-later');
  });

  it('by a search for events extending the slug; null when nothing is open', async () => {
    const hits = [event('eth-weekly-2', NOW + 2_000_000), event('eth-weekly-1', NOW + 1_000_000), event('other-eth-weekly', NOW + 10)];
    const { api } = await gamma([], {}, hits);
    expect((await findWindow(api, 'eth-weekly', NOW))?.slug).toBe('eth-weekly-1');
    expect(await findWindow(api, 'eth-weekly', NOW + 3_000_000)).toBeNull();
  });
});

describe('SeriesFollower against the real simulator (sim --window 2)', () => {
  it('rolls when the window ends: the store shows the new window and the roll, the old assets go', async () => {
    const sim = await startSimulator({ seed: 91, markets: 0, rate: 20, windowSec: 2 });
    const api = new VenueApi({ rest: sim.urls.rest, gamma: sim.urls.gamma });
    const first = (await findWindow(api, 'eth-updown-2s', Date.now()))!;
    const session = new WatchSession(first.assets, { ...FAST_TIMING, url: sim.urls.ws_market, fps: 50, logger: silentLogger, api });
    const follower = new SeriesFollower(session, api, 'eth-updown-2s', first, { logger: silentLogger, pollMs: 50 });
    const rolls: { from: string | null; to: string }[] = [];
    follower.onRoll((r) => rolls.push({ from: r.from, to: r.to }));
    try {
      expect(session.store.getState().follow).toEqual({ series: 'eth-updown-2s', slug: first.slug, endsAt: first.endsAt, lastRoll: null });
      session.start();
      follower.start();
      await until(() => rolls.length >= 1, 6000);
      const next = follower.window;
      expect(rolls[0]).toEqual({ from: first.slug, to: next.slug });
      expect(Number(next.slug.split('-').at(-1)) - Number(first.slug.split('-').at(-1))).toBe(2);
      const follow = session.store.getState().follow!;
      expect(follow).toMatchObject({ series: 'eth-updown-2s', slug: next.slug, endsAt: next.endsAt, lastRoll: { from: first.slug, to: next.slug } });
      expect(session.assetIds).toEqual(next.assets.map((a) => a.assetId));
      await until(() => next.assets.every((a) => session.store.getState().assets.get(a.assetId)?.status === 'live'), 3000);
      for (const a of first.assets) expect(session.store.getState().assets.has(a.assetId)).toBe(false);
      expect(sim.subscriptions()).toEqual([next.assets.map((a) => a.assetId)]);
    } finally {
      follower.stop();
      await session.stop();
      await sim.close();
    }
  }, 15_000);
});
