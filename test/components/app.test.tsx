/** The whole screen: what it shows, the keys, and that it always fits the terminal. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'ink-testing-library';
import { App } from '../../components/app.js';
import type { ReplayControls } from '../../store/tui-request.js';
import { publishAssets, setHealth } from '../../store/store.js';
import type { TradeView } from '../../store/types.js';
import { ASKS, BIDS, NO, NOW, YES, assetView, health, lines, renderAt, settle, storeWith, terminal } from './helpers.js';

process.env.TZ = 'UTC';

const now = () => NOW;
const trades: TradeView[] = [
  { price: '0.41', size: '10', side: 'BUY', timestamp: String(NOW - 5000) },
  { price: '0.4', size: '1250.5', side: 'SELL', timestamp: String(NOW - 65_000) },
];
const up = assetView({ bids: BIDS, asks: ASKS, trades, pair: { assetId: NO, gap: '0', disagrees: false } });
const down = assetView({ assetId: NO, outcome: 'Down', bids: [['0.58', '50']], asks: [['0.59', '106.06']] });
const other = assetView({ assetId: 'other-asset-id-0001', market: '0xother', outcome: 'Yes', question: 'Rain tomorrow?' });

function twoMarkets() {
  return storeWith([up, other, down]);
}

const ESC = '\u001B';
const keys = { tab: '\t', shiftTab: `${ESC}[Z`, right: `${ESC}[C`, left: `${ESC}[D`, ctrlC: '\u0003', esc: ESC };

describe('screen', () => {
  afterEach(() => {
    delete process.env.NO_COLOR;
  });

  it('shows header, tabs, ladder, stats, tape and health on a large terminal', async () => {
    const term = terminal(120, 40);
    const app = renderAt(<App store={twoMarkets()} now={now} />, term);
    await settle();
    const frame = app.lastFrame();
    expect(lines(frame)[0]).toMatch(/^Bitcoin Up or Down\? — Up {2,}live {2}tick 0\.01 {2}\? help$/);
    expect(lines(frame)[1]).toBe('[1 Up]  2 Yes   3 Down');
    expect(frame).toContain(' spread 1 tick (1.0¢)  mid 0.405  micro 0.406796');
    expect(frame).toContain(' display 0.405  imbalance +0.6261  depth ±5 ticks bid 16,767.96 / ask 3,855.5');
    expect(frame).toContain('11:59:55 BUY  0.41    10.0');
    expect(frame).toContain('11:58:55 SELL 0.40 1,250.5');
    expect(frame).toContain('live  rtt 42ms  12.5 msg/s  data 1s ago  reconnects 0');
    expect(frame).toContain('integrity  snap 0✓ 0✗  tob 0✓ 0✗  hash 0✓ 0? 0✗');
    // Size columns keep their width whatever the sizes ("99,999.99", "999,999.99").
    expect(frame).toContain('  0.36  14,884.14   16,767.96');
    app.unmount();
  });

  it('draws the compact layout in a small pane, exactly (without colour, so bars show as blocks)', async () => {
    const term = terminal(40, 12);
    const app = renderAt(<App store={storeWith([assetView({ bids: BIDS, asks: ASKS })])} now={now} noColor />, term);
    await settle();
    expect(lines(app.lastFrame())).toEqual([
      '1/1 Up Bitcoin Up or Down?  live 42ms',
      'A  0.44   1,000.00    1,355.50  ██████',
      'A  0.43      75.00      355.50  ██',
      'A  0.42     230.50      280.50  █',
      'A  0.41      50.00       50.00  █',
      '  spread 1 tick (1.0¢)  mid 0.405  micr…',
      'B  0.40     106.06      106.06  █',
      'B  0.39     168.88      274.94  █',
      'B  0.38     108.88      383.82  ██',
      'B  0.37   1,500.00    1,883.82  ████████',
    ]);
    app.unmount();
  });

  it('names an unlabelled asset by the title and its abbreviated token id', async () => {
    const store = storeWith([assetView({ question: null, outcome: null, status: 'awaiting' })]);
    const { lastFrame, unmount } = render(<App store={store} title="demo" now={now} />);
    await settle();
    expect(lastFrame()).toContain('demo — 1293…2772');
    expect(lastFrame()).toContain('[1 1293…2772]');
    expect(lastFrame()).toContain('waiting for snapshot…');
    unmount();
  });

  it('marks stale, resolved and crossed books in the header', async () => {
    const cases = [
      [assetView({ status: 'stale', receivedAt: NOW - 12_000 }), 'STALE 12s'],
      [assetView({ status: 'quiet', quietSince: NOW - 40_000 }), 'QUIET 40s'],
      [assetView({ status: 'resolved' }), 'RESOLVED'],
      [assetView({ status: 'resolved', winner: true }), 'RESOLVED — won'],
      [assetView({ bids: [['0.5', '1']], asks: [['0.49', '1']], crossed: true }), 'CROSSED'],
    ] as const;
    for (const [view, badge] of cases) {
      const { lastFrame, unmount } = render(<App store={storeWith([view])} now={now} />);
      await settle();
      expect(lines(lastFrame())[0]).toMatch(new RegExp(`  ${badge.replace(/[()]/g, '\\$&')}  tick 0\\.01  \\? help$`));
      unmount();
    }
  });

  it('shows the reconnect countdown and frozen state in the health bar', async () => {
    const store = storeWith([up], [health({ state: 'reconnecting', attempt: 2, nextRetryAt: NOW + 4000, reconnects: 1 })]);
    const { lastFrame, unmount } = render(<App store={store} now={now} />);
    await settle();
    expect(lastFrame()).toContain('reconnecting #2 in 4s  rtt 42ms');
    setHealth(store, health({ state: 'live', frozen: true }));
    await settle();
    expect(lastFrame()).toContain('frozen  rtt 42ms');
    unmount();
  });

  it('uses A/B markers and no colour when NO_COLOR is set to anything', async () => {
    process.env.NO_COLOR = '';
    const { lastFrame, unmount } = render(<App store={storeWith([up])} now={now} />);
    await settle();
    expect(lastFrame()).toContain('A  0.41      50.00       50.00');
    expect(lastFrame()).toContain('B  0.40     106.06      106.06');
    unmount();
  });
});

describe('clock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ages data and counts the reconnect down once a second', async () => {
    vi.useFakeTimers({ now: NOW });
    const store = storeWith([up], [health({ state: 'reconnecting', attempt: 2, nextRetryAt: NOW + 4000 })]);
    const { lastFrame, unmount } = render(<App store={store} now={() => Date.now()} />);
    await settle();
    expect(lastFrame()).toContain('reconnecting #2 in 4s  rtt 42ms  12.5 msg/s  data 1s ago');
    vi.advanceTimersByTime(3000);
    await settle();
    expect(lastFrame()).toContain('reconnecting #2 in 1s  rtt 42ms  12.5 msg/s  data 4s ago');
    unmount();
  });

  it('a quiet book counts its silence up; once REST proves it, it says when', async () => {
    vi.useFakeTimers({ now: NOW });
    const store = storeWith([{ ...up, status: 'quiet', quietSince: NOW - 30_000 }]);
    const { lastFrame, unmount } = render(<App store={store} now={() => Date.now()} />);
    await settle();
    expect(lines(lastFrame())[0]).toContain('  QUIET 30s  tick 0.01');
    vi.advanceTimersByTime(5_000);
    await settle();
    expect(lines(lastFrame())[0]).toContain('  QUIET 35s  tick 0.01');
    publishAssets(store, [{ ...up, status: 'quiet', quietSince: NOW - 30_000, quietVerifiedAt: new Date(2026, 6, 19, 12, 0, 5).getTime() }]);
    await settle();
    expect(lines(lastFrame())[0]).toContain('  quiet, verified at 12:00:05  tick 0.01');
    unmount();
  });
});

describe('keys', () => {
  it('Tab, Shift-Tab, arrows and digits change the selected asset in the header', async () => {
    const { lastFrame, stdin, unmount } = render(<App store={twoMarkets()} now={now} />);
    await settle();
    const tabs = () => lines(lastFrame())[1];
    expect(tabs()).toBe('[1 Up]  2 Yes   3 Down');
    stdin.write(keys.tab);
    await settle();
    expect(tabs()).toBe(' 1 Up  [2 Yes]  3 Down');
    expect(lines(lastFrame())[0]).toContain('Rain tomorrow? — Yes');
    stdin.write(keys.right);
    await settle();
    expect(tabs()).toBe(' 1 Up   2 Yes  [3 Down]');
    stdin.write(keys.tab);
    await settle();
    expect(tabs()).toBe('[1 Up]  2 Yes   3 Down');
    stdin.write(keys.shiftTab);
    await settle();
    expect(tabs()).toBe(' 1 Up   2 Yes  [3 Down]');
    stdin.write(keys.left);
    await settle();
    expect(tabs()).toBe(' 1 Up  [2 Yes]  3 Down');
    stdin.write('1');
    await settle();
    expect(tabs()).toBe('[1 Up]  2 Yes   3 Down');
    stdin.write('9');
    await settle();
    expect(tabs()).toBe('[1 Up]  2 Yes   3 Down');
    unmount();
  });

  it('counts every key of a burst (two Tabs in one tick move two tabs)', async () => {
    const { lastFrame, stdin, unmount } = render(<App store={twoMarkets()} now={now} />);
    await settle();
    stdin.write(keys.tab);
    stdin.write(keys.tab);
    await settle();
    expect(lines(lastFrame())[1]).toBe(' 1 Up   2 Yes  [3 Down]');
    stdin.write('2');
    stdin.write('o');
    await settle();
    // Asset 2 has no other outcome watched: o keeps it.
    expect(lines(lastFrame())[1]).toBe(' 1 Up  [2 Yes]  3 Down');
    unmount();
  });

  it('o flips to the other outcome of the same market, and back', async () => {
    const { lastFrame, stdin, unmount } = render(<App store={twoMarkets()} now={now} />);
    await settle();
    stdin.write('o');
    await settle();
    expect(lines(lastFrame())[0]).toMatch(/^Bitcoin Up or Down\? — Down/);
    expect(lastFrame()).toContain('  0.58      50.00       50.00');
    stdin.write('o');
    await settle();
    expect(lines(lastFrame())[0]).toMatch(/^Bitcoin Up or Down\? — Up/);
    stdin.write('2');
    stdin.write('o');
    await settle();
    expect(lines(lastFrame())[0]).toMatch(/^Rain tomorrow\? — Yes/);
    unmount();
  });

  it('+ and - (and ] [) change the ladder depth; the store publishes the levels shown', async () => {
    const store = twoMarkets();
    // 60 rows: room for 26 levels a side, more than the 20 the store starts with (--depth).
    const term = terminal(120, 60);
    const app = renderAt(<App store={store} now={now} />, term);
    await settle();
    expect(store.getState().depth).toBe(20);
    term.stdin.write('+');
    await settle();
    expect(store.getState().depth).toBe(21);
    term.stdin.write('-');
    term.stdin.write('-');
    await settle();
    expect(store.getState().depth).toBe(19);
    term.stdin.write(']');
    await settle();
    expect(store.getState().depth).toBe(24);
    term.stdin.write('[');
    await settle();
    expect(store.getState().depth).toBe(19);
    // As deep as the rows allow, whatever the maximum: ]]]] asks for 39, 26 fit.
    for (let i = 0; i < 4; i++) term.stdin.write(']');
    await settle();
    expect(store.getState().depth).toBe(26);
    // `-` takes a level off what is shown, not off the maximum.
    term.stdin.write('-');
    await settle();
    expect(store.getState().depth).toBe(25);
    app.unmount();
  });

  it('the ladder grows to fill the pane up to the maximum depth, and the store publishes only that', async () => {
    const deep = Array.from({ length: 40 }, (_, i) => [(0.4 - i * 0.005).toFixed(3), String(100 + i)] as const);
    const store = storeWith([assetView({ bids: deep, asks: deep.map(([p, q]) => [(0.805 - Number(p)).toFixed(3), q] as const), depth: 40 })]);
    store.setState({ depth: 200 });
    const term = terminal(120, 40);
    const app = renderAt(<App store={store} now={now} />, term);
    await settle();
    const levelRows = () => lines(app.lastFrame()).filter((l) => /^ +0\.\d{3} /.test(l)).length;
    // 39 lines: header 2, column titles, 16 + spread + 16, stats, health 2.
    expect(store.getState().depth).toBe(16);
    expect(levelRows()).toBe(32);
    term.stdout.resize(120, 60);
    await settle();
    expect(store.getState().depth).toBe(26);
    expect(levelRows()).toBe(52);
    app.unmount();
  });

  it('? opens and closes the help listing every key', async () => {
    const { lastFrame, stdin, unmount } = render(<App store={twoMarkets()} now={now} />);
    await settle();
    stdin.write('?');
    await settle();
    for (const text of ['keys', 'next asset', 'other outcome of this market', 'ladder depth ±1', 'pause drawing', 'quit']) {
      expect(lastFrame()).toContain(text);
    }
    expect(lastFrame()).not.toContain('spread 1 tick');
    stdin.write('?');
    await settle();
    expect(lastFrame()).toContain('spread 1 tick');
    stdin.write('?');
    stdin.write(keys.esc);
    await settle();
    expect(lastFrame()).not.toContain('next asset');
    unmount();
  });

  it('p freezes the screen while the store keeps changing, and shows PAUSED', async () => {
    const store = twoMarkets();
    const { lastFrame, stdin, unmount } = render(<App store={store} now={now} />);
    await settle();
    stdin.write('p');
    await settle();
    expect(lines(lastFrame())[0]).toContain('PAUSED');
    publishAssets(store, [assetView({ bids: [['0.3', '7']], asks: ASKS })]);
    await settle();
    expect(store.getState().assets.get(YES)!.bids[0]!.price).toBe('0.3');
    expect(lastFrame()).toContain('  0.40     106.06');
    expect(lastFrame()).not.toContain('  0.30');
    stdin.write('p');
    await settle();
    expect(lastFrame()).not.toContain('PAUSED');
    expect(lastFrame()).toContain('  0.30');
    unmount();
  });

  it('q and Ctrl-C quit through Ink', async () => {
    for (const key of ['q', keys.ctrlC]) {
      const term = terminal(80, 24);
      const app = renderAt(<App store={twoMarkets()} now={now} />, term);
      await settle();
      const exited = vi.fn();
      void app.waitUntilExit().then(exited);
      term.stdin.write(key);
      await settle();
      expect(exited).toHaveBeenCalled();
    }
  });

  it('in replay, shows progress; space pauses playback and . steps', async () => {
    let paused = false;
    const replay: ReplayControls = {
      speed: '10x',
      togglePause: vi.fn(() => {
        paused = !paused;
      }),
      step: vi.fn(),
      isPaused: () => paused,
      progress: () => ({ frame: 120, total: 900 }),
    };
    const { lastFrame, stdin, unmount } = render(<App store={twoMarkets()} replay={replay} now={now} />);
    await settle();
    // Where a live book says "live", the header says it is a replay, how fast, and how far.
    expect(lines(lastFrame())[0]).toMatch(/ {2}REPLAY 10× {2}frame 120\/900 {2}tick 0\.01 {2}\? help$/);
    expect(lines(lastFrame())[0]).not.toMatch(/ live /);
    stdin.write(' ');
    await settle();
    expect(replay.togglePause).toHaveBeenCalledTimes(1);
    expect(lines(lastFrame())[0]).toContain('REPLAY 10×  frame 120/900  [paused]');
    stdin.write('.');
    await settle();
    expect(replay.step).toHaveBeenCalledTimes(1);
    unmount();
  });

  it('without a TTY the screen renders and keys are ignored', async () => {
    const term = terminal(80, 24, false);
    const app = renderAt(<App store={twoMarkets()} now={now} />, term);
    await settle();
    term.stdin.write('\t');
    await settle();
    expect(lines(app.lastFrame())[1]).toBe('[1 Up]  2 Yes   3 Down');
    app.unmount();
  });
});
