/**
 * `sim --window`: recurring up/down markets whose windows last a few wall-clock seconds. Gamma
 * names each window as the venue does and lists the next one as soon as it opens; the ended one
 * resolves (market_resolved, REST 404) and the next one has books on REST and the WebSocket.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseFrame } from '../../src/protocol/parse-frame.js';
import { startSimulator, type SimMarket, type Simulator } from '../../src/sim/index.js';
import { subscribed, until } from './helpers.js';

let sim: Simulator;
afterEach(async () => sim?.close());

const windowsOf = (s: Simulator, series: string): SimMarket[] => s.markets().filter((m) => m.seriesSlug === series);

async function gamma(path: string): Promise<unknown> {
  const res = await fetch(`${sim.urls.gamma}${path}`);
  expect(res.status).toBe(200);
  return res.json();
}

describe('sim --window', () => {
  it('names windows <coin>-updown-<len>-<unix start>, aligned, ending start + window', async () => {
    const before = Date.now();
    sim = await startSimulator({ seed: 3, markets: 1, rate: 0, windowSec: 60 });
    const [btc] = windowsOf(sim, 'btc-updown-1m');
    const [eth] = windowsOf(sim, 'eth-updown-1m');
    const start = Math.floor(before / 60_000) * 60;
    expect(btc!.slug).toMatch(/^btc-updown-1m-\d+$/);
    const startSec = Number(btc!.slug.split('-').at(-1));
    expect(startSec % 60).toBe(0);
    expect([start, start + 60]).toContain(startSec);
    expect(Date.parse(btc!.endDate)).toBe((startSec + 60) * 1000);
    expect(btc!.eventSlug).toBe(btc!.slug);
    expect(btc!.question).toMatch(/^Bitcoin Up or Down - \w+ \d+, \d+:\d\d(AM|PM)-\d+:\d\d(AM|PM) ET$/);
    expect(btc!.tokens.map((t) => t.outcome)).toEqual(['Up', 'Down']);
    expect(eth!.slug).toBe(`eth-updown-1m-${startSec}`);
    // The ordinary catalog is unchanged beside them.
    expect(sim.markets()).toHaveLength(3);

    const [series] = (await gamma('/series?slug=btc-updown-1m')) as [
      { slug: string; recurrence: string; events: { slug: string; endDate: string; closed: boolean }[] },
    ];
    expect(series.slug).toBe('btc-updown-1m');
    expect(series.recurrence).toBe('1m');
    expect(series.events.map((e) => [e.slug, e.endDate, e.closed])).toEqual([[btc!.slug, btc!.endDate, false]]);
    const [event] = (await gamma(`/events?slug=${btc!.slug}`)) as [{ seriesSlug: string; markets: { endDate: string; clobTokenIds: string }[] }];
    expect(event.seriesSlug).toBe('btc-updown-1m');
    expect(event.markets[0]!.endDate).toBe(btc!.endDate);
    expect(JSON.parse(event.markets[0]!.clobTokenIds)).toEqual(btc!.tokens.map((t) => t.tokenId));
    expect(await gamma('/series?slug=nope')).toEqual([]);
  });

  it('at the end of a window: the next one opens, the ended one resolves', async () => {
    sim = await startSimulator({ seed: 4, markets: 0, rate: 20, windowSec: 1 });
    const [first] = windowsOf(sim, 'btc-updown-1s');
    const ids = first!.tokens.map((t) => t.tokenId);
    const client = await subscribed(sim, ids, { custom_feature_enabled: true });
    const end = Date.parse(first!.endDate);

    const resolved = await client.waitFor((f) => f.includes('"market_resolved"') && f.includes(first!.conditionId), 3000);
    // Not before its end date.
    expect(Date.now()).toBeGreaterThanOrEqual(end);
    const event = parseFrame(resolved).events[0]!;
    expect(event).toMatchObject({ kind: 'market_resolved', market: first!.conditionId });
    const announced = client.frames.map((f) => parseFrame(f).events[0]).filter((e) => e?.kind === 'new_market');
    const next = windowsOf(sim, 'btc-updown-1s').find((m) => m.slug === `btc-updown-1s-${end / 1000}`)!;
    expect(next.status).toBe('live');
    expect(Date.parse(next.endDate)).toBe(end + 1000);
    expect(announced.some((e) => e?.kind === 'new_market' && e.market === next.conditionId)).toBe(true);

    // Gamma: the ended window is closed, the next one open; REST: 404 for the old, a book for the new.
    const [old] = (await gamma(`/events?slug=${first!.slug}`)) as [{ closed: boolean }];
    expect(old.closed).toBe(true);
    const open = (await gamma('/events?closed=false')) as { slug: string }[];
    expect(open.map((e) => e.slug)).toContain(next.slug);
    expect((await fetch(`${sim.urls.rest}/book?token_id=${ids[0]}`)).status).toBe(404);
    const book = (await (await fetch(`${sim.urls.rest}/book?token_id=${next.tokens[0]!.tokenId}`)).json()) as { bids: unknown[] };
    expect(book.bids.length).toBeGreaterThan(0);

    // A subscriber of the new window gets its dump.
    const late = await subscribed(
      sim,
      next.tokens.map((t) => t.tokenId),
    );
    expect(
      JSON.parse(late.frames[0]!)
        .map((b: { asset_id: string }) => b.asset_id)
        .sort(),
    ).toEqual(next.tokens.map((t) => t.tokenId).sort());
    late.close();
    client.close();
  });

  it('keeps only the last few windows of a series however long it runs', async () => {
    sim = await startSimulator({ seed: 5, markets: 0, rate: 0, windowSec: 1 });
    await until(() => (windowsOf(sim, 'btc-updown-1s').length ?? 0) >= 5, 8000);
    await new Promise((r) => setTimeout(r, 1500));
    const list = windowsOf(sim, 'btc-updown-1s');
    expect(list.length).toBeLessThanOrEqual(5);
    expect(list.filter((m) => m.status === 'live')).toHaveLength(1);
    expect(list.at(-1)!.status).toBe('live');
  }, 12_000);

  it('refuses a window under a second', async () => {
    await expect(startSimulator({ windowSec: 0.5 })).rejects.toThrow(/windowSec/);
  });
});
