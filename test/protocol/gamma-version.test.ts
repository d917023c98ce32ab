/**
 * Gamma Protocol V2 (POLYMARKET.md §9, §13.11): the asset ids come from `positionIds` for
 * "v2", from `clobTokenIds` for "v1" or no version (the real 2026-07 captures have none); any
 * other version, or "v2" without positionIds, is an error for that market, never a guess.
 */
import { describe, expect, it } from 'vitest';
import { GammaMarketError, parseGammaEvent, parseGammaEvents, parseGammaMarket, parseGammaMarkets, type GammaMarketProblem } from '../../src/protocol/gamma.js';
import { DOWN_TOKEN, fixtureJson, LIVE_MARKET, UP_TOKEN } from '../helpers/fixtures.js';

type Json = Record<string, unknown>;

const EVENT = (fixtureJson('live-2026-07-19-polysim/gamma-events-by-slug.json') as Json[])[0]!;
const MARKET = (EVENT.markets as Json[])[0]!;
const NEXT_MARKET = ((fixtureJson('live-2026-07-19-polysim/gamma-events-by-slug-next-window.json') as Json[])[0]!.markets as Json[])[0]!;
const SLUG = 'btc-updown-5m-1784449200';
const POSITIONS = ['101', '202'];

function ids(raw: Json): string[] {
  return parseGammaMarket(raw)!.outcomes.map((o) => o.tokenId);
}

/** The problem `parseGammaMarket` throws for `raw`. */
function problem(raw: Json): GammaMarketProblem {
  try {
    parseGammaMarket(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(GammaMarketError);
    return (error as GammaMarketError).problems[0]!;
  }
  throw new Error('parseGammaMarket did not throw');
}

describe('Gamma Protocol V2: which ids a market uses', () => {
  it.each(['gamma-events-by-slug.json', 'gamma-events-by-slug-next-window.json', 'gamma-events-series-filter.json'])(
    'the real %s has no version and keeps its clobTokenIds',
    (name) => {
      const events = parseGammaEvents(fixtureJson(`live-2026-07-19-polysim/${name}`));
      expect(events.every((e) => e.skipped.length === 0)).toBe(true);
      expect(events.flatMap((e) => e.markets)).toHaveLength(name === 'gamma-events-series-filter.json' ? 4 : 1);
    },
  );

  it('no version, "v1" and JSON null read clobTokenIds', () => {
    expect(MARKET.version).toBeUndefined();
    for (const version of [undefined, 'v1', null]) expect(ids({ ...MARKET, version, positionIds: POSITIONS })).toEqual([UP_TOKEN, DOWN_TOKEN]);
  });

  it('"v2" reads positionIds, as a real array or JSON-in-a-string', () => {
    const v2 = parseGammaMarket({ ...MARKET, version: 'v2', positionIds: POSITIONS })!;
    expect(v2.conditionId).toBe(LIVE_MARKET);
    expect(v2.outcomes).toEqual([
      { label: 'Up', tokenId: '101', price: '0.495' },
      { label: 'Down', tokenId: '202', price: '0.505' },
    ]);
    expect(ids({ ...MARKET, version: 'v2', positionIds: JSON.stringify(POSITIONS) })).toEqual(POSITIONS);
  });

  it('"v2" without positionIds is an error naming the market and the version', () => {
    for (const positionIds of [undefined, [], '[]']) {
      expect(problem({ ...MARKET, version: 'v2', positionIds })).toEqual({
        code: 'gamma.missingPositionIds',
        market: SLUG,
        version: '"v2"',
        active: true,
        closed: false,
        reason: 'Gamma version "v2" without positionIds, so its token ids are unknown',
        message: `market ${SLUG}: Gamma version "v2" without positionIds, so its token ids are unknown`,
      });
    }
  });

  it.each([
    ['v3', '"v3"'],
    ['V2', '"V2"'],
    ['', '""'],
    [2, '2'],
  ])('version %j is not supported, even with positionIds', (version, shown) => {
    const p = problem({ ...MARKET, version, positionIds: POSITIONS });
    expect(p.code).toBe('gamma.unsupportedVersion');
    expect(p.message).toBe(`market ${SLUG}: Gamma version ${shown} is not supported (polybook reads v1 and v2), so its token ids are unknown`);
  });

  it('the market is named by slug, else condition id; the version shown is safe and short', () => {
    const { slug: _s, ...unslugged } = MARKET;
    expect(problem({ ...unslugged, version: 'v3' }).market).toBe(LIVE_MARKET);
    const shown = problem({ ...MARKET, version: `v9\u001b[2J${'z'.repeat(50)}` }).version;
    expect(shown).toBe(`"v9\\u001b[2J${'z'.repeat(11)}…`);
    expect(shown).toHaveLength(24);
  });

  it('an event keeps its good markets and lists the skipped one', () => {
    const event = parseGammaEvent({ ...EVENT, markets: [MARKET, { ...NEXT_MARKET, version: 'v3' }] })!;
    expect(event.markets.map((m) => m.slug)).toEqual([SLUG]);
    expect(event.skipped.map((p) => [p.code, p.market, p.version])).toEqual([['gamma.unsupportedVersion', 'btc-updown-5m-1784449500', '"v3"']]);
    const allBad = parseGammaEvent({ ...EVENT, markets: [{ ...MARKET, version: 'v2' }] })!;
    expect(allBad.markets).toEqual([]);
    expect(allBad.skipped.map((p) => p.code)).toEqual(['gamma.missingPositionIds']);
  });

  it('a plain market list with an unreadable version throws with every problem', () => {
    expect(parseGammaMarkets([MARKET]).map((m) => m.slug)).toEqual([SLUG]);
    expect(() => parseGammaMarkets([MARKET, { ...NEXT_MARKET, version: 'v3' }])).toThrow(new GammaMarketError([problem({ ...NEXT_MARKET, version: 'v3' })]));
    expect(() => parseGammaMarkets({ ...MARKET, version: 'v3' })).toThrow(
      `market ${SLUG}: Gamma version "v3" is not supported (polybook reads v1 and v2), so its token ids are unknown`,
    );
  });
});
