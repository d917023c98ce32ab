/**
 * Render benchmark: the full screen (120×40, 20-level ladder, colour) drawn by Ink into an
 * in-memory terminal, wired as the CLI wires it (engine → publisher → store → App, the frame
 * governor pacing both the publisher and the screen's frame clock, Ink's options from
 * components/render-tui.tsx), with production React. For each case it feeds updates at a fixed rate
 * (and a health record a second, as a live connection does) and prints, from the same run: frames
 * drawn per second, the process's CPU per second of wall time (% of a core), CPU per frame drawn,
 * and the worst publish → screen lag (a publish to the terminal write of the frame that shows it).
 * Targets (the performance issue): never more than one frame behind the feed; at 1,000 updates/s
 * ≤ 15 % of a core at ≥ 10 fps with the tmux defaults, ≤ 30 % with --cpu-budget 0 --fps 30.
 *
 * React and Ink are loaded here, after NODE_ENV is set: bin/polybook.js runs production React, and
 * development React costs ~5× per frame. Colour is forced (FORCE_COLOR=1, unless set) because a
 * terminal has colour and Ink's cost grows with the escape codes it tokenizes; BENCH_NOCOLOR=1
 * draws without (NO_COLOR markers); BENCH_BOARD=1 draws the board (`b`) instead of the ladder.
 * BENCH_RENDER_CASES picks cases by name (comma-separated: tmux, fixed30, terminal, flood; default
 * all of them).
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ScreenController } from '../../components/screen-controller.js';
import { BookEngine } from '../../src/book/engine.js';
import { splitFrames } from '../../src/feed/recording.js';
import type { FeedEvent } from '../../src/protocol/events.js';
import { parseFrame } from '../../src/protocol/parse-frame.js';
import { FrameGovernor } from '../../store/frame-governor.js';
import { PriceHistory } from '../../store/history.js';
import { BookPublisher } from '../../store/publisher.js';
import { createPolybookStore, setDepth, setHealth, type PolybookStore } from '../../store/store.js';
import { fmt, line } from './harness.js';

process.env.NODE_ENV = 'production';
process.env.FORCE_COLOR ??= '1';
const { createElement } = await import('react');
const { render } = await import('ink');
const { App } = await import('../../components/app.js');
const { inkOptions } = await import('../../components/render-tui.js');
const { shareInkOutputCaches } = await import('../../components/ink-output-cache.js');
// As the CLI's screen does (components/render-tui.tsx); POLYBOOK_INK_CACHE=0 measures without.
const sharedCaches = await shareInkOutputCaches();

const BSU = '\u001B[?2026h';

/** A terminal that keeps nothing: Ink writes frames (each opened by a synchronized-update mark). */
class NullTerminal extends EventEmitter {
  readonly columns = 120;
  readonly rows = 40;
  readonly isTTY = true;
  frames: number[] = [];
  write(chunk: string): boolean {
    if (chunk === BSU) this.frames.push(performance.now());
    return true;
  }
}

function liveEvents(): FeedEvent[] {
  const dir = resolve(process.env.POLYBOOK_SHARED ?? '../shared', 'fixtures/polymarket/live-2026-07-19-polysim');
  return splitFrames(readFileSync(`${dir}/market-frames.jsonl`, 'utf8')).flatMap((f) => parseFrame(f).events);
}

function liveHealth(store: PolybookStore, perSecond: number): void {
  setHealth(store, {
    id: 'market-0',
    channel: 'market',
    state: 'live',
    frozen: false,
    attempt: 0,
    nextRetryAt: null,
    rttMs: 12 + Math.round(Math.random() * 4),
    messagesPerSec: perSecond,
    lastDataAt: Date.now(),
    quietVerifiedAt: null,
    reconnects: 0,
    lastDisconnectCause: null,
    assets: 2,
  });
}

interface Case {
  /** --fps */
  readonly fps: number;
  /** --cpu-budget as a share (0 = never lower the rate). */
  readonly budget: number;
  readonly perSecond: number;
  readonly seconds: number;
  /** Seconds before measuring (the governor settles on a rate). */
  readonly settle: number;
  /** False: the same feed with no screen (what the screen's figures are taken against). */
  readonly screen?: boolean;
}

