/**
 * End to end in a real tmux: the price chart under the ladder, not empty right after start (the
 * backfill from the simulator's `/prices-history`), and `watch --orders` against the simulator's
 * user channel: resting orders marked ◆ with their size on their ladder level, fills in the tape,
 * marked. Skipped only when tmux is not installed (.ci/run installs it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startSimulator, TEST_CREDENTIALS, type Simulator } from '../../src/sim/index.js';
import { hasTmux, killServer, startPane, waitForScreen, type Pane } from '../helpers/tmux.js';

const BIN = new URL('../../bin/polybook.js', import.meta.url).pathname;
const NODE = process.execPath;
const panes: Pane[] = [];
const sims: Simulator[] = [];
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const pane of panes.splice(0)) pane.kill();
  for (const sim of sims.splice(0)) await sim.close();
  for (const child of children.splice(0)) child.kill('SIGTERM');
});

/** A 0600 credentials file holding `key`, as `--credentials` wants it (no secret on a command line). */
function credentialsFile(key: object): string {
  const file = join(mkdtempSync(join(tmpdir(), 'polybook-e2e-orders-')), 'credentials.json');
  writeFileSync(file, JSON.stringify(key));
  chmodSync(file, 0o600);
  return file;
}

/** `polybook sim` as a child process; resolves with its first line (URLs, markets, the test key). */
async function simChild(args: readonly string[]): Promise<Record<string, any>> {
  const child = spawn(NODE, [BIN, 'sim', ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!));
    });
    child.on('exit', (code) => reject(new Error(`sim exited ${code}`)));
  });
}
afterAll(() => killServer());

function pane(name: string, width: number, height: number, args: string): Pane {
  const p = startPane(`pb-history-${name}-${process.pid}`, width, height, `"${NODE}" "${BIN}" ${args} --log-level silent`);
  panes.push(p);
  return p;
}

/** Chart lines: a price label, then block characters. */
const CHART_LINE = /^0\.\d{3} .*[▁▂▃▄▅▆▇█]/;

describe.skipIf(!hasTmux())('price history and own orders in a real tmux', { timeout: 60_000 }, () => {
  it('demo at 120×40: a chart of the backfilled history under the ladder within seconds of the start', async () => {
    const started = Date.now();
    const p = pane('chart', 120, 40, 'demo');
    const screen = await waitForScreen(
      p,
      (s) => /^price since \d\d:\d\d:\d\d {2}last 0\.\d{3}/m.test(s) && s.split('\n').filter((l) => CHART_LINE.test(l)).length >= 1,
      15_000,
      'a chart',
    );
    const lines = screen.split('\n');
    const title = lines.findIndex((l) => l.startsWith('price since'));
    expect(title).toBeGreaterThan(lines.findIndex((l) => /spread/.test(l)));
    const chart = lines.slice(title + 1, title + 9);
    expect(chart[0]).toMatch(/^0\.\d{3} /);
    // The chart is drawn across (nearly) its whole width at once: the backfill, not a few live seconds.
    const filled = chart.at(-1)!.slice(6).replace(/ /g, '').length;
    expect(filled).toBeGreaterThan(90);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(lines.length).toBeLessThanOrEqual(40);
    expect(lines.every((l) => l.length <= 120)).toBe(true);
    p.keys('q');
    expect(await waitForScreen(p, (s) => /EXITED:\d+/.test(s), 5000, 'exit')).toMatch(/EXITED:0/);
  });

  it('watch --orders against the sim: ◆ and the open size on the resting order’s level, the fill in the tape marked', async () => {
    const sim = await startSimulator({ seed: 44, markets: 1, rate: 0 });
    sims.push(sim);
    const ids = sim.markets()[0]!.tokens.map((t) => t.tokenId);
    const credentials = credentialsFile(TEST_CREDENTIALS);
    const p = pane(
      'orders',
      120,
      40,
      `watch ${ids[0]} --orders --credentials ${credentials} --url ${sim.urls.ws_market} --rest ${sim.urls.rest} --gamma ${sim.urls.gamma} --user-url ${sim.urls.ws_user}`,
    );
    await waitForScreen(p, (s) => /spread/.test(s) && /^live/m.test(s), 15_000, 'a live ladder');
    // Wait for the user channel to be subscribed (a first order that is not ours to check).
    const book = sim.truthBook(ids[0]!)!;
    const bid = book.bids.at(-1)!.price;
    const ask = book.asks.at(-1)!.price;
    await new Promise((r) => setTimeout(r, 1000));
    sim.userChannel.placeOrder({ assetId: ids[0]!, side: 'BUY', price: bid, size: '25', stepMs: 5 });
    sim.userChannel.placeOrder({ assetId: ids[0]!, side: 'SELL', price: ask, size: '30', fill: '12', stepMs: 5 });
    const bidRow = new RegExp(`^ +${bid.padEnd(4, '0').replace('.', '\\.')} .*◆25\\b`, 'm');
    const askRow = new RegExp(`^ +${ask.padEnd(4, '0').replace('.', '\\.')} .*◆18\\b`, 'm');
    const screen = await waitForScreen(
      p,
      (s) => bidRow.test(s) && askRow.test(s) && /SELL +\S+ +12(\.0+)? ◆/.test(s),
      10_000,
      'marked levels and a marked fill',
    );
    expect(screen).toMatch(/total {2}mine +depth/);
    p.keys('q');
    expect(await waitForScreen(p, (s) => /EXITED:\d+/.test(s), 5000, 'exit')).toMatch(/EXITED:0/);
  });

  it('watch --orders against `polybook sim --user-activity`: its made-up orders rest marked on the ladder, its fills marked in the tape', async () => {
    const info = await simChild(['--markets', '1', '--rate', '0', '--seed', '9', '--user-activity', '0.3']);
    const ids = (info.markets[0].tokens as { tokenId: string }[]).map((t) => t.tokenId).join(' ');
    const credentials = credentialsFile(info.user_credentials);
    const p = pane(
      'activity',
      120,
      40,
      `watch ${ids} --orders --credentials ${credentials} --url ${info.ws_market} --rest ${info.rest} --gamma ${info.gamma} --user-url ${info.ws_user}`,
    );
    // Tab between the two outcomes until one shows a resting order and a fill (the loop picks either).
    const marked = (s: string) => /^ +0\.\d\d .*◆\d/m.test(s) && /\d\d:\d\d:\d\d (BUY |SELL) .* ◆$/m.test(s);
    let screen = '';
    for (let i = 0; i < 20 && !marked(screen); i++) {
      try {
        screen = await waitForScreen(p, marked, 1500, 'a marked level and a marked fill');
      } catch {
        p.keys('Tab');
      }
    }
    expect(marked(screen)).toBe(true);
    expect(screen).toMatch(/total {2}mine +depth/);
    expect(screen).not.toContain(info.user_credentials.secret);
    p.keys('q');
    expect(await waitForScreen(p, (s) => /EXITED:\d+/.test(s), 5000, 'exit')).toMatch(/EXITED:0/);
  });
});
