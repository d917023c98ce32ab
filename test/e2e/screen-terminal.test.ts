/**
 * The trader's screen in a real tmux with the real bin (`polybook demo`): the ladder fills a tall
 * pane, two outcomes side by side at 200 columns, the board (b, arrows, Enter), resizes that leave
 * nothing of the old frame, the alternate screen (and --no-alt-screen), Ctrl-Z and fg, and a
 * screen that draws with CI set. Skipped only when tmux is not installed (.ci/run installs it).
 */
import { execFileSync } from 'node:child_process';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { hasTmux, waitForScreen, type Pane } from '../helpers/tmux.js';

const BIN = new URL('../../bin/polybook.js', import.meta.url).pathname;
const NODE = process.execPath;
const SOCKET = `pb-screen-${process.pid}`;
const PRICE = /\b0\.\d{2}\b/;
const LEVEL = /^[ AB]{1,2} ?0\.\d{2} +[\d,.]+ +[\d,.]+/;
const panes: Pane[] = [];

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
}

/** A pane running `script` in bash (CI unset unless the script sets it), then a marker and the tty mode. */
function pane(name: string, width: number, height: number, script: string): Pane {
  const session = `pb-screen-${name}-${process.pid}`;
  // Killing the last session ends the tmux server, and a new session asked for while it is still
  // going down fails ("server exited unexpectedly"): ask again once it has gone.
  for (let attempt = 1; ; attempt++) {
    try {
      tmux('new-session', '-d', '-s', session, '-x', String(width), '-y', String(height), 'bash', '--norc', '--noprofile', '-c', script);
      break;
    } catch (error) {
      if (attempt >= 5 || !/server exited unexpectedly/.test(String((error as { stderr?: unknown }).stderr ?? error))) throw error;
      execFileSync('sleep', ['0.2']);
    }
  }
  const p: Pane = {
    name: session,
    capture: () => tmux('capture-pane', '-p', '-t', session).replace(/\n$/, '').split('\n'),
    keys: (...keys: string[]) => {
      tmux('send-keys', '-t', session, ...keys);
    },
    title: () => tmux('display-message', '-p', '-t', session, '#{pane_title}').trim(),
    kill: () => {
      try {
        tmux('kill-session', '-t', session);
      } catch {
        // already gone
      }
    },
  };
  panes.push(p);
  return p;
}

const demo = (flags = '') => `"${NODE}" "${BIN}" demo --log-level silent ${flags}`;
/** Runs the demo, then says how it exited and whether the terminal is back in cooked mode. */
const demoThenShell = (flags = '', env = 'env -u CI -u CONTINUOUS_INTEGRATION') =>
  `echo SHELL-BEFORE; ${env} ${demo(flags)}; echo "EXITED:$?"; stty -a | grep -o -- '-icanon' || echo COOKED; sleep 60`;

function resize(p: Pane, width: number, height: number): void {
  tmux('resize-window', '-t', p.name, '-x', String(width), '-y', String(height));
}

const levels = (screen: string) => screen.split('\n').filter((l) => LEVEL.test(l)).length;
const fits = (screen: string, width: number, height: number) => {
  const rows = screen.split('\n');
  expect(rows.length).toBeLessThanOrEqual(height);
  for (const row of rows) expect(row.length).toBeLessThanOrEqual(width);
};

afterEach(() => {
  for (const p of panes.splice(0)) p.kill();
});
afterAll(() => {
  try {
    tmux('kill-server');
  } catch {
    // no server
  }
});

