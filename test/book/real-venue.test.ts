/**
 * The engine's rules for what the real venue does in 2025–2026 (POLYMARKET.md §13): the complement
 * outcome in every price_change, the hash formula by wire generation, legacy trade frames, and
 * lifecycle events — on real frames where they exist.
 */
import { describe, expect, it } from 'vitest';
import { BookEngine, type Finding } from '../../src/book/engine.js';
import { restSelfCheck, sameAsRest } from '../../src/book/rest-check.js';
import { OrderBook } from '../../src/book/order-book.js';
import { currentPreimage, legacyPreimage, levelsJsonInOrder, sha1Hex } from '../../src/book/venue-hash.js';
import type { BookEvent } from '../../src/protocol/events.js';
import { parseFrame, parseRestBook } from '../../src/protocol/parse-frame.js';
import { engineFrom, withRestMeta } from '../helpers/engine.js';
import { fixtureFrames, fixtureJson } from '../helpers/fixtures.js';

const TRIMMED_SUBSCRIBED = '17026652800646939086597854837636530894046674466009065464250490419206140378789';
const _TRIMMED_COMPLEMENT = '28032304910613282558446337092297637171175507983730585546859039383651650095917';

function findingsOf(engine: BookEngine): Finding[] {
  const out: Finding[] = [];
  engine.onFinding = (f) => out.push(f);
  return out;
}

function restBook(body: unknown): BookEvent {
  const book = parseRestBook(body);
  if (book.kind !== 'book') throw new Error('not a REST book');
  return book;
}

describe('the complement outcome nobody subscribed to', () => {
  it('is not a finding and keeps no state (real 2026-08 frames: one subscribed token)', () => {
    const engine = new BookEngine();
    engine.track([TRIMMED_SUBSCRIBED]);
    const findings = findingsOf(engine);
    engineFrom(fixtureFrames('2026-more/trimmed-2026-08-01.jsonl'), engine);
    engine.flush();
    expect([...engine.assets.keys()]).toEqual([TRIMMED_SUBSCRIBED]);
    expect(engine.ignored).toBe(1);
    expect(findings).toEqual([]);
    const asset = engine.assets.get(TRIMMED_SUBSCRIBED)!;
    expect(asset.book!.bids.levels.map((l) => l.price)).toEqual(['0.951', '0.94', '0.921', '0.001']);
    expect(asset.integrity).toMatchObject({ awaiting_snapshot: 0, bba_agreed: 1, bba_disagreed: 0 });
  });

  it('without a subscription list (a replay), an asset is kept once a book names it', () => {
    const engine = engineFrom(fixtureFrames('2026-more/trimmed-2026-08-01.jsonl'));
    expect([...engine.assets.keys()]).toEqual([TRIMMED_SUBSCRIBED]);
    expect(engine.ignored).toBe(1);
  });

  it('100 000 distinct unknown ids cost a counter, not memory', () => {
    const engine = new BookEngine();
    engine.track(['1']);
    for (let i = 0; i < 100_000; i++) {
      engine.apply({
        kind: 'price_change',
        generation: 'v2',
        market: '0xaa',
        timestamp: String(i),
        changes: [{ assetId: String(10n ** 70n + BigInt(i)), side: 'BUY', price: '0.5', size: '1', hash: '' }],
      });
    }
    expect(engine.assets.size).toBe(0);
    expect(engine.ignored).toBe(100_000);
  });

  it('lifecycle broadcasts for other markets are not kept', () => {
    const engine = new BookEngine();
    engine.track(['1']);
    engineFrom([fixtureFrames('2026-more/marcasite-2026-10-02.jsonl')[2]!], engine);
    expect(engine.markets.size).toBe(0);
    expect(engine.ignored).toBe(1);
  });
});

