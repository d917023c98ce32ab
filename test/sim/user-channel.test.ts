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
      'order:PLACEMENT',
      'order:UPDATE',
      'trade:MATCHED',
      'trade:MINED',
      'trade:CONFIRMED',
    ]);
    expect(events[0]).toMatchObject({
      kind: 'order',
      id: placed.orderId,
      market: m!.conditionId,
      assetId: token.tokenId,
      side: 'BUY',
      price: '0.45',
      originalSize: '10',
      sizeMatched: '0',
      outcome: token.outcome,
      status: 'LIVE',
      orderType: 'GTC',
    });
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

  it('a market (FOK/FAK) BUY reports its pUSD amount as original_size and matches shares (§13.12)', async () => {
    const [m] = sim.markets();
    const token = m!.tokens[0]!;
    const client = await login([m!.conditionId]);
    await sleep(20);
    const placed = sim.userChannel.placeOrder({ assetId: token.tokenId, side: 'BUY', price: '0.01', amount: '1.01', orderType: 'FOK', fill: '101', stepMs: 5 });
    await placed.done;
    await client.count(5);
    const [placement, update, matched] = client.frames.map((f) => JSON.parse(f));
    for (const event of client.frames.map((f) => JSON.parse(f))) expect(Object.keys(event)).toEqual(Object.keys(event).sort());
    expect(placement).toMatchObject({
      type: 'PLACEMENT',
      order_type: 'FOK',
      side: 'BUY',
      price: '0.01',
      original_size: '1.01',
      size_matched: '',
      created_at: '',
      status: 'LIVE',
    });
    expect(update).toMatchObject({
      type: 'UPDATE',
      original_size: '1.01',
      size_matched: '101',
      created_at: '',
      status: 'MATCHED',
      associate_trades: [placed.tradeId],
    });
    expect(matched).toMatchObject({ event_type: 'trade', status: 'MATCHED', size: '101', price: '0.01', outcome: token.outcome });
    expect(matched.maker_orders[0]).toMatchObject({ matched_amount: '101', fee_rate_bps: '0', outcome: token.outcome });

    const fak = sim.userChannel.placeOrder({ assetId: token.tokenId, side: 'BUY', price: '0.4', amount: '10', orderType: 'FAK', fill: '20', stepMs: 5 });
    await fak.done;
    await client.count(10);
    expect(JSON.parse(client.frames[6]!)).toMatchObject({ type: 'UPDATE', original_size: '10', size_matched: '20', status: 'LIVE' });

    const buy = { assetId: token.tokenId, side: 'BUY', price: '0.01', orderType: 'FOK' } as const;
    expect(() => sim.userChannel.placeOrder({ ...buy, size: '101' })).toThrow(/amount/);
    expect(() => sim.userChannel.placeOrder({ ...buy, amount: '1.01', fill: '102' })).toThrow(/fill/);
    expect(() => sim.userChannel.placeOrder({ ...buy, orderType: 'GTC', amount: '1.01' })).toThrow(/size in shares/);
    // A market SELL still counts shares.
    sim.userChannel.placeOrder({ assetId: token.tokenId, side: 'SELL', price: '0.5', size: '7', orderType: 'FAK' });
    expect(JSON.parse(await client.waitFor((f) => f.includes('"SELL"')))).toMatchObject({
      original_size: '7',
      size_matched: '0',
      created_at: expect.stringMatching(/^\d{10}$/),
    });
    client.close();
  });

  it('ends orders with CANCELED_<reason> or INVALID, and sends outcome / fee_rate_bps "" on request', async () => {
    const [m] = sim.markets();
    const token = m!.tokens[1]!;
    const client = await login([m!.conditionId]);
    await sleep(20);
    const blank = sim.userChannel.placeOrder({
      assetId: token.tokenId,
      side: 'BUY',
      price: '0.3',
      size: '5',
      fill: '5',
      stepMs: 5,
      emptyFields: ['outcome', 'fee_rate_bps'],
    });
    await blank.done;
    await client.count(5);
    const [placement, , trade] = client.frames.map((f) => JSON.parse(f));
    expect(placement.outcome).toBe('');
    expect(trade.outcome).toBe('');
    expect(trade.maker_orders[0]).toMatchObject({ outcome: '', fee_rate_bps: '' });
    expect(trade.fee_rate_bps).toBe('0');

    const resting = sim.userChannel.placeOrder({ assetId: token.tokenId, side: 'SELL', price: '0.7', size: '5' });
    sim.userChannel.cancelOrder(resting.orderId, { status: 'CANCELED_MARKET_RESOLVED' });
    const other = sim.userChannel.placeOrder({ assetId: token.tokenId, side: 'SELL', price: '0.7', size: '5' });
    sim.userChannel.cancelOrder(other.orderId, { status: 'INVALID' });
    await client.count(9);
    const ends = client.frames
      .slice(5)
      .map((f) => JSON.parse(f))
      .filter((e) => e.type === 'CANCELLATION');
    expect(ends.map((e) => [e.id, e.status])).toEqual([
      [resting.orderId, 'CANCELED_MARKET_RESOLVED'],
      [other.orderId, 'INVALID'],
    ]);
    const third = sim.userChannel.placeOrder({ assetId: token.tokenId, side: 'SELL', price: '0.7', size: '5' });
    expect(() => sim.userChannel.cancelOrder(third.orderId, { status: 'GONE' as 'INVALID' })).toThrow(/status/);
    client.close();
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
