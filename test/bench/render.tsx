/**
 * Render benchmark: the full screen (120×40, 20-level ladder) drawn by Ink into an in-memory
 * terminal. Prints the time per frame, frames drawn and the screen's lag behind the store while it
 * takes 10,000 updates/s for 5 s, and CPU time per second of wall time at 1,000 updates/s.
 * Targets (issue #4): never more than one frame behind the feed; CPU < 15 % of a core at 1,000/s.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { render } from 'ink';
import { App } from '../../components/app.js';
import { BookEngine } from '../../src/book/engine.js';
import { splitFrames } from '../../src/feed/recording.js';
import type { FeedEvent } from '../../src/protocol/events.js';
import { parseFrame } from '../../src/protocol/parse-frame.js';
import { FrameGovernor } from '../../store/frame-governor.js';
import { BookPublisher } from '../../store/publisher.js';
import { createPolybookStore, setDepth, setHealth } from '../../store/store.js';
import { fmt, line } from './harness.js';

/** A terminal that keeps nothing: Ink writes frames, we count them and when they came. */
class NullTerminal extends EventEmitter {
  readonly columns = 120;
  readonly rows = 40;
  readonly isTTY = true;
  writes: number[] = [];
  write(_chunk: string): boolean {
    this.writes.push(performance.now());
    return true;
  }
}

function liveEvents(): FeedEvent[] {
  const dir = resolve(process.env.POLYBOOK_SHARED ?? '../shared', 'fixtures/polymarket/live-2026-07-19-polysim');
  return splitFrames(readFileSync(`${dir}/market-frames.jsonl`, 'utf8')).flatMap((f) => parseFrame(f).events);
}

interface Run {
  readonly frames: number;
  readonly publishes: number;
  readonly maxLagMs: number;
  readonly cpuPerWallSec: number;
  /** Ink's own render time per second of wall time, ms. */
  readonly renderMsPerSec: number;
}

/**
 * Feeds `perSecond` events for `seconds` into engine → publisher (30 fps) → store → Ink, set up as
 * the CLI does (Ink's throttle at twice the publish rate); `budget` > 0 adds the frame governor.
 */
async function run(events: readonly FeedEvent[], perSecond: number, seconds: number, budget = 0, warmupSeconds = 0): Promise<Run> {
  const store = createPolybookStore();
  setDepth(store, 20);
  const engine = new BookEngine();
  const publisher = new BookPublisher(engine, store, { intervalMs: 1000 / 30 });
  setHealth(store, { id: 'market-0', channel: 'market', state: 'live', frozen: false, attempt: 0, nextRetryAt: null, rttMs: 12, messagesPerSec: perSecond, lastDataAt: Date.now(), quietVerifiedAt: null, reconnects: 0, lastDisconnectCause: null, assets: 2 });
  const terminal = new NullTerminal();
  const publishedAt: number[] = [];
  store.subscribe(() => publishedAt.push(performance.now()));
  const renders: number[] = [];
  let renderMs = 0;
  const ink = render(<App store={store} title="bench" noColor={process.env.BENCH_NOCOLOR === "1"} />, {
    stdout: terminal as unknown as NodeJS.WriteStream,
    maxFps: Number(process.env.BENCH_INK_FPS ?? 60),
    patchConsole: false,
    exitOnCtrlC: false,
    incrementalRendering: process.env.BENCH_INCREMENTAL === '1',
    onRender: ({ renderTime }) => {
      renders.push(performance.now());
      renderMs += renderTime;
    },
  });
  // Seed with the dump so every frame has a full ladder.
  for (const event of events.slice(0, 2)) publisher.handle(event);
  await new Promise((r) => setTimeout(r, 200));
  terminal.writes = [];
  renders.length = 0;
  renderMs = 0;
  publishedAt.length = 0;
  const governor = new FrameGovernor(publisher, { maxFps: 30, budget });
  governor.start();
  const tickMs = 10;
  const perTick = Math.max(1, Math.round((perSecond * tickMs) / 1000));
  let index = 2;
  let cpu0 = process.cpuUsage();
  const start = performance.now();
  let wall0 = start;
  let warm = warmupSeconds === 0;
  while (performance.now() - wall0 < seconds * 1000) {
    if (!warm && performance.now() - start >= warmupSeconds * 1000) {
      // Measure the steady state only: the governor has settled on a frame rate by now.
      warm = true;
      cpu0 = process.cpuUsage();
      wall0 = performance.now();
      terminal.writes = [];
      renders.length = 0;
      publishedAt.length = 0;
      renderMs = 0;
    }
    const due = Math.floor(((performance.now() - start) / 1000) * perSecond);
    for (let sent = 0; sent < perTick && index - 2 < due + perTick; sent++) {
      publisher.handle(events[2 + ((index - 2) % (events.length - 2))]!);
      index++;
    }
    await new Promise((r) => setTimeout(r, tickMs));
  }
  await new Promise((r) => setTimeout(r, 100));
  const cpu = process.cpuUsage(cpu0);
  const wall = (performance.now() - wall0) / 1000;
  // Lag: for each publish, how long until Ink drew the next frame.
  let maxLag = 0;
  for (const at of publishedAt) {
    const drawn = renders.find((w) => w >= at);
    if (drawn !== undefined) maxLag = Math.max(maxLag, drawn - at);
  }
  governor.stop();
  ink.unmount();
  publisher.close();
  return {
    frames: renders.length,
    publishes: publishedAt.length,
    maxLagMs: maxLag,
    cpuPerWallSec: (cpu.user + cpu.system) / 1e6 / wall,
    renderMsPerSec: renderMs / wall,
  };
}

