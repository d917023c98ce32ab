/** A replay says so in the header where a live book says "live": speed and progress, then that it ended. */
import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { App } from '../../components/app.js';
import { replayText } from '../../components/replay-line.js';
import type { ReplayControls } from '../../store/tui-request.js';
import { ASKS, BIDS, NOW, assetView, lines, settle, storeWith } from './helpers.js';

function controls(frame: number, total: number, speed = '2x'): ReplayControls {
  return { speed, togglePause() {}, step() {}, isPaused: () => false, progress: () => ({ frame, total }) };
}

describe('replay label', () => {
  it('REPLAY 2×  frame 146/900, then REPLAY ended once every frame is applied', async () => {
    for (const [frame, label] of [
      [146, 'REPLAY 2×  frame 146/900'],
      [900, 'REPLAY ended  frame 900/900'],
    ] as const) {
      const { lastFrame, unmount } = render(<App store={storeWith([assetView({ bids: BIDS, asks: ASKS })])} replay={controls(frame, 900)} now={() => NOW} />);
      await settle();
      expect(lines(lastFrame())[0]).toMatch(new RegExp(` {2}${label.replace(/[/]/g, '\\/')} {2}tick 0\\.01 {2}\\? help$`));
      expect(lines(lastFrame())[0]).not.toMatch(/ live /);
      unmount();
    }
  });

  it('keeps a book status that is news before it, and leaves a speed that is a word as it is', async () => {
    const stale = assetView({ bids: BIDS, asks: ASKS, status: 'stale', receivedAt: NOW - 4000 });
    const { lastFrame, unmount } = render(<App store={storeWith([stale])} replay={controls(10, 900, 'max')} now={() => NOW} />);
    await settle();
    expect(lines(lastFrame())[0]).toContain('STALE 4s  REPLAY max  frame 10/900');
    unmount();
    expect(replayText('10x', 3, 9, true)).toBe('REPLAY 10×  frame 3/9  [paused]');
    expect(replayText('1x', 9, 9, true)).toBe('REPLAY ended  frame 9/9');
  });
});
