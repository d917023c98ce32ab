/** The board (`b`): one row per watched asset, Up/Down/Enter, scrolling for 50+ assets; the wide layouts beside the ladder. */
import { describe, expect, it } from 'vitest';
import { App } from '../../components/app.js';
import { boardMark, boardModel, StartPrices, timeLeft } from '../../components/board-model.js';
import { createPolybookStore, publishAssets } from '../../store/store.js';
import type { AssetView, PricePoint } from '../../store/types.js';
import { ASKS, BIDS, NO, NOW, YES, assetView, lines, renderAt, settle, storeWith, terminal } from './helpers.js';

process.env.TZ = 'UTC';

const ESC = '\u001B';
const keys = { up: `${ESC}[A`, down: `${ESC}[B`, enter: '\r', esc: ESC, pageDown: `${ESC}[6~` };

const up = assetView({ bids: BIDS, asks: ASKS, lastTrade: { price: '0.41', size: '10', side: 'BUY', timestamp: String(NOW) }, endsAt: NOW + 272_000 });
const down = assetView({ assetId: NO, outcome: 'Down', bids: [['0.58', '50']], asks: [['0.6', '106.06']], status: 'stale', receivedAt: NOW - 5000 });
const rain = assetView({
  assetId: 'rain-0001',
  market: '0xrain',
  outcome: 'Yes',
  question: 'Will it rain in London tomorrow afternoon?',
  bids: [['0.2', '10']],
  asks: [['0.22', '10']],
  integrity: { ...assetView().integrity, hash_verified: 3 },
});

function many(n: number): AssetView[] {
  return Array.from({ length: n }, (_, i) =>
    assetView({ assetId: `asset-${String(i).padStart(3, '0')}`, market: `0xm${i}`, outcome: `O${i}`, question: `Market number ${i}?`, bids: BIDS, asks: ASKS }),
  );
}

