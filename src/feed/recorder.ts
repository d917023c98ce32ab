/**
 * `--record <file>`: appends every received frame, one per line, exactly as received: the format
 * of the captures in ../shared, which `polybook replay` reads back. Only received frames are
 * written, so the subscription (and any credentials in it) never reaches a recording.
 *
 * The file is opened when the recorder is made, so a path that cannot be written is an error at
 * start (FeedError 'feed.recordUnwritable'), before anything connects. Frames are then written
 * whole with writeSync on the recorder's own descriptor, batched once per event-loop turn, and the
 * offset after the last complete line is kept: when a write fails (a full disk) the file is cut
 * back to that offset, so a recording never ends in half a frame; recording stops and the error
 * is reported once through `onError`.
 *
 * Beside it, `<file>.meta.json` (recording-meta.ts) keeps the venue-hash inputs the session
 * learned from REST, rewritten whole (write, then rename) whenever they change, so a replay
 * verifies what the live session verified. It is written once the recording holds a frame: a
 * side file is no use without one, and a recording that cannot take a single frame should not
 * leave one behind.
 */
import * as fs from 'node:fs';
import { FeedError, ioProblem } from './errors.js';
import { metaJson, metaPathFor, type RecordingMeta } from './recording-meta.js';

/** The file operations the recorder uses; tests inject failing ones (a disk that fills up). */
export interface RecorderIo {
  openSync(path: string, flags: string): number;
  fstatSync(fd: number): { size: number };
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  ftruncateSync(fd: number, length: number): void;
  closeSync(fd: number): void;
  writeFileSync(path: string, text: string): void;
  renameSync(from: string, to: string): void;
  rmSync(path: string, options: { force: boolean }): void;
}

const realIo: RecorderIo = {
  openSync: (path, flags) => fs.openSync(path, flags),
  fstatSync: (fd) => fs.fstatSync(fd),
  writeSync: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length),
  ftruncateSync: (fd, length) => fs.ftruncateSync(fd, length),
  closeSync: (fd) => fs.closeSync(fd),
  writeFileSync: (path, text) => fs.writeFileSync(path, text, 'utf8'),
  renameSync: (from, to) => fs.renameSync(from, to),
  rmSync: (path, options) => fs.rmSync(path, options),
};

export interface RecorderOptions {
  readonly io?: Partial<RecorderIo>;
}

/** Pending text above this is written at once rather than at the end of the turn (bounds memory). */
const FLUSH_AT_BYTES = 1 << 20;

/** Opens `path` for recording; throws FeedError('feed.recordUnwritable') naming why it cannot. */
export function openRecorder(path: string, options: RecorderOptions = {}): FrameRecorder {
  return new FrameRecorder(path, options);
}

export class FrameRecorder {
  private readonly io: RecorderIo;
  private fd: number | null;
  /** Bytes of the file that end with a complete line: where a failed write is cut back to. */
  private committed: number;
  private pending: string[] = [];
  private pendingBytes = 0;
  private scheduled: ReturnType<typeof setImmediate> | null = null;
  private framesWritten = 0;
  private failed: Error | null = null;
  private readonly metaPath: string;
  private metaText: string | null = null;
  private metaWritten: string | null = null;
  private readonly errorListeners: Array<(error: Error) => void> = [];
  /** process.exit (a closed pipe ends polybook at once) still gets the last turn's frames down. */
  private readonly flushAtExit = () => this.flush();

  constructor(
    readonly path: string,
    options: RecorderOptions = {},
  ) {
    this.io = { ...realIo, ...options.io };
    this.metaPath = metaPathFor(path);
    try {
      this.fd = this.io.openSync(path, 'a');
    } catch (error) {
      throw new FeedError('feed.recordUnwritable', `cannot write the recording ${path}: ${ioProblem(error, true)}`);
    }
    try {
      this.committed = this.io.fstatSync(this.fd).size;
    } catch {
      // A device (or an fd that cannot be stat'ed) has no length to restore.
      this.committed = 0;
    }
    process.on('exit', this.flushAtExit);
  }

  /** The error that stopped recording, if any (its message says what went wrong, in words). */
  get error(): Error | null {
    return this.failed;
  }

