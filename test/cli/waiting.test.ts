/**
 * Nothing waits silently, through the real bin against the real simulator: --once has a deadline
 * and names the assets that never got a book; a token id the venue has no book for is one line
 * naming it; a dead URL says what it is retrying, once per attempt; a Gamma or REST base URL that
 * is not the API is an error naming it; `orders` against a refused connection says so (not "check
 * the API credentials"); and feed errors keep their own codes.
 */
import { describe, expect, it, afterEach } from 'vitest';
import type { FeedError } from '../../src/feed/errors.js';
import { AuthRefusal } from '../../src/feed/user-feed.js';
import { runOrders } from '../../src/cli/orders-run.js';
import type { OrdersFlags } from '../../src/cli/orders-run.js';
import { runWatch } from '../../src/cli/watch-run.js';
import type { WatchFlags } from '../../src/cli/watch-run.js';
import { startSimulator, TEST_CREDENTIALS, type Simulator } from '../../src/sim/index.js';
import { capture } from '../helpers/cli.js';
import { tokensOf } from '../helpers/sim-client.js';
import { until } from '../helpers/stub-venue.js';
import { polybook, run } from './bin-helper.js';

const UNKNOWN = '2'.repeat(77);
const DEAD_MARKET = 'ws://127.0.0.1:9/ws/market';
const DEAD_USER = 'ws://127.0.0.1:9/ws/user';
const CREDENTIALS = { POLY_API_KEY: TEST_CREDENTIALS.apiKey, POLY_API_SECRET: TEST_CREDENTIALS.secret, POLY_PASSPHRASE: TEST_CREDENTIALS.passphrase };
/** The first reconnect comes after 1 s ± 20 %, the second after 2 s ± 20 %. */
const RETRY = (attempt: number, url = DEAD_MARKET) =>
  new RegExp(
    `^polybook: ${url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: cannot connect: connection refused; retrying in ${attempt === 1 ? '(0\\.[89]|1)' : '2'}s \\(attempt ${attempt}\\)$`,
  );

let sim: Simulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

