/**
 * Orders into the store: the size unit travels into `OrderView`, a cancellation keeps the
 * venue's reason, and the 2026 statuses decide what is still open.
 */
import { describe, expect, it } from 'vitest';
import { openOrders } from '../../components/orders-text.js';
import type { OrderEvent } from '../../src/protocol/events.js';
import { parseFrame } from '../../src/protocol/parse-frame.js';
import { createPolybookStore } from '../../store/store.js';
import { applyOrder, orderViewStatus } from '../../store/user-binding.js';
import { fixtureJson } from '../helpers/fixtures.js';

const PLACEMENT = fixtureJson('nautilus-2024-2025/ws_order_placement.json') as Record<string, unknown>;

function orderEvent(extra: Record<string, unknown>): OrderEvent {
  return parseFrame(JSON.stringify({ ...PLACEMENT, ...extra })).events[0] as OrderEvent;
}

describe('user binding: orders', () => {
  it('OrderView carries the size unit: a FOK BUY in pUSD, the real GTC order in shares', () => {
    const store = createPolybookStore();
    applyOrder(store, orderEvent({}));
    applyOrder(store, orderEvent({ id: '0xfok', order_type: 'FOK', price: '0.01', original_size: '1.01', size_matched: '', outcome: '' }));
    const orders = store.getState().orders;
    expect(orders.get('0x0f76f4dc6eaf3332f4100f2e8a0b4a927351dd64646b7bb12f37df775c657a78')).toMatchObject({
      originalSize: '5',
      sizeUnit: 'shares',
      status: 'LIVE',
    });
    expect(orders.get('0xfok')).toEqual({
      id: '0xfok',
      market: '0xdd22472e552920b8438158ea7238bfadfa4f736aa4cee91a6b86c39ead110917',
      assetId: '21742633143463906290569050155826241533067272736897614950488156847949938836455',
      side: 'BUY',
      price: '0.01',
      originalSize: '1.01',
      sizeUnit: 'pusd',
      sizeMatched: '0',
      outcome: null,
      status: 'LIVE',
      timestamp: '1725842520990',
    });
  });

  it('a cancellation keeps a CANCELED_<reason> or INVALID status, else reads CANCELED', () => {
    expect(orderViewStatus(orderEvent({ type: 'CANCELLATION', status: 'CANCELED_MARKET_RESOLVED' }))).toBe('CANCELED_MARKET_RESOLVED');
    expect(orderViewStatus(orderEvent({ type: 'CANCELLATION', status: 'INVALID' }))).toBe('INVALID');
    expect(orderViewStatus(orderEvent({ type: 'CANCELLATION', status: 'LIVE' }))).toBe('CANCELED');
    expect(orderViewStatus(orderEvent({ type: 'CANCELLATION', status: 'MATCHED' }))).toBe('CANCELED');
    expect(orderViewStatus(orderEvent({ type: 'CANCELLATION', status: '' }))).toBe('CANCELED');
    expect(orderViewStatus(orderEvent({ type: 'UPDATE', status: 'SOMETHING_NEW' }))).toBe('SOMETHING_NEW');
    expect(orderViewStatus(orderEvent({ type: 'UPDATE', status: '' }))).toBe('MATCHED');
  });

  it('CANCELED_<reason> and INVALID orders leave the open list; unknown statuses stay', () => {
    const store = createPolybookStore();
    const statuses = ['LIVE', 'CANCELED_MARKET_RESOLVED', 'INVALID', 'MATCHED', 'DELAYED', 'SOMETHING_NEW', 'CANCELED'];
    for (const [i, status] of statuses.entries()) applyOrder(store, orderEvent({ id: `0x${i}`, status, timestamp: String(1000 + i) }));
    expect(openOrders(store.getState().orders).map((o) => o.status)).toEqual(['SOMETHING_NEW', 'DELAYED', 'LIVE']);
  });
});
