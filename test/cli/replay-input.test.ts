/**
 * `replay -` reads standard input (through the real bin); an input with no valid frame is one
 * line and exit 1; -o/--output chooses the format.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isValidFrame } from '../../src/cli/replay-summary.js';
import { parseFrame } from '../../src/protocol/parse-frame.js';
import { runCli } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { capture, cli } from '../helpers/cli.js';
import { LIVE_FRAMES, LIVE_REST_BOOK } from '../helpers/fixtures.js';
import { run } from './bin-helper.js';

function file(body: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'polybook-replay-')), 'input.jsonl');
  writeFileSync(path, body);
  return path;
}

describe('polybook replay -', () => {
  it('reads the recording from standard input: the same document as the file', async () => {
    const fromFile = await run(['replay', LIVE_FRAMES, '-o', 'json']);
    const fromStdin = await run(['replay', '-', '-o', 'json'], { input: readFileSync(LIVE_FRAMES, 'utf8') });
    expect(fromStdin).toEqual({ code: 0, out: fromFile.out, err: '' });
    expect(JSON.parse(fromStdin.out)).toMatchObject({ frames: 900, events: { book: 24, price_change: 864, last_trade_price: 11 }, invalid: 0 });
  });

  it('--book-meta still applies (there is no side file for standard input)', async () => {
    const { code, out } = await run(['replay', '-', '--book-meta', LIVE_REST_BOOK], { input: readFileSync(LIVE_FRAMES, 'utf8') });
    expect(code).toBe(0);
    for (const book of JSON.parse(out).books) expect(book.integrity).toMatchObject({ hash_verified: 22, hash_mismatch: 0 });
  });

  it('CRLF line ends and a last line without a newline are frames as in a file', async () => {
    const body = 'PONG\r\n[]\r\nPONG';
    const expected = await run(['replay', file(body)]);
    const got = await run(['replay', '-'], { input: body });
    expect(got).toEqual(expected);
    expect(JSON.parse(got.out)).toMatchObject({ frames: 3, control: { PONG: 2 } });
  });

  it('a file leaves standard input unopened (the json and the screen paths)', async () => {
    let opened = 0;
    const watched = (c: ReturnType<typeof capture>, renderTui?: CliIo['renderTui']) => ({
      ...c.io,
      ...(renderTui && { renderTui }),
      get stdin() {
        opened++;
        return undefined;
      },
    });
    const json = capture();
    expect(await runCli(['replay', file('PONG\n'), '-o', 'json'], watched(json))).toBe(0);
    expect(json.out()).toContain('"PONG":1');
    const tui = capture();
    await runCli(
      ['replay', file('PONG\n'), '-o', 'tui'],
      watched(tui, async () => {}),
    );
    expect(opened).toBe(0);
  });

  it('in process, with no standard input to read: one line, exit 2', async () => {
    expect(await cli(['replay', '-'])).toEqual({ code: 2, out: '', err: 'polybook: replay -: there is no standard input here\n' });
  });
});

describe('an input with no valid frame: one line, exit 1', () => {
  it.each([
    ['an empty file', '', 'is empty: no frame to replay'],
    ['blank lines only', '\n\n', ': none of its 2 lines is a valid frame (a recording holds one WebSocket text frame per line, as watch --record writes)'],
    ['text', 'hello\n', ': none of its 1 line is a valid frame (a recording holds one WebSocket text frame per line, as watch --record writes)'],
    [
      'NDJSON output of watch, not a recording',
      '{"type":"book","ts":1,"asset_id":"1"}\n{"type":"health","ts":2}\n{"event_type":"book"\n',
      ': none of its 3 lines is a valid frame (a recording holds one WebSocket text frame per line, as watch --record writes)',
    ],
  ])('%s', async (_what, body, said) => {
    const path = file(body);
    const sep = said.startsWith(':') ? '' : ' ';
    expect(await cli(['replay', path, '-o', 'json'])).toEqual({ code: 1, out: '', err: `polybook: ${path}${sep}${said}\n` });
    // The same through standard input.
    expect(await run(['replay', '-'], { input: body })).toEqual({ code: 1, out: '', err: `polybook: standard input${sep}${said}\n` });
    // And on the screen path, which reads the whole file before drawing anything.
    const c = capture(true);
    let drawn = false;
    const code = await runCli(['replay', path, '-o', 'tui'], { ...c.io, renderTui: async () => void (drawn = true) });
    expect({ code, err: c.err(), drawn }).toEqual({ code: 1, err: `polybook: ${path}${sep}${said}\n`, drawn: false });
  });

  it('one valid frame is enough: a recording of PONGs and garbage is replayed', async () => {
    expect((await cli(['replay', file('garbage\nPONG\n')])).code).toBe(0);
  });

  it('what counts as a valid frame', () => {
    const valid = (text: string) => isValidFrame(parseFrame(text));
    expect(['PONG', '[]', 'INVALID OPERATION', '{"event_type":"mystery"}', '[{"event_type":"mystery"},{"x":1}]'].map(valid)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['', ' ', 'hello', '{"type":"book"}', '{"event_type":"book"', '[{"x":1}]'].map(valid)).toEqual([false, false, false, false, false, false]);
  });
});
