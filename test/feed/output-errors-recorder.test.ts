/**
 * The recorder on a failing disk: a path that cannot be opened is an error at once (before any
 * frame), and a write that fails part-way (a disk filling up) leaves the file ending in a whole
 * line, stops recording and is reported once. Real files in a temp directory; the full disk is a
 * real writeSync that stops after N bytes with a short write, then ENOSPC.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FeedError } from '../../src/feed/errors.js';
import { FrameRecorder, openRecorder, type RecorderIo } from '../../src/feed/recorder.js';

const run = promisify(execFile);
const META = { assets: [{ assetId: '123', market: '0xabc', tickSize: '0.01' }], markets: [{ market: '0xabc', minOrderSize: '5', negRisk: false }] };

function tempFile(name = 'session.jsonl'): string {
  return join(mkdtempSync(join(tmpdir(), 'polybook-rec-err-')), name);
}

/** One event-loop turn: the recorder writes what it gathered during the last one. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected`), { code });
}

/** A disk with `room` bytes left: the write that crosses it is short, the next one is ENOSPC. */
function fillingDisk(room: number): { io: Partial<RecorderIo>; calls: number[] } {
  let left = room;
  const calls: number[] = [];
  return {
    calls,
    io: {
      writeSync: (fd, buffer, offset, length) => {
        calls.push(length);
        if (left === 0) throw errno('ENOSPC');
        const n = Math.min(left, length);
        left -= n;
        return fs.writeSync(fd, buffer, offset, n);
      },
    },
  };
}

function capture(recorder: FrameRecorder): Error[] {
  const errors: Error[] = [];
  recorder.onError((error) => errors.push(error));
  return errors;
}

describe('--record: a path that cannot be written is an error at once', () => {
  it('a missing directory, a directory, no permission: FeedError feed.recordUnwritable, the reason in words', () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'polybook-rec-err-')), 'no-such-dir', 'session.jsonl');
    const directory = mkdtempSync(join(tmpdir(), 'polybook-rec-err-'));
    const attempts: Array<[string, Partial<RecorderIo>]> = [
      [missing, {}],
      [directory, {}],
      // Tests run as root, where chmod cannot take a permission away: the refusal is injected.
      [
        '/locked/session.jsonl',
        {
          openSync: () => {
            throw errno('EACCES');
          },
        },
      ],
    ];
    const thrown = attempts.map(([path, io]) => {
      try {
        openRecorder(path, { io });
        return null;
      } catch (error) {
        return error;
      }
    });
    expect(thrown.map((e) => e instanceof FeedError && e.code)).toEqual(['feed.recordUnwritable', 'feed.recordUnwritable', 'feed.recordUnwritable']);
    expect(thrown.map((e) => (e as Error).message)).toEqual([
      `cannot write the recording ${missing}: no such directory`,
      `cannot write the recording ${directory}: is a directory`,
      'cannot write the recording /locked/session.jsonl: permission denied',
    ]);
    expect(existsSync(join(missing, '..'))).toBe(false);
  });
});

