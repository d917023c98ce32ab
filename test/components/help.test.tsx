/** `?`: every key, then what the screen's stats and its integrity row mean, in the rows there are. */
import { describe, expect, it } from 'vitest';
import { App } from '../../components/app.js';
import { GLOSSARY, KEYS } from '../../components/help.js';
import { ASKS, BIDS, NOW, assetView, lines, renderAt, settle, storeWith, terminal } from './helpers.js';

describe('help', () => {
  it('lists every key and explains the integrity row (snap, tob, hash, ✓ ? ✗) and every stat', async () => {
    const term = terminal(120, 50);
    const app = renderAt(<App store={storeWith([assetView({ bids: BIDS, asks: ASKS })])} now={() => NOW} noColor />, term);
    await settle();
    term.stdin.write('?');
    await settle();
    const out = lines(app.lastFrame()).join('\n');
    for (const [key] of KEYS) expect(out).toContain(`  ${key}`);
    expect(out).toContain('what it says');
    for (const [term_] of GLOSSARY) expect(out).toContain(`  ${term_}`);
    expect(out).toMatch(/snap n✓ n✗ +resent snapshots that matched \/ differed/);
    expect(out).toMatch(/tob n✓ n✗ +venue best bid\/ask that matched \/ differed/);
    expect(out).toMatch(/hash ✓ \? ✗ +venue book hash reproduced \/ could not be checked \/ did not match/);
    for (const stat of ['spread', 'mid / micro', 'display', 'imbalance', 'depth ±5 ticks']) expect(out).toContain(`  ${stat}`);
    expect(out).toMatch(/ {2}b +board: every watched asset/);
    app.unmount();
  });

  it('cuts the glossary first on a short pane, never the frame', async () => {
    const term = terminal(80, 24);
    const app = renderAt(<App store={storeWith([assetView({ bids: BIDS, asks: ASKS })])} now={() => NOW} noColor />, term);
    await settle();
    term.stdin.write('?');
    await settle();
    const out = lines(app.lastFrame());
    expect(out.length).toBeLessThanOrEqual(23);
    expect(out.join('\n')).toContain('next asset');
    app.unmount();
  });
});
