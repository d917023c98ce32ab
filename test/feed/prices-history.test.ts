/**
 * CLOB `/prices-history` bodies through the parser and VenueApi.pricesHistory against a real HTTP
 * server that answers what a hostile or broken venue could: wrong shapes, out-of-range points,
 * huge lists, error statuses. Nothing crashes; what is not a point is dropped; the list is bounded.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WatchSession } from '../../src/cli/session.js';
import { VenueApi } from '../../src/feed/venue-api.js';
import { startSimulator } from '../../src/sim/index.js';
import { MAX_HISTORY_POINTS, parsePricesHistory } from '../../src/protocol/prices-history.js';

describe('parsePricesHistory', () => {
  it('the venue shape: unix seconds become epoch ms, prices stay numbers, oldest first', () => {
    expect(
      parsePricesHistory({
        history: [
          { t: 1_784_449_200, p: 0.515 },
          { t: 1_784_449_260, p: 0.52 },
        ],
      }),
    ).toEqual([
      { t: 1_784_449_200_000, p: 0.515 },
      { t: 1_784_449_260_000, p: 0.52 },
    ]);
    expect(parsePricesHistory({ history: [] })).toEqual([]);
  });

  it('a body of another shape is null; points out of range or of the wrong type are dropped', () => {
    for (const body of [null, [], 'x', 3, { history: null }, { history: {} }, { History: [] }, { history: '[{"t":1,"p":0.5}]' }])
      expect(parsePricesHistory(body)).toBeNull();
    expect(
      parsePricesHistory({
        history: [
          null,
          [1_784_449_200, 0.5],
          { t: 1_784_449_200, p: 1.5 },
          { t: 1_784_449_200, p: -0.1 },
          { t: 1_784_449_200, p: Number.NaN },
          { t: 12, p: 0.5 },
          { t: 1e20, p: 0.5 },
          { t: '1784449200; rm -rf', p: 0.5 },
          { t: 1_784_449_200, p: '0.5e3' },
          { t: 1_784_449_200, p: { valueOf: 0.5 } },
          { t: '1784449320', p: '0.61' },
          { t: 1_784_449_260, p: 0.6, extra: '\u001b[2J' },
        ],
      }),
    ).toEqual([
      { t: 1_784_449_260_000, p: 0.6 },
      { t: 1_784_449_320_000, p: 0.61 },
    ]);
  });

  it('out-of-order points are sorted; a huge list keeps only its newest MAX_HISTORY_POINTS', () => {
    expect(
      parsePricesHistory({
        history: [
          { t: 1_784_449_260, p: 0.2 },
          { t: 1_784_449_200, p: 0.1 },
        ],
      })!.map((p) => p.p),
    ).toEqual([0.1, 0.2]);
    const history = Array.from({ length: 50_000 }, (_, i) => ({ t: 1_700_000_000 + i * 60, p: 0.5 }));
    const points = parsePricesHistory({ history })!;
    expect(points.length).toBe(MAX_HISTORY_POINTS);
    expect(points.at(-1)!.t).toBe((1_700_000_000 + 49_999 * 60) * 1000);
  });
});

describe('VenueApi.pricesHistory', () => {
  let server: Server;
  let base: string;
  let answer: { status: number; body: string } = { status: 200, body: '{"history":[]}' };
  const asked: string[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      asked.push(request.url ?? '');
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('asks for the token with interval and fidelity, or startTs/endTs; reads the points', async () => {
    const api = new VenueApi({ rest: base, timeoutMs: 2000 });
    answer = { status: 200, body: '{"history":[{"t":1784449200,"p":0.49},{"t":1784449260,"p":0.5}]}' };
    expect(await api.pricesHistory('123', { interval: '1d', fidelity: 1 })).toEqual([
      { t: 1_784_449_200_000, p: 0.49 },
      { t: 1_784_449_260_000, p: 0.5 },
    ]);
    expect(asked.at(-1)).toBe('/prices-history?market=123&interval=1d&fidelity=1');
    await api.pricesHistory('123', { startTs: 1_784_449_200, endTs: 1_784_449_800, fidelity: 5 });
    expect(asked.at(-1)).toBe('/prices-history?market=123&startTs=1784449200&endTs=1784449800&fidelity=5');
  });

  it('a 404 is no history; other statuses and bodies that are not the shape are errors naming the route', async () => {
    const api = new VenueApi({ rest: base, timeoutMs: 2000 });
    answer = { status: 404, body: '{"error":"not found"}' };
    expect(await api.pricesHistory('123')).toEqual([]);
    answer = { status: 500, body: 'oops' };
    await expect(api.pricesHistory('123')).rejects.toThrow('/prices-history answered HTTP 500');
    answer = { status: 200, body: '{"history":"none"}' };
    await expect(api.pricesHistory('123')).rejects.toThrow('/prices-history body rejected');
    answer = { status: 200, body: 'not json' };
    await expect(api.pricesHistory('123')).rejects.toMatchObject({ code: 'feed.badBody' });
  });
});

describe('WatchSession.backfillHistory', () => {
  it('fills the store history from the simulator: the newest 600 points of the last day, oldest first', async () => {
    const sim = await startSimulator({ seed: 12, markets: 1, rate: 0 });
    const ids = sim.markets()[0]!.tokens.map((t) => t.tokenId);
    const session = new WatchSession(ids, { url: sim.urls.ws_market, api: new VenueApi({ rest: sim.urls.rest }) });
    try {
      await session.backfillHistory(ids);
      for (const id of ids) {
        const series = session.store.getState().history.get(id)!;
        expect(series.length).toBe(600);
        expect(series.every((p) => p.kind === 'backfill' && p.price > 0 && p.price < 1)).toBe(true);
        expect(series[1]!.t - series[0]!.t).toBe(60_000);
        expect(series.at(-1)!.t).toBeLessThan(Date.now());
      }
      // The two outcomes mirror each other.
      const [a, b] = ids.map((id) => session.store.getState().history.get(id)!);
      expect(a![0]!.price + b![0]!.price).toBeCloseTo(1, 9);
    } finally {
      await session.stop();
      await sim.close();
    }
  });

  it('a venue that cannot be reached leaves the history empty and the session running; the failure is logged', async () => {
    const warnings: string[] = [];
    const logger = { warn: (_o: unknown, msg: string) => warnings.push(msg), debug: () => {}, info: () => {}, error: () => {} };
    const session = new WatchSession(['123'], {
      url: 'ws://127.0.0.1:9/ws/market',
      api: new VenueApi({ rest: 'http://127.0.0.1:9', timeoutMs: 2000 }),
      logger: logger as never,
    });
    await session.backfillHistory(['123']);
    expect(session.store.getState().history.size).toBe(0);
    expect(warnings).toEqual(['price history backfill failed']);
    await session.stop();
  });
});
