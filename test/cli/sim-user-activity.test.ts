/**
 * `polybook sim --user-activity`: its first line names the test key set the user channel
 * accepts, and the user channel makes up orders and trades for it, so `polybook orders` works
 * offline — both as real child processes. Durations in seconds (`--idle-timeout` included).
 */
import { describe, expect, it } from 'vitest';
import { TEST_CREDENTIALS } from '../../src/sim/index.js';
import { until } from '../helpers/stub-venue.js';
import { polybook, run } from './bin-helper.js';

describe('polybook sim --user-activity', () => {
  it('names the key on its first line; orders sees orders and trades progress with it', async () => {
    const sim = polybook(['sim', '--markets', '1', '--rate', '0', '--seed', '5', '--user-activity', '0.2']);
    await until(() => sim.out().includes('\n'), 10_000, 'the first line');
    const info = JSON.parse(sim.out().split('\n')[0]!);
    expect(Object.keys(info)).toEqual(['ws_market', 'ws_user', 'rest', 'gamma', 'markets', 'user_credentials', 'user_activity_every_s']);
    expect(info.user_credentials).toEqual({ apiKey: TEST_CREDENTIALS.apiKey, secret: TEST_CREDENTIALS.secret, passphrase: TEST_CREDENTIALS.passphrase });
    expect(info.user_activity_every_s).toBe(0.2);

    const key = info.user_credentials as { apiKey: string; secret: string; passphrase: string };
    const orders = polybook(['orders', '--user-url', info.ws_user, '-o', 'ndjson', '--log-level', 'silent'], {
      env: { POLY_API_KEY: key.apiKey, POLY_API_SECRET: key.secret, POLY_PASSPHRASE: key.passphrase },
    });
    await until(
      () =>
        orders.out().includes('"history":["MATCHED","MINED","CONFIRMED"]') &&
        orders.out().includes('"size_unit":"pusd"') &&
        orders.out().includes('"status":"CANCELED"'),
      15_000,
      'a confirmed trade, a market BUY and a cancel',
    );
    // orders first: a venue that goes away under it is (rightly) a reconnect line on stderr.
    orders.child.kill('SIGTERM');
    expect(await orders.exited).toEqual({ code: 0, signal: null });
    sim.child.kill('SIGTERM');
    expect(await sim.exited).toEqual({ code: 0, signal: null });
    expect(orders.err()).toBe('');
    const lines = orders
      .out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const tokens = new Set(info.markets[0].tokens.map((t: { tokenId: string }) => t.tokenId));
    const placed = lines.filter((l) => l.type === 'order');
    expect(placed.length).toBeGreaterThan(2);
    for (const order of placed) expect(tokens.has(order.asset_id)).toBe(true);
    // A trade already under way when orders connected shows only the statuses after that; every
    // confirmed trade's history is a tail of the whole progression, and one saw all of it.
    const confirmed = lines.filter((l) => l.type === 'user_trade' && l.status === 'CONFIRMED').map((l) => l.history.join(' '));
    for (const history of confirmed) expect('MATCHED MINED CONFIRMED'.endsWith(history)).toBe(true);
    expect(confirmed).toContain('MATCHED MINED CONFIRMED');
    // The client still never shows the secret.
    expect(orders.out() + orders.err()).not.toContain(key.secret);
  }, 30_000);

  it('without --user-activity the first line keeps its usual keys', async () => {
    const sim = polybook(['sim', '--markets', '1', '--rate', '0']);
    await until(() => sim.out().includes('\n'), 10_000, 'the first line');
    expect(Object.keys(JSON.parse(sim.out().split('\n')[0]!))).toEqual(['ws_market', 'ws_user', 'rest', 'gamma', 'markets']);
    sim.child.kill('SIGINT');
    expect(await sim.exited).toEqual({ code: 0, signal: null });
  });

  it('--idle-timeout and --user-activity take seconds', async () => {
    expect(await run(['sim', '--idle-timeout', '100000'])).toEqual({
      code: 2,
      out: '',
      err: "polybook: --idle-timeout '100000': must be a number of seconds from 0.001 to 86400\n",
    });
    expect(await run(['sim', '--user-activity', '0'])).toEqual({
      code: 2,
      out: '',
      err: "polybook: --user-activity '0': must be a positive number of seconds\n",
    });
    const { out } = await run(['sim', '--help']);
    expect(out).toMatch(/--idle-timeout <s> +drop connections that send nothing for <s> seconds\s+\(default: 30\)/);
    expect(out).toMatch(/--user-activity \[s\] +the user channel makes up orders and trades of/);
  });
});
