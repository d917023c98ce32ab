/**
 * The screen's MarketsControl (src/cli/markets-control.ts) against the real simulator: a search
 * lists Gamma's markets as sanitized choices, `add` subscribes the chosen market's outcomes on the
 * open socket, `remove` drops them, and `saveWatchlist` writes the config's watchlist (other keys
 * kept, mode 0600); a write that fails is an error the screen can say, and is logged.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { SessionMarkets, watchlistOf } from '../../src/cli/markets-control.js';
import { WatchSession } from '../../src/cli/session.js';
import { VenueApi } from '../../src/feed/venue-api.js';
import { silentLogger } from '../../src/log.js';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { FAST_TIMING } from '../helpers/sim-client.js';
import { until } from '../helpers/stub-venue.js';

let sim: Simulator | null = null;
let session: WatchSession | null = null;
let server: Server | null = null;
afterEach(async () => {
  await session?.stop();
  session = null;
  await sim?.close();
  sim = null;
  await new Promise((r) => (server ? server.close(r) : r(null)));
  server = null;
});

function started(s: Simulator, index: number): WatchSession {
  const m = s.markets()[index]!;
  const first = m.tokens.map((t) => ({ assetId: t.tokenId, market: m.conditionId, question: m.question, outcome: t.outcome, slug: m.slug }));
  const w = new WatchSession(first, { ...FAST_TIMING, url: s.urls.ws_market, fps: 50, logger: silentLogger, api: null });
  w.start();
  return w;
}

describe('SessionMarkets', () => {
  it('searches Gamma, adds the chosen market on the open socket, removes it', async () => {
    sim = await startSimulator({ seed: 71, markets: 4, rate: 0 });
    const s = (session = started(sim, 0));
    const target = sim.markets()[2]!;
    const control = new SessionMarkets(s, new VenueApi({ rest: sim.urls.rest, gamma: sim.urls.gamma }), { logger: silentLogger });
    const words = target.slug.split('-').slice(0, 4).join(' ');
    const choices = await control.search(words);
    const choice = choices.find((c) => c.key === target.conditionId)!;
    expect(choice).toEqual({ key: target.conditionId, question: target.question, outcomes: target.tokens.map((t) => t.outcome), endsAt: expect.any(Number) });
    expect(await control.search('   ')).toEqual([]);
    expect(await control.search('zzzz-no-such-market')).toEqual([]);

    await control.search(words);
    await control.add(choice);
    const added = target.tokens.map((t) => t.tokenId);
    await until(() => added.every((id) => s.store.getState().assets.get(id)?.status === 'live'));
    expect(sim.subscriptions()).toHaveLength(1);
    expect(sim.subscriptions()[0]).toEqual(expect.arrayContaining(added));
    expect(s.store.getState().assets.get(added[0]!)!.outcome).toBe(target.tokens[0]!.outcome);
    expect(watchlistOf(s)).toEqual([sim.markets()[0]!.slug, target.slug]);

    control.remove(added);
    await until(() => sim!.subscriptions()[0]?.length === 2);
    expect(s.store.getState().order).toEqual(sim.markets()[0]!.tokens.map((t) => t.tokenId));
    // A key from no search is refused, not guessed.
    await control.search('zzzz-no-such-market');
    await expect(control.add(choice)).rejects.toThrow(/search again/);
  });

  it('saves the watchlist into the config file, keeping its other keys, mode 0600', async () => {
    sim = await startSimulator({ seed: 72, markets: 2, rate: 0 });
    const s = (session = started(sim, 1));
    const dir = mkdtempSync(join(tmpdir(), 'pb-markets-'));
    const path = join(dir, 'polybook', 'config.json');
    const control = new SessionMarkets(s, new VenueApi({ rest: sim.urls.rest, gamma: sim.urls.gamma }), { logger: silentLogger, configPath: path });
    expect(await control.saveWatchlist()).toBe(path);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ watchlist: [sim.markets()[1]!.slug] });
    expect(statSync(path).mode & 0o777).toBe(0o600);

    writeFileSync(path, JSON.stringify({ depth: 15, theme: 'no-color', watchlist: ['old'] }));
    await control.saveWatchlist();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ depth: 15, theme: 'no-color', watchlist: [sim.markets()[1]!.slug] });
  });

  it('a write that fails rejects with one line naming the file, and logs it', async () => {
    sim = await startSimulator({ seed: 73, markets: 1, rate: 0 });
    const s = (session = started(sim, 0));
    const dir = mkdtempSync(join(tmpdir(), 'pb-markets-'));
    const logged: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => logged.push(line) });
    // A directory where the file should be: neither readable as JSON nor replaceable.
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{not json');
    const control = new SessionMarkets(s, new VenueApi({ rest: sim.urls.rest, gamma: sim.urls.gamma }), { logger, configPath: broken });
    await expect(control.saveWatchlist()).rejects.toThrow(`config file ${broken}: not valid JSON`);
    expect(readFileSync(broken, 'utf8')).toBe('{not json');
    const unwritable = join(dir, 'file', 'config.json');
    writeFileSync(join(dir, 'file'), 'a file, not a directory');
    const again = new SessionMarkets(s, new VenueApi({ rest: sim.urls.rest, gamma: sim.urls.gamma }), { logger, configPath: unwritable });
    await expect(again.saveWatchlist()).rejects.toThrow(new RegExp(`^config file ${unwritable}: cannot (read|write) it`));
    expect(logged.filter((l) => l.includes('watchlist not saved'))).toHaveLength(2);
  });

  it('search results are sanitized text (a hostile Gamma)', async () => {
    const token = '1'.repeat(77);
    const hostile = {
      events: [
        {
          slug: 'evil',
          title: 'evil',
          markets: [
            {
              conditionId: `0x${'a'.repeat(64)}`,
              question: 'Will \u001b[2J\u001b]0;pwned\u0007 win?',
              slug: 'evil',
              outcomes: '["Y\u001b[31mes", "No"]',
              clobTokenIds: JSON.stringify([token, '2'.repeat(77)]),
              endDate: '2030-01-01T00:00:00Z',
              active: true,
              closed: false,
            },
          ],
        },
      ],
    };
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(hostile));
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    sim = await startSimulator({ seed: 74, markets: 1, rate: 0 });
    const s = (session = started(sim, 0));
    const control = new SessionMarkets(s, new VenueApi({ rest: sim.urls.rest, gamma: `http://127.0.0.1:${port}` }), { logger: silentLogger });
    const [choice] = await control.search('evil');
    expect(choice!.endsAt).toBe(Date.parse('2030-01-01T00:00:00Z'));
    for (const text of [choice!.question, ...choice!.outcomes]) expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});
