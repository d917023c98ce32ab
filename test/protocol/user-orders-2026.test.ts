/**
 * User-channel orders in their 2026 shapes (POLYMARKET.md §7.1, §13.12), built on the real
 * nautilus orders: market BUYs sized in pUSD, "" fields, unknown statuses kept, never rejected.
 */
import { describe, expect, it } from 'vitest';
import type { OrderEvent, UserTradeEvent } from '../../src/protocol/events.js';
import { parseFrame } from '../../src/protocol/parse-frame.js';
import { ORDER_TEXT_LIMIT, orderIsCanceled, orderIsDone, orderSizeUnit } from '../../src/protocol/user-events.js';
import { fixtureJson } from '../helpers/fixtures.js';

const PLACEMENT = fixtureJson('nautilus-2024-2025/ws_order_placement.json') as Record<string, unknown>;
const CANCEL = fixtureJson('nautilus-2024-2025/ws_order_cancel.json') as Record<string, unknown>;

/** The one event of a frame, which must be an order. */
function order(raw: Record<string, unknown>): OrderEvent {
  const events = parseFrame(JSON.stringify(raw)).events;
  expect(events).toHaveLength(1);
  expect(events[0]!.kind).toBe('order');
  return events[0] as OrderEvent;
}

describe('user-channel orders, 2026 shapes', () => {
  it('the real 2024 orders are GTC, sized in shares, with their statuses', () => {
    expect(order(PLACEMENT)).toEqual({
      kind: 'order',
      type: 'PLACEMENT',
      id: '0x0f76f4dc6eaf3332f4100f2e8a0b4a927351dd64646b7bb12f37df775c657a78',
      market: '0xdd22472e552920b8438158ea7238bfadfa4f736aa4cee91a6b86c39ead110917',
      assetId: '21742633143463906290569050155826241533067272736897614950488156847949938836455',
      side: 'BUY',
      price: '0.513',
      originalSize: '5',
      sizeUnit: 'shares',
      sizeMatched: '0',
      outcome: 'Yes',
      status: 'LIVE',
      orderType: 'GTC',
      timestamp: '1725842520990',
    });
    expect(order(CANCEL)).toMatchObject({ type: 'CANCELLATION', side: 'SELL', sizeUnit: 'shares', sizeMatched: '5', status: 'CANCELED' });
  });

  it('a market BUY (FOK or FAK) states pUSD: 1.01 at 0.01 is $1.01, not 1.01 shares', () => {
    const fok = order({ ...PLACEMENT, order_type: 'FOK', price: '0.01', original_size: '1.01' });
    expect(fok).toMatchObject({ side: 'BUY', orderType: 'FOK', originalSize: '1.01', sizeUnit: 'pusd' });
    expect(order({ ...PLACEMENT, order_type: 'FAK', original_size: '2.50' })).toMatchObject({ originalSize: '2.5', sizeUnit: 'pusd' });
    expect(order({ ...PLACEMENT, order_type: 'fok' })).toMatchObject({ orderType: 'FOK', sizeUnit: 'pusd' });
  });

  it('a market SELL and every limit order state shares', () => {
    expect(order({ ...PLACEMENT, side: 'SELL', order_type: 'FOK' }).sizeUnit).toBe('shares');
    expect(order({ ...PLACEMENT, order_type: 'GTD' }).sizeUnit).toBe('shares');
    const { order_type: _dropped, ...untyped } = PLACEMENT;
    expect(order(untyped)).toMatchObject({ orderType: null, sizeUnit: 'shares' });
    expect(orderSizeUnit('BUY', null)).toBe('shares');
    expect(orderSizeUnit('BUY', 'FAK')).toBe('pusd');
    expect(orderSizeUnit('SELL', 'FAK')).toBe('shares');
  });

  it('"" size_matched, outcome, created_at and status: accepted, read as 0 / null', () => {
    const blank = order({ ...PLACEMENT, size_matched: '', outcome: '', created_at: '', status: '', order_type: 'FOK' });
    expect(blank).toMatchObject({ sizeMatched: '0', outcome: null, status: null, sizeUnit: 'pusd' });
  });

  it.each(['CANCELED_MARKET_RESOLVED', 'CANCELED_insufficient balance', 'INVALID', 'SOMETHING_NEW'])('status %j is kept as sent', (status) => {
    expect(order({ ...CANCEL, status }).status).toBe(status);
  });

  it('statuses and outcomes are made safe for a terminal and bounded', () => {
    const hostile = order({ ...PLACEMENT, status: 'CANCELED_\u001b[2J\u001b]0;x\u0007why\nnot', outcome: 'Y\u009bes' });
    expect(hostile.status).toBe('CANCELED_[2J]0;xwhy not');
    expect(hostile.outcome).toBe('Yes');
    const long = order({ ...PLACEMENT, status: `CANCELED_${'x'.repeat(200)}` }).status!;
    expect(long).toHaveLength(ORDER_TEXT_LIMIT);
    expect(long).toBe(`CANCELED_${'x'.repeat(ORDER_TEXT_LIMIT - 10)}…`);
  });

  it('which statuses mean the order can no longer trade', () => {
    for (const done of ['MATCHED', 'CANCELED', 'CANCELED_MARKET_RESOLVED', 'canceled_by_user', 'INVALID', 'INVALID_ORDER'])
      expect(orderIsDone(done)).toBe(true);
    for (const open of ['LIVE', 'DELAYED', 'UNMATCHED', 'SOMETHING_NEW']) expect(orderIsDone(open)).toBe(false);
    expect(orderIsCanceled('MATCHED')).toBe(false);
    expect(orderIsCanceled('CANCELED_BY_USER')).toBe(true);
  });

  it('a trade with outcome "" reads as unknown outcome', () => {
    const raw = fixtureJson('nautilus-2024-2025/ws_user_trade1.json') as Record<string, unknown>;
    const trade = parseFrame(JSON.stringify({ ...raw, outcome: '' })).events[0] as UserTradeEvent;
    expect(trade).toMatchObject({ kind: 'trade', status: 'MINED', outcome: null });
  });
});
