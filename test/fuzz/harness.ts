/**
 * The fuzz harness: mutated real frames through the path `polybook watch` takes in pipe mode,
 * in-process and synchronous, with every stage guarded and every output checked.
 *
 *   market frame → parseFrame → FrameStats (as bindFeed) → BookPublisher.handleFrame → BookEngine
 *                  (tracking the fixtures' token ids, as watch does, with their REST hash inputs)
 *                → NdjsonWriter.trade for every last_trade_price, NdjsonWriter.finding for every
 *                  engine finding (as runPipe) → publisher.publishNow() every K frames → the
 *                  NdjsonWriter's book lines → a counting null sink that checks every line;
 *                → the same events into a second engine without tracking (replay behaviour), with
 *                  its own publisher and store (the replay screen's path), reset now and then after
 *                  its `replay --format json` report was built and checked;
 *   user frame   → parseFrame → applyOrder / applyUserTrade (store/user-binding.ts) → the order and
 *                  user_trade NDJSON lines `polybook orders` writes.
 *
 * Counters (all must stay 0): crashes (an exception escaping a stage), hangs (a frame taking more
 * than `hangMs`), rejected_changed_state (a frame whose events were all invalid/unknown/control
 * changed an engine or a store), unsafe_output and exponent_output (see checks.ts), untracked_state
 * (the watch engine kept an asset nobody subscribed to: unbounded memory) and store_key_errors (a
 * store map lost or aliased a key: prototype keys).
 */
import { performance } from 'node:perf_hooks';
import { BookEngine, type Finding } from '../../src/book/engine.js';
import { bookReports } from '../../src/book/report.js';
import { NdjsonWriter, type NdjsonSink } from '../../src/cli/ndjson.js';
import { orderLine, userTradeLine } from '../../src/cli/orders.js';
import type { FeedEvent, ParsedFrame } from '../../src/protocol/events.js';
import { FrameStats } from '../../src/protocol/frame-stats.js';
import { parseFrame } from '../../src/protocol/parse-frame.js';
import { BookPublisher } from '../../store/publisher.js';
import { createPolybookStore, watchAssets, setDepth, type PolybookStore } from '../../store/store.js';
import type { AssetView, OrderView, PolybookState } from '../../store/types.js';
import { applyOrder, applyUserTrade } from '../../store/user-binding.js';
import { engineSnapshot, snapshotDiff, fieldOf, scanLine, scanObject, type OutputProblem } from './checks.js';
import { loadCorpus, type Corpus, type SeedFrame } from './corpus.js';
import { Mutator, type Mutant, type MutatorOptions } from './mutate.js';

export type Stage = 'parse' | 'stats' | 'apply' | 'ndjson_trade' | 'publish' | 'replay_apply' | 'replay_publish' | 'replay_report' | 'user_apply';

/** Test hooks: replace a stage, or put something between the writer and its sink (planted defects). */
export interface Plant {
  readonly parse?: (text: string) => ParsedFrame;
  readonly createEngine?: () => BookEngine;
  readonly wrapSink?: (sink: NdjsonSink) => NdjsonSink;
}

export interface FuzzOptions {
  readonly frames: number;
  readonly seed: number;
  /** publishNow() every this many frames (default 16). */
  readonly publishEvery?: number;
  /** process.memoryUsage().heapUsed sampled every this many frames (default 1000). */
  readonly heapEvery?: number;
  /** A frame slower than this is a hang (default 1000 ms). */
  readonly hangMs?: number;
  /** The replay engine starts over every this many frames (default 20 000)... */
  readonly replayResetEvery?: number;
  /** ...or once it holds this many assets (default 200). */
  readonly replayMaxAssets?: number;
  /** Ladder depth of the stores (watch default: 10). */
  readonly depth?: number;
  /** Examples kept per counter, one per distinct finding (default 12). */
  readonly examples?: number;
  /** After this many hangs of one costly mutation, frames carrying it are skipped (default 3). */
  readonly suppressAfterHangs?: number;
  readonly corpus?: Corpus;
  readonly mutator?: MutatorOptions;
  /**
   * Frames to send as they are instead of mutations (reproducing a finding, checking a minimal
   * frame); `frames` is then their count.
   */
  readonly inputs?: readonly SeedFrame[];
  readonly plant?: Plant;
  /** Called every `progressEvery` frames (and with the frame index before each frame, for a watchdog). */
  readonly onProgress?: (done: number, result: FuzzResult) => void;
  readonly progressEvery?: number;
  readonly onFrame?: (index: number) => void;
}

