/**
 * readFrames reads a recording file as splitFrames splits its text: CRLF and a last line without
 * a newline, and characters whose UTF-8 bytes straddle two reads (of 1 MiB each).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFrames, splitFrames } from '../../src/feed/recording.js';

async function framesOf(text: string): Promise<string[]> {
  const path = join(mkdtempSync(join(tmpdir(), 'polybook-recording-')), 'r.jsonl');
  writeFileSync(path, text);
  const frames: string[] = [];
  for await (const frame of readFrames(path)) frames.push(frame);
  return frames;
}

describe('readFrames', () => {
  it('splits as splitFrames does', async () => {
    for (const text of ['', '\n', 'PONG\r\n[]\r\nPONG', 'a\n\nb\n', '\r\n']) expect(await framesOf(text), JSON.stringify(text)).toEqual(splitFrames(text));
  });

  it('decodes characters split across reads', async () => {
    const line = `${'x'.repeat((1 << 20) - 1)}é€😀`;
    const text = `${line}\n${line.slice(3)}\nlast`;
    expect(await framesOf(text)).toEqual(splitFrames(text));
  });

  it('a missing file is an error with its code', async () => {
    const frames = readFrames(join(tmpdir(), 'polybook-no-such-recording.jsonl'));
    await expect(frames.next()).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
