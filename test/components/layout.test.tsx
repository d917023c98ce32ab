/** The frame fits the terminal at every size, follows resizes, and the row budget adds up. */
import { describe, expect, it } from 'vitest';
import { App } from '../../components/app.js';
import { computeLayout } from '../../components/layout.js';
import type { ReplayControls } from '../../store/tui-request.js';
import type { AssetView, TradeView } from '../../store/types.js';
import { NO, NOW, assetView, health, lines, renderAt, settle, storeWith, terminal, type Levels } from './helpers.js';

process.env.TZ = 'UTC';

/** A deep book, many trades, integrity trouble, a long question: everything wants rows. */
function busyView(assetId: string, outcome: string): AssetView {
  const bids: [string, string][] = [];
  const asks: [string, string][] = [];
  for (let i = 0; i < 40; i++) {
    bids.push([(0.49 - i * 0.01).toFixed(2), String(100 + i * 1234.5)]);
    asks.push([(0.5 + i * 0.01).toFixed(2), String(90 + i * 987.25)]);
  }
  const trades: TradeView[] = Array.from({ length: 50 }, (_, i) => ({
    price: '0.5',
    size: String(10 + i),
    side: i % 2 ? 'BUY' : 'SELL',
    timestamp: String(NOW - i * 1000),
  }));
  return assetView({
    assetId,
    outcome,
    question: 'Will the quarterly figure exceed the consensus estimate by more than two percent?',
    bids: bids.slice(0, 40) as Levels,
    asks: asks.slice(0, 40) as Levels,
    depth: 40,
    trades,
    integrity: { ...assetView().integrity, snapshots_disagreed: 2, hash_mismatch: 1, bba_agreed: 99_999 },
    status: 'stale',
    receivedAt: NOW - 12_000,
  });
}

const replay: ReplayControls = {
  speed: '10x',
  togglePause() {},
  step() {},
  isPaused: () => true,
  progress: () => ({ frame: 120, total: 900 }),
};

const SIZES = [
  [120, 40],
  [80, 24],
  [40, 12],
  [100, 16],
  [60, 16],
  [59, 30],
  [200, 60],
  [30, 6],
  [20, 3],
  [12, 1],
] as const;

function store() {
  const s = storeWith(
    [busyView('a'.repeat(20), 'Up'), busyView(NO, 'Down')],
    [health({ state: 'reconnecting', attempt: 12, nextRetryAt: NOW + 30_000, lastDisconnectCause: 'a very long reason'.repeat(5) })],
    40,
  );
  return s;
}

function expectFits(frame: string, columns: number, rows: number) {
  const out = frame.split('\n');
  expect(out.length).toBeLessThanOrEqual(Math.max(1, rows - 1));
  for (const line of out) expect(line.length).toBeLessThanOrEqual(columns);
}

describe('layout', () => {
  it.each(SIZES)('never draws taller or wider than %i×%i, with or without replay, help or markers', async (columns, rows) => {
    for (const variant of ['plain', 'replay', 'help', 'nocolor'] as const) {
      const term = terminal(columns, rows);
      const app = renderAt(<App store={store()} now={() => NOW} replay={variant === 'replay' ? replay : undefined} noColor={variant === 'nocolor'} />, term);
      await settle();
      if (variant === 'help') {
        term.stdin.write('?');
        await settle();
      }
      expectFits(app.lastFrame(), columns, rows);
      app.unmount();
    }
  });

  it('uses the rows it has: deeper ladders on taller terminals, health bar always at the bottom', async () => {
    const term = terminal(120, 40);
    const app = renderAt(<App store={store()} now={() => NOW} />, term);
    await settle();
    const out = lines(app.lastFrame());
    expect(out).toHaveLength(39);
    expect(out.filter((l) => /^ {2}0\.\d\d /.test(l))).toHaveLength(32);
    expect(out[0]).toContain('STALE 12s');
    expect(out.at(-2)).toContain('reconnecting #12 in 30s');
    expect(out.at(-1)).toMatch(/^integrity {2}snap 0✓ 2✗ {2}tob 99999✓ 0✗ {2}hash 0✓ 0\? 1✗/);
    app.unmount();
  });

  it('follows a live resize from full to compact and back', async () => {
    const term = terminal(120, 40);
    const app = renderAt(<App store={store()} now={() => NOW} />, term);
    await settle();
    expect(lines(app.lastFrame())[1]).toBe('[1 Up]  2 Down');
    term.stdout.resize(40, 12);
    await settle();
    expectFits(app.lastFrame(), 40, 12);
    expect(lines(app.lastFrame())[0]).toBe('1/2 Up  STALE 12s  reconnecting #12 in …');
    term.stdout.resize(80, 24);
    await settle();
    expectFits(app.lastFrame(), 80, 24);
    expect(lines(app.lastFrame())).toHaveLength(23);
    app.unmount();
  });

  it('takes a fixed size from props over the stream', async () => {
    const term = terminal(120, 40);
    const app = renderAt(<App store={store()} now={() => NOW} size={{ columns: 40, rows: 12 }} />, term);
    await settle();
    expectFits(app.lastFrame(), 40, 12);
    app.unmount();
  });

  it('budgets rows: cuts the ladder first to the terminal, then to the store depth', () => {
    expect(computeLayout({ columns: 120, rows: 40 }, 20, false)).toMatchObject({ mode: 'full', levels: 16, tape: 'side', tapeRows: 33 });
    expect(computeLayout({ columns: 120, rows: 40 }, 3, false)).toMatchObject({ levels: 3 });
    expect(computeLayout({ columns: 80, rows: 24 }, 20, false)).toMatchObject({ mode: 'full', levels: 5, tape: 'below', tapeRows: 5 });
    // The full layout says "REPLAY" in its header: a replay costs it no row.
    expect(computeLayout({ columns: 80, rows: 24 }, 20, true)).toMatchObject({ levels: 5, tapeRows: 5, replayRow: false });
    expect(computeLayout({ columns: 40, rows: 12 }, 20, false)).toMatchObject({ mode: 'compact', levels: 4, spreadRow: true });
    expect(computeLayout({ columns: 40, rows: 12 }, 20, true)).toMatchObject({ levels: 4, replayRow: true });
    expect(computeLayout({ columns: 20, rows: 2 }, 20, true)).toMatchObject({ levels: 0, spreadRow: false, replayRow: false, statusRow: true });
    for (const [columns, rows] of SIZES) {
      for (const replayOn of [false, true]) {
        const l = computeLayout({ columns, rows }, 200, replayOn);
        const used = l.headerRows + (l.statusRow ? 1 : 0) + l.bodyRows + l.healthRows + (l.replayRow ? 1 : 0);
        expect(used).toBeLessThanOrEqual(Math.max(0, rows - 1));
      }
    }
  });
});
