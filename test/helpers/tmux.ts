/** Drives a real tmux server (a private socket per test run) for end-to-end screen tests. */
import { execFileSync } from 'node:child_process';

const SOCKET = `polybook-test-${process.pid}`;

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
}

export function hasTmux(): boolean {
  try {
    execFileSync('tmux', ['-V'], { encoding: 'utf8' });
    return true;
  } catch {
    return false;
  }
}

export interface Pane {
  readonly name: string;
  /** The visible screen, one string per row. */
  capture(): string[];
  keys(...keys: string[]): void;
  /** The pane's title (what an OSC 0/2 escape sequence would set). */
  title(): string;
  kill(): void;
}

/**
 * Starts `command` in a detached session of `width`×`height`. Ink draws nothing while CI is set
 * (../shared/TOOLCHAIN.md), so the command runs with CI unset; a shell follows it so the test can
 * see the terminal is usable after the program exits.
 */
export function startPane(name: string, width: number, height: number, command: string): Pane {
  const script = `env -u CI -u CONTINUOUS_INTEGRATION ${command}; echo "EXITED:$?"; stty -a | grep -o -- '-icanon' || echo COOKED; sleep 60`;
  // Killing the last session ends the tmux server; a new session asked for while it is still going
  // down fails ("server exited unexpectedly"): ask again once it has gone.
  for (let attempt = 1; ; attempt++) {
    try {
      tmux('new-session', '-d', '-s', name, '-x', String(width), '-y', String(height), 'bash', '-c', script);
      break;
    } catch (error) {
      if (attempt >= 5 || !/server exited unexpectedly/.test(String((error as { stderr?: unknown }).stderr ?? error))) throw error;
      execFileSync('sleep', ['0.2']);
    }
  }
  return {
    name,
    capture: () => tmux('capture-pane', '-p', '-t', name).replace(/\n$/, '').split('\n'),
    keys: (...keys: string[]) => {
      tmux('send-keys', '-t', name, ...keys);
    },
    title: () => tmux('display-message', '-p', '-t', name, '#{pane_title}').trim(),
    kill: () => {
      try {
        tmux('kill-session', '-t', name);
      } catch {
        // already gone
      }
    },
  };
}

export function killServer(): void {
  try {
    tmux('kill-server');
  } catch {
    // no server
  }
}

/** Polls the pane until `predicate` holds on its text; throws with the last screen otherwise. */
export async function waitForScreen(pane: Pane, predicate: (screen: string) => boolean, ms = 10_000, what = 'the screen'): Promise<string> {
  const start = Date.now();
  let screen = '';
  while (Date.now() - start < ms) {
    screen = pane.capture().join('\n');
    if (predicate(screen)) return screen;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; last screen:\n${screen}`);
}
