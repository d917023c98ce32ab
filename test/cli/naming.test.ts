/**
 * Naming markets against the simulator's Gamma and REST: slugs, URLs, condition ids and text
 * search resolve to token ids with labels; `markets` and `status` print what a trader needs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveOne, slugsFromUrl } from '../../src/cli/resolve.js';
import { VenueApi } from '../../src/feed/venue-api.js';
import type { Simulator } from '../../src/sim/index.js';
import { cli } from '../helpers/cli.js';
import { startNamingVenue, stopNamingVenue } from '../helpers/naming-venue.js';

let sim: Simulator;
let api: VenueApi;
let venue: string[];

beforeAll(async () => {
  ({ sim, api, venue } = await startNamingVenue());
});
afterAll(() => stopNamingVenue(sim));

describe('resolving market names', () => {
  it('a market slug gives both outcomes with their labels and question', async () => {
    const m = sim.markets()[0]!;
    expect(await resolveOne(api, m.slug)).toEqual(
      // With the market's end (Gamma endDate, for the countdown) and slug (what `w` saves it as).
      m.tokens.map((t) => ({
        assetId: t.tokenId,
        market: m.conditionId,
        question: m.question,
        outcome: t.outcome,
        endsAt: Date.parse(m.endDate),
        slug: m.slug,
      })),
    );
  });

  it('an event slug gives all its markets’ outcomes; a URL with a market slug only that market', async () => {
    const m = sim.markets()[2]!;
    expect(m.eventSlug).not.toBe(m.slug);
    const byEvent = await resolveOne(api, `https://polymarket.com/event/${m.eventSlug}`);
    expect(byEvent.map((a) => a.assetId)).toEqual(expect.arrayContaining(m.tokens.map((t) => t.tokenId)));
    const byMarket = await resolveOne(api, `https://polymarket.com/event/${m.eventSlug}/${m.slug}?tid=1`);
    expect(byMarket.map((a) => a.outcome)).toEqual(m.tokens.map((t) => t.outcome));
  });

  it('a condition id resolves through CLOB /markets', async () => {
    const m = sim.markets()[1]!;
    expect((await resolveOne(api, m.conditionId)).map((a) => a.assetId)).toEqual(m.tokens.map((t) => t.tokenId));
  });

  it('a token id needs no lookup', async () => {
    expect(await resolveOne(new VenueApi({ rest: 'http://127.0.0.1:9', gamma: 'http://127.0.0.1:9' }), '123')).toEqual([
      { assetId: '123', market: null, question: null, outcome: null },
    ]);
  });

  it('URLs: only polymarket.com event paths', () => {
    expect(slugsFromUrl('https://polymarket.com/event/a-b/c-d')).toEqual({ event: 'a-b', market: 'c-d' });
    expect(slugsFromUrl('https://polymarket.com/event/a-b')).toEqual({ event: 'a-b', market: null });
    expect(slugsFromUrl('https://evil.example/event/a-b')).toBeNull();
    expect(slugsFromUrl('btc')).toBeNull();
  });

  it('an unknown name: one line naming what was tried and the closest matches, exit 2', async () => {
    const m = sim.markets()[1]!;
    const near = `${m.slug.split('-').slice(0, 2).join('-')}-nonexistent`;
    const { code, err } = await cli(['watch', near, '--format', 'ndjson', ...venue]);
    expect(code).toBe(2);
    expect(err).toMatch(new RegExp(`^polybook: no market matches "${near}" \\(tried event slug, market slug\\); closest: .*${m.slug}`));
  });
});

describe('polybook markets', () => {
  it('prints a table with question, outcomes, prices, slug and token ids', async () => {
    const m = sim.markets()[0]!;
    const word = m.question.split(' ').find((w) => w.length > 4)!;
    const { code, out } = await cli(['markets', word, '--gamma', sim.urls.gamma]);
    expect(code).toBe(0);
    expect(out).toContain(m.question);
    expect(out).toContain(`slug ${m.slug}`);
    for (const t of m.tokens) expect(out).toContain(t.tokenId);
  });

  it('--json for scripts, --limit', async () => {
    const { out } = await cli(['markets', 'will', '--json', '--limit', '1', '--gamma', sim.urls.gamma]);
    const markets = JSON.parse(out);
    expect(markets).toHaveLength(1);
    expect(markets[0].outcomes[0].tokenId).toMatch(/^\d+$/);
  });

  it('no match: a clear message, exit 0', async () => {
    expect(await cli(['markets', 'zzzqqq', '--gamma', sim.urls.gamma])).toEqual({ code: 0, out: 'no active markets match "zzzqqq"\n', err: '' });
  });
});

describe('polybook status', () => {
  it('one short line with bid/ask, last, spread and a verified integrity mark', async () => {
    const m = sim.markets()[0]!;
    const truth = sim.truthBook(m.tokens[0]!.tokenId)!;
    const { code, out } = await cli(['status', m.slug, ...venue]);
    expect(code).toBe(0);
    expect(out).toBe(`${m.tokens[0]!.outcome} ${truth.bids.at(-1)!.price}/${truth.asks.at(-1)!.price} last ${truth.last_trade_price} spr 0.01 ✓\n`);
  });

  it('an unreachable venue: a short line and exit 1', async () => {
    const { code, out } = await cli(['status', '123', '--rest', 'http://127.0.0.1:9', '--timeout', '1']);
    expect(code).toBe(1);
    expect(out).toBe('polybook: venue unreachable\n');
  });
});
