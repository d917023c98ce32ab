/**
 * `watch` and `markets` against a stub Gamma serving the real 2026-07 bodies and crafted Protocol
 * V2 variants: a market whose version hides its token ids is one line naming it and exit 2,
 * unless other markets of its event resolved, which `markets` lists while naming the skipped one.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveOne } from '../../src/cli/resolve.js';
import { CliError } from '../../src/cli/errors.js';
import { VenueApi } from '../../src/feed/venue-api.js';
import { cli } from '../helpers/cli.js';
import { DOWN_TOKEN, fixtureJson, UP_TOKEN } from '../helpers/fixtures.js';

type Json = Record<string, unknown>;

const EVENT = (fixtureJson('live-2026-07-19-polysim/gamma-events-by-slug.json') as Json[])[0]!;
const MARKET = (EVENT.markets as Json[])[0]!;
const NEXT_MARKET = ((fixtureJson('live-2026-07-19-polysim/gamma-events-by-slug-next-window.json') as Json[])[0]!.markets as Json[])[0]!;
const NEXT_SLUG = 'btc-updown-5m-1784449500';
const V3 = `market ${NEXT_SLUG}: Gamma version "v3" is not supported (polybook reads v1 and v2), so its token ids are unknown`;

/** Events the stub serves, by slug; search answers with every event whose slug starts with the text. */
const events: Record<string, Json> = {
  'btc-updown-5m-1784449200': EVENT,
  'v2-event': { ...EVENT, slug: 'v2-event', markets: [{ ...MARKET, version: 'v2', positionIds: ['101', '202'] }] },
  'v2-bare-event': { ...EVENT, slug: 'v2-bare-event', markets: [{ ...MARKET, version: 'v2' }] },
  'v3-event': { ...EVENT, slug: 'v3-event', markets: [{ ...NEXT_MARKET, version: 'v3' }] },
  'mixed-event': { ...EVENT, slug: 'mixed-event', markets: [MARKET, { ...NEXT_MARKET, version: 'v3' }] },
};
/** Markets by slug (`/markets?slug=`): a v3 market that is no event's slug. */
const markets: Record<string, Json> = { 'v3-market': { ...NEXT_MARKET, slug: 'v3-market', version: 'v3' } };

let server: Server;
let gamma: string;

function answer(url: URL): unknown {
  const slug = url.searchParams.get('slug') ?? '';
  if (url.pathname === '/events') return events[slug] ? [events[slug]] : [];
  if (url.pathname === '/markets') return markets[slug] ? [markets[slug]] : [];
  if (url.pathname === '/public-search') {
    const q = url.searchParams.get('q') ?? '';
    return {
      events: Object.entries(events)
        .filter(([s]) => s.startsWith(q))
        .map(([, e]) => e),
    };
  }
  return [];
}

beforeAll(async () => {
  process.env.POLYBOOK_CONFIG = '/nonexistent/config.json';
  server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(answer(new URL(req.url ?? '/', 'http://stub'))));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address === 'string' || address === null) throw new Error('no port');
  gamma = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  delete process.env.POLYBOOK_CONFIG;
  await new Promise((resolve) => server.close(resolve));
});

function watch(name: string) {
  return cli(['watch', name, '--format', 'ndjson', '--gamma', gamma, '--rest', 'http://127.0.0.1:9', '--url', 'ws://127.0.0.1:9/ws/market']);
}

