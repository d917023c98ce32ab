/** renderTui draws until the user quits or the request's signal aborts, then gives the terminal back. */
import { afterAll, describe, expect, it, vi } from 'vitest';

// Ink decides when it loads whether it runs in CI (and then draws nothing until it exits); the bin
// hides CI from it on a terminal (components/tty-env.ts), but a test worker's stdout is no
// terminal: hide it here, before the imports below load Ink, so CI=true runs test the same screen.
const ci = vi.hoisted(() => {
  const saved = { CI: process.env.CI, CONTINUOUS_INTEGRATION: process.env.CONTINUOUS_INTEGRATION };
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  return saved;
});
afterAll(() => {
  for (const [key, value] of Object.entries(ci)) if (value !== undefined) process.env[key] = value;
});

import { renderTuiOn } from '../../components/render-tui.js';
import { ASKS, BIDS, assetView, settle, storeWith, terminal } from './helpers.js';

const ENTER_ALT = '\u001B[?1049h';
const LEAVE_ALT = '\u001B[?1049l';

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

  it('draws in the alternate screen and leaves it on exit; --no-alt-screen leaves the last frame', async () => {
    for (const altScreen of [true, false]) {
      const term = terminal(80, 24);
      const quit = new AbortController();
      const drawing = renderTuiOn({ ...request(quit.signal), screen: { altScreen } }, term.streams);
      await settle();
      quit.abort();
      await drawing;
      const written = term.stdout.frames.join('');
      if (altScreen) {
        expect(term.stdout.frames[0]).toBe(`${ENTER_ALT}\u001B[2J\u001B[H`);
        expect(term.stdout.frames.at(-1)).toBe(LEAVE_ALT);
        expect(written.indexOf('Bitcoin Up or Down? — Up')).toBeGreaterThan(written.indexOf(ENTER_ALT));
      } else {
        expect(written).not.toContain(ENTER_ALT);
        expect(written).not.toContain(LEAVE_ALT);
        expect(written).toContain('Bitcoin Up or Down? — Up');
      }
    }
  });

  it('after a resize clears the screen and draws the whole frame again, nothing of the old one left', async () => {
    const term = terminal(80, 24);
    const quit = new AbortController();
    const drawing = renderTuiOn(request(quit.signal), term.streams);
    await settle();
    const before = term.stdout.frames.length;
    term.stdout.resize(100, 30);
    // The redraw rides Ink's paced render: wait for it (bounded) rather than a fixed number of ticks.
    const redrawn = () => term.stdout.frames.slice(before).join('');
    for (let waited = 0; waited < 3000 && !redrawn().includes('integrity'); waited += 20) await new Promise((r) => setTimeout(r, 20));
    const after = redrawn();
    expect(after.startsWith('\u001B[2J\u001B[H')).toBe(true);
    // The whole frame, its first line included, not only the lines that changed.
    expect(after).toContain('Bitcoin Up or Down? — Up');
    expect(after).toContain('integrity');
    quit.abort();
    await drawing;
  });

  it('returns at once when already aborted, drawing nothing', async () => {
    const term = terminal(80, 24);
    await renderTuiOn(request(AbortSignal.abort()), term.streams);
    expect(term.stdout.frames).toEqual([]);
  });
});
