/**
 * `--record <file>`: appends every received frame, one per line, exactly as received: the format
 * of the captures in ../shared, which `polybook replay` reads back. Only received frames are
 * written, so the subscription (and any credentials in it) never reaches a recording.
 */
import { createWriteStream, type WriteStream } from 'node:fs';

export class FrameRecorder {
  private readonly stream: WriteStream;
  private failed: Error | null = null;

  constructor(path: string) {
    this.stream = createWriteStream(path, { flags: 'a', encoding: 'utf8' });
    this.stream.on('error', (error) => {
      this.failed = error;
    });
  }

  /** The error that stopped recording, if any. */
  get error(): Error | null {
    return this.failed;
  }

  write(frame: string): void {
    if (this.failed) return;
    // The venue's JSON never holds a raw newline; anything else would break the one-line format.
    this.stream.write(frame.includes('\n') ? `${frame.replaceAll('\n', ' ')}\n` : `${frame}\n`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.stream.end(() => resolve()));
  }
}
