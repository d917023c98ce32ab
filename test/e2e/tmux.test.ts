/**
 * End to end in a real tmux: `polybook demo` and `polybook watch` drawn on real terminals at
 * 120×40 and 40×12; keys, help, reconnects after the simulator's connections stop, and a clean
 * exit that leaves the shell usable. Skipped only when tmux is not installed (.ci/run installs it).
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startSimulator, TEST_CREDENTIALS } from '../../src/sim/index.js';
import { hasTmux, killServer, startPane, waitForScreen, type Pane } from '../helpers/tmux.js';

const BIN = new URL('../../bin/polybook.js', import.meta.url).pathname;
const NODE = process.execPath;
const PRICE = /\b0\.\d{2}\b/;
const panes: Pane[] = [];
const children: ChildProcess[] = [];

afterEach(() => {
  for (const pane of panes.splice(0)) pane.kill();
  for (const child of children.splice(0)) child.kill('SIGTERM');
});
afterAll(() => killServer());

function pane(name: string, width: number, height: number, args: string): Pane {
  const p = startPane(`${name}-${process.pid}`, width, height, `"${NODE}" "${BIN}" ${args} --log-level silent`);
  panes.push(p);
  return p;
}

/** The header's first line (question — outcome). */
const header = (screen: string) => screen.split('\n')[0]!;

describe.skipIf(!hasTmux())('the screen in a real tmux', { timeout: 60_000 }, () => {
  it('demo at 120×40: ladder with prices, Tab changes the header, ? shows help, q exits and restores the terminal', async () => {
    const p = pane('full', 120, 40, 'demo');
    const first = await waitForScreen(p, (s) => PRICE.test(s) && /spread/.test(s), 15_000, 'a ladder');
    expect(first.split('\n').length).toBeLessThanOrEqual(40);
    expect(first.split('\n').every((line) => line.length <= 120)).toBe(true);
    expect(first).toMatch(/live/);
    const before = header(first);
    p.keys('Tab');
    await waitForScreen(p, (s) => header(s) !== before, 5000, 'the header to change after Tab');
    p.keys('?');
    await waitForScreen(p, (s) => /next asset/.test(s) && /quit/.test(s), 5000, 'the help overlay');
    p.keys('Escape');
    await waitForScreen(p, (s) => !/next asset/.test(s), 5000, 'the help to close');
    p.keys('q');
    // stty runs after the exit line: wait for its answer too.
    const after = await waitForScreen(p, (s) => /EXITED:\d+\n(COOKED|-icanon)/.test(s), 5000, 'the program to exit');
    expect(after).toMatch(/EXITED:0/);
    expect(after).toMatch(/COOKED/);
  });

  it('demo in a 40×12 pane: a compact layout that fits and still shows prices', async () => {
    const p = pane('small', 40, 12, 'demo');
    const screen = await waitForScreen(p, (s) => PRICE.test(s), 15_000, 'prices');
    const lines = screen.split('\n');
    expect(lines.length).toBeLessThanOrEqual(12);
    expect(lines.every((line) => line.length <= 40)).toBe(true);
    expect(lines.filter((l) => PRICE.test(l)).length).toBeGreaterThanOrEqual(4);
    p.keys('q');
    expect(await waitForScreen(p, (s) => /EXITED:\d+/.test(s), 5000, 'exit')).toMatch(/EXITED:0/);
  });

  it('when the simulator drops its connections the screen says reconnecting, then the book comes back', async () => {
    const sim = await startSimulator({ seed: 52, markets: 1, rate: 20 });
    try {
      const ids = sim
        .markets()[0]!
        .tokens.map((t) => t.tokenId)
        .join(' ');
      const p = pane('reconnect', 120, 40, `watch ${ids} --url ${sim.urls.ws_market} --rest ${sim.urls.rest} --gamma ${sim.urls.gamma}`);
      await waitForScreen(p, (s) => PRICE.test(s) && /^live/m.test(s), 15_000, 'a live ladder');
      // Down for 2 s: long enough to be seen reconnecting (the first retry comes after ~1 s).
      const restarted = sim.restartListener(2000);
      await waitForScreen(p, (s) => /reconnecting #\d/.test(s), 10_000, 'reconnecting');
      await restarted;
      // Live again once the connection is and the fresh snapshot came (never before: §"honest status").
      const back = await waitForScreen(
        p,
        (s) => /^live/m.test(s) && / {2}live {2}tick/.test(s) && PRICE.test(s) && /reconnects [1-9]/.test(s),
        20_000,
        'live again',
      );
      expect(back).not.toMatch(/STALE|RECONNECTING|REST/);
      p.keys('q');
      await waitForScreen(p, (s) => /EXITED:0/.test(s), 5000, 'exit');
    } finally {
      await sim.close();
    }
  });

  it('orders: the user channel on screen, an order and its trade appear as they progress', async () => {
    const sim = await startSimulator({ seed: 51, markets: 1, rate: 0 });
    try {
      const market = sim.markets()[0]!;
      const creds = `POLY_API_KEY=${TEST_CREDENTIALS.apiKey} POLY_API_SECRET=${TEST_CREDENTIALS.secret} POLY_PASSPHRASE=${TEST_CREDENTIALS.passphrase}`;
      const p = startPane(
        `orders-${process.pid}`,
        100,
        30,
        `env ${creds} "${NODE}" "${BIN}" orders ${market.conditionId} --user-url ${sim.urls.ws_user} --rest ${sim.urls.rest} --gamma ${sim.urls.gamma} --log-level silent`,
      );
      panes.push(p);
      await waitForScreen(p, (s) => /user channel\s+live/.test(s), 15_000, 'a live user channel');
      sim.userChannel.placeOrder({ assetId: market.tokens[0]!.tokenId, side: 'BUY', price: '0.45', size: '10', fill: '4', stepMs: 20 });
      const screen = await waitForScreen(p, (s) => /CONFIRMED/.test(s), 10_000, 'a confirmed trade');
      expect(screen).toMatch(/BUY\s+\S+\s+0\.45\s+10\s+4\s+/);
      expect(screen).toMatch(/MATCHED → MINED → CONFIRMED/);
      expect(screen).not.toContain(TEST_CREDENTIALS.secret);
      p.keys('q');
      await waitForScreen(p, (s) => /EXITED:0/.test(s), 5000, 'exit');
    } finally {
      await sim.close();
    }
  });

  it('replay on a terminal: recorded pace, space pauses, . steps one frame', async () => {
    const capture = new URL('../../../shared/fixtures/polymarket/live-2026-07-19-polysim/market-frames.jsonl', import.meta.url).pathname;
    const p = startPane(`replay-${process.pid}`, 120, 40, `"${NODE}" "${BIN}" replay ${capture} --speed 0.2`);
    panes.push(p);
    await waitForScreen(p, (s) => /REPLAY 0\.2× {2}frame \d+\/900/.test(s) && PRICE.test(s), 15_000, 'the replay line');
    p.keys('Space');
    const paused = await waitForScreen(p, (s) => /\[paused\]/.test(s), 5000, 'paused');
    const frameOf = (screen: string) => Number(/frame (\d+)\/900/.exec(screen)![1]);
    const at = frameOf(paused);
    await new Promise((r) => setTimeout(r, 600));
    const still = frameOf(p.capture().join('\n'));
    expect(still).toBe(at);
    p.keys('.');
    await waitForScreen(p, (s) => frameOf(s) === still + 1, 5000, 'one step');
    p.keys('q');
    await waitForScreen(p, (s) => /EXITED:0/.test(s), 5000, 'exit');
  });
});
