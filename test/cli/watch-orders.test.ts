/**
 * `polybook watch --orders` against the simulator's user channel, as a real child process (pipe
 * mode): the market's books and the user's `order` and `user_trade` lines in one NDJSON stream; a
 * refused key ends the watch with one line (exit 1); bad credentials are exit 2 before any network;
 * the secrets never show in any output or log.
 */
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, TEST_CREDENTIALS, type Simulator } from '../../src/sim/index.js';
import { until } from '../helpers/stub-venue.js';
import { polybook, run } from './bin-helper.js';

const ENV = { POLY_API_KEY: TEST_CREDENTIALS.apiKey, POLY_API_SECRET: TEST_CREDENTIALS.secret, POLY_PASSPHRASE: TEST_CREDENTIALS.passphrase };
let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function urls(s: Simulator): string[] {
  return ['--url', s.urls.ws_market, '--rest', s.urls.rest, '--gamma', s.urls.gamma, '--user-url', s.urls.ws_user];
}

describe('polybook watch --orders', () => {
  it('piped: books, then the user’s orders and trade statuses as order / user_trade lines; no secret anywhere', async () => {
    sim = await startSimulator({ seed: 41, markets: 1, rate: 0 });
    const market = sim.markets()[0]!;
    const ids = market.tokens.map((t) => t.tokenId);
    const log = join(mkdtempSync(join(tmpdir(), 'polybook-watch-orders-')), 'polybook.log');
    const p = polybook(['watch', ...ids, '--orders', ...urls(sim), '-o', 'ndjson', '--log-file', log, '--log-level', 'debug'], { env: ENV });
    await until(() => p.out().includes('"type":"book"') && /"channel":"user","state":"live"/.test(p.out()), 10_000, 'a book and a live user channel');
    const bid = sim.truthBook(ids[0]!)!.bids.at(-1)!.price;
    sim.userChannel.placeOrder({ assetId: ids[0]!, side: 'BUY', price: bid, size: '25', stepMs: 5 });
    sim.userChannel.placeOrder({ assetId: ids[1]!, side: 'SELL', price: '0.9', size: '10', fill: '4', stepMs: 5 });
    await until(() => p.out().includes('"status":"CONFIRMED"'), 10_000, 'a confirmed trade');
    p.child.kill('SIGTERM');
    expect(await p.exited).toEqual({ code: 0, signal: null });
    const lines = p
      .out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.type === 'book').map((l) => l.asset_id)).toEqual(expect.arrayContaining(ids));
    const orders = lines.filter((l) => l.type === 'order');
    expect(orders[0]).toMatchObject({ asset_id: ids[0], side: 'BUY', price: bid, original_size: '25', size_matched: '0', status: 'LIVE' });
    expect(orders.at(-1)).toMatchObject({ asset_id: ids[1], side: 'SELL', size_matched: '4' });
    expect(lines.filter((l) => l.type === 'user_trade').at(-1)).toMatchObject({ asset_id: ids[1], history: ['MATCHED', 'MINED', 'CONFIRMED'] });
    const everything = p.out() + p.err() + readFileSync(log, 'utf8');
    expect(readFileSync(log, 'utf8')).toContain('watch started');
    for (const secret of Object.values(TEST_CREDENTIALS)) expect(everything).not.toContain(secret);
  }, 30_000);

  it('a refused key ends the watch: one line, exit 1, the secret not in it', async () => {
    sim = await startSimulator({ seed: 42, markets: 1, rate: 0 });
    const ids = sim.markets()[0]!.tokens.map((t) => t.tokenId);
    const { code, err } = await run(['watch', ...ids, '--orders', ...urls(sim), '-o', 'ndjson', '--log-level', 'silent'], {
      env: { POLY_API_KEY: 'wrong-key', POLY_API_SECRET: 'wrong-secret-value', POLY_PASSPHRASE: 'wrong-pass' },
    });
    expect(code).toBe(1);
    expect(err).toBe('polybook: the venue refused the API credentials (close 4001: invalid auth)\n');
  }, 30_000);

  it('credentials are checked before any network (exit 2); --credentials needs --orders', async () => {
    const id = '1'.repeat(77);
    const none = await run(['watch', id, '--orders', '--url', 'ws://127.0.0.1:9/ws/market', '-o', 'ndjson']);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/^polybook: no credentials: set POLY_API_KEY, POLY_API_SECRET and POLY_PASSPHRASE, or write .*credentials.json \(mode 0600\)\n$/);
    const p = polybook(['--version']);
    await p.exited;
    const file = join(p.dir, 'credentials.json');
    writeFileSync(file, JSON.stringify(TEST_CREDENTIALS));
    chmodSync(file, 0o644);
    const loose = await run(['watch', id, '--orders', '--credentials', file, '--url', 'ws://127.0.0.1:9/ws/market', '-o', 'ndjson']);
    expect(loose).toEqual({ code: 2, out: '', err: `polybook: credentials file ${file} is readable by others (mode 0644); run: chmod 600 ${file}\n` });
    expect(await run(['watch', id, '--credentials', file, '-o', 'ndjson'])).toEqual({
      code: 2,
      out: '',
      err: 'polybook: --credentials is for --orders; add --orders or drop it\n',
    });
  });
});