interface Run {
  readonly wall: number;
  readonly framesDrawn: number;
  readonly publishes: number;
  /** Frames the screen looked at, and those that changed what it shows. */
  readonly looked: number;
  readonly changed: number;
  /** Ink renders (a render whose output did not change writes nothing). */
  readonly inkRenders: number;
  readonly cpuShare: number;
  readonly worstLagMs: number;
  /** 99th percentile of the lag. */
  readonly p99LagMs: number;
  /** The worst wait from a publish to the frame that looked at it, and from that look to the write. */
  readonly worstWaitMs: number;
  readonly worstDrawMs: number;
  /** The frame interval at the end (the governor's rate). */
  readonly intervalMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Feeds `c.perSecond` events into engine → publisher → store → App, set up as the CLI does. */
async function run(events: readonly FeedEvent[], c: Case): Promise<Run> {
  const store = createPolybookStore();
  setDepth(store, 20);
  const engine = new BookEngine();
  const publisher = new BookPublisher(engine, store, { intervalMs: 1000 / c.fps });
  const governor = new FrameGovernor(publisher, { maxFps: c.fps, budget: c.budget });
  // The price history, as a watch session keeps it (BENCH_HISTORY=0 measures without).
  const history = process.env.BENCH_HISTORY === '0' ? null : new PriceHistory(store);
  history?.attach(publisher);
  liveHealth(store, c.perSecond);
  const terminal = new NullTerminal();
  let controller: ScreenController | null = null;
  let inkRenders = 0;
  const ink =
    c.screen === false
      ? null
      : render(
          createElement(App, {
            store,
            title: 'bench',
            fps: c.fps,
            noColor: process.env.BENCH_NOCOLOR === '1',
            onController: (x: ScreenController) => (controller = x),
          }),
          { stdout: terminal as unknown as NodeJS.WriteStream, ...inkOptions(c.fps), onRender: () => inkRenders++ },
        );
  for (const event of events.slice(0, 2)) publisher.handle(event);
  await sleep(200);
  // A full backfill (10 hours a minute apart), so the chart is drawn from the first frame.
  for (const id of store.getState().order)
    history?.backfill(
      id,
      Array.from({ length: 600 }, (_, i) => ({ t: Date.now() - (600 - i) * 60_000, p: 0.5 + 0.1 * Math.sin(i / 20) })),
    );

  // Publish → screen: the publishes a frame looked at, and when the frame that showed them was written.
  let measuring = false;
  let publishes = 0;
  let pending: number[] = [];
  const shown: { readonly at: number; readonly published: readonly number[] }[] = [];
  store.subscribe((state, previous) => {
    if (state.frame === previous.frame || !measuring) return;
    publishes++;
    pending.push(performance.now());
  });
  const screen = controller as ScreenController | null;
  // BENCH_BOARD=1: the same feed with the board (`b`) open instead of the ladder.
  if (process.env.BENCH_BOARD === '1') screen?.actions().toggleBoard?.();
  const stopObserving =
    screen?.observe((drew) => {
      if (drew && pending.length > 0) shown.push({ at: performance.now(), published: pending });
      pending = [];
    }) ?? (() => {});

  governor.start();
  const tickMs = 10;
  let index = 2;
  let sent = 0;
  const start = performance.now();
  let lastHealth = start;
  let wall0 = start;
  let cpu0 = process.cpuUsage();
  let frames0 = 0;
  let renders0 = 0;
  let looked0 = 0;
  let changed0 = 0;
  const end = start + (c.settle + c.seconds) * 1000;
  for (let now = start; now < end; now = performance.now()) {
    if (!measuring && now - start >= c.settle * 1000) {
      measuring = true;
      wall0 = now;
      cpu0 = process.cpuUsage();
      frames0 = terminal.frames.length;
      renders0 = inkRenders;
      looked0 = screen?.looked ?? 0;
      changed0 = screen?.drawn ?? 0;
    }
    const due = Math.floor(((now - start) / 1000) * c.perSecond);
    for (; sent < due; sent++) {
      publisher.handle(events[2 + ((index - 2) % (events.length - 2))]!);
      index++;
    }
    if (now - lastHealth >= 1000) {
      lastHealth = now;
      liveHealth(store, c.perSecond);
    }
    await sleep(tickMs);
  }
  const wall = (performance.now() - wall0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  measuring = false;
  await sleep(100);
  const lags: number[] = [];
  let worstWait = 0;
  let worstDraw = 0;
  for (const frame of shown) {
    const written = terminal.frames.find((t) => t >= frame.at);
    if (written === undefined) continue;
    worstDraw = Math.max(worstDraw, written - frame.at);
    for (const p of frame.published) {
      worstWait = Math.max(worstWait, frame.at - p);
      lags.push(written - p);
      // BENCH_LAG_DEBUG=1: where a publish later than a frame on screen spent its time.
      if (process.env.BENCH_LAG_DEBUG && written - p > 1000 / governor.currentFps) {
        process.stderr.write(
          `lag ${(written - p).toFixed(1)} ms: looked at after ${(frame.at - p).toFixed(1)} ms, written ${(written - frame.at).toFixed(1)} ms later\n`,
        );
      }
    }
  }
  lags.sort((a, b) => a - b);
  stopObserving();
  governor.stop();
  ink?.unmount();
  publisher.close();
  return {
    wall,
    framesDrawn: terminal.frames.length - frames0,
    publishes,
    looked: (screen?.looked ?? 0) - looked0,
    changed: (screen?.drawn ?? 0) - changed0,
    inkRenders: inkRenders - renders0,
    cpuShare: (cpu.user + cpu.system) / 1e6 / wall,
    worstLagMs: lags.at(-1) ?? 0,
    p99LagMs: lags[Math.floor(lags.length * 0.99)] ?? 0,
    worstWaitMs: worstWait,
    worstDrawMs: worstDraw,
    intervalMs: 1000 / governor.currentFps,
  };
}

function report(label: string, r: Run, feed: Run): void {
  const fps = r.framesDrawn / r.wall;
  const screen = Math.max(0, r.cpuShare - feed.cpuShare);
  line(label, '');
  line(
    '  frames drawn',
    `${fps.toFixed(1)} /s (${fmt(r.publishes / r.wall)} publishes/s; ${fmt(r.looked / r.wall)} frames looked at, ${fmt(r.changed / r.wall)} changed, ${fmt(r.inkRenders / r.wall)} Ink renders)`,
  );
  line(
    '  CPU, whole process',
    `${(r.cpuShare * 100).toFixed(1)} % of a core (the screen's part ${(screen * 100).toFixed(1)} %, ${((screen * 1000) / Math.max(0.1, fps)).toFixed(2)} ms a frame)`,
  );
  line(
    '  worst lag, publish to screen',
    `${r.worstLagMs.toFixed(1)} ms = ${(r.worstLagMs / r.intervalMs).toFixed(2)} frame (1 frame = ${r.intervalMs.toFixed(1)} ms; 99th percentile ${r.p99LagMs.toFixed(1)} ms)`,
  );
  line('    of which', `waiting for the frame ≤ ${r.worstWaitMs.toFixed(1)} ms, drawing it ≤ ${r.worstDrawMs.toFixed(1)} ms`);
}

export async function benchRender(): Promise<void> {
  const events = liveEvents();
  const seconds = Number(process.env.BENCH_RENDER_SECONDS ?? 8);
  const tmux: Case = { fps: 10, budget: 0.12, perSecond: 1000, seconds, settle: 3 };
  const fixed30: Case = { fps: 30, budget: 0, perSecond: 1000, seconds, settle: 1 };
  const feed = await run(events, { ...fixed30, screen: false });
  if (process.env.BENCH_PROFILE) {
    // For --cpu-prof runs: one case only.
    report('1,000 updates/s, --cpu-budget 0 --fps 30', await run(events, fixed30), feed);
    return;
  }
  process.stdout.write(
    `render: full screen 120×40, 20-level ladder, ${process.env.BENCH_NOCOLOR === '1' ? 'no colour' : 'colour'}, Ink into an in-memory terminal (production React, Ink caches ${sharedCaches ? 'shared across frames' : 'per frame'})\n`,
  );
  line('1,000 updates/s with no screen (feed only)', `CPU ${(feed.cpuShare * 100).toFixed(1)} % of a core`);
  const cases = new Set((process.env.BENCH_RENDER_CASES ?? 'tmux,fixed30,terminal,flood').split(','));
  if (cases.has('tmux')) report('1,000 updates/s, tmux defaults (--fps 10, --cpu-budget 12)', await run(events, tmux), feed);
  if (cases.has('fixed30')) report('1,000 updates/s, --cpu-budget 0 --fps 30', await run(events, fixed30), feed);
  if (cases.has('terminal'))
    report('1,000 updates/s, terminal defaults (--fps 30, --cpu-budget 12)', await run(events, { ...fixed30, budget: 0.12, settle: 3 }), feed);
  if (cases.has('flood')) {
    const flood = await run(events, { ...fixed30, perSecond: 10_000, seconds: 5 });
    report('10,000 updates/s, --cpu-budget 0 --fps 30', flood, await run(events, { ...fixed30, perSecond: 10_000, seconds: 5, screen: false }));
  }
}
