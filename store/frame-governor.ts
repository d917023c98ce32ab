/**
 * Keeps drawing inside a CPU budget: twice a second it measures the process's CPU time per second
 * of wall time, and lowers the publish (hence frame) rate when over budget, raising it back towards
 * the --fps maximum when well under. A full-screen Ink frame costs several milliseconds
 * (test/bench/render.tsx), so under a flood of updates a fixed 30 fps would spend a large share of
 * a core redrawing a screen nobody reads that fast; a tmux window of several polybooks multiplies
 * that. Data keeps flowing at full rate: only drawing is paced.
 *
 * The budget is the whole process's: ingest included (process.cpuUsage()). The publisher's interval
 * is one half of the pacing; the screen's frame clock (components/frame-clock.ts) is the other: it
 * reads the governor's current rate through `frameIntervalFor(store)` and puts every redraw (health,
 * clocks, flash fades) on frames at that rate, so lowering the rate lowers what is drawn.
 */
import type { PolybookStore } from './store.js';
import type { BookPublisher } from './publisher.js';

/** The governor pacing each store's publisher (the latest one created for it). */
const governors = new WeakMap<PolybookStore, FrameGovernor>();

/**
 * Milliseconds between frames the governor of `store` allows now (1000 / its current fps), or
 * undefined when no governor paces that store.
 */
export function frameIntervalFor(store: PolybookStore): number | undefined {
  const governor = governors.get(store);
  return governor ? 1000 / governor.currentFps : undefined;
}

export interface GovernorOptions {
  /** The --fps maximum. */
  readonly maxFps: number;
  /** Never below this (default 4). */
  readonly minFps?: number;
  /** Share of one core the process may use (default 0.12); 0 disables the governor. */
  readonly budget?: number;
  readonly now?: () => number;
  readonly cpuMicros?: () => number;
}

export class FrameGovernor {
  private fps: number;
  private timer: ReturnType<typeof setInterval> | null = null;
  private lastWall = 0;
  private lastCpu = 0;
  private readonly now: () => number;
  private readonly cpuMicros: () => number;

  constructor(
    private readonly publisher: BookPublisher,
    private readonly options: GovernorOptions,
  ) {
    this.fps = options.maxFps;
    governors.set(publisher.store, this);
    this.now = options.now ?? (() => performance.now());
    this.cpuMicros =
      options.cpuMicros ??
      (() => {
        const usage = process.cpuUsage();
        return usage.user + usage.system;
      });
  }

  /** The frame rate currently allowed. */
  get currentFps(): number {
    return this.fps;
  }

  start(): void {
    if ((this.options.budget ?? 0.12) <= 0 || this.timer) return;
    this.lastWall = this.now();
    this.lastCpu = this.cpuMicros();
    this.timer = setInterval(() => this.adjust(), 500);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One control step (exposed for tests). */
  adjust(): void {
    const wall = this.now();
    const cpu = this.cpuMicros();
    const share = (cpu - this.lastCpu) / 1000 / Math.max(1, wall - this.lastWall);
    this.lastWall = wall;
    this.lastCpu = cpu;
    const budget = this.options.budget ?? 0.12;
    const min = this.options.minFps ?? 4;
    if (share > budget) this.fps = Math.max(min, this.fps * Math.max(0.5, budget / share));
    else if (share < budget * 0.6) this.fps = Math.min(this.options.maxFps, this.fps * 1.25);
    this.publisher.setInterval(1000 / this.fps);
  }
}
