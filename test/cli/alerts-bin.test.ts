/**
 * Alerts through the real bin: bad rules are one line and exit 2 before any network; in pipe mode
 * against the real simulator each firing is one `alert` NDJSON line (edge-triggered: once per
 * asset for a rule that stays true), scoped rules fire for their outcome or market only, and
 * `--on-alert` gets each alert line on its stdin.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { until } from '../helpers/stub-venue.js';
import { polybook, run } from './bin-helper.js';

let sim: Simulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

type Line = Record<string, unknown> & { type: string };
const parse = (out: string): Line[] =>
  out
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Line);
const alertsOf = (out: string) => parse(out).filter((l) => l.type === 'alert');

describe('bad alert rules exit 2 with one line', () => {
  it.each([
    [['--alert', 'bid <'], 'polybook: --alert "bid <": bid is missing a number\n'],
    [
      ['--alert', 'stale', '--alert', 'Yes: volume > 3'],
      'polybook: --alert "Yes: volume > 3": unknown condition "volume" (known: bid, ask, last, mid, spread, trade, frozen, pair-off, stale)\n',
    ],
    [['--alert', 'ask = 0.4'], 'polybook: --alert "ask = 0.4": "=" is not a comparison (use <, <=, >, >= or ==)\n'],
    [['--alert', 'trade > 10'], 'polybook: --alert "trade > 10": trade takes ">= <size>" (a print of at least that size)\n'],
    [['--alert', 'stale', '--on-alert', '"unclosed'], 'polybook: --on-alert: unclosed " quote\n'],
    [['--on-alert', 'notify-send x'], 'polybook: --on-alert runs for alerts: add an --alert rule (or "alerts" in the config file)\n'],
  ])('watch %j', async (flags, line) => {
    // An unreachable venue: the rule is refused before anything is asked of it.
    const r = await run(['watch', '123', '--url', 'ws://127.0.0.1:9/ws/market', '-o', 'ndjson', ...flags]);
    expect(r).toEqual({ code: 2, out: '', err: line });
  });

  it('demo refuses a bad rule the same way', async () => {
    expect(await run(['demo', '-o', 'ndjson', '--alert', 'ask <= -1'])).toEqual({
      code: 2,
      out: '',
      err: 'polybook: --alert "ask <= -1": "-1" is negative; ask takes a number ≥ 0\n',
    });
  });

  it('a bad rule in the config file names the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-alerts-'));
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ alerts: ['ask <= 0.4', 'bid >> 1'] }));
    const r = await run(['watch', '123', '-o', 'ndjson'], { env: { POLYBOOK_CONFIG: config } });
    expect(r.code).toBe(2);
    expect(r.err).toBe(`polybook: config file ${config}: "alerts" rule "bid >> 1": "> 1" is not a number (write it like 0.4 or 100)\n`);
  });
});

describe('alerts in pipe mode against the simulator', { timeout: 60_000 }, () => {
  it('alert lines: edge-triggered per asset, scoped by outcome and by market slug, and --on-alert gets each on stdin', async () => {
    sim = await startSimulator({ seed: 31, markets: 2, rate: 40 });
    const [first, second] = sim.markets() as [ReturnType<Simulator['markets']>[number], ReturnType<Simulator['markets']>[number]];
    const ids = [...first.tokens, ...second.tokens].map((t) => t.tokenId);
    const firstOutcome = first.tokens[0]!.outcome;
    const dir = mkdtempSync(join(tmpdir(), 'pb-alerts-'));
    const got = join(dir, 'got.jsonl');
    const hook = join(dir, 'hook.mjs');
    writeFileSync(
      hook,
      "import { appendFileSync } from 'node:fs'; let d = ''; process.stdin.on('data', (c) => (d += c)); process.stdin.on('end', () => appendFileSync(process.argv[2], d));",
    );
    const p = polybook([
      'watch',
      // By slug: the outcome labels come with the names (a bare token id has none).
      first.slug,
      second.slug,
      '--url',
      sim.urls.ws_market,
      '--rest',
      sim.urls.rest,
      '--gamma',
      sim.urls.gamma,
      '-o',
      'ndjson',
      '--log-level',
      'silent',
      // True for every asset with an ask: once each, never again while it stays true.
      '--alert',
      'ask <= 1',
      // One outcome of each market (both are Yes/No), named in another case.
      '--alert',
      `${firstOutcome.toUpperCase()}: bid >= 0`,
      // Every outcome of the second market, by its slug (looked up on Gamma).
      '--alert',
      `${second.slug}: mid > 0`,
      '--alert',
      'trade >= 0',
      '--on-alert',
      `"${process.execPath}" "${hook}" "${got}"`,
    ]);
    await until(() => {
      const alerts = alertsOf(p.out());
      return alerts.filter((a) => a.rule === 'ask <= 1').length >= 4 && alerts.some((a) => a.rule === 'trade >= 0');
    }, 30_000);
    // Let more books flow: a rule that stays true must not fire again.
    const books = parse(p.out()).filter((l) => l.type === 'book').length;
    await until(() => parse(p.out()).filter((l) => l.type === 'book').length > books + 20, 20_000);
    p.child.kill('SIGINT');
    expect((await p.exited).code).toBe(0);

    const alerts = alertsOf(p.out());
    const by = (rule: string) => alerts.filter((a) => a.rule === rule);
    expect(
      by('ask <= 1')
        .map((a) => a.asset_id)
        .sort(),
    ).toEqual([...ids].sort());
    const scoped = by(`${firstOutcome.toUpperCase()}: bid >= 0`);
    const named = [first, second].map((m) => m.tokens.find((t) => t.outcome === firstOutcome)!.tokenId);
    expect(scoped.map((a) => [a.asset_id, a.outcome]).sort()).toEqual(named.map((id) => [id, firstOutcome]).sort());
    expect(
      by(`${second.slug}: mid > 0`)
        .map((a) => a.asset_id)
        .sort(),
    ).toEqual(second.tokens.map((t) => t.tokenId).sort());
    for (const a of alerts) {
      expect(Object.keys(a)).toEqual(['type', 'ts', 'rule', 'asset_id', 'market', 'outcome', 'text']);
      expect(typeof a.ts).toBe('number');
    }
    const ask = by('ask <= 1')[0]!;
    expect(ask.text).toMatch(/^ask 0\.\d+ <= 1$/);
    expect(by('trade >= 0')[0]!.text).toMatch(/^trade [\d.]+ @ 0\.\d+ (BUY|SELL) >= 0/);
    // The asset's market and outcome from the resolved names.
    expect(ask.market === first.conditionId || ask.market === second.conditionId).toBe(true);

    // --on-alert: the same lines, one command per alert, each given its line on stdin.
    await until(() => {
      try {
        return readFileSync(got, 'utf8').trim().split('\n').length === alerts.length;
      } catch {
        return false;
      }
    }, 10_000).catch(() => {});
    const received = parse(readFileSync(got, 'utf8'));
    const key = (l: Line) => `${l.rule}|${l.asset_id}|${l.text}|${l.ts}`;
    // At most 4 run at once: under a burst some may be dropped (and logged), never invented.
    expect(received.length).toBeGreaterThanOrEqual(Math.min(alerts.length, 4));
    expect(new Set(alerts.map(key))).toEqual(new Set([...alerts.map(key), ...received.map(key)]));
  });

  it('the config file’s alerts are used without --alert, and --alert replaces them', async () => {
    sim = await startSimulator({ seed: 32, markets: 1, rate: 20 });
    const market = sim.markets()[0]!;
    const dir = mkdtempSync(join(tmpdir(), 'pb-alerts-'));
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ url: sim.urls.ws_market, rest: sim.urls.rest, gamma: sim.urls.gamma, alerts: ['bid >= 0'] }));
    const watch = (extra: string[]) =>
      polybook(['watch', market.slug, '-o', 'ndjson', '--log-level', 'silent', ...extra], { env: { POLYBOOK_CONFIG: config } });
    const fromConfig = watch([]);
    await until(() => alertsOf(fromConfig.out()).length >= 2, 20_000);
    fromConfig.child.kill('SIGINT');
    await fromConfig.exited;
    expect(new Set(alertsOf(fromConfig.out()).map((a) => a.rule))).toEqual(new Set(['bid >= 0']));
    const fromFlag = watch(['--alert', 'ask <= 1']);
    await until(() => alertsOf(fromFlag.out()).length >= 2, 20_000);
    fromFlag.child.kill('SIGINT');
    await fromFlag.exited;
    expect(new Set(alertsOf(fromFlag.out()).map((a) => a.rule))).toEqual(new Set(['ask <= 1']));
  });
});
