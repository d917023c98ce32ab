/**
 * Markets on the screen: the search (`/`) as a reducer and on screen with a MarketsControl that
 * records what it is asked, `x` and `w` with their notices, the header's time left and roll
 * countdown, the roll banner, and tabs grouped by market when there are many.
 */
import { describe, expect, it } from 'vitest';
import { App } from '../../components/app.js';
import { countdown } from '../../components/countdown.js';
import { backspace, EMPTY_SEARCH, enter, failed, found, move, searchModel, typeText } from '../../components/search-state.js';
import { setFollow } from '../../store/store.js';
import type { MarketChoice, MarketsControl } from '../../store/tui-request.js';
import { ASKS, BIDS, NO, NOW, YES, assetView, lines, renderAt, settle, storeWith, terminal } from './helpers.js';

const CHOICES: MarketChoice[] = [
  { key: 'k1', question: 'Will the Fed cut rates?', outcomes: ['Yes', 'No'], endsAt: NOW + 90_061_000 },
  { key: 'k2', question: 'Will it rain in NYC?', outcomes: ['Yes', 'No'], endsAt: null },
];

/** A MarketsControl that records each call and answers as told. */
function control(options: { save?: () => Promise<string>; search?: (text: string) => Promise<readonly MarketChoice[]> } = {}) {
  const calls: string[] = [];
  const c: MarketsControl = {
    search: async (text) => {
      calls.push(`search ${text}`);
      return (options.search ?? (async () => CHOICES))(text);
    },
    add: async (choice) => {
      calls.push(`add ${choice.key}`);
    },
    remove: (ids) => {
      calls.push(`remove ${ids.join(',')}`);
    },
    saveWatchlist: async () => {
      calls.push('save');
      return (options.save ?? (async () => '/home/t/.config/polybook/config.json'))();
    },
  };
  return { control: c, calls };
}

describe('countdown', () => {
  it('reads like a clock, then in days', () => {
    expect(countdown(NOW + 161_000, NOW)).toBe('2:41');
    expect(countdown(NOW + 500, NOW)).toBe('0:01');
    expect(countdown(NOW + 3_723_000, NOW)).toBe('1:02:03');
    expect(countdown(NOW + 90_061_000, NOW)).toBe('1d 1h');
    expect(countdown(NOW, NOW)).toBe('ended');
    expect(countdown(NOW - 5000, NOW)).toBe('ended');
  });
});

describe('search state', () => {
  it('types printable text only, searches on Enter, lists the answer, chooses, adds', () => {
    let s = typeText(EMPTY_SEARCH, 'fed\u001b[2J');
    expect(s.text).toBe('fed[2J');
    s = backspace(backspace(backspace(backspace(s))));
    expect(s.text).toBe('fe');
    s = typeText(s, 'd');
    expect(typeText(s, '\u0007')).toBe(s);
    const searched = enter(s);
    expect(searched.request).toEqual({ kind: 'search', text: 'fed', query: 1 });
    expect(searched.state.phase).toBe('searching');
    // Typing while Gamma answers changes nothing.
    expect(typeText(searched.state, 'x')).toBe(searched.state);
    s = found(searched.state, 1, CHOICES);
    expect(s).toMatchObject({ phase: 'results', selected: 0, message: null });
    expect(move(s, -1)).toBe(s);
    s = move(s, 1);
    expect(s.selected).toBe(1);
    expect(move(s, 1)).toBe(s);
    const adding = enter(s);
    expect(adding.request).toEqual({ kind: 'add', choice: CHOICES[1] });
    expect(adding.state.phase).toBe('adding');
  });

  it('drops a late answer to an older query, says when nothing matched or a call failed', () => {
    const first = enter(typeText(EMPTY_SEARCH, 'a')).state;
    const again = enter(typeText({ ...first, phase: 'typing' }, 'b')).state;
    expect(again.query).toBe(2);
    expect(found(again, 1, CHOICES)).toBe(again);
    const none = found(again, 2, []);
    expect(none).toMatchObject({ phase: 'typing', message: 'no market matches "ab"' });
    expect(failed(again, 'Gamma /public-search answered HTTP 503\u001b]0;x\u0007')).toMatchObject({
      phase: 'typing',
      message: 'Gamma /public-search answered HTTP 503 ]0;x ',
    });
    expect(enter(EMPTY_SEARCH).request).toBeNull();
  });

  it('fits the rows and width it is given, the selection in view', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({
      key: `k${i}`,
      question: `Market number ${i} with a long question`,
      outcomes: ['Yes', 'No'],
      endsAt: NOW + 161_000,
    }));
    const s = { ...found(enter(typeText(EMPTY_SEARCH, 'm')).state, 1, many), selected: 20 };
    const model = searchModel(s, 50, 10, NOW);
    expect(model.prompt).toBe('Add a market: m_');
    expect(model.rows).toHaveLength(6);
    expect(model.rows.find((r) => r.selected)!.key).toBe('k20');
    for (const row of model.rows) expect(row.text.length).toBeLessThanOrEqual(48);
    expect(model.rows.at(-1)!.text).toMatch(/Yes\/No {2}ends in 2:41$/);
  });
});