  /** Called once when the recording cannot be written (a full disk, ...). */
  onError(listener: (error: Error) => void): void {
    this.errorListeners.push(listener);
    const failed = this.failed;
    if (failed) queueMicrotask(() => listener(failed));
  }

  write(frame: string): void {
    if (this.failed || this.fd === null) return;
    // The venue's JSON never holds a raw newline; anything else would break the one-line format.
    const line = frame.includes('\n') ? `${frame.replaceAll('\n', ' ')}\n` : `${frame}\n`;
    this.pending.push(line);
    this.pendingBytes += line.length;
    if (this.pendingBytes >= FLUSH_AT_BYTES) this.flush();
    else this.schedule();
  }

  /** Records the session's venue-hash inputs; the side file is rewritten when they changed. */
  setMeta(meta: RecordingMeta): void {
    if (this.failed || this.fd === null) return;
    this.metaText = metaJson(meta);
    if (this.metaText !== this.metaWritten) this.schedule();
  }

  /**
   * Writes what is pending and closes the file. A failure of that last write rejects with
   * FeedError('feed.recordFailed'): the session is already stopping, so nobody else would say it.
   */
  async close(): Promise<void> {
    if (this.fd === null) return;
    process.off('exit', this.flushAtExit);
    const failedBefore = this.failed;
    this.flush();
    const fd = this.fd;
    this.fd = null;
    try {
      this.io.closeSync(fd);
    } catch {
      // Every byte was already written with writeSync; a failing close loses nothing more.
    }
    if (!failedBefore && this.failed) throw new FeedError('feed.recordFailed', `cannot write the recording ${this.path}: ${this.failed.message}`);
  }

  private schedule(): void {
    if (this.scheduled === null) this.scheduled = setImmediate(() => this.flush());
  }

  /** Writes the frames of this turn as one block, then the side file if it changed. */
  private flush(): void {
    if (this.scheduled !== null) clearImmediate(this.scheduled);
    this.scheduled = null;
    if (this.failed || this.fd === null) return;
    if (this.pending.length > 0) {
      const block = Buffer.from(this.pending.join(''), 'utf8');
      const frames = this.pending.length;
      this.pending = [];
      this.pendingBytes = 0;
      try {
        this.writeAll(this.fd, block);
      } catch (error) {
        this.cutBack(this.fd);
        return this.fail(error);
      }
      this.committed += block.length;
      this.framesWritten += frames;
    }
    if (this.framesWritten > 0 && this.metaText !== null && this.metaText !== this.metaWritten) this.writeMeta(this.metaText);
  }

  /** writeSync may write less than asked (a disk filling up); a write of nothing is a failure. */
  private writeAll(fd: number, block: Buffer): void {
    for (let done = 0; done < block.length; ) {
      const n = this.io.writeSync(fd, block, done, block.length - done);
      if (n <= 0) throw Object.assign(new Error('wrote nothing'), { code: 'ENOSPC' });
      done += n;
    }
  }

  /** Best effort: drop the partial frame a failed write left, so the file ends with a whole line. */
  private cutBack(fd: number): void {
    try {
      this.io.ftruncateSync(fd, this.committed);
    } catch {
      // A device such as /dev/full cannot be truncated; it holds nothing to tear either.
    }
  }

  private writeMeta(text: string): void {
    const tmp = `${this.metaPath}.tmp`;
    try {
      this.io.writeFileSync(tmp, text);
      this.io.renameSync(tmp, this.metaPath);
      this.metaWritten = text;
    } catch (error) {
      try {
        this.io.rmSync(tmp, { force: true });
      } catch {
        // Best effort: a stale .tmp is harmless, replay never reads it.
      }
      this.fail(error, ` (writing ${this.metaPath})`);
    }
  }

  private fail(error: unknown, where = ''): void {
    if (this.failed) return;
    // The message is the reason in words; the session prefixes "cannot write the recording <path>".
    this.failed = new Error(`${ioProblem(error)}${where}`, { cause: error });
    this.failed.name = 'RecordingError';
    this.pending = [];
    for (const listener of this.errorListeners) listener(this.failed);
  }
}
