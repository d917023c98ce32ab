/**
 * Themes and dimming, in colour (chalk decides its colour level when first imported, so this file
 * forces colour before anything loads): the colour-blind-safe palette, books that are not live
 * drawn dimmed, and the environments that rule colour out falling back to NO_COLOR's markers.
 */
import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.FORCE_COLOR = '1';
});

const { App } = await import('../../components/app.js');
const { themeFromEnv } = await import('../../components/theme.js');
const { ASKS, BIDS, NOW, assetView, renderAt, settle, storeWith, terminal } = await import('./helpers.js');

const GREEN_BAR = /\u001B\[42m {2,}\u001B\[49m/;
const RED_BAR = /\u001B\[41m {2,}\u001B\[49m/;

async function frame(options: { theme?: 'default' | 'cb' | 'no-color'; status?: 'live' | 'stale' | 'rest' | 'reconnecting' } = {}): Promise<string> {
  const view = assetView({ bids: BIDS, asks: ASKS, status: options.status ?? 'live', receivedAt: NOW - 3000 });
  const term = terminal(100, 30);
  const app = renderAt(<App store={storeWith([view])} now={() => NOW} {...(options.theme ? { theme: options.theme } : {})} />, term);
  await settle();
  const out = app.lastFrame();
  app.unmount();
  return out;
}

/** The ladder's lines (between the column titles and the stats row). */
function ladderLines(out: string): string[] {
  const all = out.split('\n');
  const from = all.findIndex((l) => l.includes('price'));
  const to = all.findIndex((l) => l.includes('display'));
  return all.slice(from + 1, to);
}

describe('themes', () => {
  it('default: bids green, asks red', async () => {
    const out = await frame();
    expect(out).toMatch(GREEN_BAR);
    expect(out).toMatch(RED_BAR);
  });

  it('cb: no red against green anywhere in the ladder; bids and asks in two other colours', async () => {
    const ladder = ladderLines(await frame({ theme: 'cb' })).join('\n');
    expect(ladder).not.toMatch(GREEN_BAR);
    expect(ladder).not.toMatch(RED_BAR);
    expect(ladder).not.toMatch(/\u001B\[3[12]m/);
    const bid = ladder.split('\n').find((l) => /m +0\.40 /.test(l))!;
    const ask = ladder.split('\n').find((l) => /m +0\.41 /.test(l))!;
    const colourOf = (line: string) => /\u001B\[(\d+)m *0\.4/.exec(line)?.[1];
    expect(colourOf(bid)).toBeDefined();
    expect(colourOf(ask)).toBeDefined();
    expect(colourOf(bid)).not.toBe(colourOf(ask));
  });

  it('no-color: the markers, and not one escape code', async () => {
    const out = await frame({ theme: 'no-color' });
    expect(out).not.toMatch(/\u001B\[/);
    expect(out).toContain('B  0.40');
    expect(out).toContain('A  0.41');
  });

  it('FORCE_COLOR=0, TERM=dumb, NO_COLOR or the no-color theme rule colour out, whatever the theme', () => {
    expect(themeFromEnv({})).toEqual({ color: true, palette: 'default' });
    expect(themeFromEnv({}, 'cb')).toEqual({ color: true, palette: 'cb' });
    expect(themeFromEnv({ FORCE_COLOR: '0' }, 'cb')).toEqual({ color: false });
    expect(themeFromEnv({ TERM: 'dumb' })).toEqual({ color: false });
    expect(themeFromEnv({ NO_COLOR: '' })).toEqual({ color: false });
    expect(themeFromEnv({}, 'no-color')).toEqual({ color: false });
    expect(themeFromEnv({ FORCE_COLOR: '1', TERM: 'xterm-256color' })).toEqual({ color: true, palette: 'default' });
  });
});

describe('dimming', () => {
  it.each(['stale', 'rest', 'reconnecting'] as const)('a %s book is drawn dimmed, never in live colours, with its badge', async (status) => {
    const out = await frame({ status });
    const ladder = ladderLines(out).join('\n');
    expect(ladder).not.toMatch(GREEN_BAR);
    expect(ladder).not.toMatch(RED_BAR);
    expect(ladder).not.toMatch(/\u001B\[3[12]m/);
    expect(ladder).toMatch(/\u001B\[2m/);
    expect(ladder).toMatch(/\u001B\[100m {2,}\u001B\[49m/); // grey bars
    expect(out.split('\n')[0]).toMatch(status === 'rest' ? /REST 3s/ : status === 'stale' ? /STALE 3s/ : /RECONNECTING 3s/);
  });

  it('a live book is not dimmed', async () => {
    const ladder = ladderLines(await frame({ status: 'live' })).join('\n');
    expect(ladder).not.toMatch(/\u001B\[100m/);
    expect(ladder).toMatch(/\u001B\[32m/);
  });
});