/** Time per frame: many distinct states rendered back to back without throttling. */
async function timePerFrame(events: readonly FeedEvent[]): Promise<number> {
  const store = createPolybookStore();
  setDepth(store, 20);
  const engine = new BookEngine();
  const publisher = new BookPublisher(engine, store, { intervalMs: 0 });
  const terminal = new NullTerminal();
  const ink = render(<App store={store} title="bench" />, { stdout: terminal as unknown as NodeJS.WriteStream, maxFps: 10_000, patchConsole: false, exitOnCtrlC: false });
  for (const event of events.slice(0, 2)) publisher.handle(event);
  publisher.publishNow();
  await new Promise((r) => setTimeout(r, 100));
  const n = 300;
  const start = performance.now();
  const before = terminal.writes.length;
  for (let i = 0; i < n; i++) {
    publisher.handle(events[2 + (i % (events.length - 2))]!);
    publisher.publishNow();
    await new Promise((r) => setImmediate(r));
  }
  const elapsed = performance.now() - start;
  const frames = terminal.writes.length - before;
  ink.unmount();
  publisher.close();
  return elapsed / Math.max(1, frames);
}

export async function benchRender(): Promise<void> {
  const events = liveEvents();
  if (process.env.BENCH_PROFILE_FIXED) {
    // For --cpu-prof runs: only the fixed-30-fps case.
    const r = await run(events, 1000, 5);
    line('1,000 updates/s, fixed 30 fps: CPU', `${(r.cpuPerWallSec * 100).toFixed(1)} %`);
    return;
  }
  const perFrame = await timePerFrame(events);
  const flood = await run(events, 10_000, 5);
  const fixed = await run(events, 1000, 5);
  const governed = await run(events, 1000, 5, 0.12, 3);
  const perSec = (r: Run) => `${(r.frames / 5).toFixed(1)} frames/s, worst lag ${r.maxLagMs.toFixed(1)} ms`;
  process.stdout.write('render: full screen 120×40, 20-level ladder, Ink into an in-memory terminal (production React)\n');
  line('time per frame (full screen)', `${perFrame.toFixed(2)} ms`);
  line('10,000 updates/s for 5 s, 30 fps: frames drawn', `${fmt(flood.frames)} (${fmt(flood.publishes)} publishes; 30 fps cap = 150)`);
  line('10,000 updates/s: worst lag, publish to screen', `${flood.maxLagMs.toFixed(1)} ms (one frame = 33.3 ms)`);
  line('10,000 updates/s: CPU per second of wall', `${(flood.cpuPerWallSec * 100).toFixed(1)} %`);
  line('1,000 updates/s, fixed 30 fps: CPU', `${(fixed.cpuPerWallSec * 100).toFixed(1)} %   (${perSec(fixed)})`);
  line('1,000 updates/s, default --cpu-budget 12: CPU', `${(governed.cpuPerWallSec * 100).toFixed(1)} %   (${perSec(governed)}, after 3 s to settle; target < 15 %)`);
}
