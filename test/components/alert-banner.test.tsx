/** The alert banner: the newest alert in place of the tabs (full) or the status line (compact), for a few seconds. */
import { afterEach, describe, expect, it } from 'vitest';
import { AlertBanner, BANNER_MS, bannerText } from '../../components/alert-banner.js';
import { App } from '../../components/app.js';
import { ThemeContext } from '../../components/theme.js';
import { pushAlerts } from '../../store/alerts.js';
import type { AlertView } from '../../store/types.js';
import { ASKS, BIDS, NO, NOW, YES, assetView, lines, renderAt, settle, storeWith, terminal } from './helpers.js';

process.env.TZ = 'UTC';

const alert = (seq: number, at: number, extra: Partial<AlertView> = {}): AlertView => ({
  seq,
  at,
  rule: 'Up: ask <= 0.41',
  text: 'ask 0.41 <= 0.41',
  assetId: YES,
  outcome: 'Up',
  market: '0xab77',
  ...extra,
});

describe('bannerText', () => {
  it('the newest alert while recent, with how many more fired in the window', () => {
    expect(bannerText([], NOW)).toBeNull();
    expect(bannerText([alert(1, NOW - 1000)], NOW)).toBe('ALERT 11:59:59 Up · ask 0.41 <= 0.41 · rule Up: ask <= 0.41');
    expect(bannerText([alert(3, NOW), alert(2, NOW - 4000), alert(1, NOW - 9000)], NOW)).toBe(
      'ALERT 12:00:00 Up · ask 0.41 <= 0.41 · rule Up: ask <= 0.41 (+1 more)',
    );
    expect(bannerText([alert(1, NOW - BANNER_MS)], NOW)).toBeNull();
    expect(bannerText([alert(1, NOW, { outcome: null, text: 'frozen (stale)', rule: 'frozen' })], NOW)).toBe('ALERT 12:00:00 frozen (stale) · rule frozen');
  });
});

describe('the banner on screen', () => {
  afterEach(() => {
    delete process.env.NO_COLOR;
  });

  it('full layout: replaces the tab row while recent, then the tabs come back', async () => {
    let time = NOW;
    const store = storeWith([assetView({ bids: BIDS, asks: ASKS }), assetView({ assetId: NO, outcome: 'Down' })]);
    const app = renderAt(<App store={store} now={() => time} noColor />, terminal(120, 40));
    await settle();
    const before = lines(app.lastFrame());
    expect(before[0]).toMatch(/^Bitcoin Up or Down\? — Up /);
    pushAlerts(store, [alert(1, time)]);
    await settle();
    const shown = lines(app.lastFrame());
    expect(shown[1]).toBe('!! ALERT 12:00:00 Up · ask 0.41 <= 0.41 · rule Up: ask <= 0.41');
    // In place of the second header row: the rest of the frame stays where it was.
    expect(shown.length).toBe(before.length);
    expect(shown.slice(2)).toEqual(before.slice(2));
    time += BANNER_MS;
    // The next frame (any publish or the clock) draws the tabs again.
    store.setState({ frame: store.getState().frame + 1 });
    await settle();
    const after = lines(app.lastFrame());
    expect(after[1]).toBe(before[1]);
    expect(after[1]).toBe('[1 Up]  2 Down');
    expect(after.join('\n')).not.toContain('ALERT');
    app.unmount();
  });

  it('compact layout: takes the status line', async () => {
    const store = storeWith([assetView({ bids: BIDS, asks: ASKS })]);
    const app = renderAt(<App store={store} now={() => NOW} noColor />, terminal(40, 12));
    await settle();
    expect(lines(app.lastFrame())[0]).toMatch(/^1\/1 Up/);
    pushAlerts(store, [alert(1, NOW)]);
    await settle();
    const frame = lines(app.lastFrame());
    // Cut at the pane's edge (40 columns), never wrapped onto the ladder's rows.
    expect(frame[0]).toBe('!! ALERT 12:00:00 Up · ask 0.41 <= 0.41…');
    expect(frame.length).toBeLessThanOrEqual(11);
    app.unmount();
  });

  it('with colour: padded for its inverse block, without the !! marker', async () => {
    const app = renderAt(
      <ThemeContext.Provider value={{ color: true }}>
        <AlertBanner text="ALERT x" />
      </ThemeContext.Provider>,
      terminal(40, 5),
    );
    await settle();
    expect(app.lastFrame()).toContain(' ALERT x');
    expect(app.lastFrame()).not.toContain('!!');
    app.unmount();
  });
});