describe('Gamma Protocol V2 in resolving market names', () => {
  it('the real event (no version) and a v2 event resolve to their own ids', async () => {
    const api = new VenueApi({ gamma, rest: 'http://127.0.0.1:9' });
    expect((await resolveOne(api, 'btc-updown-5m-1784449200')).map((a) => a.assetId)).toEqual([UP_TOKEN, DOWN_TOKEN]);
    expect((await resolveOne(api, 'v2-event')).map((a) => [a.assetId, a.outcome])).toEqual([
      ['101', 'Up'],
      ['202', 'Down'],
    ]);
  });

  it.each([
    ['v3-event', V3],
    ['v3-market', V3.replace(NEXT_SLUG, 'v3-market')],
    ['v2-bare-event', 'market btc-updown-5m-1784449200: Gamma version "v2" without positionIds, so its token ids are unknown'],
  ])('watch %s: one line naming the market and the version, exit 2', async (name, message) => {
    const { code, out, err } = await watch(name);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(`polybook: ${message}\n`);
  });

  it('watch mixed-event: the skipped market is named on stderr and the good one is watched', async () => {
    // Nothing listens on port 9: one failed attempt ends the watch (exit 1) after the skip line.
    const { code, err } = await cli([
      'watch',
      'mixed-event',
      '--format',
      'ndjson',
      '--gamma',
      gamma,
      '--no-rest-sync',
      '--url',
      'ws://127.0.0.1:9/ws/market',
      '--max-attempts',
      '1',
      '--log-file',
      '/dev/null',
    ]);
    expect(err.split('\n')[0]).toBe(
      `polybook: skipped market ${NEXT_SLUG}: Gamma version "v3" is not supported (polybook reads v1 and v2), so its token ids are unknown`,
    );
    // The one reconnect attempt is said on stderr, then the feed error in words.
    expect(err.split('\n').slice(1)).toEqual([
      expect.stringMatching(/^polybook: ws:\/\/127\.0\.0\.1:9\/ws\/market: cannot connect: connection refused; retrying in (0\.[89]|1)s \(attempt 1\)$/),
      'polybook: gave up after 1 attempt (cannot connect: connection refused)',
      '',
    ]);
    expect(code).toBe(1);
  });

  it('with a reporter, an event with good markets resolves them and reports the skipped one', async () => {
    const api = new VenueApi({ gamma, rest: 'http://127.0.0.1:9' });
    const skipped: string[] = [];
    const assets = await resolveOne(api, 'mixed-event', (p) => skipped.push(p.message));
    expect(assets.map((a) => a.assetId)).toEqual([UP_TOKEN, DOWN_TOKEN]);
    expect(skipped).toEqual([V3]);
    await expect(resolveOne(api, 'v3-event', () => {})).rejects.toThrow(new CliError('cli.marketVersion', V3));
  });
});

describe('Gamma Protocol V2 in polybook markets', () => {
  it('an event with a good market lists it and names the skipped one on stderr (exit 0)', async () => {
    const { code, out, err } = await cli(['markets', 'mixed', '--gamma', gamma]);
    expect(code).toBe(0);
    expect(err).toBe(`polybook: skipped market ${NEXT_SLUG}: Gamma version "v3" is not supported (polybook reads v1 and v2), so its token ids are unknown\n`);
    expect(out).toContain('slug btc-updown-5m-1784449200');
    expect(out).toContain(UP_TOKEN);
    expect(out).not.toContain(NEXT_SLUG);
  });

  it('--json lists the good markets only', async () => {
    const { code, out, err } = await cli(['markets', 'mixed', '--json', '--gamma', gamma]);
    expect(code).toBe(0);
    expect((JSON.parse(out) as Array<{ slug: string }>).map((m) => m.slug)).toEqual(['btc-updown-5m-1784449200']);
    expect(err).toContain(`skipped market ${NEXT_SLUG}`);
  });

  it('an event with nothing else to show is one line and exit 2', async () => {
    const { code, out, err } = await cli(['markets', 'v3', '--gamma', gamma]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(`polybook: ${V3}\n`);
  });

  it('real and v2 events list their own ids', async () => {
    const real = await cli(['markets', 'btc', '--gamma', gamma]);
    expect(real).toMatchObject({ code: 0, err: '' });
    expect(real.out).toContain(DOWN_TOKEN);
    const v2 = await cli(['markets', 'v2-event', '--gamma', gamma]);
    expect(v2).toMatchObject({ code: 0, err: '' });
    expect(v2.out).toMatch(/\n {4}Up {4}101\n {4}Down {2}202\n$/);
  });
});
