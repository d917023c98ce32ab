/**
 * `new_market` / `market_resolved` (POLYMARKET.md §4.8, §4.9, §13.10): the real 2026 `new_market`
 * from the marcasite capture, and `market_resolved` frames built from it with each spelling of
 * the token ids (no real `market_resolved` frame has been captured).
 */
import { describe, expect, it } from 'vitest';
import type { MarketLifecycleEvent } from '../../src/protocol/events.js';
import { parseFrame } from '../../src/protocol/parse-frame.js';
import { fixtureFrames } from '../helpers/fixtures.js';

const NEW_MARKET_LINE = fixtureFrames('2026-more/marcasite-2026-10-02.jsonl').find((f) => f.includes('"new_market"'))!;
const NEW_MARKET = JSON.parse(NEW_MARKET_LINE) as Record<string, unknown>;
const UP = '29481957761527484935929705986029508274880234386196526574483297319946400380223';
const DOWN = '110300735535035853449236273459359802664768005831731803586170232203839099968893';
const CONDITION = '0x9691dbea9f392aea399936926ff9d3013de1550381454b9579124df96168f54a';

/** The 2026 announcement's fields without any token-id spelling. */
function bare(): Record<string, unknown> {
  const { assets_ids: _a, clob_token_ids: _c, ...rest } = NEW_MARKET;
  return rest;
}

function lifecycle(raw: Record<string, unknown>): MarketLifecycleEvent {
  const events = parseFrame(JSON.stringify(raw)).events;
  expect(events).toHaveLength(1);
  return events[0] as MarketLifecycleEvent;
}

function resolved(extra: Record<string, unknown>): MarketLifecycleEvent {
  return lifecycle({ ...bare(), event_type: 'market_resolved', winning_asset_id: DOWN, winning_outcome: 'Down', ...extra });
}

describe('lifecycle events', () => {
  it('the real 2026 new_market: ids, labels, question, slug', () => {
    expect(parseFrame(NEW_MARKET_LINE).events).toEqual([
      {
        kind: 'new_market',
        market: CONDITION,
        id: '5196322',
        question: 'Bitcoin Up or Down - October 2, 10:30PM-10:35PM ET',
        slug: 'btc-updown-5m-1790994600',
        assetIds: [UP, DOWN],
        outcomes: ['Up', 'Down'],
        winningAssetId: null,
        winningOutcome: null,
        timestamp: '1790908720778',
      },
    ]);
  });

  it.each([
    ['assets_ids', [UP, DOWN]],
    ['asset_ids', [UP, DOWN]],
    ['clob_token_ids', [UP, DOWN]],
    ['assets_ids', JSON.stringify([UP, DOWN])],
    ['asset_ids', JSON.stringify([UP, DOWN])],
    ['clob_token_ids', JSON.stringify([UP, DOWN])],
  ])('market_resolved with %s as %j: ids and the winner', (key, ids) => {
    const event = resolved({ [key]: ids });
    expect(event).toMatchObject({ kind: 'market_resolved', market: CONDITION, assetIds: [UP, DOWN], outcomes: ['Up', 'Down'] });
    expect(event.winningAssetId).toBe(DOWN);
    expect(event.winningOutcome).toBe('Down');
  });

  it('an empty assets_ids (global announcements) gives way to clob_token_ids', () => {
    expect(resolved({ assets_ids: [], clob_token_ids: [UP, DOWN] }).assetIds).toEqual([UP, DOWN]);
    expect(resolved({ asset_ids: '[]', clob_token_ids: JSON.stringify([UP, DOWN]) }).assetIds).toEqual([UP, DOWN]);
  });

  it('"" winner fields read as null; a winner that is not a digit string is dropped', () => {
    expect(resolved({ assets_ids: [UP, DOWN], winning_asset_id: '', winning_outcome: '' })).toMatchObject({ winningAssetId: null, winningOutcome: null });
    expect(resolved({ assets_ids: [UP, DOWN], winning_asset_id: '0xdead' }).winningAssetId).toBeNull();
    expect(resolved({ assets_ids: [UP, DOWN], winning_asset_id: 1.1e77 }).winningAssetId).toBeNull();
  });

  it('condition_id stands in when market is missing or ""', () => {
    const { market: _m, ...noMarket } = NEW_MARKET;
    expect(lifecycle(noMarket).market).toBe(CONDITION);
    expect(lifecycle({ ...NEW_MARKET, market: '' }).market).toBe(CONDITION);
    const { condition_id: _c, ...neither } = noMarket;
    expect(parseFrame(JSON.stringify(neither)).events).toEqual([
      { kind: 'invalid', reason: 'missing_field', detail: 'market (or condition_id) is missing', eventType: 'new_market' },
    ]);
  });

  it('ids that are not digit strings are dropped, with their labels', () => {
    const event = resolved({ assets_ids: [UP, 'not-an-id', 12345, `${DOWN}x`, DOWN], outcomes: ['Up', 'Bogus', 'Number', 'Suffix', 'Down'] });
    expect(event.assetIds).toEqual([UP, DOWN]);
    expect(event.outcomes).toEqual(['Up', 'Down']);
    const none = resolved({ assets_ids: ['abc'], clob_token_ids: 'not json' });
    expect(none.assetIds).toEqual([]);
    expect(none.outcomes).toEqual(['Up', 'Down']);
  });

  it('labels and the winning outcome are made safe for a terminal', () => {
    const event = resolved({ assets_ids: [UP, DOWN], outcomes: ['U\u001b[31mp', 'Down'], winning_outcome: 'D\u009bown' });
    expect(event.outcomes).toEqual(['U[31mp', 'Down']);
    expect(event.winningOutcome).toBe('Down');
  });
});