describe('--record: a write that fails part-way', () => {
  it('cuts the file back to its last whole line, stops recording and reports once', async () => {
    const file = tempFile();
    writeFileSync(file, '{"earlier":"session"}\n');
    const frames = ['{"event_type":"book","n":1}', '{"event_type":"book","n":2}', '{"event_type":"book","n":3}'];
    // Room for the first turn's frame and half of the second turn's.
    const disk = fillingDisk(frames[0]!.length + 1 + 10);
    const recorder = new FrameRecorder(file, { io: disk.io });
    const errors = capture(recorder);
    recorder.write(frames[0]!);
    await turn();
    recorder.write(frames[1]!);
    recorder.write(frames[2]!);
    await turn();
    expect(errors.map((e) => e.message)).toEqual(['no space left on device']);
    expect(((errors[0] as Error).cause as NodeJS.ErrnoException).code).toBe('ENOSPC');
    expect(recorder.error).toBe(errors[0]);
    // The earlier session's line and the whole first frame stay; the torn second batch is gone.
    expect(readFileSync(file, 'utf8')).toBe(`{"earlier":"session"}\n${frames[0]}\n`);
    // A short write, then the retry of the rest that found the disk full.
    expect(disk.calls).toEqual([frames[0]!.length + 1, (frames[1]!.length + 1) * 2, (frames[1]!.length + 1) * 2 - 10]);
    // Nothing more is written, nor reported, after the failure.
    recorder.write('{"event_type":"book","n":4}');
    recorder.setMeta(META);
    await turn();
    await recorder.close();
    expect(readFileSync(file, 'utf8')).toBe(`{"earlier":"session"}\n${frames[0]}\n`);
    expect(errors).toHaveLength(1);
    expect(disk.calls).toHaveLength(3);
    expect(existsSync(`${file}.meta.json`)).toBe(false);
  });

  it('a write of zero bytes is a failure, not a loop', async () => {
    const file = tempFile();
    const recorder = new FrameRecorder(file, { io: { writeSync: () => 0 } });
    const errors = capture(recorder);
    recorder.write('{"a":1}');
    await turn();
    expect(errors.map((e) => e.message)).toEqual(['no space left on device']);
    expect(readFileSync(file, 'utf8')).toBe('');
    // Reported once already: closing does not report it again.
    await recorder.close();
  });

  it('a failure of the last write, at close, rejects close() with feed.recordFailed', async () => {
    const file = tempFile();
    const recorder = new FrameRecorder(file, { io: fillingDisk(3).io });
    const errors = capture(recorder);
    recorder.write('{"a":1}');
    await expect(recorder.close()).rejects.toMatchObject({ code: 'feed.recordFailed', message: `cannot write the recording ${file}: no space left on device` });
    expect(errors.map((e) => e.message)).toEqual(['no space left on device']);
    expect(readFileSync(file, 'utf8')).toBe('');
  });

  it('a listener added after the failure still hears of it, once', async () => {
    const recorder = new FrameRecorder(tempFile(), {
      io: {
        writeSync: () => {
          throw errno('EIO');
        },
      },
    });
    recorder.write('{"a":1}');
    await turn();
    const late: string[] = [];
    recorder.onError((error) => late.push(error.message));
    await turn();
    expect(late).toEqual(['input/output error']);
    await recorder.close();
  });
});

describe('--record: whole frames, one write per turn, the side file after the first frame', () => {
  it('frames of the current turn still reach the file when the process exits at once (a closed pipe)', async () => {
    const file = tempFile();
    const recorder = new URL('../../dist/src/feed/recorder.js', import.meta.url).href;
    const script = `const { FrameRecorder } = await import(${JSON.stringify(recorder)}); const r = new FrameRecorder(${JSON.stringify(file)}); r.write('{"a":1}'); r.write('{"b":2}'); process.exit(0);`;
    await run(process.execPath, ['--input-type=module', '-e', script]);
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}\n{"b":2}\n');
  });

  it('gathers a turn’s frames into one write; newlines inside a frame become spaces', async () => {
    const file = tempFile();
    const disk = fillingDisk(1 << 20);
    const recorder = new FrameRecorder(file, { io: disk.io });
    recorder.write('{"a":1}');
    recorder.write('{"b":\n2}');
    recorder.write('{"c":3}');
    await turn();
    recorder.write('{"d":4}');
    await recorder.close();
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}\n{"b": 2}\n{"c":3}\n{"d":4}\n');
    expect(disk.calls).toEqual([25, 8]);
  });

  it('writes <file>.meta.json (write, then rename) only once a frame is recorded', async () => {
    const file = tempFile();
    const recorder = new FrameRecorder(file);
    recorder.setMeta(META);
    await turn();
    expect(existsSync(`${file}.meta.json`)).toBe(false);
    recorder.write('{"a":1}');
    await turn();
    const meta = JSON.parse(readFileSync(`${file}.meta.json`, 'utf8'));
    expect(meta).toEqual({
      format: 'polybook-recording-meta/1',
      assets: [{ asset_id: '123', market: '0xabc', tick_size: '0.01' }],
      markets: [{ market: '0xabc', min_order_size: '5', neg_risk: false }],
    });
    expect(existsSync(`${file}.meta.json.tmp`)).toBe(false);
    await recorder.close();
  });

  it('a side file that cannot be written stops recording through the same onError', async () => {
    const file = tempFile();
    const removed: string[] = [];
    const recorder = new FrameRecorder(file, {
      io: {
        writeFileSync: () => {
          throw errno('ENOSPC');
        },
        rmSync: (path) => void removed.push(path),
      },
    });
    const errors = capture(recorder);
    recorder.setMeta(META);
    recorder.write('{"a":1}');
    await turn();
    expect(errors.map((e) => e.message)).toEqual([`no space left on device (writing ${file}.meta.json)`]);
    expect(removed).toEqual([`${file}.meta.json.tmp`]);
    // The frame written before the side file failed is whole; nothing follows it.
    recorder.write('{"b":2}');
    await recorder.close();
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}\n');
  });
});
