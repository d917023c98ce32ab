/**
 * REST as a client sees it when it goes wrong, and how a test can see what a client asked: the
 * placeholder book of py-clob-client#180 (§13.9), and request counts per route.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator, type SimOptions } from '../../src/sim/index.js';
import { allAssets, dumpElement, subscribed } from './helpers.js';
import { bookHashes } from './rebuild.js';

const REST_KEYS = ['market', 'asset_id', 'timestamp', 'hash', 'bids', 'asks', 'min_order_size', 'tick_size', 'neg_risk', 'last_trade_price'];

let sim: Simulator | null = null;
async function start(options: SimOptions = {}): Promise<Simulator> {
  sim = await startSimulator({ seed: 71, rate: 0, markets: 2, epochMs: 1_784_449_237_000, ...options });
  sim.advance(200);
  return sim;
}
afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function book(s: Simulator, id: string): Promise<any> {
  return (await fetch(`${s.urls.rest}/book?token_id=${id}`)).json();
}

async function books(s: Simulator, ids: readonly string[]): Promise<any[]> {
  const res = await fetch(`${s.urls.rest}/books`, { method: 'POST', body: JSON.stringify(ids.map((token_id) => ({ token_id }))) });
  return res.json();
}

/** Whether a REST body's hash reproduces from its own fields (§6.1). */
function verifies(body: any): boolean {
  return bookHashes(body.market, body.asset_id, body.timestamp, body.bids, body.asks, body.last_trade_price, body.tick_size).current === body.hash;
}

describe('placeholderBooks', () => {
  it('answers /book and /books with a 0.01/0.99 book, a fresh timestamp and a hash that does not verify; WS and /price stay right', async () => {
    const s = await start();
    const [a, b] = allAssets(s) as [string, string];
    let latest = 0;
    s.onFrame((f) => (latest = Math.max(latest, Number(f.timestamp))));
    s.advance(50);
    const truth = s.truthBook(a)!;
    s.placeholderBooks([a]);

    const ghost = await book(s, a);
    expect(Object.keys(ghost)).toEqual(REST_KEYS);
    expect(ghost).toEqual({
      ...truth,
      timestamp: String(latest),
      bids: [{ price: '0.01', size: '100000' }],
      asks: [{ price: '0.99', size: '100000' }],
    });
    expect(Number(ghost.timestamp)).toBeGreaterThanOrEqual(Number(truth.timestamp));
    expect(ghost.hash).toBe(truth.hash);
    expect(verifies(ghost)).toBe(false);

    const [ghost2, real] = await books(s, [a, b]);
    expect(ghost2.bids).toEqual([{ price: '0.01', size: '100000' }]);
    expect(verifies(ghost2)).toBe(false);
    expect(real).toEqual(s.truthBook(b));
    expect(verifies(real)).toBe(true);

    // The truth, the WebSocket dump and /price are untouched.
    expect(s.truthBook(a)).toEqual(truth);
    const client = await subscribed(s, [a]);
    expect(client.frames[0]).toBe(`${JSON.stringify([dumpElement(truth)])}\n`);
    client.close();
    const price = await (await fetch(`${s.urls.rest}/price?token_id=${a}&side=BUY`)).json();
    expect(price).toEqual({ price: truth.bids.at(-1)!.price });

    s.placeholderBooks('all');
    expect(verifies(await book(s, b))).toBe(false);
    s.placeholderBooks('none');
    for (const id of [a, b]) expect(await book(s, id)).toEqual(s.truthBook(id));
    expect((await fetch(`${s.urls.rest}/book?token_id=42`)).status).toBe(404);
  });

  it('faults.placeholderBooks serves placeholders for every token from the start', async () => {
    const s = await start({ faults: { placeholderBooks: true } });
    for (const body of await books(s, allAssets(s))) {
      expect([body.bids, body.asks]).toEqual([[{ price: '0.01', size: '100000' }], [{ price: '0.99', size: '100000' }]]);
      expect(verifies(body)).toBe(false);
    }
  });
});

describe('REST observability', () => {
  it('counts requests per route and the token ids of each POST /books, until reset', async () => {
    const s = await start();
    const [a, b, c, d] = allAssets(s) as [string, string, string, string];
    const m = s.markets()[0]!;
    await book(s, a);
    await book(s, '42');
    await books(s, [a, b, c]);
    await books(s, [d]);
    await fetch(`${s.urls.rest}/books`, { method: 'POST', body: 'nope' });
    await fetch(`${s.urls.rest}/midpoint?token_id=${a}`);
    await fetch(`${s.urls.rest}/markets/${m.conditionId}`);
    await fetch(`${s.urls.gamma}/public-search?q=will`);
    await fetch(`${s.urls.gamma}/markets/${m.gammaId}`);
    await fetch(`${s.urls.gamma}/markets/slug/${m.slug}`);
    await fetch(`${s.urls.gamma}/events/slug/${m.eventSlug}`);
    await fetch(`${s.urls.gamma}/events?slug=${m.eventSlug}`);
    expect(s.restRequests()).toEqual({
      'GET /book': 2,
      'POST /books': 3,
      'GET /midpoint': 1,
      'GET /markets/{id}': 1,
      'GET /gamma/public-search': 1,
      'GET /gamma/markets/{id}': 1,
      'GET /gamma/markets/slug/{slug}': 1,
      'GET /gamma/events/slug/{slug}': 1,
      'GET /gamma/events': 1,
    });
    expect(s.booksRequestSizes()).toEqual([3, 1]);
    s.resetRestRequests();
    expect(s.restRequests()).toEqual({});
    expect(s.booksRequestSizes()).toEqual([]);
    await books(s, [a, b]);
    expect(s.restRequests()).toEqual({ 'POST /books': 1 });
    expect(s.booksRequestSizes()).toEqual([2]);
  });
});
