/**
 * Names as people paste them (links without https://, /market/ links, upper-case condition ids)
 * and `status`: a token id's outcome label from Gamma, the JSON object, unknown ids and outcomes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveOne, slugsFromUrl } from '../../src/cli/resolve.js';
import type { VenueApi } from '../../src/feed/venue-api.js';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { cli } from '../helpers/cli.js';
import { startNamingVenue, stopNamingVenue } from '../helpers/naming-venue.js';

let sim: Simulator;
let api: VenueApi;
let venue: string[];

beforeAll(async () => {
  ({ sim, api, venue } = await startNamingVenue());
});
afterAll(() => stopNamingVenue(sim));

describe('links as pasted', () => {
  it('slugsFromUrl: with or without https:// and www., /event/ and /market/ paths', () => {
    expect(slugsFromUrl('polymarket.com/event/a-b')).toEqual({ event: 'a-b', market: null });
    expect(slugsFromUrl('www.polymarket.com/event/a-b/c-d?tid=1')).toEqual({ event: 'a-b', market: 'c-d' });
    expect(slugsFromUrl('Polymarket.com/market/c-d')).toEqual({ event: null, market: 'c-d' });
    expect(slugsFromUrl('https://polymarket.com/market/c-d')).toEqual({ event: null, market: 'c-d' });
    expect(slugsFromUrl('https://polymarket.com/fr/event/a-b')).toEqual({ event: 'a-b', market: null });
    expect(slugsFromUrl('https://polymarket.com/markets')).toBeNull();
    expect(slugsFromUrl('evil.example/polymarket.com/event/a-b')).toBeNull();
    expect(slugsFromUrl('polymarket.com.evil.example/event/a-b')).toBeNull();
  });

  it('resolve the same assets as the full URL', async () => {
    const m = sim.markets()[2]!;
    const both = m.tokens.map((t) => t.tokenId);
    const ids = async (name: string) => (await resolveOne(api, name)).map((a) => a.assetId);
    expect(await ids(`polymarket.com/event/${m.eventSlug}`)).toEqual(expect.arrayContaining(both));
    expect(await ids(`polymarket.com/event/${m.eventSlug}/${m.slug}`)).toEqual(both);
    expect(await ids(`https://polymarket.com/market/${m.slug}`)).toEqual(both);
    expect(await ids(`www.polymarket.com/market/${m.slug}`)).toEqual(both);
  });

  it('an upper-case condition id (0XAB…) is the same market', async () => {
    const m = sim.markets()[1]!;
    const upper = `0X${m.conditionId.slice(2).toUpperCase()}`;
    expect((await resolveOne(api, upper)).map((a) => [a.assetId, a.outcome])).toEqual(m.tokens.map((t) => [t.tokenId, t.outcome]));
  });

  it('watch of a pasted link that names nothing: what was tried, exit 2', async () => {
    expect(await cli(['watch', 'polymarket.com/market/no-such-market-zz', '-o', 'ndjson', ...venue])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^polybook: no market matches "polymarket.com\/market\/no-such-market-zz" \(tried market slug from the URL\)/),
    });
  });
});

describe('polybook status', () => {
  it('a token id shows its outcome label, looked up on Gamma', async () => {
    const m = sim.markets()[0]!;
    const token = m.tokens[1]!;
    const truth = sim.truthBook(token.tokenId)!;
    expect(await cli(['status', token.tokenId, ...venue])).toEqual({
      code: 0,
      out: `${token.outcome} ${truth.bids.at(-1)!.price}/${truth.asks.at(-1)!.price} last ${truth.last_trade_price} spr 0.01 ✓\n`,
      err: '',
    });
  });

  it('-o json (and --json, --format json): one object with the mark in words', async () => {
    const m = sim.markets()[0]!;
    const token = m.tokens[0]!;
    const truth = sim.truthBook(token.tokenId)!;
    const expected = {
      outcome: token.outcome,
      asset_id: token.tokenId,
      market: m.conditionId,
      best_bid: truth.bids.at(-1)!.price,
      best_ask: truth.asks.at(-1)!.price,
      last: String(Number(truth.last_trade_price)),
      spread: '0.01',
      integrity: 'verified',
      resolved: false,
    };
    for (const flags of [['-o', 'json'], ['--json'], ['--format', 'json']]) {
      const { code, out, err } = await cli(['status', m.slug, ...flags, ...venue]);
      expect({ code, err }).toEqual({ code: 0, err: '' });
      expect(out.endsWith('\n') && out.split('\n')).toHaveLength(2);
      expect(JSON.parse(out)).toEqual(expected);
      expect(Object.keys(JSON.parse(out))).toEqual(Object.keys(expected));
    }
    const byToken = JSON.parse((await cli(['status', token.tokenId, '-o', 'json', ...venue])).out);
    expect(byToken).toEqual(expected);
  });

  it('a resolved market: "<outcome> resolved", and resolved: true in JSON', async () => {
    const local = await startSimulator({ seed: 9, markets: 1, rate: 0 });
    try {
      const m = local.markets()[0]!;
      local.resolveMarket(m.conditionId, m.tokens[0]!.tokenId);
      const flags = ['--rest', local.urls.rest, '--gamma', local.urls.gamma];
      expect(await cli(['status', m.tokens[0]!.tokenId, ...flags])).toEqual({ code: 0, out: `${m.tokens[0]!.outcome} resolved\n`, err: '' });
      expect(JSON.parse((await cli(['status', m.tokens[0]!.tokenId, '-o', 'json', ...flags])).out)).toEqual({
        outcome: m.tokens[0]!.outcome,
        asset_id: m.tokens[0]!.tokenId,
        market: m.conditionId,
        best_bid: null,
        best_ask: null,
        last: null,
        spread: null,
        integrity: 'unverifiable',
        resolved: true,
      });
    } finally {
      await local.close();
    }
  });

  it('a token id neither CLOB nor Gamma knows: one line, exit 2', async () => {
    const id = '4'.repeat(77);
    expect(await cli(['status', id, ...venue])).toEqual({
      code: 2,
      out: '',
      err: `polybook: unknown token id ${id}: CLOB /book has no book for it and Gamma does not know it\n`,
    });
  });

  it('an --outcome the market does not have: one line naming those it has, exit 2', async () => {
    const m = sim.markets()[0]!;
    expect(await cli(['status', m.slug, '--outcome', 'maybe', ...venue])).toEqual({
      code: 2,
      out: '',
      err: `polybook: no outcome "maybe" in ${m.slug} (outcomes: ${m.tokens.map((t) => t.outcome).join(', ')})\n`,
    });
    const chosen = await cli(['status', m.slug, '--outcome', m.tokens[1]!.outcome.toUpperCase(), ...venue]);
    expect(chosen.out.startsWith(`${m.tokens[1]!.outcome} `)).toBe(true);
  });
});
