import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { spacedJson } from '../../src/sim/wire-json.js';
import { allAssets, captureLines, Client, sleep, subscribed, until } from './helpers.js';

const DUMP_KEYS = ['market', 'asset_id', 'timestamp', 'hash', 'bids', 'asks', 'tick_size', 'event_type', 'last_trade_price'];
const PRICE_CHANGE_KEYS = ['market', 'price_changes', 'timestamp', 'event_type'];
const ELEMENT_KEYS = ['asset_id', 'price', 'size', 'side', 'hash', 'best_bid', 'best_ask'];
const MID_BOOK_KEYS = ['market', 'asset_id', 'bids', 'asks', 'hash', 'timestamp', 'event_type'];
const LAST_TRADE_KEYS = ['market', 'asset_id', 'price', 'size', 'fee_rate_bps', 'side', 'timestamp', 'event_type', 'transaction_hash'];
const BBA_KEYS = ['market', 'asset_id', 'best_bid', 'best_ask', 'spread', 'timestamp', 'event_type'];

describe('/ws/market', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 11, rate: 0, markets: 2, epochMs: 1_784_449_237_000 });
  });
  afterAll(async () => sim.close());

  it('answers a subscription with ONE compact array dump in the real key order, ending in "\\n", no empty frame after', async () => {
    const assets = allAssets(sim);
    const client = await subscribed(sim, assets);
    const [dump] = client.frames;
    // The capture's "empty frame after the dump" was this newline, written out by a line recorder (§13.6).
    expect(`${JSON.stringify(JSON.parse(dump!))}\n`).toBe(dump);
    sim.advance(1);
    await client.count(2);
    expect(client.frames[1]!.startsWith('{')).toBe(true);
    const books = JSON.parse(dump!) as Record<string, unknown>[];
    expect(books.map((b) => b.asset_id)).toEqual(assets);
    for (const book of books) {
      expect(Object.keys(book)).toEqual(DUMP_KEYS);
      expect(book.last_trade_price).toMatch(/^0\.\d{3,}$/);
      expect(book.hash).toMatch(/^[0-9a-f]{40}$/);
      const bids = (book.bids as { price: string }[]).map((l) => Number(l.price));
      const asks = (book.asks as { price: string }[]).map((l) => Number(l.price));
      // Worst first, best last (§4.1).
      expect(bids).toEqual([...bids].sort((a, b) => a - b));
      expect(asks).toEqual([...asks].sort((a, b) => b - a));
      expect(bids.length).toBeGreaterThanOrEqual(15);
      expect(bids.at(-1)!).toBeLessThan(asks.at(-1)!);
    }
    // The real capture's dump has the same shape.
    expect(Object.keys(JSON.parse(captureLines()[0]!)[0])).toEqual(DUMP_KEYS);
    client.close();
  });

  it("spaces later events like the venue and keeps each kind's key order", async () => {
    const assets = allAssets(sim);
    const client = await subscribed(sim, assets, { custom_feature_enabled: true });
    let sent = 0;
    const off = sim.onFrame(() => sent++);
    sim.advance(400);
    off();
    await client.count(1 + sent);
    const kinds = new Map<string, number>();
    for (const frame of client.frames.slice(1)) {
      expect(spacedJson(JSON.parse(frame))).toBe(frame);
      const event = JSON.parse(frame) as Record<string, unknown>;
      const kind = event.event_type as string;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      const expected = { price_change: PRICE_CHANGE_KEYS, book: MID_BOOK_KEYS, last_trade_price: LAST_TRADE_KEYS, best_bid_ask: BBA_KEYS }[kind];
      expect(Object.keys(event), kind).toEqual(expected);
      if (kind === 'price_change') {
        const [a, b] = event.price_changes as Record<string, string>[];
        expect(Object.keys(a!)).toEqual(ELEMENT_KEYS);
        // Mirrored pair: BUY p on one token ⇔ SELL 1-p on the other, same size.
        expect(a!.asset_id).not.toBe(b!.asset_id);
        expect(new Set([a!.side, b!.side])).toEqual(new Set(['BUY', 'SELL']));
        expect(Math.round((Number(a!.price) + Number(b!.price)) * 1e4)).toBe(1e4);
        expect(a!.size).toBe(b!.size);
      }
    }
    expect(kinds.get('price_change')).toBeGreaterThan(300);
    expect(kinds.get('book')).toBeGreaterThan(0);
    expect(kinds.get('last_trade_price')).toBeGreaterThan(0);
    expect(kinds.get('best_bid_ask')).toBeGreaterThan(0);
    client.close();
  });

  it('answers text PING with PONG', async () => {
    const client = await subscribed(sim, [allAssets(sim)[0]!]);
    client.send('PING');
    await client.waitFor((f) => f === 'PONG');
    client.close();
  });

  it('closes with 1008 "invalid subscription payload" on a PING before subscribing', async () => {
    const client = await Client.open(sim.urls.ws_market);
    client.send('PING');
    expect(await client.waitClose()).toEqual({ code: 1008, reason: 'invalid subscription payload' });
    expect(client.frames).toEqual([]);
  });

  it('closes with 1008 on a first frame that is not a market subscription', async () => {
    for (const bad of ['hello', '{"assets_ids":"x","type":"market"}', '{"assets_ids":[],"type":"user"}']) {
      const client = await Client.open(sim.urls.ws_market);
      client.send(bad);
      expect((await client.waitClose()).code).toBe(1008);
    }
  });

  it('answers a second initial subscription with INVALID OPERATION and stays open', async () => {
    const client = await subscribed(sim, [allAssets(sim)[0]!]);
    client.send({ assets_ids: [], type: 'market' });
    await client.waitFor((f) => f === 'INVALID OPERATION');
    client.send('PING');
    await client.waitFor((f) => f === 'PONG');
    expect(client.closed).toBeNull();
    client.close();
  });

  it('accepts an empty first subscription and answers a dynamic subscribe with the snapshots', async () => {
    const [a, b, c] = allAssets(sim);
    const client = await subscribed(sim, []);
    await sleep(50);
    expect(client.frames).toEqual([]);
    client.send({ operation: 'subscribe', assets_ids: [a, c] });
    const dump = await client.waitFor((f) => f.startsWith('['));
    expect((JSON.parse(dump) as { asset_id: string }[]).map((x) => x.asset_id)).toEqual([a, c]);
    // Events for a and c now flow; unsubscribing c stops c's own book events.
    client.send({ operation: 'unsubscribe', assets_ids: [a, c] });
    client.send({ operation: 'subscribe', assets_ids: [b] });
    await client.count(2);
    expect((JSON.parse(client.frames[1]!) as { asset_id: string }[]).map((x) => x.asset_id)).toEqual([b]);
    client.close();
  });

  it('honours initial_dump:false', async () => {
    const client = await Client.open(sim.urls.ws_market);
    client.send({ assets_ids: allAssets(sim), type: 'market', initial_dump: false });
    client.send('PING');
    await client.waitFor((f) => f === 'PONG');
    expect(client.frames).toEqual(['PONG']);
    client.close();
  });

  it('answers WebSocket-protocol pings and 404s other paths', async () => {
    const client = await subscribed(sim, [allAssets(sim)[0]!]);
    let pong = false;
    client.ws.on('pong', () => (pong = true));
    client.ws.ping();
    await until(() => pong);
    client.close();
    const ws = new WebSocket(sim.urls.ws_market.replace('/ws/market', '/ws/'));
    ws.on('error', () => undefined);
    const status = await new Promise<number>((resolve) =>
      ws.on('unexpected-response', (req, res) => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      }),
    );
    expect(status).toBe(404);
  });
});

describe('idle timeout', () => {
  it('drops a client that sends nothing, keeps one that PINGs', async () => {
    const sim = await startSimulator({ seed: 1, rate: 0, markets: 1, idleTimeoutMs: 300 });
    try {
      const [asset] = allAssets(sim);
      const quiet = await subscribed(sim, [asset!]);
      const chatty = await subscribed(sim, [asset!]);
      const pinger = setInterval(() => chatty.send('PING'), 100);
      await quiet.waitClose(2000);
      expect(chatty.closed).toBeNull();
      clearInterval(pinger);
      chatty.close();
    } finally {
      await sim.close();
    }
  });
});
