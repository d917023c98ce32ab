/** The built bin as a child process, with a clean environment (no config, state in a temp dir). */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

export const BIN = new URL('../../bin/polybook.js', import.meta.url).pathname;

export interface Running {
  readonly child: ChildProcess;
  /** Exit status (null when killed by a signal) and the signal. */
  readonly exited: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>;
  readonly out: () => string;
  readonly err: () => string;
  /** The temp directory that is XDG_CONFIG_HOME and XDG_STATE_HOME. */
  readonly dir: string;
}

const running = new Set<ChildProcess>();
/** A child a failed test left running is killed. */
afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

export function polybook(args: readonly string[], options: { env?: Record<string, string>; input?: string } = {}): Running {
  const dir = mkdtempSync(join(tmpdir(), 'polybook-bin-'));
  const child = spawn(process.execPath, [BIN, ...args], {
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', XDG_CONFIG_HOME: dir, XDG_STATE_HOME: dir, POLYBOOK_CONFIG: join(dir, 'none.json'), ...options.env },
  });
  if (options.input !== undefined) child.stdin!.end(options.input);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  running.add(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    // 'close': the process ended and its output was all read.
    child.on('close', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  return { child, exited, out: () => out, err: () => err, dir };
}

/** Runs to the end: status, stdout, stderr. */
export async function run(
  args: readonly string[],
  options: { env?: Record<string, string>; input?: string } = {},
): Promise<{ code: number | null; out: string; err: string }> {
  const p = polybook(args, options);
  const { code } = await p.exited;
  return { code, out: p.out(), err: p.err() };
}
