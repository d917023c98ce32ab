/** Real Gamma and CLOB bodies from ../shared decode into market refs (string-encoded lists too). */
import { describe, expect, it } from 'vitest';
import { parseClobMarket, parseGammaEvents, parseGammaMarket } from '../../src/protocol/gamma.js';
import { sanitizeText } from '../../src/protocol/sanitize.js';
import { DOWN_TOKEN, fixtureJson, LIVE_MARKET, UP_TOKEN } from '../helpers/fixtures.js';

describe('Gamma and CLOB market bodies', () => {
  it('events by slug: JSON-in-a-string outcomes, prices and token ids are decoded', () => {
    const [event] = parseGammaEvents(fixtureJson('live-2026-07-19-polysim/gamma-events-by-slug.json'));
    expect(event!.slug).toBe('btc-updown-5m-1784449200');
    expect(event!.markets).toHaveLength(1);
    expect(event!.markets[0]).toEqual({
      conditionId: LIVE_MARKET,
      question: 'Bitcoin Up or Down - July 19, 4:20AM-4:25AM ET',
      slug: 'btc-updown-5m-1784449200',
      eventSlug: 'btc-updown-5m-1784449200',
      eventTitle: 'Bitcoin Up or Down - July 19, 4:20AM-4:25AM ET',
      outcomes: [
        { label: 'Up', tokenId: UP_TOKEN, price: '0.495' },
        { label: 'Down', tokenId: DOWN_TOKEN, price: '0.505' },
      ],
      volume: '894.168034',
      endDate: '2026-07-19T08:25:00Z',
      active: true,
      closed: false,
      tickSize: '0.01',
      minOrderSize: '5',
      negRisk: false,
    });
  });

  it.each(['gamma-events-by-slug-next-window.json', 'gamma-events-series-filter.json'])('%s decodes every market', (name) => {
    const events = parseGammaEvents(fixtureJson(`live-2026-07-19-polysim/${name}`));
    expect(events.length).toBeGreaterThan(0);
    for (const market of events.flatMap((e) => e.markets)) {
      expect(market.outcomes.map((o) => o.label)).toEqual(['Up', 'Down']);
      for (const o of market.outcomes) expect(o.tokenId).toMatch(/^\d{70,80}$/);
    }
  });

  it('real arrays and Protocol V2 positionIds are accepted', () => {
    const market = parseGammaMarket({
      conditionId: '0xc',
      question: 'Q?',
      outcomes: ['Yes', 'No'],
      clobTokenIds: ['1', '2'],
      version: 'v2',
      positionIds: ['7', '8'],
    });
    expect(market!.outcomes.map((o) => [o.label, o.tokenId])).toEqual([
      ['Yes', '7'],
      ['No', '8'],
    ]);
  });

  it('CLOB /markets/{condition_id}', () => {
    const market = parseClobMarket(fixtureJson('nautilus-2024-2025/rest_clob_market.json'))!;
    expect(market).toMatchObject({ question: 'Will Donald Trump win the 2024 US Presidential Election?', tickSize: '0.001', minOrderSize: '5', negRisk: true });
    expect(market.outcomes.map((o) => o.label)).toEqual(['Yes', 'No']);
  });

  it('terminal control characters in server text are stripped', () => {
    const market = parseGammaMarket({
      conditionId: '0xc',
      question: 'Will \u001b[2J\u001b]0;pwned\u0007BTC\nrise?',
      outcomes: '["Y\u009bes", "No"]',
      clobTokenIds: '["1", "2"]',
    });
    expect(market!.question).toBe('Will [2J]0;pwnedBTC rise?');
    expect(market!.outcomes[0]!.label).toBe('Yes');
    expect(sanitizeText('a\u202eb\tc')).toBe('ab c');
  });
});
