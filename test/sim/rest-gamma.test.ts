import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPreimage, sha1Hex } from '../../src/book/venue-hash.js';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { FIXTURES } from './helpers.js';

const REST_KEYS = ['market', 'asset_id', 'timestamp', 'hash', 'bids', 'asks', 'min_order_size', 'tick_size', 'neg_risk', 'last_trade_price'];

/** The hash a REST /book body claims, recomputed from its own fields (§6.1). */
function ownHash(body: Record<string, any>): string {
  return sha1Hex(
    currentPreimage(body.market, body.asset_id, body.timestamp, JSON.stringify(body.bids), JSON.stringify(body.asks), {
      minOrderSize: body.min_order_size,
      tickSize: body.tick_size,
      negRisk: body.neg_risk,
      lastTradePrice: body.last_trade_price,
    }),
  );
}

async function get(url: string): Promise<{ status: number; body: any; text: string }> {
  const res = await fetch(url);
  const text = await res.text();
  return { status: res.status, text, body: text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text };
}

describe('CLOB REST', () => {
  let sim: Simulator;
  let token: string;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 31, rate: 0, markets: 3, epochMs: 1_784_449_237_000 });
    sim.advance(300);
    token = sim.markets()[0]!.tokens[0]!.tokenId;
  });
  afterAll(async () => sim.close());

  it('GET /book: real key order, compact, and a hash that verifies from its own fields', async () => {
    const { status, body, text } = await get(`${sim.urls.rest}/book?token_id=${token}`);
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(REST_KEYS);
    expect(JSON.stringify(body)).toBe(text);
    expect(ownHash(body)).toBe(body.hash);
    expect(body).toEqual(sim.truthBook(token));
    const real = JSON.parse(readFileSync(`${FIXTURES}live-2026-07-19-polysim/rest-book.json`, 'utf8'));
    expect(Object.keys(real)).toEqual(REST_KEYS);
    expect(ownHash(real)).toBe(real.hash);
    expect(body.min_order_size).toBe('5');
    expect(body.neg_risk).toBe(false);
    expect(body.last_trade_price).toMatch(/^0\.\d{3}$/);
  });

  it("GET /book for an unknown token is the venue's 404; a missing token_id is 400", async () => {
    expect(await get(`${sim.urls.rest}/book?token_id=123`)).toMatchObject({ status: 404, text: '{"error":"No orderbook exists for the requested token id"}' });
    expect((await get(`${sim.urls.rest}/book`)).status).toBe(400);
  });

  it('POST /books returns known books and silently omits unknown ids', async () => {
    const other = sim.markets()[1]!.tokens[1]!.tokenId;
    const res = await fetch(`${sim.urls.rest}/books`, { method: 'POST', body: JSON.stringify([{ token_id: token }, { token_id: '42' }, { token_id: other }]) });
    const list = await res.json();
    expect(res.status).toBe(200);
    expect(list.map((b: { asset_id: string }) => b.asset_id)).toEqual([token, other]);
    expect(list.every((b: Record<string, any>) => ownHash(b) === b.hash)).toBe(true);
    expect((await fetch(`${sim.urls.rest}/books`, { method: 'POST', body: 'nope' })).status).toBe(400);
  });

  it('GET /midpoint, /price (BUY = best bid), /spread, /tick-size', async () => {
    const book = sim.truthBook(token)!;
    const bid = book.bids.at(-1)!.price;
    const ask = book.asks.at(-1)!.price;
    const mid = (await get(`${sim.urls.rest}/midpoint?token_id=${token}`)).body;
    expect(Object.keys(mid)).toEqual(['mid']);
    expect(Number(mid.mid)).toBeCloseTo((Number(bid) + Number(ask)) / 2, 9);
    expect((await get(`${sim.urls.rest}/price?token_id=${token}&side=BUY`)).body).toEqual({ price: bid });
    expect((await get(`${sim.urls.rest}/price?token_id=${token}&side=SELL`)).body).toEqual({ price: ask });
    expect((await get(`${sim.urls.rest}/price?token_id=${token}&side=UP`)).status).toBe(400);
    expect((await get(`${sim.urls.rest}/spread?token_id=${token}`)).body.spread).toMatch(/^0\.\d+$/);
    const tick = await get(`${sim.urls.rest}/tick-size?token_id=${token}`);
    expect(tick.text).toBe('{"minimum_tick_size":0.01}');
  });

  it('GET /markets/{condition_id} has the CLOB market shape', async () => {
    const m = sim.markets()[0]!;
    const { body } = await get(`${sim.urls.rest}/markets/${m.conditionId}`);
    const real = JSON.parse(readFileSync(`${FIXTURES}nautilus-2024-2025/rest_clob_market.json`, 'utf8'));
    expect(Object.keys(body)).toEqual(Object.keys(real));
    expect(body.tokens.map((t: Record<string, unknown>) => Object.keys(t))).toEqual([
      ['token_id', 'outcome', 'price', 'winner'],
      ['token_id', 'outcome', 'price', 'winner'],
    ]);
    expect(body.tokens.map((t: { token_id: string; outcome: string }) => [t.token_id, t.outcome])).toEqual(m.tokens.map((t) => [t.tokenId, t.outcome]));
    expect(body).toMatchObject({ condition_id: m.conditionId, question: m.question, market_slug: m.slug, closed: false, minimum_tick_size: 0.01 });
    expect((await get(`${sim.urls.rest}/markets/0x00`)).status).toBe(404);
  });
});

