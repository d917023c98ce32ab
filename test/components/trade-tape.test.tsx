import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { TradeTape, tapeLines } from '../../components/trade-tape.js';
import type { TradeView } from '../../store/types.js';
import { NOW, lines } from './helpers.js';

process.env.TZ = 'UTC';

const trades: TradeView[] = [
  { price: '0.6', size: '20.000000', side: 'BUY', timestamp: String(NOW - 1000) },
  { price: '0.62', size: '16.129031', side: 'SELL', timestamp: String(NOW - 61_000) },
  { price: '0.615', size: '14884.14', side: null, timestamp: String(NOW) },
  { price: '0.5', size: null, side: 'BUY', timestamp: '' },
];

describe('trade tape', () => {
  it('lists trades newest first with local time, side, aligned price and size', () => {
    const { lastFrame, unmount } = render(<TradeTape trades={trades} rows={3} width={40} tickSize="0.01" />);
    expect(lines(lastFrame())).toEqual(['trades', '11:59:59 BUY  0.600     20.00', '11:58:59 SELL 0.620     16.13', '12:00:00   ?  0.615 14,884.14']);
    unmount();
  });

  it('abbreviates sizes when the column is narrow, and copes with missing fields', () => {
    expect(tapeLines(trades, 24, '0.01').map((l) => l.text)).toEqual([
      '11:59:59 BUY  0.600 20.00',
      '11:58:59 SELL 0.620 16.13',
      '12:00:00   ?  0.615 14.9k',
      '--:--:-- BUY  0.500     —',
    ]);
  });

  it('says when there are no trades yet', () => {
    const { lastFrame, unmount } = render(<TradeTape trades={[]} rows={3} width={40} tickSize="0.01" />);
    expect(lastFrame()).toBe('trades: none yet');
    unmount();
  });
});
