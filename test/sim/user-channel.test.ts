import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFrame } from '../../src/protocol/parse-frame.js';
import { AUTH_FAILED_CODE, startSimulator, TEST_CREDENTIALS, type Simulator } from '../../src/sim/index.js';
import { spacedJson } from '../../src/sim/wire-json.js';
import { Client, sleep } from './helpers.js';

describe('/ws/user', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 51, rate: 0, markets: 2 });
  });
  afterAll(async () => sim.close());

  async function login(markets: string[] = [], auth: object = TEST_CREDENTIALS): Promise<Client> {
    const client = await Client.open(sim.urls.ws_user);
    client.send({ auth, markets, type: 'user' });
    return client;
  }

  it('closes a wrong key set with 4001 "invalid auth"', async () => {
    const client = await login([], { ...TEST_CREDENTIALS, secret: 'wrong' });
    expect(await client.waitClose()).toEqual({ code: AUTH_FAILED_CODE, reason: 'invalid auth' });
    expect(AUTH_FAILED_CODE).toBe(4001);
  });

  it('closes with 1008 on PING first or a non-subscription', async () => {
    for (const first of ['PING', '{"markets":[],"type":"user"}']) {
      const client = await Client.open(sim.urls.ws_user);
      client.send(first);
      expect(await client.waitClose()).toEqual({ code: 1008, reason: 'invalid subscription payload' });
    }
  });

  it('delivers the order and trade lifecycle of the test key, filtered by market', async () => {
    const [m, other] = sim.markets();
    const token = m!.tokens[1]!;
    const mine = await login([m!.conditionId]);
    const elsewhere = await login([other!.conditionId]);
    const everything = await login([]);
    await sleep(30);
    mine.send('PING');
    await mine.waitFor((f) => f === 'PONG');

    const placed = sim.userChannel.placeOrder({ assetId: token.tokenId, side: 'BUY', price: '0.45', size: '10', fill: '4', stepMs: 10 });
    await placed.done;
    await everything.count(5);
    const frames = mine.frames.filter((f) => f !== 'PONG');
    expect(frames).toHaveLength(5);
    expect(everything.frames).toEqual(frames);
    expect(elsewhere.frames).toEqual([]);
    for (const f of frames) expect(spacedJson(JSON.parse(f))).toBe(f);

    const events = frames.map((f) => parseFrame(f).events[0]!);
    expect(events.map((e) => (e.kind === 'order' ? `order:${e.type}` : e.kind === 'trade' ? `trade:${e.status}` : e.kind))).toEqual([
      'order:PLACEMENT', 'order:UPDATE', 'trade:MATCHED', 'trade:MINED', 'trade:CONFIRMED',
    ]);
    expect(events[0]).toMatchObject({ kind: 'order', id: placed.orderId, market: m!.conditionId, assetId: token.tokenId, side: 'BUY', price: '0.45', originalSize: '10', sizeMatched: '0', outcome: token.outcome, status: 'LIVE', orderType: 'GTC' });
    expect(events[1]).toMatchObject({ kind: 'order', sizeMatched: '4', status: 'LIVE' });
    expect(events[2]).toMatchObject({ kind: 'trade', id: placed.tradeId, size: '4', price: '0.45', traderSide: 'TAKER', transactionHash: null });
    expect(events[4]).toMatchObject({ kind: 'trade', status: 'CONFIRMED', transactionHash: expect.stringMatching(/^0x[0-9a-f]{64}$/) });
    const raw = JSON.parse(frames[3]!);
    expect(raw.timestamp).toMatch(/^\d{13}$/);
    expect(raw.match_time).toMatch(/^\d{10}$/);
    expect(raw.owner).toBe(TEST_CREDENTIALS.apiKey);
    expect(frames.join('')).not.toContain(TEST_CREDENTIALS.secret);

    sim.userChannel.cancelOrder(placed.orderId);
    const cancel = parseFrame(await mine.waitFor((f) => f.includes('CANCELLATION'))).events[0];
    expect(cancel).toMatchObject({ kind: 'order', type: 'CANCELLATION', status: 'CANCELED' });
    expect(() => sim.userChannel.placeOrder({ assetId: token.tokenId, side: 'BUY', price: '1.5', size: '1' })).toThrow(/price/);
    for (const c of [mine, elsewhere, everything]) c.close();
  });

  it('edits the market filter with operation subscribe/unsubscribe; anything else is INVALID OPERATION', async () => {
    const [m] = sim.markets();
    const client = await login([m!.conditionId]);
    await sleep(20);
    client.send({ operation: 'unsubscribe', markets: [m!.conditionId] });
    client.send({ type: 'user', markets: [] });
    await client.waitFor((f) => f === 'INVALID OPERATION');
    await sleep(20);
    sim.userChannel.placeOrder({ assetId: m!.tokens[0]!.tokenId, side: 'SELL', price: '0.6', size: '5' });
    await sleep(50);
    expect(client.frames).toEqual(['INVALID OPERATION']);
    client.send({ operation: 'subscribe', markets: [m!.conditionId] });
    await sleep(20);
    sim.userChannel.placeOrder({ assetId: m!.tokens[0]!.tokenId, side: 'SELL', price: '0.6', size: '5' });
    await client.waitFor((f) => f.includes('PLACEMENT'));
    client.close();
  });
});