describe('Gamma', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 32, rate: 0, markets: 4, epochMs: 1_784_449_237_000 });
  });
  afterAll(async () => sim.close());

  it('GET /markets?slug= returns markets whose string-encoded lists decode to the tokens', async () => {
    const m = sim.markets()[1]!;
    const { status, body } = await get(`${sim.urls.gamma}/markets?slug=${m.slug}`);
    expect(status).toBe(200);
    expect(body).toHaveLength(1);
    const g = body[0];
    expect(typeof g.clobTokenIds).toBe('string');
    expect(JSON.parse(g.clobTokenIds)).toEqual(m.tokens.map((t) => t.tokenId));
    expect(JSON.parse(g.outcomes)).toEqual(m.tokens.map((t) => t.outcome));
    expect(g.outcomes).toBe(`["${m.tokens[0]!.outcome}", "${m.tokens[1]!.outcome}"]`);
    const prices = JSON.parse(g.outcomePrices).map(Number);
    expect(prices[0] + prices[1]).toBeCloseTo(1, 6);
    expect(g).toMatchObject({
      id: m.gammaId,
      conditionId: m.conditionId,
      question: m.question,
      orderPriceMinTickSize: 0.01,
      orderMinSize: 5,
      negRisk: false,
      closed: false,
    });
    // Every key of ours is a key of the real 2026 market object, in the same relative order.
    const real = JSON.parse(readFileSync(`${FIXTURES}live-2026-07-19-polysim/gamma-events-by-slug.json`, 'utf8'))[0].markets[0];
    const realKeys = Object.keys(real);
    const ours = Object.keys(g);
    expect(ours.filter((k) => !realKeys.includes(k))).toEqual([]);
    const positions = ours.map((k) => realKeys.indexOf(k));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('GET /markets/{id}, /events?slug=, /events/{id}, /events/slug/{slug}', async () => {
    const m = sim.markets()[2]!;
    expect((await get(`${sim.urls.gamma}/markets/${m.gammaId}`)).body.conditionId).toBe(m.conditionId);
    expect((await get(`${sim.urls.gamma}/markets/999`)).status).toBe(404);
    const events = (await get(`${sim.urls.gamma}/events?slug=${m.eventSlug}`)).body;
    expect(events).toHaveLength(1);
    expect(events[0].id).toBe(m.eventId);
    expect(events[0].markets[0].conditionId).toBe(m.conditionId);
    expect((await get(`${sim.urls.gamma}/events/${m.eventId}`)).body.slug).toBe(m.eventSlug);
    expect((await get(`${sim.urls.gamma}/events/slug/${m.eventSlug}`)).body.id).toBe(m.eventId);
    expect((await get(`${sim.urls.gamma}/events?id=${m.eventId}`)).body[0].slug).toBe(m.eventSlug);
  });

  it('GET /public-search?q= finds markets by words of their question', async () => {
    const m = sim.markets()[3]!;
    const words = m.question
      .replace(/[?$]/g, '')
      .split(' ')
      .filter((w) => w.length > 3)
      .slice(0, 2)
      .join(' ');
    const { body } = await get(`${sim.urls.gamma}/public-search?q=${encodeURIComponent(words)}`);
    expect(body.events.some((e: { markets: { conditionId: string }[] }) => e.markets[0]!.conditionId === m.conditionId)).toBe(true);
    expect(body.pagination.totalResults).toBe(body.events.length);
    expect((await get(`${sim.urls.gamma}/public-search?q=zzzqqq`)).body.events).toEqual([]);
  });
});
