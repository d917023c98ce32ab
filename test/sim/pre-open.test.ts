/**
 * 2026 lifecycle facts (POLYMARKET.md §13.6, fixture 2026-more/marcasite-2026-10-02.jsonl): a
 * pre-open market (never traded, empty book) shows `last_trade_price: ""` everywhere, its hash
 * included; `new_market` carries the 2026 fields in the captured order, announced inactive.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type SimMarket, type Simulator } from '../../src/sim/index.js';
import { spacedJson } from '../../src/sim/wire-json.js';
import { fixtureFrames } from '../helpers/fixtures.js';
import { Client, dumpElement, roundTrip, subscribed } from './helpers.js';
import { bookHashes, Rebuild } from './rebuild.js';

let sim: Simulator;
beforeEach(async () => {
  sim = await startSimulator({ seed: 23, rate: 0, markets: 2, epochMs: 1_784_449_237_000 });
  sim.advance(100);
});
afterEach(async () => sim.close());

async function getJson(url: string): Promise<any> {
  return (await fetch(url)).json();
}

async function restText(assetId: string): Promise<string> {
  return (await fetch(`${sim.urls.rest}/book?token_id=${assetId}`)).text();
}

const ids = (m: SimMarket): string[] => m.tokens.map((t) => t.tokenId);

/** Value kinds of an object's members, nested objects by their own kinds: compares shapes, not values. */
function kinds(value: Record<string, unknown>): unknown {
  return Object.entries(value).map(([k, v]) => [
    k,
    Array.isArray(v) ? 'array' : v !== null && typeof v === 'object' ? kinds(v as Record<string, unknown>) : typeof v,
  ]);
}

describe('new_market (2026 fields)', () => {
  it('has the documented fields then the 2026 ones, in the captured order and kinds, announced inactive', async () => {
    const custom = await Client.open(sim.urls.ws_market);
    custom.send({ assets_ids: [], type: 'market', custom_feature_enabled: true });
    await roundTrip(custom);
    const added = sim.newMarket();
    const frame = await custom.waitFor((f) => f.includes('"new_market"'));
    const gamma = await getJson(`${sim.urls.gamma}/markets/${added.gammaId}`);
    const event = await getJson(`${sim.urls.gamma}/events/${added.eventId}`);
    const { timestamp } = JSON.parse(await restText(added.tokens[0]!.tokenId));
    expect(frame).toBe(
      spacedJson({
        id: added.gammaId,
        question: added.question,
        market: added.conditionId,
        slug: added.slug,
        description: gamma.description,
        assets_ids: ids(added),
        outcomes: added.tokens.map((t) => t.outcome),
        event_message: { id: event.id, ticker: event.ticker, slug: event.slug, title: event.title, description: event.description },
        timestamp,
        event_type: 'new_market',
        tags: [],
        condition_id: added.conditionId,
        active: false,
        clob_token_ids: ids(added),
        sports_market_type: '',
        line: '',
        game_start_time: '',
        order_price_min_tick_size: '0.01',
        group_item_title: '',
        taker_base_fee: '0',
        fees_enabled: false,
        fee_schedule: { exponent: '1', rate: '0', taker_only: true, rebate_rate: '0' },
      }),
    );
    const real = fixtureFrames('2026-more/marcasite-2026-10-02.jsonl').find((f) => f.includes('"new_market"'))!;
    expect(kinds(JSON.parse(frame))).toEqual(kinds(JSON.parse(real)));
    custom.close();
  });
});

describe('a pre-open market: newMarket({ empty: true })', () => {
  it('shows empty books with last_trade_price "" in REST, the dump and the hash; the order flow leaves it alone', async () => {
    const custom = await Client.open(sim.urls.ws_market);
    custom.send({ assets_ids: [], type: 'market', custom_feature_enabled: true });
    await roundTrip(custom);
    const added = sim.newMarket({ empty: true });
    expect(added.status).toBe('live');
    const announced = JSON.parse(await custom.waitFor((f) => f.includes('"new_market"')));
    expect([announced.market, announced.active]).toEqual([added.conditionId, false]);

    const texts: string[] = [];
    for (const id of ids(added)) {
      const text = await restText(id);
      const body = JSON.parse(text);
      const { current } = bookHashes(added.conditionId, id, body.timestamp, [], [], '');
      expect(text).toBe(
        JSON.stringify({
          market: added.conditionId,
          asset_id: id,
          timestamp: body.timestamp,
          hash: current,
          bids: [],
          asks: [],
          min_order_size: '5',
          tick_size: '0.01',
          neg_risk: false,
          last_trade_price: '',
        }),
      );
      texts.push(text);
    }

    const client = await subscribed(sim, ids(added));
    const dump = client.frames[0]!;
    expect(dump).toBe(`${JSON.stringify(ids(added).map((id) => dumpElement(sim.truthBook(id)!)))}\n`);
    expect(JSON.parse(dump).map((b: { last_trade_price: string }) => b.last_trade_price)).toEqual(['', '']);

    sim.advance(400);
    await roundTrip(client);
    expect(client.frames.slice(1)).toEqual(['PONG']);
    for (const [i, id] of ids(added).entries()) expect(await restText(id)).toBe(texts[i]);
    client.close();
    custom.close();
  });

  it('openMarket sends its ladders as one same-timestamp price_change burst, then the flow moves it', async () => {
    const added = sim.newMarket({ empty: true });
    const client = await subscribed(sim, ids(added));
    sim.openMarket(added.conditionId);
    const [up, down] = ids(added) as [string, string];
    const truth = sim.truthBook(up)!;
    const depth = truth.bids.length + truth.asks.length;
    expect(truth.bids.length).toBeGreaterThan(15);
    await roundTrip(client);
    const burst = client.frames.slice(1, -1);
    expect(burst).toHaveLength(depth);
    const events = burst.map((f) => JSON.parse(f));
    expect(events.every((e) => e.event_type === 'price_change' && e.timestamp === truth.timestamp)).toBe(true);

    const rebuild = new Rebuild();
    for (const frame of client.frames) rebuild.apply(frame);
    for (const id of [up, down]) {
      const body = sim.truthBook(id)!;
      expect(rebuild.levels(id)).toEqual({ bids: body.bids, asks: body.asks });
      // Opened but never traded: still "", and the hash still verifies from the body's own fields.
      expect(body.last_trade_price).toBe('');
      expect(bookHashes(body.market, id, body.timestamp, body.bids, body.asks, '').current).toBe(body.hash);
    }
    const last = events.at(-1)!.price_changes.find((c: { asset_id: string }) => c.asset_id === up);
    expect(last.hash).toBe(truth.hash);

    const before = client.frames.length;
    sim.advance(400);
    await roundTrip(client);
    expect(client.frames.length - before).toBeGreaterThan(10);
    expect(() => sim.openMarket(added.conditionId)).toThrow(/not pre-open/);
    client.close();
  });
});
