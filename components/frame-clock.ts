/**
 * The screen's one frame clock. Everything that may change what the screen shows asks it for a
 * frame, and all requests made in one turn of the event loop share one frame (a microtask):
 *
 * - `now()`: new book data (a publish), a key, a resize: a frame in this turn. Publishes are the
 *   frame ticks: the publisher already spaces them by the frame governor's current interval
 *   (store/publisher.ts, store/frame-governor.ts), so drawing each one at once keeps the screen at
 *   most that rate and never behind the feed; pacing them a second time against another timer of
 *   the same period would only let the two drift apart, a publish waiting up to a whole interval.
 * - `soon(at)`: something that changes with time alone or without book data (a health record, the
 *   clock of ages and countdowns, the end of a flash): from `at`, but not before an interval and a
 *   half after the last frame, so while publishes flow it rides along with the next one and costs
 *   no frame of its own; when they stop, it is drawn on its own at most once per interval and a
 *   half.
 *
 * What a frame does is the caller's `frame` callback; it decides whether anything shown changed.
 */

export interface FrameClockOptions {
  /** Runs one frame; may call `soon` for what it knows will change later (a flash ending). */
  readonly frame: () => void;
  /** Milliseconds between frames now (the governor's); 0 draws time-driven changes at once too. */
  readonly interval: () => number;
  /** The clock deadlines are in (the screen's wall clock). */
  readonly now: () => number;
}

export class FrameClock {
  /** When the last frame ran (`now()` time). */
  private last = -Infinity;
  /** Time-driven work is wanted from this time (Infinity: none). */
  private softAt = Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private timerAt = Infinity;
  private queued = false;
  private stopped = false;
  /** Frames run so far. */
  frames = 0;

  constructor(private readonly o: FrameClockOptions) {}

  /** New data, a key or a resize: a frame in this turn of the event loop. */
  now(): void {
    this.queue();
  }

  /** Something that changes without new data, from `at` on (default: now). */
  soon(at = this.o.now()): void {
    if (at < this.softAt) this.softAt = at;
    this.plan();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
  }

  private plan(): void {
    if (this.stopped || this.queued || this.softAt === Infinity) return;
    const t = this.o.now();
    // A wall clock that went back must not hold frames off until it catches up.
    if (this.last > t) this.last = t;
    const at = Math.max(this.softAt, this.last + Math.max(0, this.o.interval()) * 1.5);
    if (at <= t) {
      this.queue();
      return;
    }
    if (this.timer !== null && this.timerAt <= at) return;
    this.clearTimer();
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = Infinity;
      this.queue();
    }, at - t);
  }

  private queue(): void {
    if (this.stopped || this.queued) return;
    this.queued = true;
    this.clearTimer();
    queueMicrotask(() => this.run());
  }

  private run(): void {
    this.queued = false;
    if (this.stopped) return;
    const t = this.o.now();
    this.last = t;
    // Time-driven work due by now is done by this frame; later deadlines stay.
    if (this.softAt <= t) this.softAt = Infinity;
    this.frames++;
    this.o.frame();
    this.plan();
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = Infinity;
  }
}
