/**
 * `--record <file>`: appends every received frame, one per line, exactly as received: the format
 * of the captures in ../shared, which `polybook replay` reads back. Only received frames are
 * written, so the subscription (and any credentials in it) never reaches a recording.
 *
 * Beside it, `<file>.meta.json` (recording-meta.ts) keeps the venue-hash inputs the session
 * learned from REST, rewritten whole (write, then rename) whenever they change, so a replay
 * verifies what the live session verified.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { metaJson, metaPathFor, type RecordingMeta } from './recording-meta.js';

export class FrameRecorder {
  private readonly stream: WriteStream;
  private failed: Error | null = null;
  private readonly metaPath: string;
  private metaText: string | null = null;
  private metaWrite: Promise<void> = Promise.resolve();
  private readonly errorListeners: Array<(error: Error) => void> = [];

  constructor(readonly path: string) {
    this.metaPath = metaPathFor(path);
    this.stream = createWriteStream(path, { flags: 'a', encoding: 'utf8' });
    this.stream.on('error', (error) => this.fail(error));
  }

  /** The error that stopped recording, if any. */
  get error(): Error | null {
    return this.failed;
  }

  /** Called once when the recording cannot be written (a full disk, a missing directory, ...). */
  onError(listener: (error: Error) => void): void {
    this.errorListeners.push(listener);
  }

  write(frame: string): void {
    if (this.failed) return;
    // The venue's JSON never holds a raw newline; anything else would break the one-line format.
    this.stream.write(frame.includes('\n') ? `${frame.replaceAll('\n', ' ')}\n` : `${frame}\n`);
  }

  /** Records the session's venue-hash inputs; the side file is rewritten when they changed. */
  setMeta(meta: RecordingMeta): void {
    const text = metaJson(meta);
    if (this.failed || text === this.metaText) return;
    this.metaText = text;
    const tmp = `${this.metaPath}.tmp`;
    this.metaWrite = this.metaWrite
      .then(() => writeFile(tmp, text, 'utf8'))
      .then(() => rename(tmp, this.metaPath))
      .catch((error: Error) => this.fail(error));
  }

  async close(): Promise<void> {
    await this.metaWrite;
    await new Promise<void>((resolve) => this.stream.end(() => resolve()));
  }

  private fail(error: Error): void {
    if (this.failed) return;
    this.failed = error;
    for (const listener of this.errorListeners) listener(error);
  }
}