export interface Example {
  readonly counter: string;
  readonly stage: string;
  readonly index: number;
  readonly source: string;
  readonly ops: readonly string[];
  readonly detail: string;
  readonly frame: string;
  /** For output written at a publish: every frame since the previous publish (oldest first). */
  readonly recent?: readonly { readonly index: number; readonly ops: readonly string[]; readonly frame: string }[];
}

export interface FuzzResult {
  seed: number;
  frames: number;
  market_frames: number;
  user_frames: number;
  skipped_frames: number;
  events: number;
  events_by_kind: Record<string, number>;
  invalid_events: number;
  invalid_reasons: Record<string, number>;
  unknown_events: number;
  control_frames: number;
  rejected_frames: number;
  crashes: number;
  crashes_by_stage: Record<string, number>;
  hangs: number;
  slowest_frame_ms: number;
  rejected_changed_state: number;
  unsafe_output: number;
  unsafe_by_field: Record<string, number>;
  exponent_output: number;
  exponent_by_field: Record<string, number>;
  untracked_state: number;
  store_key_errors: number;
  /** Informational: accepted (valid) events carrying values a venue never sends, trade lines for unsubscribed assets. */
  accepted_suspicious: Record<string, number>;
  suppressed: Record<string, number>;
  /** Time spent in each stage. */
  stage_ms: Record<string, number>;
  publishes: number;
  ndjson_lines: number;
  ndjson_bytes: number;
  replay_resets: number;
  tracked_assets: number;
  peak_heap_mb: number;
  heap_end_mb: number;
  heap_after_gc_mb: number | null;
  heap_growth_after_gc_mb: number | null;
  elapsed_ms: number;
  frames_per_sec: number;
  ok: boolean;
}

/** The counters that fail a run. */
export const FAILING = ['crashes', 'hangs', 'rejected_changed_state', 'unsafe_output', 'exponent_output', 'untracked_state', 'store_key_errors'] as const;

const MAX_SAVED_FRAME = 8 << 20;
const MB = 1024 * 1024;

function cap(text: string, max = MAX_SAVED_FRAME): string {
  return text.length > max ? `${text.slice(0, max)}…[${text.length - max} more chars; regenerate it with --frame]` : text;
}

