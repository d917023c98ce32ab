/**
 * Output that cannot be written, through the real bin as a child process: a `--record` path that
 * cannot be opened (exit 2 before connecting), a recording on a full disk (/dev/full: exit 1), NDJSON
 * into a full disk (exit 1; a closed pipe stays a quiet 0), and a log file that cannot be written
 * (one line on stderr, and watching goes on). Every failure is exactly one `polybook: …` line.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { tokensOf } from '../helpers/sim-client.js';
import { startStubVenue, until } from '../helpers/stub-venue.js';

const BIN = new URL('../../bin/polybook.js', import.meta.url).pathname;
let sim: Simulator;
let ids: string[];

beforeAll(async () => {
  sim = await startSimulator({ seed: 41, markets: 1, rate: 0 });
  ids = tokensOf(sim);
});
afterAll(async () => {
  await sim?.close();
});
/** A child a failed test left running (an old polybook hung at exit on a full log disk) is killed. */
const running = new Set<ReturnType<typeof spawn>>();
afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

/** The bin as a child process; stdout to a pipe, or to a file descriptor such as /dev/full's. */
function polybook(args: readonly string[], stdout: 'pipe' | number = 'pipe') {
  const dir = mkdtempSync(join(tmpdir(), 'polybook-out-err-'));
  const child = spawn(process.execPath, [BIN, ...args], {
    stdio: ['ignore', stdout, 'pipe'],
    env: { PATH: process.env.PATH ?? '', XDG_CONFIG_HOME: dir, XDG_STATE_HOME: dir },
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  running.add(child);
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  return { child, exited, out: () => out, err: () => err };
}

/** Runs to its end: the exit status and everything it said on stderr. */
async function finished(p: ReturnType<typeof polybook>): Promise<{ code: number | null; err: string }> {
  const code = await p.exited;
  return { code, err: p.err() };
}

function withFullDisk<T>(use: (fd: number) => Promise<T>): Promise<T> {
  const fd = openSync('/dev/full', 'w');
  return use(fd).finally(() => closeSync(fd));
}

describe('--record <file> that cannot be written', () => {
  it('a missing directory or a directory: one line, exit 2, and no connection is made', async () => {
    const venue = await startStubVenue();
    try {
      const dir = mkdtempSync(join(tmpdir(), 'polybook-out-err-'));
      const missing = join(dir, 'no-such-dir', 'session.jsonl');
      const common = [ids[0]!, '--url', venue.url, '--no-rest-sync', '--log-level', 'silent'];
      expect(await finished(polybook(['watch', ...common, '--record', missing]))).toEqual({
        code: 2,
        err: `polybook: cannot write the recording ${missing}: no such directory\n`,
      });
      expect(await finished(polybook(['watch', ...common, '--record', dir]))).toEqual({
        code: 2,
        err: `polybook: cannot write the recording ${dir}: is a directory\n`,
      });
      expect(venue.received).toEqual([]);
    } finally {
      await venue.close();
    }
  }, 15_000);

  it('a full disk (/dev/full): one line, exit 1, and no side file left behind', async () => {
    // An older polybook wrote its side file even when no frame could be recorded: start clean.
    rmSync('/dev/full.meta.json', { force: true });
    const p = polybook(['watch', ...ids, '--url', sim.urls.ws_market, '--no-rest-sync', '--record', '/dev/full', '--log-level', 'silent']);
    expect(await finished(p)).toEqual({ code: 1, err: 'polybook: cannot write the recording /dev/full: no space left on device\n' });
    expect(existsSync('/dev/full.meta.json')).toBe(false);
    expect(existsSync('/dev/full.meta.json.tmp')).toBe(false);
  }, 15_000);
});

describe('standard output that cannot be written', () => {
  it('watch NDJSON into a full disk: one line, exit 1', async () => {
    await withFullDisk(async (fd) => {
      const p = polybook(['watch', ...ids, '--url', sim.urls.ws_market, '--no-rest-sync', '--log-level', 'silent'], fd);
      expect(await finished(p)).toEqual({ code: 1, err: 'polybook: cannot write to standard output: no space left on device\n' });
    });
  }, 15_000);

  it('a command whose only write fails after it is done (replay --format json): one line, exit 1', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'polybook-out-err-')), 'r.jsonl');
    writeFileSync(file, '[]\n');
    await withFullDisk(async (fd) => {
      expect(await finished(polybook(['replay', file, '--format', 'json'], fd))).toEqual({
        code: 1,
        err: 'polybook: cannot write to standard output: no space left on device\n',
      });
    });
  }, 15_000);

  it('a closed pipe is still a quiet exit 0', async () => {
    const p = polybook(['watch', ...ids, '--url', sim.urls.ws_market, '--no-rest-sync', '--log-level', 'silent']);
    await until(() => p.out().includes('"type":"book"'), 5000, 'a book line');
    p.child.stdout!.destroy();
    // Writes now fail with EPIPE; the next book line (a health or book change) finds it closed.
    sim.advance(50);
    expect(await finished(p)).toEqual({ code: 0, err: '' });
  }, 15_000);
});

describe('--log-file that cannot be written: said once, and watching goes on', () => {
  /** Watches until a live book is printed, then SIGINT: it must end cleanly (0) with `line` once. */
  async function watchWithLog(logFile: string, line: string): Promise<void> {
    const p = polybook(['watch', ...ids, '--url', sim.urls.ws_market, '--no-rest-sync', '--log-file', logFile, '--log-level', 'debug']);
    await until(() => p.out().includes('"status":"live"'), 5000, 'a live book line');
    sim.advance(20);
    await new Promise((r) => setTimeout(r, 200));
    p.child.kill('SIGINT');
    expect(await finished(p)).toEqual({ code: 0, err: line });
  }

  it('a directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'polybook-out-err-'));
    await watchWithLog(dir, `polybook: cannot write the log file ${dir}: is a directory; logging is off\n`);
  }, 15_000);

  it('a parent that is a regular file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'polybook-out-err-')), 'plain');
    writeFileSync(file, '');
    const log = join(file, 'polybook', 'polybook.log');
    await watchWithLog(log, `polybook: cannot write the log file ${log}: a parent is not a directory; logging is off\n`);
  }, 15_000);

  it('a parent that cannot be created (where recursive mkdirSync would spin forever)', async () => {
    await watchWithLog(
      '/proc/polybook-nope/polybook.log',
      'polybook: cannot write the log file /proc/polybook-nope/polybook.log: no such directory; logging is off\n',
    );
  }, 15_000);

  it('a full disk: the first failed write is said once; the process still ends at SIGINT', async () => {
    await watchWithLog('/dev/full', 'polybook: cannot write the log file /dev/full: no space left on device; logging is off\n');
  }, 15_000);
});
