/**
 * `watch --follow` through the real bin, piped, against the real bin's `sim --window 3`: it rolls
 * from window to window (one `roll` line each, `from` the window left, `to` the next), and the
 * next window's books arrive, live, on the same connection.
 */
import { describe, expect, it } from 'vitest';
import { polybook } from '../cli/bin-helper.js';
import { until } from '../helpers/stub-venue.js';

interface Line {
  readonly type: string;
  readonly [key: string]: unknown;
}

const lines = (text: string): Line[] =>
  text
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Line);

describe('watch --follow (pipe mode) against sim --window 3', () => {
  it('writes a roll line per window and the books of each new window', async () => {
    const sim = polybook(['sim', '--window', '3', '--rate', '30', '--markets', '1']);
    await until(() => sim.out().includes('\n'), 10_000);
    const urls = JSON.parse(sim.out().split('\n')[0]!) as { ws_market: string; rest: string; gamma: string };
    const watch = polybook(['watch', '--follow', 'btc-updown-3s', '--url', urls.ws_market, '--rest', urls.rest, '--gamma', urls.gamma, '-o', 'ndjson']);
    await until(() => lines(watch.out()).filter((l) => l.type === 'roll').length >= 2, 15_000).catch((error) => {
      throw new Error(`${error.message}: ${watch.err()} ${watch.out().slice(-500)}`);
    });
    // The second roll's new window gets its books.
    const second = lines(watch.out()).filter((l) => l.type === 'roll')[1]!;
    const [event] = (await (await fetch(`${urls.gamma}/events?slug=${second.to as string}`)).json()) as [{ markets: [{ clobTokenIds: string }] }];
    const ids = JSON.parse(event.markets[0].clobTokenIds) as string[];
    await until(() => ids.every((id) => lines(watch.out()).some((l) => l.type === 'book' && l.asset_id === id && l.status === 'live')), 5000);
    watch.child.kill('SIGINT');
    const { code } = await watch.exited;
    sim.child.kill('SIGINT');
    await sim.exited;

    const all = lines(watch.out());
    const rolls = all.filter((l) => l.type === 'roll');
    expect(rolls.length).toBeGreaterThanOrEqual(2);
    for (const [i, roll] of rolls.entries()) {
      expect(Object.keys(roll)).toEqual(['type', 'series', 'from', 'to', 'ts']);
      expect(roll.series).toBe('btc-updown-3s');
      expect(roll.to).toMatch(/^btc-updown-3s-\d+$/);
      // Each window starts 3 s after the one before it, and a roll's `from` is the previous `to`.
      expect(Number((roll.to as string).split('-').at(-1)) - Number((roll.from as string).split('-').at(-1))).toBe(3);
      if (i > 0) expect(roll.from).toBe(rolls[i - 1]!.to);
      expect(typeof roll.ts).toBe('number');
    }
    // Books of the new window name it: outcome labels and the window's question.
    const book = all.find((l) => l.type === 'book' && l.asset_id === ids[0] && l.status === 'live')!;
    expect(book.outcome).toBe('Up');
    expect(book.question).toMatch(/^Bitcoin Up or Down - /);
    // One connection throughout: the new windows were subscribed on the open socket.
    const health = all.filter((l) => l.type === 'health');
    expect(new Set(health.map((h) => h.connection))).toEqual(new Set(['market-0']));
    expect(health.filter((h) => h.reconnects !== 0)).toEqual([]);
    expect(code).toBe(0);
    expect(watch.err()).toBe('');
  }, 40_000);

  it('a series with no open window is one line, exit 2', async () => {
    const sim = polybook(['sim', '--window', '3', '--markets', '0']);
    await until(() => sim.out().includes('\n'), 10_000);
    const urls = JSON.parse(sim.out().split('\n')[0]!) as { ws_market: string; rest: string; gamma: string };
    const watch = polybook(['watch', '--follow', 'doge-updown-3s', '--url', urls.ws_market, '--rest', urls.rest, '--gamma', urls.gamma, '-o', 'ndjson']);
    const { code } = await watch.exited;
    sim.child.kill('SIGINT');
    await sim.exited;
    expect(code).toBe(2);
    expect(watch.err()).toMatch(/^polybook: --follow doge-updown-3s: no open window found \(tried [^\n]*\)\n$/);
    expect(watch.out()).toBe('');
  }, 20_000);
});
