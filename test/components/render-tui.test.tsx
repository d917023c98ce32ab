/** renderTui draws until the user quits or the request's signal aborts, then gives the terminal back. */
import { describe, expect, it } from 'vitest';
import { renderTuiOn } from '../../components/render-tui.js';
import { ASKS, BIDS, assetView, settle, storeWith, terminal } from './helpers.js';

function request(signal: AbortSignal) {
  return { store: storeWith([assetView({ bids: BIDS, asks: ASKS })]), signal, fps: 30, title: 'demo' };
}

describe('renderTui', () => {
  it('resolves when the signal aborts, having drawn the screen', async () => {
    const term = terminal(80, 24);
    const quit = new AbortController();
    let done = false;
    const drawing = renderTuiOn(request(quit.signal), term.streams).then(() => {
      done = true;
    });
    await settle();
    expect(done).toBe(false);
    quit.abort();
    await drawing;
    expect(term.stdout.frames.join('')).toContain('Bitcoin Up or Down? — Up');
  });

  it('resolves when the user presses q or Ctrl-C', async () => {
    for (const key of ['q', '\u0003']) {
      const term = terminal(80, 24);
      const drawing = renderTuiOn(request(new AbortController().signal), term.streams);
      await settle();
      term.stdin.write(key);
      await expect(drawing).resolves.toBeUndefined();
    }
  });

  it('returns at once when already aborted, drawing nothing', async () => {
    const term = terminal(80, 24);
    await renderTuiOn(request(AbortSignal.abort()), term.streams);
    expect(term.stdout.frames).toEqual([]);
  });
});