describe('the hash formula follows the wire generation (§13.4)', () => {
  it('a first book without tick_size is not legacy: it verifies with the 10-field formula and tick 0.01', () => {
    const [dump, update] = fixtureFrames('2026-more/pytest-2026-05-08.jsonl');
    const books = JSON.parse(dump!) as Array<Record<string, unknown>>;
    // A 2025-12 style dump: no tick_size on the wire; the venue still hashed tick_size "0.01".
    const noTick = JSON.stringify(books.map(({ tick_size: _tick, ...rest }) => rest));
    const engine = withRestMeta(new BookEngine(), fixtureJson('2026-more/pytest-2026-05-08.book-meta.json'));
    engineFrom([noTick, update!], engine);
    engine.flush();
    const asset = engine.assets.values().next().value!;
    expect(asset.tickSize).toBeNull();
    expect(asset.generation).toBe('current');
    expect(asset.integrity).toMatchObject({ hash_verified: 2, hash_mismatch: 0, hash_unverifiable: 0 });
  });

  it('a legacy book verifies with the 6-field formula; v1 update hashes are never computed nor a mismatch', () => {
    const engine = engineFrom(fixtureFrames('synthetic-legacy-session-2025-01.jsonl'));
    engine.flush();
    const asset = engine.assets.values().next().value!;
    expect(asset.generation).toBe('legacy');
    expect(asset.integrity).toMatchObject({ hash_verified: 1, hash_unverifiable: 1, hash_mismatch: 0 });
    // Many more v1 updates after the verified book: still no mismatch, each unverifiable.
    const frame = JSON.parse(fixtureFrames('synthetic-legacy-session-2025-01.jsonl')[2]!) as Array<Record<string, unknown>>;
    // Updates at least 100 ms of venue time apart, so each one's hash is due a check.
    for (let i = 1; i <= 5; i++) engineFrom([JSON.stringify([{ ...frame[0], timestamp: String(Number(frame[0]!.timestamp) + 150 * i) }])], engine);
    engine.flush();
    expect(asset.integrity).toMatchObject({ hash_verified: 1, hash_unverifiable: 6, hash_mismatch: 0 });
  });

  it('the real 2026 pytest capture verifies with its REST metadata (dump and both-outcome update)', () => {
    const engine = withRestMeta(new BookEngine(), fixtureJson('2026-more/pytest-2026-05-08.book-meta.json'));
    engineFrom(fixtureFrames('2026-more/pytest-2026-05-08.jsonl'), engine);
    engine.flush();
    const asset = engine.assets.values().next().value!;
    expect(asset.integrity).toMatchObject({ hash_verified: 2, hash_unverifiable: 0, hash_mismatch: 0, bba_agreed: 1, bba_disagreed: 0 });
  });

  it('an empty book hashed with last_trade_price "" (the 2026-10 dump shape) verifies', () => {
    const meta = { minOrderSize: '5', negRisk: false, tickSize: '0.01', lastTradePrice: '' };
    const hash = sha1Hex(currentPreimage('0xe', '42', '1790908667676', '[]', '[]', meta));
    const dump = `[{"market":"0xe","asset_id":"42","timestamp":"1790908667676","hash":"${hash}","bids":[],"asks":[],"tick_size":"0.01","event_type":"book","last_trade_price":""}]`;
    const engine = new BookEngine();
    engine.setBookMeta('0xe', { minOrderSize: '5', negRisk: false });
    engineFrom([dump], engine);
    expect(engine.assets.get('42')!.integrity).toMatchObject({ hash_verified: 1, hash_mismatch: 0 });
  });
});

describe('legacy trade frames (§13.5)', () => {
  const market = '0x1e9ac7';
  const book = (asset: string, bids: string, asks: string, ts: string) => {
    const hash = sha1Hex(legacyPreimage(market, asset, ts, bids, asks));
    return `{"market":"${market}","asset_id":"${asset}","timestamp":"${ts}","hash":"${hash}","bids":${bids},"asks":${asks},"event_type":"book"}`;
  };
  const print = (asset: string, price: string, ts: string) =>
    `{"asset_id":"${asset}","event_type":"last_trade_price","fee_rate_bps":"0","market":"${market}","price":"${price}","side":"BUY","size":"10","timestamp":"${ts}"}`;
  const aBids = '[{"price":"0.4","size":"50"},{"price":"0.45","size":"20"}]';
  const aAsks = '[{"price":"0.6","size":"30"},{"price":"0.55","size":"10"},{"price":"0.5","size":"5"}]';
  const bBids = '[{"price":"0.4","size":"30"},{"price":"0.45","size":"10"},{"price":"0.5","size":"5"}]';
  const bAsks = '[{"price":"0.6","size":"50"},{"price":"0.55","size":"20"}]';

  it('a resent book that differs by the filled levels is a refresh, not a disagreement', () => {
    const engine = engineFrom([`[${book('101', aBids, aAsks, '1')},${book('202', bBids, bAsks, '1')}]`]);
    const findings = findingsOf(engine);
    // A taker bought A up to 0.55: A's asks 0.5 and 0.55 went (0.55 partly), B's bids at 0.5 and 0.45 mirror it.
    const aAfter = '[{"price":"0.6","size":"30"},{"price":"0.55","size":"5"}]';
    const bAfter = '[{"price":"0.4","size":"30"},{"price":"0.45","size":"5"}]';
    engineFrom([`[${book('101', aBids, aAfter, '2')},${book('202', bAfter, bAsks, '2')},${print('101', '0.55', '2')}]`], engine);
    for (const id of ['101', '202']) {
      expect(engine.assets.get(id)!.integrity).toMatchObject({ snapshots_refreshed: 1, snapshots_disagreed: 0, snapshots_agreed: 0, hash_verified: 2 });
    }
    expect(findings).toEqual([]);
    expect(engine.assets.get('101')!.book!.asks.levels).toEqual([
      { price: '0.55', size: '5' },
      { price: '0.6', size: '30' },
    ]);
  });

  it('a difference the trade cannot explain is still a disagreement', () => {
    const engine = engineFrom([`[${book('101', aBids, aAsks, '1')}]`]);
    // The print is at 0.5, but the resent book also lost size at 0.6 (beyond what the print took).
    const aAfter = '[{"price":"0.6","size":"29"},{"price":"0.55","size":"10"}]';
    engineFrom([`[${book('101', aBids, aAfter, '2')},${print('101', '0.5', '2')}]`], engine);
    expect(engine.assets.get('101')!.integrity).toMatchObject({ snapshots_refreshed: 0, snapshots_disagreed: 1 });
  });

  it('outside a trade frame, a differing book is a disagreement as before', () => {
    const engine = engineFrom([`[${book('101', aBids, aAsks, '1')}]`]);
    const aAfter = '[{"price":"0.6","size":"30"},{"price":"0.55","size":"10"}]';
    engineFrom([`[${book('101', aBids, aAfter, '2')}]`], engine);
    expect(engine.assets.get('101')!.integrity).toMatchObject({ snapshots_refreshed: 0, snapshots_disagreed: 1 });
  });
});

