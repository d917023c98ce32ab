/**
 * Alerts on a real terminal: `polybook demo --alert …` in tmux shows the banner in place of the
 * tab row for a few seconds, rings the terminal bell (tmux's window bell flag), and `--no-bell`
 * rings none. Skipped only when tmux is not installed (.ci/run installs it).
 */
import { execFileSync } from 'node:child_process';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { hasTmux, killServer, startPane, waitForScreen, type Pane } from '../helpers/tmux.js';

const BIN = new URL('../../bin/polybook.js', import.meta.url).pathname;
const NODE = process.execPath;
const panes: Pane[] = [];

afterEach(() => {
  for (const pane of panes.splice(0)) pane.kill();
});
afterAll(() => killServer());

function pane(name: string, args: string): Pane {
  const p = startPane(`pb-alerts-${name}-${process.pid}`, 120, 40, `"${NODE}" "${BIN}" demo --markets 1 ${args} --log-level silent`);
  panes.push(p);
  return p;
}

/** tmux's bell flag of the pane's window (set when the program writes BEL). */
function bellFlag(p: Pane): string {
  return execFileSync('tmux', ['-L', `polybook-test-${process.pid}`, 'display-message', '-p', '-t', p.name, '#{window_bell_flag}'], {
    encoding: 'utf8',
  }).trim();
}

const secondRow = (screen: string) => screen.split('\n')[1] ?? '';

describe.skipIf(!hasTmux())('alerts in a real tmux', { timeout: 60_000 }, () => {
  it('the banner replaces the tab row for a few seconds, the bell rings, the frame still fits', async () => {
    const p = pane('banner', '--alert "Yes: ask <= 1"');
    const shown = await waitForScreen(p, (s) => /ALERT \d\d:\d\d:\d\d Yes · ask 0\.\d+ <= 1 · rule Yes: ask <= 1/.test(secondRow(s)), 20_000, 'the banner');
    expect(shown.split('\n').length).toBeLessThanOrEqual(40);
    expect(shown.split('\n').every((l) => l.length <= 120)).toBe(true);
    // The ladder is still drawn under it.
    expect(shown).toMatch(/spread/);
    expect(bellFlag(p)).toBe('1');
    // Edge-triggered: the rule stays true, so no new banner; the old one goes and the tabs come back.
    await waitForScreen(p, (s) => /1 Yes/.test(secondRow(s)) && !/ALERT/.test(s), 15_000, 'the tabs to come back');
    p.keys('q');
    expect(await waitForScreen(p, (s) => /EXITED:\d+/.test(s), 5000, 'exit')).toMatch(/EXITED:0/);
  });

  it('--no-bell: the banner without a bell', async () => {
    const p = pane('nobell', '--alert "ask <= 1" --no-bell');
    await waitForScreen(p, (s) => /ALERT/.test(secondRow(s)), 20_000, 'the banner');
    expect(bellFlag(p)).toBe('0');
    p.keys('q');
    expect(await waitForScreen(p, (s) => /EXITED:\d+/.test(s), 5000, 'exit')).toMatch(/EXITED:0/);
  });
});