describe.skipIf(!hasTmux())('the trader’s screen in a real tmux', { timeout: 60_000 }, () => {
  it('200×60: the ladder fills the pane, the two outcomes side by side; q gives the shell back', async () => {
    const p = pane('tall', 200, 60, demoThenShell());
    const screen = await waitForScreen(p, (s) => levels(s) >= 40 && /spread.*spread/.test(s), 20_000, 'two tall ladders');
    fits(screen, 200, 60);
    // Two column-title rows on one line, one per outcome; two spread rows on one line.
    expect(screen).toMatch(/price .* depth {2}\S+ .* price .* depth {2}\S+/);
    expect(screen.split('\n').filter((l) => /spread .* spread /.test(l))).toHaveLength(1);
    p.keys('q');
    const after = await waitForScreen(p, (s) => /EXITED:\d+\n(COOKED|-icanon)/.test(s), 5000, 'the exit');
    // The alternate screen is left: the shell's own lines, none of the frame.
    expect(after).toMatch(/SHELL-BEFORE\nEXITED:0\nCOOKED/);
    expect(after).not.toMatch(/spread|price|integrity/);
  });

  it('--no-alt-screen keeps the last frame on the terminal after q', async () => {
    const p = pane('noalt', 120, 40, demoThenShell('--no-alt-screen'));
    await waitForScreen(p, (s) => PRICE.test(s) && /spread/.test(s), 20_000, 'a ladder');
    p.keys('q');
    const after = await waitForScreen(p, (s) => /EXITED:\d+/.test(s), 5000, 'the exit');
    expect(after).toMatch(/EXITED:0/);
    expect(after).toMatch(/spread 1 tick|spread \d+ ticks/);
    expect(after).toMatch(/integrity {2}snap/);
  });

  it('the board: b opens it, Down and Enter open the next asset’s ladder, b returns; 120×40', async () => {
    const p = pane('board', 120, 40, demoThenShell());
    const first = await waitForScreen(p, (s) => PRICE.test(s) && /spread/.test(s) && /— \S+ {2,}live/.test(s), 20_000, 'a live ladder');
    const title = first.split('\n')[0]!;
    p.keys('b');
    const board = await waitForScreen(p, (s) => /outcome {2}market/.test(s) && /^> /m.test(s), 5000, 'the board');
    fits(board, 120, 40);
    // One row per watched asset (the demo's 4 markets, 2 outcomes each), prices and a mark on each.
    const rows = board.split('\n').filter((l) => /^[> ] \S/.test(l) && /0\.\d\d/.test(l));
    expect(rows).toHaveLength(8);
    for (const row of rows) expect(row).toMatch(/[✓?✗]/);
    const selected = () => p.capture().find((l) => l.startsWith('> '))!;
    const before = selected();
    p.keys('Down');
    await waitForScreen(p, () => selected() !== before, 5000, 'the selection to move');
    const outcome = /^> (\S+)/.exec(selected())![1]!;
    p.keys('Enter');
    const ladder = await waitForScreen(p, (s) => !/outcome {2}market/.test(s) && /spread/.test(s), 5000, 'the ladder');
    expect(ladder.split('\n')[0]).not.toBe(title);
    expect(ladder.split('\n')[0]).toContain(`— ${outcome}`);
    p.keys('b');
    await waitForScreen(p, (s) => /outcome {2}market/.test(s), 5000, 'the board again');
    p.keys('b');
    await waitForScreen(p, (s) => !/outcome {2}market/.test(s) && /spread/.test(s), 5000, 'back to the ladder');
    p.keys('q');
    expect(await waitForScreen(p, (s) => /EXITED:\d+/.test(s), 5000, 'exit')).toMatch(/EXITED:0/);
  });

  it('resizes leave nothing of the old frame: 200×60 → 120×40 → 80×24 → 200×60', async () => {
    const p = pane('resize', 200, 60, demoThenShell());
    await waitForScreen(p, (s) => levels(s) >= 40, 20_000, 'a tall ladder');
    for (const [width, height] of [
      [120, 40],
      [80, 24],
      [200, 60],
    ] as const) {
      resize(p, width, height);
      const drawn = (s: string) => s.split('\n').length <= height && /integrity {2}snap/.test(s) && s.split('\n').every((l) => l.length <= width);
      const screen = await waitForScreen(p, drawn, 10_000, `the frame at ${width}×${height}`);
      // Later frames too (a loaded machine may catch one between its clear and its rows).
      await new Promise((r) => setTimeout(r, 400));
      const settled = await waitForScreen(p, drawn, 5000, `the frame at ${width}×${height}, settled`);
      fits(settled, width, height);
      // One frame: one header, one health bar, one integrity line; no row of an older frame.
      expect(settled.split('\n').filter((l) => /\? help$/.test(l))).toHaveLength(1);
      expect(settled.split('\n').filter((l) => /^integrity {2}snap/.test(l))).toHaveLength(1);
      expect(settled.split('\n').filter((l) => /^live {2}rtt|^reconnecting/.test(l))).toHaveLength(1);
      expect(screen).toBeTruthy();
    }
    p.keys('q');
    expect(await waitForScreen(p, (s) => /EXITED:\d+/.test(s), 5000, 'exit')).toMatch(/EXITED:0/);
  });

  it('Ctrl-Z suspends to the shell (raw mode off, the frame gone) and fg resumes and redraws', async () => {
    // An interactive shell, so job control works; the program is typed in.
    const p = pane('suspend', 120, 40, 'env -u CI -u CONTINUOUS_INTEGRATION PS1="SHELL$ " bash --norc --noprofile -i');
    await waitForScreen(p, (s) => /SHELL\$ ?$/m.test(s), 5000, 'the prompt');
    // Alone on its line: a shell drops the rest of a list whose job was stopped.
    p.keys(demo(), 'Enter');
    await waitForScreen(p, (s) => PRICE.test(s) && /spread/.test(s), 20_000, 'a ladder');
    p.keys('C-z');
    const suspended = await waitForScreen(p, (s) => /Stopped/.test(s) && /SHELL\$ ?$/m.test(s), 5000, 'the job stopped');
    expect(suspended).not.toMatch(/spread|integrity/);
    // The shell has the terminal in cooked mode.
    p.keys("stty -a | grep -o -- '-icanon' || echo COOKED-WHILE-STOPPED", 'Enter');
    await waitForScreen(p, (s) => /^COOKED-WHILE-STOPPED$/m.test(s), 5000, 'cooked mode while stopped');
    p.keys('fg', 'Enter');
    const back = await waitForScreen(p, (s) => PRICE.test(s) && /spread/.test(s) && /integrity {2}snap/.test(s), 10_000, 'the frame again');
    fits(back, 120, 40);
    expect(back).not.toMatch(/COOKED-WHILE-STOPPED/);
    // Keys work again (raw mode back on): ? opens the help.
    p.keys('?');
    await waitForScreen(p, (s) => /next asset/.test(s), 5000, 'the help');
    p.keys('q');
    await waitForScreen(p, (s) => !/spread/.test(s) && /SHELL\$ ?$/m.test(s), 5000, 'the prompt after q');
    p.keys(`echo "EXITED:$?"; stty -a | grep -o -- '-icanon' || echo COOKED`, 'Enter');
    const after = await waitForScreen(p, (s) => /^EXITED:\d+\n(COOKED|-icanon)$/m.test(s), 5000, 'exit');
    expect(after).toMatch(/^EXITED:0\nCOOKED$/m);
    // The shell's screen as it was: nothing of the frame drawn while resuming.
    expect(after).not.toMatch(/spread|integrity|price/);
  });

  it('Ctrl-Z with no shell to resume it (an orphaned process group ignores the stop): the screen carries on', async () => {
    const p = pane('orphan', 100, 30, demoThenShell());
    await waitForScreen(p, (s) => PRICE.test(s) && /spread/.test(s), 20_000, 'a ladder');
    p.keys('C-z');
    await new Promise((r) => setTimeout(r, 500));
    p.keys('?');
    await waitForScreen(p, (s) => /next asset/.test(s), 5000, 'the help: keys still work');
    p.keys('Escape');
    await waitForScreen(p, (s) => /spread/.test(s) && /integrity {2}snap/.test(s), 5000, 'the ladder');
    p.keys('q');
    expect(await waitForScreen(p, (s) => /EXITED:\d+\n(COOKED|-icanon)/.test(s), 5000, 'exit')).toMatch(/EXITED:0\nCOOKED/);
  });

  it('TERM=dumb and FORCE_COLOR=0 fall back to the markers NO_COLOR uses', async () => {
    for (const env of ['env -u CI TERM=dumb', 'env -u CI FORCE_COLOR=0']) {
      const p = pane(`plain-${env.length}`, 100, 30, demoThenShell('', env));
      const screen = await waitForScreen(p, (s) => /^A {1,2}0\.\d\d /m.test(s) && /^B {1,2}0\.\d\d /m.test(s), 20_000, `side markers with ${env}`);
      expect(screen).toMatch(/^\[1 /m);
      p.keys('q');
      expect(await waitForScreen(p, (s) => /EXITED:\d+/.test(s), 5000, 'exit')).toMatch(/EXITED:0/);
    }
  });

  it('draws with CI set (CI=1), at 80×24', async () => {
    const p = pane('ci', 80, 24, demoThenShell('', 'env CI=1 CONTINUOUS_INTEGRATION=true'));
    const screen = await waitForScreen(p, (s) => PRICE.test(s) && /spread/.test(s) && /integrity/.test(s), 20_000, 'a ladder with CI=1');
    fits(screen, 80, 24);
    p.keys('Tab');
    await waitForScreen(p, (s) => /\[2 /.test(s), 5000, 'the second tab');
    p.keys('q');
    expect(await waitForScreen(p, (s) => /EXITED:\d+/.test(s), 5000, 'exit')).toMatch(/EXITED:0/);
  });
});
