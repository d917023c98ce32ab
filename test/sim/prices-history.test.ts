/**
 * The simulator's CLOB `GET /prices-history` (POLYMARKET.md §8): `{"history":[{"t","p"}]}` from its
 * own prices, a made-up day before each market and what its book did since, with `interval`,
 * `startTs`/`endTs` and `fidelity` as the venue documents them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { SAMPLE_MS } from '../../src/sim/price-record.js';

const EPOCH = 1_784_449_237_000;

async function get(url: string): Promise<{ status: number; body: any }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.json() };
}

describe('sim GET /prices-history', () => {
  let sim: Simulator;
  let up: string;
  let down: string;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 8, rate: 0, markets: 2, epochMs: EPOCH });
    up = sim.markets()[0]!.tokens[0]!.tokenId;
    down = sim.markets()[0]!.tokens[1]!.tokenId;
  });
  afterAll(async () => sim.close());

  it('interval=1d&fidelity=1: a point a minute for the day before the market, oldest first, p in (0, 1)', async () => {
    const { status, body } = await get(`${sim.urls.rest}/prices-history?market=${up}&interval=1d&fidelity=1`);
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['history']);
    const history = body.history as { t: number; p: number }[];
    expect(history.length).toBe(1440);
    for (const point of history) {
      expect(Object.keys(point)).toEqual(['t', 'p']);
      expect(Number.isInteger(point.t)).toBe(true);
      expect(point.p).toBeGreaterThan(0);
      expect(point.p).toBeLessThan(1);
    }
    for (let i = 1; i < history.length; i++) expect(history[i]!.t - history[i - 1]!.t).toBe(60);
    // The walk ends where the market's book started (the mid of its first ladders, within a tick or two).
    const mid = Number((await get(`${sim.urls.rest}/midpoint?token_id=${up}`)).body.mid);
    expect(Math.abs(history.at(-1)!.p - mid)).toBeLessThan(0.05);
    expect(history.at(-1)!.t).toBe(Math.floor(EPOCH / 1000) - 60);
  });

  it('the other outcome is the mirror, and the same seed gives the same past', async () => {
    const a = (await get(`${sim.urls.rest}/prices-history?market=${up}&interval=1h`)).body.history;
    const b = (await get(`${sim.urls.rest}/prices-history?market=${down}&interval=1h`)).body.history;
    expect(a.length).toBe(60);
    expect(b.map((x: { t: number }) => x.t)).toEqual(a.map((x: { t: number }) => x.t));
    for (let i = 0; i < a.length; i++) expect(a[i].p + b[i].p).toBeCloseTo(1, 9);
    const again = await startSimulator({ seed: 8, rate: 0, markets: 2, epochMs: EPOCH });
    try {
      const c = (await get(`${again.urls.rest}/prices-history?market=${up}&interval=1h`)).body.history;
      expect(c).toEqual(a);
    } finally {
      await again.close();
    }
  });

  it('fidelity buckets by minutes; startTs/endTs bound the window; the live book adds points', async () => {
    const hourly = (await get(`${sim.urls.rest}/prices-history?market=${up}&interval=1d&fidelity=60`)).body.history;
    // A day is 24 or 25 clock hours (the window need not start on the hour): one point each.
    const hours = hourly.map((x: { t: number }) => Math.floor(x.t / 3600));
    expect(hourly.length).toBe(25);
    expect(new Set(hours).size).toBe(hourly.length);
    expect(hours.at(-1) - hours[0]).toBe(24);
    const start = Math.floor(EPOCH / 1000) - 600;
    const end = Math.floor(EPOCH / 1000) - 300;
    const window = (await get(`${sim.urls.rest}/prices-history?market=${up}&startTs=${start}&endTs=${end}`)).body.history;
    expect(window.map((x: { t: number }) => x.t)).toEqual([0, 1, 2, 3, 4, 5].map((i) => start + i * 60));
    // Order flow for a few minutes of sim time: the record gains points after the market's creation.
    sim.advance(6000);
    const live = (await get(`${sim.urls.rest}/prices-history?market=${up}&startTs=${Math.floor(EPOCH / 1000)}`)).body.history;
    expect(live.length).toBeGreaterThan(3);
    for (let i = 1; i < live.length; i++) expect(live[i].t - live[i - 1].t).toBeGreaterThanOrEqual(SAMPLE_MS / 1000 - 1);
  });

  it('bad requests are 400 with an error; an unknown token has an empty history', async () => {
    expect(await get(`${sim.urls.rest}/prices-history?interval=1d`)).toEqual({ status: 400, body: { error: 'market is required' } });
    expect((await get(`${sim.urls.rest}/prices-history?market=${up}&interval=2d`)).status).toBe(400);
    expect((await get(`${sim.urls.rest}/prices-history?market=${up}&interval=toString`)).status).toBe(400);
    expect((await get(`${sim.urls.rest}/prices-history?market=${up}&interval=1d&startTs=1`)).status).toBe(400);
    expect((await get(`${sim.urls.rest}/prices-history?market=${up}&fidelity=0`)).status).toBe(400);
    expect((await get(`${sim.urls.rest}/prices-history?market=${up}&startTs=abc`)).status).toBe(400);
    expect(await get(`${sim.urls.rest}/prices-history?market=123&interval=1d`)).toEqual({ status: 200, body: { history: [] } });
  });
});
