/** `polybook orders` NDJSON `order` lines say what `original_size` counts (`size_unit`). */
import { describe, expect, it } from 'vitest';
import { orderLine } from '../../src/cli/orders.js';
import type { OrderEvent } from '../../src/protocol/events.js';
import { parseFrame } from '../../src/protocol/parse-frame.js';
import { createPolybookStore } from '../../store/store.js';
import { applyOrder } from '../../store/user-binding.js';
import { fixtureJson } from '../helpers/fixtures.js';

const PLACEMENT = fixtureJson('nautilus-2024-2025/ws_order_placement.json') as Record<string, unknown>;

function lineFor(extra: Record<string, unknown>): Record<string, unknown> {
  const store = createPolybookStore();
  const event = parseFrame(JSON.stringify({ ...PLACEMENT, ...extra })).events[0] as OrderEvent;
  applyOrder(store, event);
  return orderLine(store.getState().orders.get(event.id)!, 42);
}

describe('orders NDJSON order line', () => {
  it('the real GTC order: size_unit "shares"', () => {
    expect(lineFor({})).toEqual({
      type: 'order',
      ts: 42,
      id: '0x0f76f4dc6eaf3332f4100f2e8a0b4a927351dd64646b7bb12f37df775c657a78',
      market: '0xdd22472e552920b8438158ea7238bfadfa4f736aa4cee91a6b86c39ead110917',
      asset_id: '21742633143463906290569050155826241533067272736897614950488156847949938836455',
      outcome: 'Yes',
      side: 'BUY',
      price: '0.513',
      original_size: '5',
      size_unit: 'shares',
      size_matched: '0',
      status: 'LIVE',
    });
  });

  it('a 2026 FAK BUY: size_unit "pusd", "" outcome as null, the cancel reason kept', () => {
    const line = lineFor({
      type: 'CANCELLATION',
      order_type: 'FAK',
      price: '0.01',
      original_size: '1.01',
      outcome: '',
      size_matched: '',
      status: 'CANCELED_MARKET_RESOLVED',
    });
    expect(line).toMatchObject({ original_size: '1.01', size_unit: 'pusd', outcome: null, size_matched: '0', status: 'CANCELED_MARKET_RESOLVED' });
    expect(JSON.stringify(line)).toContain('"original_size":"1.01","size_unit":"pusd"');
  });
});
