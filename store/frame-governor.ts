/**
 * Keeps drawing inside a CPU budget: twice a second it measures the process's CPU time per second
 * of wall time, and sets the publish (hence frame) rate the budget allows, up to the --fps maximum.
 * A full-screen Ink frame costs several milliseconds (test/bench/render.tsx), so under a flood of
 * updates a fixed 30 fps would spend a large share of a core redrawing a screen nobody reads that
 * fast; a tmux window of several polybooks multiplies that. Data keeps flowing at full rate: only
 * drawing is paced.
 *
 * The budget is the whole process's: ingest included (process.cpuUsage()). The screen says what
 * each of its frames cost (`reportFrameCost`), which splits the process's share into what drawing
 * takes per frame and what the rest takes whatever the rate (ingest: ~5 % of a core at 1,000
 * updates/s); the rate the budget allows is then (budget − rest) ÷ cost of a frame. Without that
 * split a rule on the share alone cannot tell whether a higher rate would fit: with the ingest
 * alone near half the budget, a screen that could draw at its full rate within budget stayed at a
 * third of it. Without frame reports (nothing draws) the rate follows the share alone: lowered in
 * proportion when over budget, raised when well under.
 *
 * The publisher's interval is one half of the pacing; the screen's frame clock
 * (components/frame-clock.ts) is the other: it reads the governor's current rate through
 * `frameIntervalFor(store)` and puts every redraw (health, clocks, flash fades) on frames at that
 * rate, so lowering the rate lowers what is drawn.
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

/**
 * Tells the governor pacing `store` (if any) that the screen spent `cpuMs` of CPU on one frame
 * (building it, React and Ink drawing it).
 */
export function reportFrameCost(store: PolybookStore, cpuMs: number): void {
  governors.get(store)?.frameCost(cpuMs);
}

/** Control steps (0.5 s each) the cost of a frame and the rest are measured over. */
const WINDOW_STEPS = 4;
/**
 * Until the screen has drawn this many frames (or for WARMUP_MS after start, whichever is first)
 * the governor does not judge and the rate stays at --fps: the process is loading, and the first
 * frames run the screen's code cold (measured: ~3× the cost of a warm frame for the first ~50
 * frames, V8's compiler threads counting in the process's CPU too). Judged then, the rate dropped
 * to the floor, where fewer frames kept the code cold for longer still (test/bench/render.tsx).
 */
const WARMUP_FRAMES = 100;
const WARMUP_MS = 10_000;
/** At most this factor up per control step (0.5 s): 4 → 10 fps in about a second and a half. */
const MAX_STEP_UP = 1.5;
/** The rate is raised only when the budget allows this much more than the current one. */
const RAISE_MARGIN = 1.05;

export interface GovernorOptions {
  /** The --fps maximum. */
  readonly maxFps: number;
  /** Never below this (default 4). */
  readonly minFps?: number;
  /** Share of one core the process may use (default 0.12); 0 disables the governor. */
  readonly budget?: number;
  /** Frames reported before the governor judges (default WARMUP_FRAMES; tests: 0). */
  readonly warmupFrames?: number;
  readonly now?: () => number;
  readonly cpuMicros?: () => number;
}

export class FrameGovernor {
  private fps: number;
  private timer: ReturnType<typeof setInterval> | null = null;
  private startedAt = 0;
  private lastWall = 0;
  private lastCpu = 0;
  /** Frames reported since start. */
  private framesSeen = 0;
  /** Frames reported since the last step, and their CPU (ms). */
  private frames = 0;
  private framesCpu = 0;
  /** The last WINDOW_STEPS steps: wall and CPU ms, frames and their CPU ms. */
  private window: { readonly wall: number; readonly cpu: number; readonly frames: number; readonly framesCpu: number }[] = [];
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
    this.lastWall = this.startedAt = this.now();
    this.lastCpu = this.cpuMicros();
    this.timer = setInterval(() => this.adjust(), 500);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The screen spent `cpuMs` on a frame (reportFrameCost). */
  frameCost(cpuMs: number): void {
    if (!(cpuMs >= 0)) return;
    this.framesSeen++;
    this.frames++;
    this.framesCpu += cpuMs;
  }

  /** One control step (exposed for tests). */
  adjust(): void {
    const wall = this.now();
    const cpu = this.cpuMicros();
    const elapsed = Math.max(1, wall - this.lastWall);
    const used = (cpu - this.lastCpu) / 1000;
    this.lastWall = wall;
    this.lastCpu = cpu;
    const step = { wall: elapsed, cpu: used, frames: this.frames, framesCpu: this.framesCpu };
    this.frames = 0;
    this.framesCpu = 0;
    if (this.framesSeen < (this.options.warmupFrames ?? WARMUP_FRAMES) && wall - this.startedAt < WARMUP_MS) return;
    this.window.push(step);
    if (this.window.length > WINDOW_STEPS) this.window.shift();
    const budget = this.options.budget ?? 0.12;
    const min = this.options.minFps ?? 4;
    const max = this.options.maxFps;
    const allowed = this.allowedFps(budget);
    if (allowed !== null) {
      if (allowed < this.fps) this.fps = Math.max(this.fps * 0.5, allowed);
      else if (allowed >= this.fps * RAISE_MARGIN) this.fps = Math.min(this.fps * MAX_STEP_UP, allowed);
    } else {
      // Nothing drew: the share alone, this step's.
      const share = used / elapsed;
      if (share > budget) this.fps = this.fps * Math.max(0.5, budget / share);
      else if (share < budget * 0.6) this.fps = this.fps * 1.25;
    }
    // Never above --fps, even where that is below the floor.
    this.fps = Math.min(max, Math.max(min, this.fps));
    this.publisher.setInterval(1000 / this.fps);
  }

  /**
   * The frame rate the budget allows, from the window's frames: what the process spends besides
   * drawing, and what a frame costs; null when no frame was reported in it.
   */
  private allowedFps(budget: number): number | null {
    let wall = 0;
    let cpu = 0;
    let frames = 0;
    let framesCpu = 0;
    for (const s of this.window) {
      wall += s.wall;
      cpu += s.cpu;
      frames += s.frames;
      framesCpu += s.framesCpu;
    }
    if (frames === 0 || framesCpu <= 0) return null;
    const rest = Math.max(0, cpu - framesCpu) / wall;
    return ((budget - rest) * 1000) / (framesCpu / frames);
  }
}