describe('lifecycle events (§13.10)', () => {
  const snapshot = (asset: string) =>
    `[{"market":"0xaa","asset_id":"${asset}","timestamp":"1","hash":"","bids":[{"price":"0.5","size":"1"}],"asks":[],"event_type":"book"}]`;

  it('market_resolved names the winner', () => {
    const engine = engineFrom([snapshot('11'), snapshot('22')]);
    engineFrom(
      ['{"market":"0xaa","assets_ids":["11","22"],"winning_asset_id":"22","winning_outcome":"No","timestamp":"2","event_type":"market_resolved"}'],
      engine,
    );
    expect(engine.assets.get('11')).toMatchObject({ lifecycle: 'resolved', winner: false });
    expect(engine.assets.get('22')).toMatchObject({ lifecycle: 'resolved', winner: true });
    expect(engine.markets.get('0xaa')).toMatchObject({ winningAssetId: '22', winningOutcome: 'No' });
  });

  it("without an id list, the market's known assets are resolved", () => {
    const engine = engineFrom([snapshot('11'), snapshot('22')]);
    engine.apply({
      kind: 'market_resolved',
      market: '0xaa',
      id: null,
      question: null,
      slug: null,
      assetIds: [],
      outcomes: [],
      winningAssetId: '11',
      winningOutcome: null,
      timestamp: '2',
    });
    expect(engine.assets.get('11')).toMatchObject({ lifecycle: 'resolved', winner: true });
    expect(engine.assets.get('22')).toMatchObject({ lifecycle: 'resolved', winner: false });
  });
});

describe('REST books: trusted only when they reproduce their own hash (§13.9)', () => {
  const rest = () => fixtureJson('live-2026-07-19-polysim/rest-book.json') as Record<string, unknown>;

  it('the real REST body verifies itself; a placeholder does not; a body lacking an input is unknown', () => {
    expect(restSelfCheck(restBook(rest()))).toBe('verified');
    const placeholder = { ...rest(), bids: [{ price: '0.01', size: '100' }], asks: [{ price: '0.99', size: '100' }] };
    expect(restSelfCheck(restBook(placeholder))).toBe('failed');
    const { min_order_size: _gone, ...older } = rest();
    expect(restSelfCheck(restBook(older))).toBe('unknown');
  });

  it('our book equals a REST body under its inputs, and differs when one level does', () => {
    const body = restBook(rest());
    const ours = new OrderBook();
    ours.replace(body.bids, body.asks);
    expect(sameAsRest(ours, body)).toBe(true);
    const level = ours.bids.levels[1]!;
    ours.set('BUY', level.price, '1');
    expect(sameAsRest(ours, body)).toBe(false);
  });

  it("the self check uses the body's own wire order", () => {
    const body = restBook(rest());
    const preimage = currentPreimage(body.market, body.assetId, body.timestamp, levelsJsonInOrder(body.wire.bids), levelsJsonInOrder(body.wire.asks), {
      minOrderSize: body.minOrderSize!,
      tickSize: body.tickSize!,
      negRisk: body.negRisk!,
      lastTradePrice: body.lastTradePrice!,
    });
    expect(sha1Hex(preimage)).toBe(body.hash);
  });
});

describe('applyFrame', () => {
  it('applies every event of an array frame in order', () => {
    const engine = new BookEngine();
    const frame = parseFrame(
      '[{"market":"0xaa","asset_id":"1","timestamp":"1","hash":"","bids":[],"asks":[],"event_type":"book"},{"market":"0xaa","asset_id":"1","price":"0.5","size":"2","side":"BUY","timestamp":"1","event_type":"last_trade_price"}]',
    );
    engine.applyFrame(frame.events);
    expect(engine.assets.get('1')!.lastTrade).toMatchObject({ price: '0.5', size: '2' });
  });
});
