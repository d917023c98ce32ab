/**
 * Two kinds of silence a client must tell apart: a stalled connection (too many assets, §13.2: the
 * truth keeps moving, the client gets nothing, PONGs still come) and a quiet market (nothing moves:
 * no frames, and its REST book and hash are unchanged and still verify).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type SimMarket, type Simulator, type SimOptions } from '../../src/sim/index.js';
import { allAssets, Client, dumpElement, roundTrip } from './helpers.js';
import { bookHashes } from './rebuild.js';

let sim: Simulator | null = null;
async function start(options: SimOptions): Promise<Simulator> {
  sim = await startSimulator({ seed: 61, rate: 0, markets: 2, epochMs: 1_784_449_237_000, ...options });
  return sim;
}
afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function connect(s: Simulator, assets: readonly string[]): Promise<Client> {
  const client = await Client.open(s.urls.ws_market);
  client.send({ assets_ids: assets, type: 'market' });
  await roundTrip(client);
  return client;
}

const ids = (m: SimMarket): string[] => m.tokens.map((t) => t.tokenId);
const marketsOf = (frames: readonly string[]): Set<string> =>
  new Set(frames.filter((f) => f.startsWith('{')).map((f) => (JSON.parse(f) as { market: string }).market));

describe('faults.stallAboveAssets', () => {
  it('a connection holding more than N assets gets no data at all, dump included, while PONGs and the truth go on', async () => {
    const s = await start({ faults: { stallAboveAssets: 3 } });
    const [a, b, c, d] = allAssets(s) as [string, string, string, string];
    const wide = await connect(s, [a, b, c, d]);
    expect(wide.frames).toEqual(['PONG']);
    const before = s.truthBook(a)!.hash;
    s.advance(100);
    await roundTrip(wide);
    expect(wide.frames).toEqual(['PONG', 'PONG']);
    expect(s.truthBook(a)!.hash).not.toBe(before);

    // At N it flows; growing past N stalls it, snapshot of the new asset included; shrinking resumes it.
    const narrow = await connect(s, [a, b, c]);
    expect(narrow.frames[0]).toBe(`${JSON.stringify([a, b, c].map((id) => dumpElement(s.truthBook(id)!)))}\n`);
    narrow.send({ operation: 'subscribe', assets_ids: [d] });
    await roundTrip(narrow);
    s.advance(100);
    await roundTrip(narrow);
    expect(narrow.frames.slice(1)).toEqual(['PONG', 'PONG', 'PONG']);
    narrow.send({ operation: 'unsubscribe', assets_ids: [d] });
    await roundTrip(narrow);
    s.advance(100);
    await roundTrip(narrow);
    expect(narrow.frames.length).toBeGreaterThan(6);
    expect(narrow.frames.slice(5, -1).every((f) => f.startsWith('{'))).toBe(true);
    for (const c2 of [wide, narrow]) c2.close();
  });
});

describe('quiet markets', () => {
  it('quiet(id, true) stops every frame of one market, its REST book and hash stay put and verify; quiet(id, false) resumes', async () => {
    const s = await start({ markets: 3 });
    const [still, ...others] = s.markets() as [SimMarket, ...SimMarket[]];
    s.quiet(still.conditionId, true);
    const restOf = async (id: string) => (await fetch(`${s.urls.rest}/book?token_id=${id}`)).text();
    const frozen = await Promise.all(ids(still).map(restOf));
    const client = await connect(s, allAssets(s));
    s.advance(500);
    await roundTrip(client);
    expect(marketsOf(client.frames)).toEqual(new Set(others.map((m) => m.conditionId)));
    for (const [i, id] of ids(still).entries()) {
      const text = await restOf(id);
      expect(text).toBe(frozen[i]);
      const body = JSON.parse(text);
      expect(bookHashes(body.market, id, body.timestamp, body.bids, body.asks, body.last_trade_price).current).toBe(body.hash);
    }

    s.quiet(still.conditionId, false);
    const before = client.frames.length;
    s.advance(500);
    await roundTrip(client);
    expect(marketsOf(client.frames.slice(before)).has(still.conditionId)).toBe(true);
    expect(await restOf(ids(still)[0]!)).not.toBe(frozen[0]);
    client.close();
  });

  it('faults.quietMarkets makes the first n generated markets quiet from the start', async () => {
    const s = await start({ markets: 3, faults: { quietMarkets: 2 } });
    const client = await connect(s, allAssets(s));
    s.advance(300);
    await roundTrip(client);
    expect(marketsOf(client.frames)).toEqual(new Set([s.markets()[2]!.conditionId]));
    client.close();
  });

  it('rejects a bad count', async () => {
    await expect(start({ faults: { quietMarkets: -1 } })).rejects.toThrow(/quietMarkets/);
    await expect(start({ faults: { stallAboveAssets: 1.5 } })).rejects.toThrow(/stallAboveAssets/);
  });
});
