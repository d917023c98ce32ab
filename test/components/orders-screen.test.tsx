/** The orders screen from fixed store states (ink-testing-library). */
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { OrdersApp } from '../../components/orders-screen.js';
import { openOrders, orderRow, tradeRow } from '../../components/orders-text.js';
import { createPolybookStore, setHealth } from '../../store/store.js';
import { applyOrder, applyUserTrade } from '../../store/user-binding.js';
import type { OrderEvent, UserTradeEvent } from '../../src/protocol/events.js';

const order: OrderEvent = {
  kind: 'order',
  type: 'PLACEMENT',
  id: '0xorder1',
  market: '0xm',
  assetId: '1',
  side: 'BUY',
  price: '0.45',
  originalSize: '10',
  sizeUnit: 'shares',
  sizeMatched: '0',
  outcome: 'Yes',
  status: 'LIVE',
  orderType: 'GTC',
  timestamp: '1784449237000',
};
const trade: UserTradeEvent = {
  kind: 'trade',
  id: 't-1',
  status: 'MATCHED',
  market: '0xm',
  assetId: '1',
  side: 'BUY',
  price: '0.45',
  size: '4',
  outcome: 'Yes',
  matchTime: '1784449237',
  traderSide: 'TAKER',
  transactionHash: null,
  timestamp: '1784449237500',
};

describe('orders screen', () => {
  it('rows: open orders and trades with their status history', () => {
    const store = createPolybookStore();
    applyOrder(store, order);
    applyOrder(store, { ...order, id: '0xorder2', type: 'CANCELLATION', status: 'CANCELED' });
    applyUserTrade(store, trade);
    applyUserTrade(store, { ...trade, status: 'MINED' });
    applyUserTrade(store, { ...trade, status: 'CONFIRMED' });
    const open = openOrders(store.getState().orders);
    expect(open.map((o) => o.id)).toEqual(['0xorder1']);
    expect(orderRow(open[0]!)).toBe('BUY   Yes           0.45          10           0  LIVE');
    expect(tradeRow(store.getState().userTrades[0]!)).toMatch(/ BUY {3}Yes {11}0\.45 {11}4 {2}MATCHED → MINED → CONFIRMED$/);
  });

  it('draws the connection state, the orders and the trades', async () => {
    const store = createPolybookStore();
    setHealth(store, {
      id: 'user-0',
      channel: 'user',
      state: 'live',
      frozen: false,
      attempt: 0,
      nextRetryAt: null,
      rttMs: 5,
      messagesPerSec: 0,
      lastDataAt: null,
      quietVerifiedAt: null,
      reconnects: 0,
      lastDisconnectCause: null,
      assets: 1,
    });
    applyOrder(store, order);
    applyUserTrade(store, trade);
    const { lastFrame, unmount } = render(<OrdersApp store={store} size={{ columns: 100, rows: 20 }} />);
    await new Promise((r) => setTimeout(r, 10));
    const frame = lastFrame()!;
    expect(frame.split('\n')[0]).toBe('orders — your user channel  live');
    expect(frame).toContain('open orders (1)');
    expect(frame).toContain('BUY   Yes           0.45          10           0  LIVE');
    expect(frame).toContain('trades (1)');
    expect(frame).toContain('MATCHED');
    expect(frame.split('\n').length).toBeLessThan(20);
    unmount();
  });
});
