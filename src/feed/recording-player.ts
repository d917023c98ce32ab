/**
 * Plays a recording into a frame handler at its recorded pace (or faster, or as fast as possible),
 * with pause and single-step, for the interactive `polybook replay`.
 *
 * Recordings hold no receive times, so the pace comes from the venue timestamps inside the frames;
 * text frames (PONG, empty) and frames without a timestamp play at once. Timestamps are not
 * monotonic (POLYMARKET.md §4.2): a frame stamped earlier than the last one plays immediately, and
 * a silence longer than `maxGapMs` is shortened to it so a quiet hour does not look like a hang.
 */
const TIMESTAMP = /"timestamp":\s*"(\d{10,16})"/;

/** The venue timestamp (epoch ms) of a frame, or null. */
export function frameTimestamp(frame: string): number | null {
  const match = TIMESTAMP.exec(frame);
  return match ? Number(match[1]) : null;
}

export interface RecordingPlayerOptions {
  /** Speed multiplier, or 'max' for as fast as possible. */
  readonly speed: number | 'max';
  readonly maxGapMs?: number;
  /** Frames applied per macrotask at 'max' speed. */
  readonly batch?: number;
}

export class RecordingPlayer {
  private index = 0;
  private paused = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastTs: number | null = null;
  private finished: () => void = () => {};
  readonly done: Promise<void>;
  readonly speed: string;

  constructor(
    private readonly frames: readonly string[],
    private readonly apply: (frame: string) => void,
    private readonly options: RecordingPlayerOptions,
  ) {
    this.speed = options.speed === 'max' ? 'max' : `${options.speed}x`;
    this.done = new Promise((resolve) => {
      this.finished = resolve;
    });
  }

  start(): void {
    this.schedule();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.paused = true;
  }

  isPaused(): boolean {
    return this.paused;
  }

  togglePause(): void {
    this.paused = !this.paused;
    if (this.paused) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
    } else {
      this.lastTs = null;
      this.schedule();
    }
  }

  /** Applies exactly one frame (meant for when paused). */
  step(): void {
    if (this.index < this.frames.length) this.applyNext();
    if (this.index >= this.frames.length) this.finished();
  }

  progress(): { frame: number; total: number } {
    return { frame: this.index, total: this.frames.length };
  }

  private applyNext(): void {
    const frame = this.frames[this.index++]!;
    const ts = frameTimestamp(frame);
    if (ts !== null) this.lastTs = this.lastTs === null ? ts : Math.max(this.lastTs, ts);
    this.apply(frame);
  }

  private schedule(): void {
    if (this.paused || this.timer) return;
    if (this.index >= this.frames.length) {
      this.finished();
      return;
    }
    if (this.options.speed === 'max') {
      this.timer = setTimeout(() => {
        this.timer = null;
        const end = Math.min(this.frames.length, this.index + (this.options.batch ?? 2000));
        while (!this.paused && this.index < end) this.applyNext();
        this.schedule();
      }, 0);
      return;
    }
    const ts = frameTimestamp(this.frames[this.index]!);
    let wait = 0;
    if (ts !== null && this.lastTs !== null && ts > this.lastTs) {
      wait = Math.min(ts - this.lastTs, this.options.maxGapMs ?? 5000) / this.options.speed;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.paused) return;
      this.applyNext();
      this.schedule();
    }, wait);
  }
}