const up = assetView({ bids: BIDS, asks: ASKS, pair: { assetId: NO, gap: '0', disagrees: false }, endsAt: NOW + 161_000 });
const down = assetView({ assetId: NO, outcome: 'Down', bids: [['0.58', '50']], asks: [['0.59', '106.06']], endsAt: NOW + 161_000 });
const other = assetView({ assetId: 'other-asset-id-0001', market: '0xother', outcome: 'Yes', question: 'Rain tomorrow?' });

describe('markets on screen', () => {
  const now = () => NOW;

  it('/ opens the search: typed text, Enter searches, Down chooses, Enter adds; then the notice', async () => {
    const term = terminal(100, 30);
    const { control: c, calls } = control();
    const app = renderAt(<App store={storeWith([up, down])} now={now} markets={c} noColor />, term);
    await settle();
    term.stdin.write('/');
    await settle();
    expect(lines(app.lastFrame())[0]).toBe('Add a market: _');
    // Keys that mean something on the book are letters of the query here.
    for (const key of 'fed q') term.stdin.write(key);
    await settle();
    expect(lines(app.lastFrame())[0]).toBe('Add a market: fed q_');
    term.stdin.write('\u007f');
    term.stdin.write('\u007f');
    term.stdin.write('\r');
    await settle();
    await settle();
    expect(calls).toEqual(['search fed']);
    expect(lines(app.lastFrame())).toEqual([
      'Add a market: fed_',
      '> [Will the Fed cut rates?  Yes/No  ends in 1d 1h]',
      '  Will it rain in NYC?  Yes/No',
      'Up/Down choose  Enter add  type to search again  Esc close',
    ]);
    term.stdin.write('\u001B[B');
    await settle();
    expect(lines(app.lastFrame())[2]).toBe('> [Will it rain in NYC?  Yes/No]');
    term.stdin.write('\r');
    await settle();
    await settle();
    expect(calls).toEqual(['search fed', 'add k2']);
    const frame = lines(app.lastFrame());
    expect(frame[0]).toMatch(/^Bitcoin Up or Down\? — Up/);
    expect(frame[1]).toBe('>> added Will it rain in NYC?');
    app.unmount();
  });

  it('Esc closes the search; a search that fails says so and keeps the query', async () => {
    const term = terminal(100, 30);
    const { control: c } = control({ search: async () => Promise.reject(new Error('Gamma /public-search answered HTTP 503')) });
    const app = renderAt(<App store={storeWith([up, down])} now={now} markets={c} noColor />, term);
    await settle();
    term.stdin.write('/');
    term.stdin.write('x');
    term.stdin.write('\r');
    await settle();
    await settle();
    expect(lines(app.lastFrame()).slice(0, 3)).toEqual([
      'Add a market: x_',
      'search failed: Gamma /public-search answered HTTP 503',
      'type a few words  Enter search Gamma  Esc close',
    ]);
    term.stdin.write('\u001B');
    await settle();
    expect(lines(app.lastFrame())[0]).toMatch(/^Bitcoin Up or Down\? — Up/);
    app.unmount();
  });

  it('x removes every outcome of the market on screen; w saves and says where, or why not', async () => {
    const term = terminal(100, 30);
    let fail = false;
    const { control: c, calls } = control({
      save: async () => (fail ? Promise.reject(new Error('config file /x/config.json: cannot write it (EACCES)')) : '/home/t/.config/polybook/config.json'),
    });
    const app = renderAt(<App store={storeWith([up, other, down])} now={now} markets={c} noColor />, term);
    await settle();
    term.stdin.write('x');
    await settle();
    expect(calls).toEqual([`remove ${YES},${NO}`]);
    expect(lines(app.lastFrame())[1]).toBe('>> removed Bitcoin Up or Down?');
    term.stdin.write('w');
    await settle();
    await settle();
    expect(lines(app.lastFrame())[1]).toBe('>> watchlist saved to /home/t/.config/polybook/config.json');
    fail = true;
    term.stdin.write('w');
    await settle();
    await settle();
    expect(lines(app.lastFrame())[1]).toBe('>> watchlist not saved: config file /x/config.json: cannot write it (EACCES)');
    app.unmount();
  });

  it('without a MarketsControl, / x w do nothing', async () => {
    const term = terminal(100, 30);
    const app = renderAt(<App store={storeWith([up, down])} now={now} noColor />, term);
    await settle();
    const before = app.lastFrame();
    for (const key of '/xw') term.stdin.write(key);
    await settle();
    expect(app.lastFrame()).toBe(before);
    app.unmount();
  });

  it('the header shows the time left, and with --follow the countdown to the roll and the roll', async () => {
    const term = terminal(120, 30);
    let time = NOW;
    const store = storeWith([up, down]);
    const app = renderAt(<App store={store} now={() => time} noColor />, term);
    await settle();
    expect(lines(app.lastFrame())[0]).toMatch(/live {2}tick 0\.01 {2}ends in 2:41 {2}\? help$/);
    setFollow(store, { series: 'btc-updown-5m', slug: 'btc-updown-5m-1784462700', endsAt: NOW + 161_000, lastRoll: null });
    await settle();
    await new Promise((r) => setTimeout(r, 60));
    expect(lines(app.lastFrame())[0]).toMatch(/next roll in 2:41 {2}\? help$/);
    setFollow(store, {
      series: 'btc-updown-5m',
      slug: 'btc-updown-5m-1784463000',
      endsAt: NOW + 161_000,
      lastRoll: { at: NOW, from: 'btc-updown-5m-1784462700', to: 'btc-updown-5m-1784463000' },
    });
    await new Promise((r) => setTimeout(r, 60));
    expect(lines(app.lastFrame())[1]).toBe('>> rolled to btc-updown-5m-1784463000');
    // A few seconds later the tabs are back.
    time = NOW + 5000;
    store.setState({ frame: store.getState().frame + 1 });
    await settle();
    expect(lines(app.lastFrame())[1]).toBe('[1 Up]  2 Down');
    expect(lines(app.lastFrame())[0]).toMatch(/next roll in 2:36/);
    app.unmount();
  });

  it('the compact status line says the time left too', async () => {
    const term = terminal(60, 12);
    const app = renderAt(<App store={storeWith([up, down])} now={now} noColor />, term);
    await settle();
    expect(lines(app.lastFrame())[0]).toBe('1/2 Up Bitcoin Up or Down?  live 42ms  ends 2:41');
    app.unmount();
  });

  it('groups many tabs by market, each group named', async () => {
    const term = terminal(160, 30);
    const views = [0, 1, 2].flatMap((m) =>
      ['Yes', 'No'].map((outcome, i) => assetView({ assetId: `asset-${m}-${i}-000000000`, market: `0xm${m}`, outcome, question: `Market ${m} question here` })),
    );
    const app = renderAt(<App store={storeWith(views)} now={now} noColor />, term);
    await settle();
    expect(lines(app.lastFrame())[1]).toBe('[1 Market 0 question…: Yes]  2 No   3 Market 1 question…: Yes   4 No   5 Market 2 question…: Yes   6 No');
    app.unmount();
  });
});
