/**
 * The exit convention for signals, through the real bin in pipe mode: SIGINT and SIGTERM are a
 * clean stop, exit 0, with every NDJSON line whole and nothing on stderr; a command busy with a
 * request it cannot abort still ends (0) soon after; a second signal ends it at once.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { STOP_GRACE_MS } from '../../src/cli/main.js';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { tokensOf } from '../helpers/sim-client.js';
import { until } from '../helpers/stub-venue.js';
import { polybook } from './bin-helper.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 61, markets: 1, rate: 40 });
});
afterAll(async () => {
  await sim.close();
});

/** Every stdout line is a whole JSON object. */
function wholeLines(out: string): unknown[] {
  expect(out.endsWith('\n')).toBe(true);
  return out
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line));
}

describe.each(['SIGINT', 'SIGTERM'] as const)('%s in pipe mode', (signal) => {
  it(`watch: exit 0, whole lines, nothing on stderr`, async () => {
    const p = polybook(['watch', ...tokensOf(sim), '--url', sim.urls.ws_market, '--rest', sim.urls.rest, '--log-level', 'silent']);
    await until(() => p.out().includes('"status":"live"'), 5000, 'a live book line');
    p.child.kill(signal);
    expect(await p.exited).toEqual({ code: 0, signal: null });
    expect(p.err()).toBe('');
    expect(wholeLines(p.out()).length).toBeGreaterThan(1);
  });

  it('demo -o ndjson: exit 0', async () => {
    const p = polybook(['demo', '-o', 'ndjson', '--markets', '1', '--log-level', 'silent']);
    await until(() => p.out().includes('"type":"book"'), 8000, 'a book line');
    p.child.kill(signal);
    expect(await p.exited).toEqual({ code: 0, signal: null });
    expect(p.err()).toBe('');
    wholeLines(p.out());
  });
});

describe('a signal while a request is in flight', () => {
  let server: Server;
  let gamma = '';
  const held: ServerResponse[] = [];
  beforeAll(async () => {
    // Answers nothing, ever: a name lookup that would wait for its 10 s timeout.
    server = createServer((_request, response) => void held.push(response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    gamma = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => {
    for (const response of held.splice(0)) response.destroy();
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it(`ends with 0 within the grace period (${STOP_GRACE_MS} ms), not after the request's timeout`, async () => {
    const p = polybook(['watch', 'some-market-slug', '-o', 'ndjson', '--gamma', gamma, '--url', sim.urls.ws_market, '--log-level', 'silent']);
    await until(() => held.length > 0, 5000, 'the lookup to reach the server');
    const sent = Date.now();
    p.child.kill('SIGTERM');
    expect(await p.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - sent).toBeLessThan(STOP_GRACE_MS + 1500);
    expect({ out: p.out(), err: p.err() }).toEqual({ out: '', err: '' });
  });

  it('a second signal ends it at once, as the shell expects (killed by the signal)', async () => {
    const p = polybook(['status', 'some-market-slug', '--gamma', gamma, '--timeout', '30']);
    await until(() => held.length > 0, 5000, 'the lookup to reach the server');
    p.child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 100));
    const sent = Date.now();
    p.child.kill('SIGINT');
    expect(await p.exited).toEqual({ code: null, signal: 'SIGINT' });
    expect(Date.now() - sent).toBeLessThan(1000);
  });
});
