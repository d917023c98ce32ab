/**
 * `watch --orders` on the book screen: the user's resting orders marked on their ladder levels with
 * the shares still open, and their fills in the tape among the market's prints, marked.
 */
import { describe, expect, it } from 'vitest';
import { App } from '../../components/app.js';
import { ladderModel } from '../../components/ladder-model.js';
import { tapeLines } from '../../components/trade-tape.js';
import { ownLevels } from '../../store/own-orders.js';
import type { OrderView, TradeView, UserTradeView } from '../../store/types.js';
import { ASKS, BIDS, MARKET, NOW, NO, YES, assetView, lines, renderAt, settle, storeWith, terminal } from './helpers.js';

process.env.TZ = 'UTC';

function order(id: string, side: 'BUY' | 'SELL', price: string, originalSize: string, sizeMatched: string, status = 'LIVE', assetId = YES): OrderView {
  return { id, market: MARKET, assetId, side, price, originalSize, sizeUnit: 'shares', sizeMatched, outcome: 'Up', status, timestamp: String(NOW) };
}

function fill(id: string, side: 'BUY' | 'SELL', price: string, size: string, at: number): UserTradeView {
  return {
    id,
    market: MARKET,
    assetId: YES,
    side,
    price,
    size,
    outcome: 'Up',
    status: 'MATCHED',
    history: ['MATCHED'],
    matchTime: null,
    timestamp: String(at),
  };
}

const ORDERS = new Map<string, OrderView>([
  ['o1', order('o1', 'BUY', '0.40', '25', '0')],
  ['o2', order('o2', 'BUY', '0.4', '10', '2.5')],
  ['o3', order('o3', 'SELL', '0.43', '12', '0')],
  // Finished, a market BUY in pUSD, another asset: none of them rests on this ladder.
  ['o4', order('o4', 'SELL', '0.42', '50', '50', 'MATCHED')],
  ['o5', order('o5', 'BUY', '0.39', '5', '0', 'CANCELED')],
  ['o6', { ...order('o6', 'BUY', '0.38', '5', ''), sizeUnit: 'pusd' }],
  ['o7', order('o7', 'BUY', '0.41', '5', '0', 'LIVE', NO)],
]);

describe('own orders on the ladder', () => {
  it('open shares summed per level from the live limit orders of the asset', () => {
    const store = storeWith([assetView()]);
    store.setState({ orders: ORDERS });
    expect([...ownLevels(store.getState(), YES)]).toEqual([
      ['b:0.4', '32.5'],
      ['a:0.43', '12'],
    ]);
    // Derived once per orders map: the same object for the next frame.
    expect(ownLevels(store.getState(), YES)).toBe(ownLevels(store.getState(), YES));
  });

  it('a marker column between the total and the bar, titled "mine"; rows without an order keep blanks', () => {
    const toLevels = (l: readonly (readonly [string, string])[]) => {
      let cum = 0;
      return l.map(([price, size]) => ({ price, size, cumulative: String((cum += Number(size))) }));
    };
    const model = ladderModel(toLevels(ASKS), toLevels(BIDS), {
      levels: 3,
      width: 60,
      tickSize: '0.01',
      markers: false,
      flashing: new Set(),
      columnHeader: true,
      middle: null,
      own: new Map([['b:0.4', '◆32.5']]),
    });
    expect(model.header).toMatch(/total {2}mine {2}depth$/);
    expect(model.bids[0]!.cum).toMatch(/106\.06 {2}◆32\.5 $/);
    expect(model.bids[1]!.cum).toMatch(/274\.94 {2} {6}$/);
    const markAt = model.header!.indexOf('mine');
    // The header has the side prefix's column (1) before the price; a row's columns come after it.
    expect((model.bids[0]!.head + model.bids[0]!.cum).indexOf('◆') + 1).toBe(markAt);
  });

  it('fills are marked in the tape', () => {
    const market: TradeView = { price: '0.41', size: '5', side: 'BUY', timestamp: String(NOW - 2000) };
    const mine: TradeView = { price: '0.4', size: '2.5', side: 'SELL', timestamp: String(NOW - 1000) };
    expect(tapeLines([mine, market], 40, '0.01', new Set([mine])).map((l) => l.text)).toEqual(['11:59:59 SELL 0.40 2.5 ◆', '11:59:58 BUY  0.41 5.0']);
  });

  it('on the screen at 120×40: ◆ with the open shares on the 0.40 bid and the 0.43 ask; the fill in the tape, marked', async () => {
    const trades: TradeView[] = [{ price: '0.41', size: '5', side: 'BUY', timestamp: String(NOW - 3000) }];
    const store = storeWith([assetView({ bids: BIDS, asks: ASKS, trades })], undefined, 10);
    store.setState({ orders: ORDERS, userTrades: [fill('t1', 'SELL', '0.4', '2.5', NOW - 1000)] });
    const term = terminal(120, 40);
    const app = renderAt(<App store={store} now={() => NOW} />, term);
    await settle();
    const frame = lines(app.lastFrame());
    expect(frame.find((l) => l.includes(' price '))).toMatch(/total {2}mine {2}depth/);
    expect(frame.find((l) => /^ {2}0\.40 /.test(l))).toMatch(/◆32\.5/);
    expect(frame.find((l) => /^ {2}0\.43 /.test(l))).toMatch(/◆12(?!\d)/);
    expect(frame.find((l) => /^ {2}0\.42 /.test(l))).not.toMatch(/◆/);
    const tape = frame.join('\n');
    expect(tape).toMatch(/11:59:59 SELL 0\.40 +2\.5 ◆/);
    expect(tape).toMatch(/11:59:57 BUY {2}0\.41 +5\.0(?! ◆)/);
    app.unmount();
  });
});
