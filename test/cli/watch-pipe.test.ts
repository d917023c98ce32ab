/**
 * `polybook watch` in pipe mode, as a real child process of the built bin against the real
 * simulator: NDJSON lines, --once, --record read back by replay, SIGINT, a closed pipe.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { tokensOf, truthFingerprint } from '../helpers/sim-client.js';
import { until } from '../helpers/stub-venue.js';

const BIN = new URL('../../bin/polybook.js', import.meta.url).pathname;
const run = promisify(execFile);
let sim: Simulator;

afterEach(async () => {
  await sim?.close();
});

/** `polybook watch` as a child process; its stdout collected as it comes. */
function spawnWatch(args: readonly string[]) {
  const child = spawn(process.execPath, [BIN, 'watch', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, out: () => out };
}

/** Moves the simulator `rounds` × `steps`, a little at a time, so the child keeps up. */
async function move(rounds: number, steps: number): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    sim.advance(steps);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('polybook watch (pipe mode)', () => {
  it('--once prints each asset’s first complete book as NDJSON and exits 0', async () => {
    sim = await startSimulator({ seed: 21, markets: 2, rate: 0 });
    const ids = tokensOf(sim);
    const { stdout, stderr } = await run(process.execPath, [
      BIN,
      'watch',
      ...ids,
      '--url',
      sim.urls.ws_market,
      '--once',
      '--depth',
      '3',
      '--log-level',
      'silent',
    ]);
    expect(stderr).toBe('');
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.asset_id).sort()).toEqual([...ids].sort());
    for (const line of lines) {
      const truth = sim.truthBook(line.asset_id)!;
      expect(line).toMatchObject({ type: 'book', status: 'live' });
      expect(line.bids).toHaveLength(3);
      expect(line.best_bid).toBe(truth.bids.at(-1)!.price);
      expect(line.best_ask).toBe(truth.asks.at(-1)!.price);
      expect(line.bids[1].cumulative).toBeTypeOf('string');
    }
  });

  it('streams book, trade and health lines; stops cleanly on SIGINT; --record is read back by replay', async () => {
    sim = await startSimulator({ seed: 22, markets: 1, rate: 0 });
    const ids = tokensOf(sim);
    const file = join(mkdtempSync(join(tmpdir(), 'polybook-rec-')), 'session.jsonl');
    const { child, exited, out } = spawnWatch([...ids, '--url', sim.urls.ws_market, '--record', file, '--log-level', 'silent']);
    await until(() => out().includes('"type":"book"'), 5000, 'a book line');
    await move(30, 20);
    await until(() => out().includes('"type":"trade"'), 5000, 'a trade line');
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    const types = new Set(
      out()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).type),
    );
    expect(types).toEqual(new Set(['book', 'trade', 'health']));
    // The recording replays to the simulator's truth.
    const { stdout } = await run(process.execPath, [BIN, 'replay', file, '--format', 'json']);
    const summary = JSON.parse(stdout);
    expect(summary.invalid).toBe(0);
    for (const book of summary.books) expect(book.fingerprint).toBe(truthFingerprint(sim, book.asset_id));
    expect(readFileSync(file, 'utf8').split('\n')[0]!.startsWith('[{"market":')).toBe(true);
  });

  it('a closed pipe ends it quietly with status 0', async () => {
    sim = await startSimulator({ seed: 23, markets: 1, rate: 50 });
    const ids = tokensOf(sim);
    // If polybook ignored the closed pipe, this shell would never finish (head exits after 2 lines).
    const { stdout, stderr } = await run('bash', [
      '-c',
      `"${process.execPath}" "${BIN}" watch ${ids.join(' ')} --url ${sim.urls.ws_market} --log-level silent | head -n 2; echo "status=\${PIPESTATUS[0]}"`,
    ]);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('status=0');
    expect(stderr).toBe('');
  });

  it('--record keeps the venue-hash inputs beside the recording; replay verifies with no flags', async () => {
    sim = await startSimulator({ seed: 25, markets: 1, rate: 0 });
    const ids = tokensOf(sim);
    const file = join(mkdtempSync(join(tmpdir(), 'polybook-rec-')), 'session.jsonl');
    const { child, exited, out } = spawnWatch([...ids, '--url', sim.urls.ws_market, '--rest', sim.urls.rest, '--record', file, '--log-level', 'silent']);
    await until(() => out().includes('"status":"live"'), 5000, 'a live book line');
    await until(() => existsSync(`${file}.meta.json`), 5000, 'the side file');
    await move(20, 10);
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const meta = JSON.parse(readFileSync(`${file}.meta.json`, 'utf8'));
    expect(meta.format).toBe('polybook-recording-meta/1');
    expect(meta.assets.map((a: { asset_id: string }) => a.asset_id)).toEqual(ids);
    expect(meta.markets).toEqual([{ market: sim.markets()[0]!.conditionId, min_order_size: '5', neg_risk: false }]);
    const { stdout } = await run(process.execPath, [BIN, 'replay', file, '--format', 'json']);
    for (const book of JSON.parse(stdout).books) {
      expect(book.integrity.hash_verified).toBeGreaterThan(10);
      expect(book.integrity).toMatchObject({ hash_mismatch: 0, bba_disagreed: 0, snapshots_disagreed: 0 });
      expect(book.fingerprint).toBe(truthFingerprint(sim, book.asset_id));
    }
    // Without the side file nothing tells replay the REST-only inputs: unverifiable, never a mismatch.
    rmSync(`${file}.meta.json`);
    const bare = JSON.parse((await run(process.execPath, [BIN, 'replay', file, '--format', 'json'])).stdout);
    for (const book of bare.books) expect(book.integrity).toMatchObject({ hash_verified: 0, hash_mismatch: 0 });
  });

  it('watching one outcome prints nothing about the other one, which every price_change carries', async () => {
    sim = await startSimulator({ seed: 26, markets: 1, rate: 0 });
    const [up, down] = tokensOf(sim);
    const { child, exited, out } = spawnWatch([up!, '--url', sim.urls.ws_market, '--rest', sim.urls.rest, '--quiet-after', '0.3', '--log-level', 'silent']);
    await until(() => out().includes('"status":"live"'), 5000, 'a live book line');
    await move(20, 10);
    // Then quiet: no data for 0.3 s, proven by REST.
    await until(() => out().includes('"status":"quiet"') && /"quiet_verified_at":\d/.test(out()), 5000, 'a verified quiet line');
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    const lines = out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.asset_id === down)).toEqual([]);
    expect(lines.filter((l) => l.type === 'integrity')).toEqual([]);
    expect(new Set(lines.filter((l) => l.type === 'book').map((l) => l.asset_id))).toEqual(new Set([up]));
  });

  it('a recording that cannot be written: one line on stderr, exit 2, before any connection', async () => {
    sim = await startSimulator({ seed: 27, markets: 1, rate: 0 });
    const ids = tokensOf(sim);
    const failed = await run(process.execPath, [
      BIN,
      'watch',
      ...ids,
      '--url',
      sim.urls.ws_market,
      '--record',
      '/nonexistent-dir/session.jsonl',
      '--log-level',
      'silent',
    ]).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 2, stderr: 'polybook: cannot write the recording /nonexistent-dir/session.jsonl: no such directory\n' });
  });

  it('bad arguments: one line on stderr, exit 2', async () => {
    sim = await startSimulator({ seed: 24, markets: 1, rate: 0 });
    const venue = ['--rest', sim.urls.rest, '--gamma', sim.urls.gamma];
    const failed = await run(process.execPath, [BIN, 'watch', 'not-a-market', ...venue]).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 2, stderr: 'polybook: no market matches "not-a-market" (tried event slug, market slug)\n' });
    const badUrl = await run(process.execPath, [BIN, 'watch', '123', '--url', 'http://x']).catch((e: { code: number; stderr: string }) => e);
    expect(badUrl).toMatchObject({ code: 2 });
    expect((badUrl as { stderr: string }).stderr.trim().split('\n')).toHaveLength(1);
  });
});