describe('board model', () => {
  it('one row per asset: outcome, market, bid, ask, last, spread, change, time left, mark', () => {
    const state = storeWith([up, down, rain]).getState();
    const model = boardModel({ state, selected: NO, width: 100, rows: 10, time: NOW, starts: new StartPrices() });
    expect(model.header).toBe('  outcome  market                      bid    ask   last spread     chg mid            ends mark');
    expect(model.rows.map((r) => r.text)).toEqual([
      '  Up       Bitcoin Up or Down?        0.40   0.41   0.41   1.0¢    0.0¢               4m32s ?',
      '> Down     Bitcoin Up or Down?        0.58   0.60      —   2.0¢    0.0¢                   — ? STALE',
      '  Yes      Will it rain in London …   0.20   0.22      —   2.0¢    0.0¢                   — ✓',
    ]);
    expect(model.rows.map((r) => [r.selected, r.dim])).toEqual([
      [false, false],
      [true, true],
      [false, false],
    ]);
    expect(model.position).toBeNull();
  });

  it('change since start: the last mid minus the first session point of the history (not backfill), else the first mid seen', () => {
    const history = new Map<string, readonly PricePoint[]>([
      [
        YES,
        [
          { t: NOW - 36_000_000, price: 0.2, kind: 'backfill' },
          { t: NOW - 60_000, price: 0.39, kind: 'mid' },
        ],
      ],
    ]);
    const store = createPolybookStore({ history });
    publishAssets(store, [up, rain]);
    const starts = new StartPrices();
    const row = (s = store) => boardModel({ state: s.getState(), selected: null, width: 100, rows: 10, time: NOW, starts }).rows;
    // Up: mid 0.405 against the session's first 0.39 (the backfilled day before it does not count);
    // rain: its first mid is its start.
    expect(row()[0]!.text).toContain('  +1.5¢ ');
    expect(row()[1]!.text).toContain('   0.0¢ ');
    publishAssets(store, [{ ...rain, analytics: { ...rain.analytics, mid: '0.187' } }]);
    expect(row()[1]!.text).toContain('  -2.3¢ ');
  });

  it('draws a sparkline of the mid from the store history', () => {
    const series: PricePoint[] = [0.4, 0.41, 0.43, 0.42, 0.45].map((price, i) => ({ t: NOW - (5 - i) * 1000, price, kind: 'mid' }));
    const store = createPolybookStore({ history: new Map([[YES, series]]) });
    publishAssets(store, [up]);
    const text = (markers: boolean) =>
      boardModel({ state: store.getState(), selected: null, width: 100, rows: 5, time: NOW, starts: new StartPrices(), markers }).rows[0]!.text;
    expect(text(false)).toMatch(/ {2}[ ▁▂▃▄▅▆▇█]*▁[▁▂▃▄▅▆▇█]*█ +4m32s/);
    expect(text(true)).toMatch(/ {2}[ _.=^-]*_[_.=^-]*\^ +4m32s/);
  });

  it('time left and marks in words', () => {
    expect([
      timeLeft(null, NOW),
      timeLeft(NOW + 45_000, NOW),
      timeLeft(NOW + 3_723_000, NOW),
      timeLeft(NOW + 2 * 86_400_000 + 3_600_000, NOW),
      timeLeft(NOW - 1, NOW),
    ]).toEqual(['—', '45s', '1h02m', '2d1h', 'ended']);
    expect(boardMark(rain)).toBe('✓');
    expect(boardMark({ ...rain, integrity: { ...rain.integrity, hash_mismatch: 1 } })).toBe('✗');
    expect(boardMark({ ...up, status: 'reconnecting' })).toBe('? RECON');
    expect(boardMark({ ...up, crossed: true })).toBe('? CROSS');
    expect(boardMark(undefined)).toBe('? WAIT');
  });

  it('drops columns on a narrow pane, keeping outcome, bid, ask, spread and the mark', () => {
    const state = storeWith([up]).getState();
    const model = boardModel({ state, selected: YES, width: 40, rows: 5, time: NOW, starts: new StartPrices() });
    // At 40 columns the market's name goes too (the compact status line names it).
    expect(model.header).toBe('  outcome     bid    ask spread mark');
    expect(model.rows[0]!.text).toBe('> Up         0.40   0.41   1.0¢ ?');
    for (const row of model.rows) expect(row.text.length).toBeLessThanOrEqual(40);
  });

  it('with 60 assets builds only the rows on screen, scrolled to keep the selection in view', () => {
    const views = many(60);
    const state = storeWith(views).getState();
    const model = boardModel({ state, selected: views[45]!.assetId, width: 100, rows: 11, time: NOW, starts: new StartPrices() });
    expect(model.rows).toHaveLength(10);
    expect(model.rows.map((r) => r.key)).toEqual(views.slice(40, 50).map((v) => v.assetId));
    expect(model.rows.find((r) => r.selected)?.key).toBe(views[45]!.assetId);
    expect(model.position).toBe('41–50 of 60');
    expect(model.header).toMatch(/^ {2}outcome {2}market {2}41–50 of 60 +bid/);
    const last = boardModel({ state, selected: views[59]!.assetId, width: 100, rows: 11, time: NOW, starts: new StartPrices() });
    expect(last.rows.map((r) => r.key)).toEqual(views.slice(50, 60).map((v) => v.assetId));
  });
});

