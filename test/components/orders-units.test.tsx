/** The orders screen shows a market BUY's pUSD size as dollars and shares as before. */
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { OrdersApp } from '../../components/orders-screen.js';
import { orderRow, originalSizeText } from '../../components/orders-text.js';
import type { OrderView } from '../../store/types.js';
import { createPolybookStore } from '../../store/store.js';
import { applyOrder } from '../../store/user-binding.js';
import type { OrderEvent } from '../../src/protocol/events.js';
import { parseFrame } from '../../src/protocol/parse-frame.js';
import { fixtureJson } from '../helpers/fixtures.js';

const PLACEMENT = fixtureJson('nautilus-2024-2025/ws_order_placement.json') as Record<string, unknown>;
const FOK_BUY = parseFrame(JSON.stringify({ ...PLACEMENT, id: '0xfok', order_type: 'FOK', price: '0.01', original_size: '1.01', timestamp: '1725842520999' }))
  .events[0] as OrderEvent;

const view: OrderView = {
  id: '0xa',
  market: '0xm',
  assetId: '1',
  side: 'BUY',
  price: '0.01',
  originalSize: '1.01',
  sizeUnit: 'pusd',
  sizeMatched: '0',
  outcome: 'Up',
  status: 'LIVE',
  timestamp: '1',
};

describe('orders screen: size units', () => {
  it('pUSD as $1.01, shares as the number', () => {
    expect(originalSizeText(view)).toBe('$1.01');
    expect(originalSizeText({ ...view, sizeUnit: 'shares' })).toBe('1.01');
    expect(orderRow(view)).toBe('BUY   Up            0.01       $1.01           0  LIVE');
    expect(orderRow({ ...view, sizeUnit: 'shares', outcome: null, status: 'CANCELED_x' })).toBe('BUY   -             0.01        1.01           0  CANCELED_x');
  });

  it('draws the real GTC order in shares beside a FOK BUY in pUSD', async () => {
    const store = createPolybookStore();
    applyOrder(store, parseFrame(JSON.stringify(PLACEMENT)).events[0] as OrderEvent);
    applyOrder(store, FOK_BUY);
    const { lastFrame, unmount } = render(<OrdersApp store={store} size={{ columns: 100, rows: 20 }} />);
    await new Promise((r) => setTimeout(r, 10));
    const frame = lastFrame()!;
    expect(frame).toContain('open orders (2)');
    expect(frame).toContain('BUY   Yes           0.01       $1.01           0  LIVE');
    expect(frame).toContain('BUY   Yes          0.513           5           0  LIVE');
    unmount();
  });
});
