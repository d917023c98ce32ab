/**
 * `polybook orders` against the simulator's user channel, as a real child process: orders and
 * trade statuses as NDJSON, a rejected key is one clear error, and the secrets never appear in any
 * output or log.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, TEST_CREDENTIALS, type Simulator } from '../../src/sim/index.js';
import { until } from '../helpers/stub-venue.js';

const BIN = new URL('../../bin/polybook.js', import.meta.url).pathname;
let sim: Simulator;
afterEach(async () => {
  await sim?.close();
});

function start(args: string[], env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'polybook-orders-'));
  const log = join(dir, 'polybook.log');
  const child = spawn(process.execPath, [BIN, 'orders', ...args, '--log-file', log], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', XDG_CONFIG_HOME: dir, XDG_STATE_HOME: dir, ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, out: () => out, err: () => err, dir };
}

const ENV = { POLY_API_KEY: TEST_CREDENTIALS.apiKey, POLY_API_SECRET: TEST_CREDENTIALS.secret, POLY_PASSPHRASE: TEST_CREDENTIALS.passphrase };

describe('polybook orders', () => {
  it('streams orders and trade statuses; the secrets never show', async () => {
    sim = await startSimulator({ seed: 31, markets: 1, rate: 0 });
    const market = sim.markets()[0]!;
    const p = start([market.slug, '--user-url', sim.urls.ws_user, '--rest', sim.urls.rest, '--gamma', sim.urls.gamma], ENV);
    await until(() => p.out().includes('"state":"live"'), 5000, 'a live user channel');
    sim.userChannel.placeOrder({ assetId: market.tokens[0]!.tokenId, side: 'BUY', price: '0.45', size: '10', fill: '4', stepMs: 5 });
    await until(() => p.out().includes('"status":"CONFIRMED"'), 5000, 'a confirmed trade');
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    const lines = p
      .out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const orders = lines.filter((l) => l.type === 'order');
    expect(orders[0]).toMatchObject({ side: 'BUY', price: '0.45', original_size: '10', status: 'LIVE' });
    expect(orders.at(-1)).toMatchObject({ size_matched: '4' });
    const trades = lines.filter((l) => l.type === 'user_trade');
    expect(trades.at(-1).history).toEqual(['MATCHED', 'MINED', 'CONFIRMED']);
    const everything = p.out() + p.err() + readFileSync(join(p.dir, 'polybook.log'), 'utf8');
    for (const secret of Object.values(TEST_CREDENTIALS)) expect(everything).not.toContain(secret);
  });

  it('a market BUY (FOK) states its size in pUSD; 2026 statuses pass through as sent', async () => {
    sim = await startSimulator({ seed: 33, markets: 1, rate: 0 });
    const market = sim.markets()[0]!;
    const p = start([market.slug, '--user-url', sim.urls.ws_user, '--rest', sim.urls.rest, '--gamma', sim.urls.gamma], ENV);
    await until(() => p.out().includes('"state":"live"'), 5000, 'a live user channel');
    sim.userChannel.placeOrder({ assetId: market.tokens[0]!.tokenId, side: 'BUY', price: '0.45', amount: '1.01', orderType: 'FOK', emptyFields: ['outcome'] });
    const resting = sim.userChannel.placeOrder({ assetId: market.tokens[1]!.tokenId, side: 'SELL', price: '0.6', size: '10' });
    await until(() => p.out().split('"type":"order"').length >= 3, 5000, 'two orders');
    sim.userChannel.cancelOrder(resting.orderId, { status: 'CANCELED_MARKET_RESOLVED' });
    await until(() => p.out().includes('CANCELED_MARKET_RESOLVED'), 5000, 'the cancellation');
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    const orders = p
      .out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((l) => l.type === 'order');
    expect(orders[0]).toMatchObject({ side: 'BUY', original_size: '1.01', size_unit: 'pusd', outcome: null });
    expect(orders.find((o) => o.side === 'SELL')).toMatchObject({ original_size: '10', size_unit: 'shares' });
    expect(orders.at(-1)).toMatchObject({ status: 'CANCELED_MARKET_RESOLVED' });
  });

  it('a rejected key is one clear error and exit 1, without a reconnect loop', async () => {
    sim = await startSimulator({ seed: 32, markets: 1, rate: 0 });
    const p = start(['--user-url', sim.urls.ws_user], { POLY_API_KEY: 'wrong-key', POLY_API_SECRET: 'wrong-secret-value', POLY_PASSPHRASE: 'wrong-pass' });
    expect(await p.exited).toBe(1);
    expect(p.err()).toBe('polybook: the venue refused the API credentials (close 4001: invalid auth)\n');
    expect(p.out() + p.err()).not.toContain('wrong-secret-value');
  });

  it('credentials in a file others can read are refused (exit 2); no credentials at all is a clear error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'polybook-cred-'));
    const file = join(dir, 'credentials.json');
    writeFileSync(file, JSON.stringify(TEST_CREDENTIALS));
    chmodSync(file, 0o644);
    const loose = start(['--credentials', file, '--user-url', 'ws://127.0.0.1:9/ws/user'], {});
    expect(await loose.exited).toBe(2);
    expect(loose.err()).toBe(`polybook: credentials file ${file} is readable by others (mode 0644); run: chmod 600 ${file}\n`);
    const none = start(['--user-url', 'ws://127.0.0.1:9/ws/user'], {});
    expect(await none.exited).toBe(2);
    expect(none.err()).toMatch(
      /^polybook: no credentials: set POLY_API_KEY, POLY_API_SECRET and POLY_PASSPHRASE, or write .*credentials.json \(mode 0600\)\n$/,
    );
  });
});