function bump(map: Record<string, number>, key: string, n = 1): void {
  map[key] = (map[key] ?? 0) + n;
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}\n${(error.stack ?? '').split('\n').slice(1, 9).join('\n')}`;
  return `non-Error thrown: ${String(error)}`;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Counting null sink: every line checked, nothing kept. */
class CheckingSink implements NdjsonSink {
  lines = 0;
  bytes = 0;
  constructor(private readonly onLine: (line: string) => void) {}
  write(chunk: string): boolean {
    this.bytes += chunk.length;
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
      this.lines++;
      this.onLine(chunk.slice(start, nl));
      start = nl + 1;
    }
    if (start < chunk.length) {
      this.lines++;
      this.onLine(chunk.slice(start));
    }
    return true;
  }
}

/** A watch-like pipeline: engine, publisher, store and NDJSON writer over one sink. */
interface Pipeline {
  readonly engine: BookEngine;
  readonly publisher: BookPublisher;
  readonly store: PolybookStore;
  readonly writer: NdjsonWriter;
  readonly stats: FrameStats;
}

export interface FuzzRun {
  readonly result: FuzzResult;
  /** The first few frames behind each non-zero counter. */
  readonly examples: readonly Example[];
}

export function runFuzz(options: FuzzOptions): FuzzRun {
  const started = performance.now();
  const corpus = options.corpus ?? loadCorpus();
  const publishEvery = options.publishEvery ?? 16;
  const heapEvery = options.heapEvery ?? 1000;
  const hangMs = options.hangMs ?? 1000;
  const replayResetEvery = options.replayResetEvery ?? 20_000;
  const replayMaxAssets = options.replayMaxAssets ?? 200;
  const depth = options.depth ?? 10;
  const maxExamples = options.examples ?? 12;
  const suppressAfter = options.suppressAfterHangs ?? 3;
  const progressEvery = options.progressEvery ?? 100_000;
  const parse = options.plant?.parse ?? parseFrame;
  const createEngine = options.plant?.createEngine ?? (() => new BookEngine());
  const wrapSink = options.plant?.wrapSink ?? ((s: NdjsonSink) => s);

  const result: FuzzResult = {
    seed: options.seed,
    frames: 0,
    market_frames: 0,
    user_frames: 0,
    skipped_frames: 0,
    events: 0,
    events_by_kind: {},
    invalid_events: 0,
    invalid_reasons: {},
    unknown_events: 0,
    control_frames: 0,
    rejected_frames: 0,
    crashes: 0,
    crashes_by_stage: {},
    hangs: 0,
    slowest_frame_ms: 0,
    rejected_changed_state: 0,
    unsafe_output: 0,
    unsafe_by_field: {},
    exponent_output: 0,
    exponent_by_field: {},
    untracked_state: 0,
    store_key_errors: 0,
    accepted_suspicious: {},
    suppressed: {},
    stage_ms: {},
    publishes: 0,
    ndjson_lines: 0,
    ndjson_bytes: 0,
    replay_resets: 0,
    tracked_assets: corpus.assetIds.length,
    peak_heap_mb: 0,
    heap_end_mb: 0,
    heap_after_gc_mb: null,
    heap_growth_after_gc_mb: null,
    elapsed_ms: 0,
    frames_per_sec: 0,
    ok: true,
  };
  const examples: Example[] = [];
  const examplesOf: Record<string, number> = {};
  let current: Mutant | null = null;
  const recent: Mutant[] = [];

  const seenKeys = new Set<string>();
  /** Keeps the first frame behind each distinct finding (`key`), at most `maxExamples` per counter. */
  const example = (counter: string, key: string, stage: string, detail: string, withRecent = false) => {
    if ((examplesOf[counter] ?? 0) >= maxExamples || current === null) return;
    const id = `${counter}|${key}`;
    if (seenKeys.has(id)) return;
    seenKeys.add(id);
    bump(examplesOf, counter);
    examples.push({
      counter,
      stage,
      index: current.index,
      source: current.source,
      ops: current.ops,
      detail,
      frame: cap(current.text),
      ...(withRecent ? { recent: recent.map((m) => ({ index: m.index, ops: m.ops, frame: cap(m.text, 64 << 10) })) } : {}),
    });
  };

  // -- output checks --------------------------------------------------------------------------

  let outputStage = 'publish';
  const report = (where: string, problems: readonly OutputProblem[], withRecent: boolean) => {
    let unsafe = false;
    let exponent = false;
    for (const p of problems) {
      const field = `${where}:${fieldOf(p.path)}`;
      if (p.kind === 'unsafe') {
        bump(result.unsafe_by_field, `${field} (${p.what})`);
        if (!unsafe) example('unsafe_output', `${field} (${p.what})`, outputStage, `${field}: ${p.what} in ${p.sample}`, withRecent);
        unsafe = true;
      } else {
        bump(result.exponent_by_field, field);
        if (!exponent) example('exponent_output', field, outputStage, `${field}: ${p.sample}`, withRecent);
        exponent = true;
      }
    }
    if (unsafe) result.unsafe_output++;
    if (exponent) result.exponent_output++;
  };
  const lineChecker = (prefix: string) => (line: string) => {
    const problems = scanLine(line);
    if (problems.length === 0) return;
    let type = 'line';
    try {
      const t = (JSON.parse(line) as { type?: unknown }).type;
      type = typeof t === 'string' && /^[a-z_]{1,20}$/.test(t) ? t : 'line';
    } catch {
      // reported as not_json
    }
    report(`${prefix}.${type}`, problems, outputStage.endsWith('publish'));
  };
  const watchSink = new CheckingSink(lineChecker('ndjson'));
  const replaySink = new CheckingSink(lineChecker('replay_ndjson'));
  const ordersSink = new CheckingSink(lineChecker('orders_ndjson'));

  // -- pipelines --------------------------------------------------------------------------------

  let clock = 1_784_449_237_000;
  const now = () => clock;

  const makePipeline = (tracked: readonly string[] | null, sink: NdjsonSink, withMeta: boolean): Pipeline => {
    const engine = createEngine();
    const store = createPolybookStore();
    setDepth(store, depth);
    if (tracked) {
      engine.track(tracked);
      watchAssets(store, tracked);
    }
    if (withMeta) for (const m of corpus.bookMeta) engine.setBookMeta(m.market, { minOrderSize: m.minOrderSize, negRisk: m.negRisk });
    const publisher = new BookPublisher(engine, store, { intervalMs: 1e9, now });
    // Watch links each book to its connection's state (frames only arrive on a live one).
    const link = (publisher as unknown as { linkConnections?: (stateOf: (id: string) => string | null) => void }).linkConnections;
    if (tracked && link) link.call(publisher, () => 'live');
    const writer = new NdjsonWriter(wrapSink(sink), store, now);
    writer.start();
    // runPipe: session.onFinding → writer.finding (after the session's own logging).
    engine.onFinding = (finding: Finding) => writer.finding(finding);
    return { engine, publisher, store, writer, stats: new FrameStats() };
  };

  const tracked = new Set(corpus.assetIds);
  const watch = makePipeline(corpus.assetIds, watchSink, true);
  let replay = makePipeline(null, replaySink, false);

  // polybook orders, piped: a line per changed order and per new trade state.
  const userStore = createPolybookStore();
  const ordersWrite = (value: Record<string, unknown>) => ordersSink.write(`${JSON.stringify(value)}\n`);
  userStore.subscribe((state, previous) => {
    if (state.orders !== previous.orders) {
      for (const [, order] of entriesOf<OrderView>(state.orders)) if (lookup(previous.orders, order.id) !== order) ordersWrite(orderLine(order, now()));
    }
    if (state.userTrades !== previous.userTrades) {
      for (const trade of state.userTrades) if (!previous.userTrades.includes(trade)) ordersWrite(userTradeLine(trade, now()));
    }
  });

  // -- guarded stages ---------------------------------------------------------------------------

  const guard = (stage: Stage, fn: () => void): boolean => {
    const t = performance.now();
    try {
      fn();
      return true;
    } catch (error) {
      result.crashes++;
      bump(result.crashes_by_stage, stage);
      const detail = describe(error);
      example('crashes', `${stage}|${detail.split('\n')[0]!.replace(/\d+/g, '#').slice(0, 120)}`, stage, detail, stage.endsWith('publish'));
      return false;
    } finally {
      const ms = performance.now() - t;
      bump(result.stage_ms, stage, ms);
      bump(frameMs, stage, ms);
    }
  };
  let frameMs: Record<string, number> = {};
  const frameStages = () =>
    Object.fromEntries(
      Object.entries(frameMs)
        .filter(([, v]) => v >= 1)
        .map(([k, v]) => [k, Math.round(v)]),
    );

  const checked = new WeakSet<object>();
  /** Strings of every store view published since the last check; prototype-safe keys. */
  const checkStore = (state: PolybookState, where: string) => {
    if (!(state.assets instanceof Map) && Object.getPrototypeOf(state.assets) !== Object.prototype) {
      result.store_key_errors++;
      example('store_key_errors', `${where}|assets`, where, `${where}.assets has prototype ${describeProto(state.assets)}`, true);
    }
    for (const [key, view] of entriesOf<AssetView>(state.assets)) {
      if (checked.has(view)) continue;
      checked.add(view);
      if (view.assetId !== key) {
        result.store_key_errors++;
        example(
          'store_key_errors',
          `${where}|assets`,
          where,
          `${where}.assets[${JSON.stringify(key)}] holds the view of ${JSON.stringify(view.assetId)}`,
          true,
        );
      }
      const problems = scanObject(view);
      if (problems.length > 0) report(`${where}.assets`, problems, true);
    }
    for (const id of state.order) {
      if (lookup(state.assets, id) === undefined && (where === 'store' ? watch : replay).engine.assets.get(id)?.book) {
        result.store_key_errors++;
        example('store_key_errors', `${where}|assets`, where, `${where}.order names ${JSON.stringify(id)}, whose published view cannot be found`, true);
      }
    }
  };

  const checkUserStore = (state: PolybookState) => {
    if (!(state.orders instanceof Map) && Object.getPrototypeOf(state.orders) !== Object.prototype) {
      result.store_key_errors++;
      example('store_key_errors', 'orders', 'user_apply', `orders has prototype ${describeProto(state.orders)}`);
    }
    for (const [key, order] of entriesOf<OrderView>(state.orders)) {
      if (checked.has(order)) continue;
      checked.add(order);
      if (order.id !== key) {
        result.store_key_errors++;
        example('store_key_errors', 'orders', 'user_apply', `orders[${JSON.stringify(key)}] holds order ${JSON.stringify(order.id)}`);
      }
      const problems = scanObject(order);
      if (problems.length > 0) report('store.orders', problems, false);
    }
    for (const trade of state.userTrades) {
      if (checked.has(trade)) continue;
      checked.add(trade);
      const problems = scanObject(trade);
      if (problems.length > 0) report('store.userTrades', problems, false);
    }
  };

  const countEvents = (events: readonly FeedEvent[]): boolean => {
    let rejected = true;
    for (const e of events) {
      result.events++;
      bump(result.events_by_kind, e.kind);
      if (e.kind === 'invalid') {
        result.invalid_events++;
        bump(result.invalid_reasons, e.reason);
      } else if (e.kind === 'unknown') {
        result.unknown_events++;
      } else {
        rejected = false;
        suspicious(e, result.accepted_suspicious);
      }
    }
    return rejected;
  };

  const publish = () => {
    result.publishes++;
    outputStage = 'publish';
    if (guard('publish', () => watch.publisher.publishNow())) checkStore(watch.store.getState(), 'store');
    outputStage = 'replay_publish';
    if (guard('replay_publish', () => replay.publisher.publishNow())) checkStore(replay.store.getState(), 'replay_store');
    for (const id of watch.engine.assets.keys()) {
      if (!tracked.has(id)) {
        result.untracked_state++;
        example('untracked_state', 'apply', 'apply', `the watch engine keeps ${JSON.stringify(id.slice(0, 80))}, which nobody subscribed to`, true);
      }
    }
    recent.length = 0;
  };

  const resetReplay = () => {
    outputStage = 'replay_report';
    guard('replay_report', () => {
      replay.engine.flush();
      const summary = {
        frames: replay.stats.frames,
        events: replay.stats.events,
        invalid: replay.stats.invalid,
        invalid_reasons: replay.stats.invalidReasons,
        unknown: replay.stats.unknown,
        ignored: replay.engine.ignored,
        control: replay.stats.control,
        books: bookReports(replay.engine),
      };
      const problems = scanLine(JSON.stringify(summary));
      if (problems.length > 0) report('replay_json', problems, false);
    });
    replay.writer.stop();
    replay.publisher.close();
    replay = makePipeline(null, replaySink, false);
    result.replay_resets++;
  };

  // -- the run ----------------------------------------------------------------------------------

  const mutator = new Mutator(corpus, options.seed, options.mutator);
  const inputs = options.inputs;
  const frames = inputs ? inputs.length : options.frames;
  const nextFrame = (i: number): Mutant => {
    if (!inputs) return mutator.next();
    const f = inputs[i]!;
    return { index: i, channel: f.channel, source: f.source, ops: [], text: f.text, heavy: null };
  };
  const hangsByHeavy: Record<string, number> = {};
  const suppressed = new Set<string>();
  let gcBaseline: number | null = null;
  const gcAt = Math.min(50_000, Math.floor(frames / 10));
  const sampleHeap = () => {
    const used = process.memoryUsage().heapUsed / MB;
    if (used > result.peak_heap_mb) result.peak_heap_mb = used;
  };

  for (let i = 0; i < frames; i++) {
    const mutant = nextFrame(i);
    current = mutant;
    options.onFrame?.(i);
    clock += 10;
    result.frames++;
    if (mutant.heavy !== null && suppressed.has(mutant.heavy)) {
      result.skipped_frames++;
      bump(result.suppressed, mutant.heavy);
      continue;
    }
    recent.push(mutant);
    frameMs = {};
    const t0 = performance.now();
    const holder: { frame: ParsedFrame | null } = { frame: null };
    if (guard('parse', () => (holder.frame = parse(mutant.text))) && holder.frame !== null) {
      const frame: ParsedFrame = holder.frame;
      if (frame.control !== null) result.control_frames++;
      const rejected = countEvents(frame.events);
      if (rejected) result.rejected_frames++;
      if (mutant.channel === 'market') {
        result.market_frames++;
        guard('stats', () => watch.stats.record(frame));
        guard('stats', () => replay.stats.record(frame));
        const before = rejected ? { snapshot: engineSnapshot(watch.engine), state: watch.store.getState() } : null;
        outputStage = 'apply';
        guard('apply', () => watch.publisher.handleFrame(frame.events));
        outputStage = 'ndjson_trade';
        guard('ndjson_trade', () => {
          for (const event of frame.events) {
            if (event.kind !== 'last_trade_price') continue;
            // runPipe writes every print; the engine keeps only subscribed assets (noted, not failed).
            if (!watch.engine.isTracked(event.assetId)) bump(result.accepted_suspicious, 'trade_line_for_unsubscribed_asset');
            watch.writer.trade(event);
          }
        });
        if (before) {
          const diff =
            snapshotDiff(before.snapshot, engineSnapshot(watch.engine)) ?? (watch.store.getState() !== before.state ? 'the store was updated' : null);
          if (diff !== null) {
            result.rejected_changed_state++;
            example('rejected_changed_state', 'apply', 'apply', `a frame of only invalid/unknown/control events changed the watch engine or store: ${diff}`);
          }
        }
        const replayBefore = rejected ? { snapshot: engineSnapshot(replay.engine), state: replay.store.getState() } : null;
        outputStage = 'replay_apply';
        guard('replay_apply', () => replay.publisher.handleFrame(frame.events));
        if (replayBefore) {
          const diff =
            snapshotDiff(replayBefore.snapshot, engineSnapshot(replay.engine)) ??
            (replay.store.getState() !== replayBefore.state ? 'the store was updated' : null);
          if (diff !== null) {
            result.rejected_changed_state++;
            example(
              'rejected_changed_state',
              'replay_apply',
              'replay_apply',
              `a frame of only invalid/unknown/control events changed the replay engine or store: ${diff}`,
            );
          }
        }
      } else {
        result.user_frames++;
        const before = userStore.getState();
        outputStage = 'user_apply';
        guard('user_apply', () => {
          for (const event of frame.events) {
            if (event.kind === 'order') applyOrder(userStore, event);
            else if (event.kind === 'trade') applyUserTrade(userStore, event);
          }
        });
        const after = userStore.getState();
        if (rejected && after !== before) {
          result.rejected_changed_state++;
          example('rejected_changed_state', 'user_apply', 'user_apply', 'the user store changed on a frame of only invalid/unknown/control events');
        }
        if (after !== before) checkUserStore(after);
      }
    }
    if ((i + 1) % publishEvery === 0) publish();
    if ((i + 1) % replayResetEvery === 0 || replay.engine.assets.size > replayMaxAssets) resetReplay();
    const ms = performance.now() - t0;
    if (ms > result.slowest_frame_ms) result.slowest_frame_ms = ms;
    if (ms > hangMs) {
      result.hangs++;
      example(
        'hangs',
        mutant.heavy ?? `frame ${mutant.index}`,
        'frame',
        `took ${ms.toFixed(0)} ms (limit ${hangMs} ms)${mutant.heavy ? `; costly mutation ${mutant.heavy}` : ''}; stage times ${JSON.stringify(frameStages())}\n` +
          `watch engine: ${stateSummary(watch.engine)}\nreplay engine: ${stateSummary(replay.engine)}`,
      );
      if (mutant.heavy !== null) {
        bump(hangsByHeavy, mutant.heavy);
        if (hangsByHeavy[mutant.heavy]! >= suppressAfter) suppressed.add(mutant.heavy);
      }
    }
    if ((i + 1) % heapEvery === 0) sampleHeap();
    if (gc && i + 1 === gcAt) {
      gc();
      gcBaseline = process.memoryUsage().heapUsed / MB;
    }
    if (options.onProgress && (i + 1) % progressEvery === 0) options.onProgress(i + 1, finish(false));
  }
  // The last publish: findings are charged to the last frame, with the frames since the last publish.
  publish();
  watch.writer.stop();
  watch.publisher.close();
  replay.writer.stop();
  replay.publisher.close();
  return { result: finish(true), examples };

  function finish(final: boolean): FuzzResult {
    sampleHeap();
    result.heap_end_mb = process.memoryUsage().heapUsed / MB;
    if (final && gc) {
      gc();
      result.heap_after_gc_mb = process.memoryUsage().heapUsed / MB;
      result.heap_growth_after_gc_mb = gcBaseline === null ? null : result.heap_after_gc_mb - gcBaseline;
    }
    result.ndjson_lines = watchSink.lines + replaySink.lines + ordersSink.lines;
    result.ndjson_bytes = watchSink.bytes + replaySink.bytes + ordersSink.bytes;
    result.elapsed_ms = performance.now() - started;
    result.frames_per_sec = result.frames / (result.elapsed_ms / 1000);
    result.ok = FAILING.every((k) => result[k] === 0);
    return result;
  }
}

/**
 * A store map's entries, whether the store keeps a Map or a plain object (own keys only: what a
 * reader iterating it would see).
 */
function entriesOf<V>(map: unknown): [string, V][] {
  if (map instanceof Map) return [...(map as Map<string, V>)];
  const obj = map as Record<string, V>;
  return Object.keys(obj).map((k) => [k, obj[k]!]);
}

/** A store map's value for a key, looked up the way the product does (`map[key]` on a plain object). */
function lookup(map: unknown, key: string): unknown {
  if (map instanceof Map) return map.get(key);
  return (map as Record<string, unknown>)[key];
}

/** The assets whose books are largest or carry the longest values: what makes a frame slow. */
function stateSummary(engine: BookEngine): string {
  const rows: { score: number; text: string }[] = [];
  for (const a of engine.assets.values()) {
    const b = a.book;
    if (!b) continue;
    let longest = 0;
    for (const l of b.bids.levels) longest = Math.max(longest, l.price.length, l.size.length);
    for (const l of b.asks.levels) longest = Math.max(longest, l.price.length, l.size.length);
    const n = b.bids.length + b.asks.length;
    rows.push({
      score: n + longest,
      text: `${a.assetId.slice(0, 10)}… ${b.bids.length} bids/${b.asks.length} asks, longest price or size ${longest} chars`,
    });
  }
  rows.sort((x, y) => y.score - x.score);
  return `${engine.assets.size} assets; ${
    rows
      .slice(0, 3)
      .map((r) => r.text)
      .join('; ') || 'no books'
  }`;
}

function describeProto(obj: object): string {
  const proto = Object.getPrototypeOf(obj) as unknown;
  if (proto === null) return 'null';
  try {
    return JSON.stringify(proto)?.slice(0, 120) ?? String(proto);
  } catch {
    return String(proto);
  }
}

/** Accepted events with values no venue sends: counted, not failed (validation is under repair). */
function suspicious(e: FeedEvent, out: Record<string, number>): void {
  const price = (p: string, where: string) => {
    if (p === '0' || !p.startsWith('0.')) bump(out, `${where}.price_not_in_(0,1)`);
    if (p.length > 24) bump(out, `${where}.price_long`);
  };
  const size = (s: string | null, where: string) => {
    if (s !== null && s.length > 40) bump(out, `${where}.size_long`);
  };
  const ts = (t: string, where: string) => {
    if (!/^\d{10,16}$/.test(t)) bump(out, `${where}.timestamp_${t === '' ? 'empty' : /^\d+$/.test(t) ? 'digits_out_of_range' : 'not_digits'}`);
  };
  switch (e.kind) {
    case 'book':
      for (const l of [...e.bids, ...e.asks]) {
        price(l.price, 'book');
        size(l.size, 'book');
      }
      ts(e.timestamp, 'book');
      break;
    case 'price_change':
      for (const c of e.changes) {
        price(c.price, 'price_change');
        size(c.size, 'price_change');
      }
      ts(e.timestamp, 'price_change');
      break;
    case 'last_trade_price':
      price(e.price, 'last_trade_price');
      size(e.size, 'last_trade_price');
      ts(e.timestamp, 'last_trade_price');
      break;
    case 'tick_size_change':
      price(e.newTickSize, 'tick_size_change');
      break;
    case 'order':
    case 'trade':
      price(e.price, e.kind);
      break;
    default:
      break;
  }
}
