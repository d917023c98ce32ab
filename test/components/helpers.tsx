/** Fixed store states and a terminal of any size for the component tests. */
import { EventEmitter } from 'node:events';
import type { ReactNode } from 'react';
import { render, type Instance } from 'ink';
import { analyze, ladder } from '../../src/book/analytics.js';
import { emptyIntegrity } from '../../src/book/integrity.js';
import { createPolybookStore, publishAssets, setHealth, type PolybookStore } from '../../store/store.js';
import type { AssetView, ConnectionHealth } from '../../store/types.js';

// The screen reads NO_COLOR when it renders; tests that want it set it themselves.
delete process.env.NO_COLOR;

export const YES = '12935926064588426924078449947177910958215776269411501731627440228801766632772';
export const NO = '17924629579804316786455515989238352689210911545477836576430679697715946894553';
export const MARKET = '0xab77';
/** 2026-07-19 12:00:00 UTC. */
export const NOW = Date.UTC(2026, 6, 19, 12, 0, 0);

export type Levels = readonly (readonly [price: string, size: string])[];

export interface ViewOptions extends Partial<Omit<AssetView, 'bids' | 'asks'>> {
  /** Best first. */
  readonly bids?: Levels;
  readonly asks?: Levels;
  readonly depth?: number;
}

const toLevels = (levels: Levels) => levels.map(([price, size]) => ({ price, size }));

/** An AssetView as the publisher would build it (real `ladder` and `analyze`). */
export function assetView(options: ViewOptions = {}): AssetView {
  const { bids = [], asks = [], depth = 20, ...rest } = options;
  const tickSize = rest.tickSize === undefined ? '0.01' : rest.tickSize;
  const analytics = analyze(toLevels(bids), toLevels(asks), {
    levels: depth,
    ticks: 5,
    tickSize,
    lastTradePrice: rest.lastTrade?.price ?? null,
  });
  return {
    assetId: YES,
    market: MARKET,
    outcome: 'Up',
    question: 'Bitcoin Up or Down?',
    bids: ladder(toLevels(bids), depth),
    asks: ladder(toLevels(asks), depth),
    analytics,
    tickSize,
    lastTrade: null,
    trades: [],
    integrity: emptyIntegrity(),
    status: 'live',
    crossed: false,
    cleaned: 0,
    pair: null,
    lastResync: null,
    quietSince: null,
    quietVerifiedAt: null,
    winner: null,
    updatedAt: String(NOW),
    receivedAt: NOW,
    endsAt: null,
    ...rest,
  };
}

export function health(options: Partial<ConnectionHealth> = {}): ConnectionHealth {
  return {
    id: 'market-1',
    channel: 'market',
    state: 'live',
    frozen: false,
    attempt: 0,
    nextRetryAt: null,
    rttMs: 42,
    messagesPerSec: 12.5,
    lastDataAt: NOW - 1000,
    quietVerifiedAt: null,
    reconnects: 0,
    lastDisconnectCause: null,
    assets: 2,
    ...options,
  };
}

/** A store holding these views (in order) and connection records. */
export function storeWith(views: readonly AssetView[], records: readonly ConnectionHealth[] = [health()], depth = 20): PolybookStore {
  const store = createPolybookStore({ depth });
  publishAssets(store, views);
  for (const record of records) setHealth(store, record);
  return store;
}

/** The usual two-sided book: 0.41–0.45 asks, 0.40–0.36 bids. */
export const BIDS: Levels = [
  ['0.4', '106.06'],
  ['0.39', '168.88'],
  ['0.38', '108.88'],
  ['0.37', '1500'],
  ['0.36', '14884.14'],
];
export const ASKS: Levels = [
  ['0.41', '50'],
  ['0.42', '230.5'],
  ['0.43', '75'],
  ['0.44', '1000'],
  ['0.45', '2500'],
];

class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  readonly frames: string[] = [];
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string) => {
    this.frames.push(frame);
    return true;
  };
  /** Changes the size the way a terminal does. */
  resize(columns: number, rows: number) {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
}

class FakeStdin extends EventEmitter {
  data: string | null = null;
  /** undefined, as on a pipe, when not a TTY. */
  readonly isTTY: true | undefined;
  constructor(tty: boolean) {
    super();
    this.isTTY = tty ? true : undefined;
  }
  write = (data: string) => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  read = () => {
    const { data } = this;
    this.data = null;
    return data;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

export interface Terminal {
  readonly stdout: FakeStdout;
  readonly stdin: FakeStdin;
  readonly streams: { stdout: NodeJS.WriteStream; stdin: NodeJS.ReadStream; stderr: NodeJS.WriteStream };
}

/** A fake TTY of the given size (ink-testing-library's is 100 columns and has no rows). */
export function terminal(columns: number, rows: number, tty = true): Terminal {
  const stdout = new FakeStdout(columns, rows);
  const stdin = new FakeStdin(tty);
  const stderr = new FakeStdout(columns, rows);
  const streams = {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
  };
  return { stdout, stdin, streams };
}

/** Renders on a fake terminal, every frame written in full (Ink's debug mode). */
export function renderAt(node: ReactNode, term: Terminal): Instance & { lastFrame: () => string } {
  const instance = render(node, { ...term.streams, debug: true, exitOnCtrlC: false, patchConsole: false });
  return { ...instance, lastFrame: () => term.stdout.frames.at(-1) ?? '' };
}

// Captured before any test fakes timers: React's scheduler runs passive effects on the real one.
const realSetImmediate = globalThis.setImmediate;

/**
 * Lets Ink commit and write (one microtask after input or a store change), and React run the
 * effects of that commit (a real macrotask later, also under fake timers). Two macrotask rounds:
 * a lone Esc reaches the app only on Ink's next setImmediate, and its render one later.
 */
export async function settle(): Promise<void> {
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < 3; i++) await Promise.resolve();
    await new Promise<void>((resolve) => realSetImmediate(() => resolve()));
  }
  for (let i = 0; i < 3; i++) await Promise.resolve();
}

/** Lines of a frame without trailing spaces. */
export function lines(frame: string | undefined): string[] {
  return (frame ?? '').split('\n').map((l) => l.trimEnd());
}
