/**
 * Markets while running, on the real screen in real tmux, through the real bin against the real
 * simulator with recurring windows: the countdown to the next roll and the roll itself on screen,
 * `/` search-and-add (the sim sees the new subscription on the same socket), `w` save (the config
 * file written, 0600, its other keys kept), `x` remove (unsubscribed).
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { until } from '../helpers/stub-venue.js';
import { hasTmux, killServer, startPane, waitForScreen, type Pane } from '../helpers/tmux.js';

const BIN = new URL('../../bin/polybook.js', import.meta.url).pathname;
const NODE = process.execPath;
const panes: Pane[] = [];
let sim: Simulator | null = null;

afterEach(async () => {
  for (const pane of panes.splice(0)) pane.kill();
  await sim?.close();
  sim = null;
});
afterAll(() => killServer());

const header = (screen: string) => screen.split('\n')[0]!;
const second = (screen: string) => screen.split('\n')[1]!;

describe.skipIf(!hasTmux())('markets while running, in a real tmux', { timeout: 90_000 }, () => {
  it('counts down to the roll, rolls, searches and adds, saves the watchlist, removes', async () => {
    sim = await startSimulator({ seed: 81, markets: 3, rate: 20, windowSec: 6 });
    const s = sim;
    const home = mkdtempSync(join(tmpdir(), 'pb-markets-home-'));
    const config = join(home, 'config.json');
    writeFileSync(config, JSON.stringify({ depth: 8 }));
    const env = `POLYBOOK_CONFIG="${config}" XDG_STATE_HOME="${home}"`;
    const args = `watch --follow btc-updown-6s --url ${s.urls.ws_market} --rest ${s.urls.rest} --gamma ${s.urls.gamma} --log-level silent`;
    const pane = startPane(`pb-markets-screen-${process.pid}`, 120, 40, `env ${env} "${NODE}" "${BIN}" ${args}`);
    panes.push(pane);

    // The header counts down to the window's end, then the roll is announced.
    // (The first book may be the REST one for a moment: wait for the live snapshot too.)
    const counting = await waitForScreen(pane, (screen) => /\blive\b.*next roll in 0:0\d/.test(header(screen)), 15_000, 'the countdown on a live book');
    expect(header(counting)).toMatch(/^Bitcoin Up or Down - .* — Up .* live .*next roll in 0:0[0-6]/);
    const rolled = await waitForScreen(pane, (screen) => /rolled to btc-updown-6s-\d+/.test(second(screen)), 15_000, 'the roll banner');
    const to = /rolled to (btc-updown-6s-\d+)/.exec(rolled)![1]!;
    const window = s.markets().find((m) => m.slug === to)!;
    await until(() => window.tokens.every((t) => s.subscriptions()[0]?.includes(t.tokenId)), 5000);

    // `/` search and add: a market of the catalog, by words of its question.
    const target = s.markets().find((m) => m.seriesSlug === null)!;
    const words = target.question
      .replace(/[^A-Za-z ]/g, ' ')
      .split(/\s+/)
      .filter((w) => w.length > 3)
      .slice(0, 3)
      .join(' ');
    pane.keys('/');
    await waitForScreen(pane, (screen) => screen.startsWith('Add a market: _'), 5000, 'the search box');
    pane.keys('-l', words);
    pane.keys('Enter');
    const results = await waitForScreen(pane, (screen) => screen.includes(target.question.slice(0, 40)), 15_000, 'the search results');
    expect(results.split('\n')[0]).toBe(`Add a market: ${words}_`);
    expect(results).toContain('Up/Down choose  Enter add');
    // Choose the target (the results list it somewhere), then Enter adds it.
    const row = results
      .split('\n')
      .slice(1)
      .findIndex((line) => line.includes(target.question.slice(0, 40)));
    for (let i = 0; i < row; i++) pane.keys('Down');
    pane.keys('Enter');
    const added = await waitForScreen(pane, (screen) => header(screen).startsWith(target.question.slice(0, 40)), 8000, 'the added market on screen');
    expect(second(added)).toContain('added ');
    await until(() => target.tokens.every((t) => s.subscriptions()[0]?.includes(t.tokenId)), 5000);
    expect(s.subscriptions()).toHaveLength(1);
    // Its book draws: prices on the ladder.
    await waitForScreen(pane, (screen) => /^\s+0\.\d\d\s/m.test(screen) && header(screen).includes('live'), 8000, 'its ladder');

    // `w`: the watchlist is written, the other keys kept, mode 0600.
    pane.keys('w');
    await waitForScreen(pane, (screen) => second(screen).includes(`watchlist saved to ${config}`), 5000, 'the save notice');
    const saved = JSON.parse(readFileSync(config, 'utf8')) as { depth: number; watchlist: string[] };
    expect(saved.depth).toBe(8);
    expect(saved.watchlist).toContain(target.slug);
    expect(saved.watchlist.some((name) => /^btc-updown-6s-\d+$/.test(name))).toBe(true);
    expect(statSync(config).mode & 0o777).toBe(0o600);

    // `x`: the market on screen goes, unsubscribed on the same socket.
    pane.keys('x');
    await waitForScreen(pane, (screen) => second(screen).includes('removed '), 5000, 'the remove notice');
    await until(() => target.tokens.every((t) => !s.subscriptions()[0]?.includes(t.tokenId)), 5000);
    const after = await waitForScreen(pane, (screen) => header(screen).startsWith('Bitcoin Up or Down'), 5000, 'the window back on screen');
    // Nothing of it is left but the notice saying so.
    expect(
      after
        .split('\n')
        .filter((line) => !line.includes('removed '))
        .join('\n'),
    ).not.toContain(target.question.slice(0, 20));

    pane.keys('q');
    await waitForScreen(pane, (screen) => screen.includes('EXITED:0'), 5000, 'a clean exit');
  });

  it('a watchlist that cannot be written is said on screen', async () => {
    sim = await startSimulator({ seed: 82, markets: 2, rate: 20 });
    const s = sim;
    const home = mkdtempSync(join(tmpdir(), 'pb-markets-home-'));
    const config = join(home, 'config.json');
    const slug = s.markets()[0]!.slug;
    const args = `watch ${slug} --url ${s.urls.ws_market} --rest ${s.urls.rest} --gamma ${s.urls.gamma} --log-level silent`;
    const pane = startPane(`pb-markets-nosave-${process.pid}`, 120, 40, `env POLYBOOK_CONFIG="${config}" XDG_STATE_HOME="${home}" "${NODE}" "${BIN}" ${args}`);
    panes.push(pane);
    await waitForScreen(pane, (screen) => header(screen).includes('live'), 10_000, 'the book');
    // A market with an end date shows the time left.
    expect(header(await waitForScreen(pane, (screen) => /ends in \d+d \d+h/.test(header(screen)), 5000, 'the time left'))).toContain('ends in');
    // The file broke while the screen ran (an editor's half-saved file): it is not overwritten.
    writeFileSync(config, '{"depth": 8,');
    pane.keys('w');
    const said = await waitForScreen(pane, (screen) => second(screen).includes('watchlist not saved'), 5000, 'the failure');
    expect(second(said)).toContain(`watchlist not saved: config file ${config}: not valid JSON`);
    expect(readFileSync(config, 'utf8')).toBe('{"depth": 8,');
    pane.keys('q');
    await waitForScreen(pane, (screen) => screen.includes('EXITED:0'), 5000, 'a clean exit');
  });
});