describe('board on screen', () => {
  it('b opens it; Down, Up move the selection; Enter opens that asset’s ladder; b and Esc return', async () => {
    const term = terminal(120, 30);
    const app = renderAt(<App store={storeWith([up, down, rain])} now={() => NOW} noColor />, term);
    await settle();
    term.stdin.write('b');
    await settle();
    let out = lines(app.lastFrame());
    expect(out.some((l) => l.startsWith('  outcome  market'))).toBe(true);
    expect(out.find((l) => l.startsWith('> '))).toMatch(/^> Up {7}Bitcoin Up or Down\?/);
    expect(out.join('\n')).not.toContain('spread 1 tick');
    term.stdin.write(keys.down);
    term.stdin.write(keys.down);
    await settle();
    out = lines(app.lastFrame());
    expect(out.find((l) => l.startsWith('> '))).toMatch(/^> Yes {6}Will it rain/);
    term.stdin.write(keys.up);
    await settle();
    expect(lines(app.lastFrame()).find((l) => l.startsWith('> '))).toMatch(/^> Down /);
    term.stdin.write(keys.enter);
    await settle();
    out = lines(app.lastFrame());
    expect(out[0]).toMatch(/^Bitcoin Up or Down\? — Down/);
    expect(out.some((l) => l.startsWith('  outcome  market'))).toBe(false);
    expect(out.join('\n')).toContain('spread 2 ticks');
    term.stdin.write('b');
    await settle();
    expect(lines(app.lastFrame()).some((l) => l.startsWith('  outcome  market'))).toBe(true);
    term.stdin.write('b');
    await settle();
    expect(lines(app.lastFrame()).some((l) => l.startsWith('  outcome  market'))).toBe(false);
    term.stdin.write('b');
    await settle();
    term.stdin.write(keys.esc);
    await settle();
    expect(lines(app.lastFrame()).some((l) => l.startsWith('  outcome  market'))).toBe(false);
    app.unmount();
  });

  it('scrolls through 60 assets, and the frame still fits the terminal', async () => {
    const views = many(60);
    const term = terminal(100, 24);
    const app = renderAt(<App store={storeWith(views)} now={() => NOW} noColor />, term);
    await settle();
    term.stdin.write('b');
    await settle();
    for (let i = 0; i < 50; i++) term.stdin.write(keys.down);
    await settle();
    const out = lines(app.lastFrame());
    expect(out.length).toBeLessThanOrEqual(23);
    expect(out.find((l) => l.startsWith('> '))).toMatch(/^> O50 /);
    expect(out.join('\n')).toMatch(/of 60/);
    term.stdin.write(keys.pageDown);
    await settle();
    expect(lines(app.lastFrame()).find((l) => l.startsWith('> '))).toMatch(/^> O59 /);
    term.stdin.write(keys.enter);
    await settle();
    expect(lines(app.lastFrame())[0]).toMatch(/^Market number 59\? — O59/);
    app.unmount();
  });

  it('in a compact pane too', async () => {
    const term = terminal(40, 12);
    const app = renderAt(<App store={storeWith([up, down, rain])} now={() => NOW} noColor />, term);
    await settle();
    term.stdin.write('b');
    await settle();
    const out = lines(app.lastFrame());
    expect(out[1]).toBe('  outcome     bid    ask spread mark');
    expect(out[2]).toMatch(/^> Up /);
    expect(out).toHaveLength(5);
    app.unmount();
  });
});

describe('wide layouts (160 columns and more)', () => {
  it('puts the two outcomes of the market side by side, each with its own spread row', async () => {
    const term = terminal(200, 40);
    const app = renderAt(<App store={storeWith([{ ...up, pair: { assetId: NO, gap: '0', disagrees: false } }, down, rain])} now={() => NOW} noColor />, term);
    await settle();
    const out = lines(app.lastFrame());
    const titles = out.find((l) => l.includes('price'))!;
    expect(titles).toMatch(/depth {2}Up .* price .* depth {2}Down {2}STALE 5s/);
    const spreads = out.find((l) => l.includes('spread 1 tick'))!;
    expect(spreads).toContain('spread 2 ticks (2.0¢)  mid 0.59');
    expect(out.some((l) => /B {2}0\.40 .*B {2}0\.58 /.test(l))).toBe(true);
    for (const line of out) expect(line.length).toBeLessThanOrEqual(200);
    app.unmount();
  });

  it('puts the board beside the ladder when the other outcome is not watched', async () => {
    const term = terminal(180, 40);
    const app = renderAt(<App store={storeWith([rain, up])} now={() => NOW} noColor />, term);
    await settle();
    const out = lines(app.lastFrame());
    expect(out.some((l) => /price .* outcome {2}market/.test(l))).toBe(true);
    expect(out.some((l) => /A {2}0\.22 .*> Yes /.test(l))).toBe(true);
    for (const line of out) expect(line.length).toBeLessThanOrEqual(180);
    app.unmount();
  });

  it('below 160 columns, one ladder', async () => {
    const term = terminal(159, 40);
    const app = renderAt(<App store={storeWith([{ ...up, pair: { assetId: NO, gap: '0', disagrees: false } }, down])} now={() => NOW} noColor />, term);
    await settle();
    expect(lines(app.lastFrame()).filter((l) => l.includes('price'))).toHaveLength(1);
    expect(app.lastFrame()).not.toContain('outcome  market');
    app.unmount();
  });
});

describe('compact layout', () => {
  it('names the market: outcome and as much of the question as fits', async () => {
    const term = terminal(40, 12);
    const app = renderAt(<App store={storeWith([rain])} now={() => NOW} noColor />, term);
    await settle();
    expect(lines(app.lastFrame())[0]).toBe('1/1 Yes Will it rain in Lond…  live 42ms');
    app.unmount();
  });
});
