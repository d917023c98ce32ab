/** `polybook replay` through the real CLI entry (in process) and the real bin (child process). */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { capture } from '../helpers/cli.js';
import { LIVE_FRAMES, LIVE_REST_BOOK, UP_TOKEN } from '../helpers/fixtures.js';

describe('polybook replay --format json', () => {
  it('prints one JSON document with counts and books (live capture)', async () => {
    const c = capture();
    expect(await runCli(['replay', LIVE_FRAMES, '--format', 'json'], c.io)).toBe(0);
    expect(c.err()).toBe('');
    expect(c.out().trim().split('\n')).toHaveLength(1);
    const doc = JSON.parse(c.out());
    expect(doc).toMatchObject({ frames: 900, events: { book: 24, price_change: 864, last_trade_price: 11 }, invalid: 0 });
    const up = doc.books.find((b: { asset_id: string }) => b.asset_id === UP_TOKEN);
    expect(up.bids[0]).toEqual({ price: '0.4', size: '106.06' });
    expect(up.asks[0]).toEqual({ price: '0.41', size: '276.56' });
    expect(up.tick_size).toBe('0.01');
    expect(up.last_trade).toEqual({ price: '0.41', size: '2.439023', side: 'BUY' });
    expect(up.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(up.integrity).toEqual({
      snapshots_agreed: 11,
      snapshots_disagreed: 0,
      snapshots_refreshed: 0,
      bba_agreed: 636,
      bba_disagreed: 0,
      hash_verified: 0,
      hash_unverifiable: 22,
      hash_mismatch: 0,
      crossed: 0,
      awaiting_snapshot: 0,
      quiet_verified: 0,
      quiet_resynced: 0,
      rest_untrusted: 0,
    });
  });

  it('--book-meta makes the venue hash verifiable', async () => {
    const c = capture();
    expect(await runCli(['replay', LIVE_FRAMES, '--book-meta', LIVE_REST_BOOK], c.io)).toBe(0);
    const doc = JSON.parse(c.out());
    for (const book of doc.books) expect(book.integrity).toMatchObject({ hash_verified: 22, hash_unverifiable: 0, hash_mismatch: 0 });
  });

  it('counts malformed lines instead of failing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'polybook-'));
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, '{"event_type":"book"\nPONG\n{"event_type":"mystery"}\n');
    const c = capture();
    expect(await runCli(['replay', file], c.io)).toBe(0);
    expect(JSON.parse(c.out())).toMatchObject({ frames: 3, invalid: 1, invalid_reasons: { malformed_json: 1 }, unknown: 1, control: { PONG: 1 }, books: [] });
  });

  it.each([
    [['replay', '/nonexistent/file.jsonl'], /^polybook: cannot read \/nonexistent\/file.jsonl: no such file\n$/],
    [['replay', tmpdir()], /is a directory\n$/],
    [['replay', LIVE_FRAMES, '--format', 'xml'], /^polybook: --format 'xml': must be one of json, tui\n$/],
    [['replay', LIVE_FRAMES, '-o', 'ndjson'], /^polybook: --output 'ndjson': must be one of json, tui\n$/],
    [['replay', LIVE_FRAMES, '-o', 'json', '--format', 'tui'], /^polybook: --output json and --format tui disagree; give one output\n$/],
    [['replay', LIVE_FRAMES, '--book-meta', '/nonexistent.json'], /cannot read --book-meta/],
  ])('bad input %j: one line on stderr, exit 2', async (argv, message) => {
    const c = capture();
    expect(await runCli(argv, c.io)).toBe(2);
    expect(c.out()).toBe('');
    expect(c.err()).toMatch(message);
    expect(c.err().trim().split('\n')).toHaveLength(1);
  });

  it('the installed bin runs the compiled CLI', async () => {
    const bin = new URL('../../bin/polybook.js', import.meta.url).pathname;
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'replay', LIVE_FRAMES]);
    expect(JSON.parse(stdout).frames).toBe(900);
    const failed = await promisify(execFile)(process.execPath, [bin, 'replay', '/nope']).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 2, stderr: 'polybook: cannot read /nope: no such file\n' });
  });
});