describe('watch --once has a deadline', () => {
  it('no book within --timeout: exit 1, one line naming each asset with its outcome; stdout empty', async () => {
    // A connection with more than one asset gets no data at all: no WebSocket book ever comes.
    sim = await startSimulator({ seed: 81, markets: 1, rate: 0, faults: { stallAboveAssets: 1 } });
    const m = sim.markets()[0]!;
    const started = Date.now();
    const result = await run([
      'watch',
      m.slug,
      '--once',
      '--timeout',
      '1',
      '--url',
      sim.urls.ws_market,
      '--rest',
      sim.urls.rest,
      '--gamma',
      sim.urls.gamma,
      '--log-level',
      'silent',
    ]);
    const names = m.tokens.map((t) => `${t.tokenId} (${t.outcome})`).join(', ');
    expect(result).toEqual({ code: 1, out: '', err: `polybook: --once: no book within 1s for ${names}\n` });
    expect(Date.now() - started).toBeLessThan(6000);
  });

  it('defaults to 15 s (the help says so)', async () => {
    const { out } = await run(['watch', '--help']);
    expect(out).toMatch(/--timeout <seconds> +with --once: exit 1 naming the assets with no\s+book after this long \(default 15\)/);
  });

  it('an unknown token id next to a known one: the known book is printed, then exit 1 naming the unknown at once', async () => {
    sim = await startSimulator({ seed: 82, markets: 1, rate: 0 });
    const [known] = tokensOf(sim);
    const started = Date.now();
    const result = await run([
      'watch',
      known!,
      UNKNOWN,
      '--once',
      '--timeout',
      '20',
      '--url',
      sim.urls.ws_market,
      '--rest',
      sim.urls.rest,
      '--log-level',
      'silent',
    ]);
    expect({ code: result.code, err: result.err }).toEqual({
      code: 1,
      err: `polybook: --once: the venue has no book for token id ${UNKNOWN}: unknown id, or its market has resolved\n`,
    });
    expect(
      result.out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
        .map((l) => [l.type, l.asset_id, l.status]),
    ).toEqual([['book', known, 'live']]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('a token id the venue has no book for', () => {
  it.each([
    ['REST /book 404', ['--rest']],
    ['the market channel’s bare [] (no REST)', ['--no-rest-sync']],
  ])('alone (%s): one line naming it, exit 1', async (_how, flags) => {
    sim = await startSimulator({ seed: 83, markets: 1, rate: 0 });
    const rest = flags[0] === '--rest' ? ['--rest', sim.urls.rest] : flags;
    const result = await run(['watch', UNKNOWN, '-o', 'ndjson', '--url', sim.urls.ws_market, ...rest, '--log-level', 'silent']);
    expect({ code: result.code, err: result.err }).toEqual({
      code: 1,
      err: `polybook: nothing to watch: the venue has no book for token id ${UNKNOWN}: unknown id, or its market has resolved\n`,
    });
    for (const line of result.out.trim().split('\n')) expect(JSON.parse(line).type).toBe('health');
  });

  it('next to a known one: one stderr line, the known one keeps streaming, SIGINT ends it with 0', async () => {
    sim = await startSimulator({ seed: 84, markets: 1, rate: 0 });
    const [known] = tokensOf(sim);
    const p = polybook(['watch', known!, UNKNOWN, '--url', sim.urls.ws_market, '--rest', sim.urls.rest, '--log-level', 'silent']);
    await until(() => p.err().includes('\n') && p.out().includes('"status":"live"'), 5000, 'the line and a live book');
    sim.advance(30);
    await until(() => p.out().includes('"type":"trade"') || p.out().split('"type":"book"').length > 3, 5000, 'more lines');
    p.child.kill('SIGINT');
    expect(await p.exited).toEqual({ code: 0, signal: null });
    expect(p.err()).toBe(`polybook: the venue has no book for token id ${UNKNOWN}: unknown id, or its market has resolved\n`);
  });
});

describe('a dead URL in pipe mode says what it is retrying, once per attempt', () => {
  it('watch: one line per reconnect attempt, then --max-attempts gives up in words (exit 1)', async () => {
    const started = Date.now();
    const p = polybook(['watch', '123', '--url', DEAD_MARKET, '--no-rest-sync', '--max-attempts', '2', '--log-level', 'silent']);
    const { code } = await p.exited;
    // Over more than 2 s, exactly one line per attempt: not one a second.
    const lines = p.err().split('\n');
    expect(code).toBe(1);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(RETRY(1));
    expect(lines[1]).toMatch(RETRY(2));
    expect(lines.slice(2)).toEqual(['polybook: gave up after 2 attempts (cannot connect: connection refused)', '']);
    expect(Date.now() - started).toBeGreaterThan(2000);
  }, 15_000);

  it('orders against a refused connection: "connection refused", never "check the API credentials"', async () => {
    const p = polybook(['orders', '--user-url', DEAD_USER, '--max-attempts', '1', '-o', 'ndjson', '--log-level', 'silent'], { env: CREDENTIALS });
    const { code } = await p.exited;
    expect(code).toBe(1);
    const lines = p.err().split('\n');
    expect(lines[0]).toMatch(RETRY(1, DEAD_USER));
    expect(lines.slice(1)).toEqual(['polybook: gave up after 1 attempt (cannot connect: connection refused)', '']);
    expect(p.err()).not.toMatch(/credential/);
  }, 15_000);

  it('orders without --max-attempts keeps retrying past three refusals (the old heuristic gave up there)', async () => {
    const p = polybook(['orders', '--user-url', DEAD_USER, '-o', 'ndjson', '--log-level', 'silent'], { env: CREDENTIALS });
    await until(() => p.err().includes('(attempt 3)'), 8000, 'the third retry line');
    p.child.kill('SIGTERM');
    expect(await p.exited).toEqual({ code: 0, signal: null });
    const lines = p.err().trimEnd().split('\n');
    expect(lines.slice(0, 3).map((l) => /\(attempt (\d)\)$/.exec(l)?.[1])).toEqual(['1', '2', '3']);
    expect(p.err()).not.toMatch(/credential/);
  }, 15_000);
});

describe('the auth-refusal heuristic', () => {
  it('a close before the socket ever opened is not a refusal, however often', () => {
    const refusal = new AuthRefusal();
    for (let i = 0; i < 10; i++) expect(refusal.verdict(1006, '', false, false)).toBeNull();
    expect(refusal.verdict(4001, 'invalid auth', false, false)).toBeNull();
  });

  it('an auth close code, or three silent closes after opening, is', () => {
    expect(new AuthRefusal().verdict(4001, 'invalid auth', true, false)).toBe('the venue refused the API credentials (close 4001: invalid auth)');
    const silent = new AuthRefusal();
    expect([silent.verdict(1006, '', true, false), silent.verdict(1006, '', false, false), silent.verdict(1006, '', true, false)]).toEqual([null, null, null]);
    expect(silent.verdict(1006, '', true, false)).toBe('the user channel closed 3 times right after authenticating: check the API credentials');
    const answered = new AuthRefusal();
    answered.verdict(1006, '', true, false);
    answered.verdict(1006, '', true, true);
    expect(answered.verdict(1006, '', true, false)).toBeNull();
  });
});

describe('a Gamma or REST base URL that answers 404 everywhere is an error naming it', () => {
  it('watch and markets with --gamma …/wrong: exit 1, not "no market matches"', async () => {
    sim = await startSimulator({ seed: 85, markets: 1, rate: 0 });
    const wrong = `${sim.urls.rest}/wrong`;
    const line = (route: string) => `polybook: ${wrong} is not the Gamma API: ${route} answered HTTP 404 (check --gamma or POLYBOOK_GAMMA_URL)\n`;
    expect(await run(['watch', sim.markets()[0]!.slug, '--gamma', wrong, '--rest', sim.urls.rest, '--url', sim.urls.ws_market])).toEqual({
      code: 1,
      out: '',
      err: line('/events'),
    });
    expect(await run(['markets', 'will', '--gamma', wrong])).toEqual({ code: 1, out: '', err: line('/public-search') });
  });

  it('status and watch with --rest …/wrong: exit 1 naming it (status says it on stdout too, for tmux)', async () => {
    sim = await startSimulator({ seed: 86, markets: 1, rate: 0 });
    const wrong = `${sim.urls.rest}/wrong`;
    const line = (route: string) => `polybook: ${wrong} is not CLOB REST: ${route} answered HTTP 404, and so did /time (check --rest or POLYBOOK_REST_URL)\n`;
    expect(await run(['status', tokensOf(sim)[0]!, '--rest', wrong, '--gamma', sim.urls.gamma])).toEqual({ code: 1, out: line('/book'), err: line('/book') });
    expect(await run(['status', tokensOf(sim)[0]!, '--rest', wrong, '--gamma', sim.urls.gamma, '-o', 'json'])).toEqual({
      code: 1,
      out: '',
      err: line('/book'),
    });
    expect(await run(['watch', sim.markets()[0]!.conditionId, '--rest', wrong, '--url', sim.urls.ws_market])).toEqual({
      code: 1,
      out: '',
      err: line('/markets/{id}'),
    });
  });
});

describe('feed errors keep their own codes (no generic feed.fatal)', () => {
  const watchFlags: WatchFlags = {
    url: DEAD_MARKET,
    rest: 'http://127.0.0.1:9',
    gamma: 'http://127.0.0.1:9',
    restSync: false,
    output: 'ndjson',
    depth: 5,
    cpuBudget: 0,
    pingInterval: 10_000,
    pongTimeout: 30_000,
    silence: 0,
    quietAfter: 0,
    assetsPerConnection: 200,
    maxAttempts: 1,
    logLevel: 'silent',
  };

  it('watch: feed.gaveUp', async () => {
    const failure = await runWatch(['123'], watchFlags, capture().io).catch((e: unknown) => e);
    expect(failure).toMatchObject({ name: 'FeedError', code: 'feed.gaveUp' });
  }, 10_000);

  it('orders: feed.gaveUp for a dead URL, feed.authRejected for a wrong key', async () => {
    const flags: OrdersFlags = {
      userUrl: DEAD_USER,
      rest: 'http://127.0.0.1:9',
      gamma: 'http://127.0.0.1:9',
      output: 'ndjson',
      maxAttempts: 1,
      logLevel: 'silent',
    };
    const saved = { ...process.env };
    Object.assign(process.env, CREDENTIALS);
    try {
      expect(await runOrders([], flags, capture().io).catch((e: unknown) => e)).toMatchObject({ name: 'FeedError', code: 'feed.gaveUp' });
      sim = await startSimulator({ seed: 87, markets: 1, rate: 0 });
      process.env.POLY_API_SECRET = 'not-the-secret';
      const rejected = (await runOrders([], { ...flags, userUrl: sim.urls.ws_user }, capture().io).catch((e: unknown) => e)) as FeedError;
      expect(rejected).toMatchObject({
        name: 'FeedError',
        code: 'feed.authRejected',
        message: 'the venue refused the API credentials (close 4001: invalid auth)',
      });
    } finally {
      for (const key of Object.keys(CREDENTIALS)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  }, 10_000);
});
