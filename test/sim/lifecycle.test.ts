import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseFrame } from '../../src/protocol/parse-frame.js';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { bookMeta, FIXTURES, mirror, sleep, subscribed, until } from './helpers.js';

describe('market lifecycle', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startSimulator({ seed: 21, rate: 0, markets: 2, epochMs: 1_784_449_237_000 });
    sim.advance(200);
  });
  afterEach(async () => sim.close());

  it('resolves with one same-timestamp zero-size burst, market_resolved, silence, then REST 404', async () => {
    const [m, other] = sim.markets();
    const [up, down] = m!.tokens;
    const plain = await subscribed(sim, [up!.tokenId, down!.tokenId]);
    const custom = await subscribed(sim, [other!.tokens[0]!.tokenId], { custom_feature_enabled: true });
    const levels = sim.truthBook(up!.tokenId)!;
    const depth = levels.bids.length + levels.asks.length;

    const meta = await bookMeta(sim);
    sim.resolveMarket(m!.conditionId, down!.tokenId);
    const resolved = await custom.waitFor((f) => f.includes('"market_resolved"'));
    await until(() => plain.frames.length >= 1 + depth);
    const burst = plain.frames.slice(1).map((f) => JSON.parse(f));
    expect(burst).toHaveLength(depth);
    expect(new Set(burst.map((e) => e.timestamp)).size).toBe(1);
    for (const e of burst) {
      expect(e.event_type).toBe('price_change');
      expect(e.price_changes).toHaveLength(2);
      for (const c of e.price_changes) expect(c.size).toBe('0');
    }
    const last = burst.at(-1)!.price_changes;
    expect(last.map((c: { best_bid: string; best_ask: string }) => [c.best_bid, c.best_ask])).toEqual([
      ['0', '1'],
      ['0', '1'],
    ]);

    // Only custom-feature connections hear about it, whatever they subscribed to.
    expect(plain.frames.some((f) => f.includes('market_resolved'))).toBe(false);
    const event = parseFrame(resolved).events[0]!;
    expect(event).toMatchObject({ kind: 'market_resolved', market: m!.conditionId, winningAssetId: down!.tokenId, winningOutcome: down!.outcome });
    expect(event.kind === 'market_resolved' && event.assetIds).toEqual([up!.tokenId, down!.tokenId]);
    // market_resolved keeps the docs' fields: none of new_market's 2026 additions.
    expect(Object.keys(JSON.parse(resolved))).toEqual([
      'id',
      'question',
      'market',
      'slug',
      'description',
      'assets_ids',
      'outcomes',
      'winning_asset_id',
      'winning_outcome',
      'event_message',
      'timestamp',
      'event_type',
    ]);

    // The client's books end empty and consistent.
    const engine = await mirror(sim, plain.frames, meta);
    for (const t of [up!, down!]) {
      const asset = engine.assets.get(t.tokenId)!;
      expect(asset.book!.bids.levels).toEqual([]);
      expect(asset.book!.asks.levels).toEqual([]);
      expect(asset.integrity.hash_mismatch).toBe(0);
      expect(asset.integrity.hash_verified).toBeGreaterThan(1);
    }

    // Silence afterwards, and the venue's exact 404 body.
    const count = plain.frames.length;
    sim.advance(300);
    await sleep(50);
    expect(plain.frames.length).toBe(count);
    const res = await fetch(`${sim.urls.rest}/book?token_id=${up!.tokenId}`);
    expect(res.status).toBe(404);
    const expected = readFileSync(`${FIXTURES}live-2026-07-19-polysim/rest-book-404-after-resolution.json`, 'utf8').trim();
    expect(await res.text()).toBe(expected);
    expect(sim.truthBook(up!.tokenId)).toBeNull();

    // Metadata reflects the outcome.
    const clob = await (await fetch(`${sim.urls.rest}/markets/${m!.conditionId}`)).json();
    expect(clob.closed).toBe(true);
    expect(clob.tokens.map((t: { winner: boolean }) => t.winner)).toEqual([false, true]);
    const [gamma] = await (await fetch(`${sim.urls.gamma}/markets?slug=${m!.slug}`)).json();
    expect(gamma.closed).toBe(true);
    expect(JSON.parse(gamma.outcomePrices)).toEqual(['0', '1']);

    // A new subscriber gets no dump for the resolved tokens.
    const late = await subscribed(sim, [up!.tokenId, other!.tokens[0]!.tokenId]);
    expect(JSON.parse(late.frames[0]!).map((b: { asset_id: string }) => b.asset_id)).toEqual([other!.tokens[0]!.tokenId]);
    for (const c of [plain, custom, late]) c.close();
  });

  it('announces tick size changes per token and hashes with the new tick', async () => {
    const m = sim.markets()[0]!;
    const client = await subscribed(
      sim,
      m.tokens.map((t) => t.tokenId),
    );
    sim.tickSizeChange(m.tokens[0]!.tokenId, '0.001');
    await client.count(3);
    const events = client.frames.slice(1).map((f) => JSON.parse(f));
    expect(events.map((e) => [e.asset_id, e.old_tick_size, e.new_tick_size, e.event_type])).toEqual(
      m.tokens.map((t) => [t.tokenId, '0.01', '0.001', 'tick_size_change']),
    );
    expect(Object.keys(events[0])).toEqual(['market', 'asset_id', 'old_tick_size', 'new_tick_size', 'timestamp', 'event_type']);
    expect(sim.truthBook(m.tokens[1]!.tokenId)!.tick_size).toBe('0.001');
    expect(sim.markets()[0]!.tickSize).toBe('0.001');
    sim.advance(300);
    await sleep(50);
    const engine = await mirror(sim, client.frames);
    expect(engine.assets.get(m.tokens[0]!.tokenId)!.tickSize).toBe('0.001');
    expect(engine.assets.get(m.tokens[0]!.tokenId)!.integrity.hash_mismatch).toBe(0);
    expect(() => sim.tickSizeChange(m.tokens[0]!.tokenId, '0.02')).toThrow(/tick size/);
    client.close();
  });

  it('announces new markets to every custom-feature connection, even with no assets', async () => {
    const custom = await subscribed(sim, [], { custom_feature_enabled: true });
    const plain = await subscribed(
      sim,
      sim.markets()[0]!.tokens.map((t) => t.tokenId),
    );
    const added = sim.newMarket();
    const frame = await custom.waitFor((f) => f.includes('new_market'));
    // The documented fields, then the 2026 ones (§13.6; values checked in pre-open.test.ts).
    expect(Object.keys(JSON.parse(frame))).toEqual([
      'id',
      'question',
      'market',
      'slug',
      'description',
      'assets_ids',
      'outcomes',
      'event_message',
      'timestamp',
      'event_type',
      'tags',
      'condition_id',
      'active',
      'clob_token_ids',
      'sports_market_type',
      'line',
      'game_start_time',
      'order_price_min_tick_size',
      'group_item_title',
      'taker_base_fee',
      'fees_enabled',
      'fee_schedule',
    ]);
    expect(parseFrame(frame).events[0]).toMatchObject({
      kind: 'new_market',
      market: added.conditionId,
      question: added.question,
      slug: added.slug,
      assetIds: added.tokens.map((t) => t.tokenId),
      outcomes: added.tokens.map((t) => t.outcome),
    });
    expect(plain.frames.some((f) => f.includes('new_market'))).toBe(false);
    expect(sim.markets()).toHaveLength(3);
    // The new market is tradable: REST and a dump work for it.
    expect(sim.truthBook(added.tokens[0]!.tokenId)!.bids.length).toBeGreaterThan(0);
    for (const c of [custom, plain]) c.close();
  });

  it('sends best_bid_ask only to custom-feature connections, on top-of-book changes', async () => {
    const ids = sim.markets()[0]!.tokens.map((t) => t.tokenId);
    const custom = await subscribed(sim, ids, { custom_feature_enabled: true });
    const plain = await subscribed(sim, ids);
    let sent = 0;
    sim.onFrame((f) => void (f.assets.some((a) => ids.includes(a)) && f.audience !== 'custom-all' && sent++));
    sim.advance(400);
    await custom.count(1 + sent);
    const bba = custom.frames.filter((f) => f.includes('"best_bid_ask"'));
    expect(bba.length).toBeGreaterThan(0);
    expect(plain.frames.some((f) => f.includes('"best_bid_ask"'))).toBe(false);
    for (const f of bba) {
      const e = JSON.parse(f);
      expect(Number(e.spread)).toBeCloseTo(Number(e.best_ask) - Number(e.best_bid), 6);
    }
    for (const c of [custom, plain]) c.close();
  });
});
