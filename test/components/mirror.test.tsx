/** `m` draws an outcome from its pair's book (1 − p); a pair off by more than a tick is flagged. */
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { App } from '../../components/app.js';
import { NO, NOW, YES, assetView, lines, settle, storeWith } from './helpers.js';

const now = () => NOW;

describe('outcome pairs', () => {
  it('m shows the ladder built from the other outcome’s book, and m again shows its own', async () => {
    const up = assetView({ bids: [['0.4', '10']], asks: [['0.41', '20']], pair: { assetId: NO, gap: '0', disagrees: false } });
    const down = assetView({ assetId: NO, outcome: 'Down', bids: [['0.58', '7']], asks: [['0.59', '5']], pair: { assetId: YES, gap: '0', disagrees: false } });
    const { lastFrame, stdin, unmount } = render(<App store={storeWith([up, down])} now={now} />);
    await settle();
    expect(lines(lastFrame())[0]).not.toContain('mirror');
    expect(lastFrame()).toMatch(/0\.41\s+20\s+20/);
    stdin.write('m');
    await settle();
    expect(lines(lastFrame())[0]).toContain('(mirror of Down)');
    // Down's bid 0.58 × 7 is an ask at 0.42 for Up; Down's ask 0.59 × 5 is a bid at 0.41.
    expect(lastFrame()).toMatch(/0\.42\s+7\s/);
    expect(lastFrame()).toMatch(/0\.41\s+5\s/);
    stdin.write('m');
    await settle();
    expect(lines(lastFrame())[0]).not.toContain('mirror');
    unmount();
  });

  it('a pair that disagrees beyond one tick is flagged in the header', async () => {
    const up = assetView({ bids: [['0.4', '10']], asks: [['0.41', '20']], pair: { assetId: NO, gap: '0.02', disagrees: true } });
    const { lastFrame, unmount } = render(<App store={storeWith([up])} now={now} />);
    await settle();
    expect(lines(lastFrame())[0]).toContain('PAIR OFF 0.02');
    unmount();
  });
});
