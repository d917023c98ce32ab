/**
 * The bell and `--on-alert`: one BEL per firing, the alert JSON on the command's stdin (real child
 * processes, no shell), bounded concurrency, a timeout, failures logged and never thrown.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AlertRunner } from '../../src/cli/alert-runner.js';
import { pushAlerts } from '../../store/alerts.js';
import { createPolybookStore } from '../../store/store.js';
import type { AlertView } from '../../store/types.js';

const NODE = process.execPath;

function alert(seq: number, extra: Partial<AlertView> = {}): AlertView {
  return { seq, at: 1_000 + seq, rule: 'Yes: ask <= 0.4', text: `ask 0.39 <= 0.4`, assetId: '123', outcome: 'Yes', market: '0xab', ...extra };
}

function logSink() {
  const lines: Array<{ fields: Record<string, unknown>; message: string }> = [];
  const log = {
    warn: (fields: Record<string, unknown>, message: string) => lines.push({ fields, message }),
    info: (fields: Record<string, unknown>, message: string) => lines.push({ fields, message }),
  };
  return { log: log as never, lines };
}

function script(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pb-alerts-'));
  const file = join(dir, 'on-alert.mjs');
  writeFileSync(file, body);
  return file;
}

describe('AlertRunner', () => {
  it('rings the bell once per firing, for new alerts only', () => {
    const store = createPolybookStore();
    pushAlerts(store, [alert(1)]);
    let rung = '';
    const runner = new AlertRunner(store, { bell: { write: (t: string) => (rung += t) }, command: null, log: logSink().log });
    runner.start();
    pushAlerts(store, [alert(2), alert(3)]);
    expect(rung).toBe('\u0007\u0007');
    pushAlerts(store, [alert(4)]);
    expect(rung).toBe('\u0007\u0007\u0007');
    runner.stop();
    pushAlerts(store, [alert(5)]);
    expect(rung).toBe('\u0007\u0007\u0007');
  });

  it('--on-alert gets the alert line as JSON on stdin, in firing order, with server text only as data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-alerts-'));
    const out = join(dir, 'got.jsonl');
    const file = script(`import { appendFileSync } from 'node:fs';
let data = '';
process.stdin.on('data', (d) => (data += d));
process.stdin.on('end', () => appendFileSync(process.argv[2], data));`);
    const store = createPolybookStore();
    const { log, lines } = logSink();
    const runner = new AlertRunner(store, { bell: null, command: [NODE, file, out], log, maxRunning: 1 });
    runner.start();
    // One at a time (maxRunning 1), so the file's order is the firing order.
    pushAlerts(store, [alert(1, { outcome: '$(touch pwned); `x`' })]);
    await runner.settled();
    pushAlerts(store, [alert(2)]);
    await runner.settled();
    const got = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(got).toEqual([
      { type: 'alert', ts: 1001, rule: 'Yes: ask <= 0.4', asset_id: '123', market: '0xab', outcome: '$(touch pwned); `x`', text: 'ask 0.39 <= 0.4' },
      { type: 'alert', ts: 1002, rule: 'Yes: ask <= 0.4', asset_id: '123', market: '0xab', outcome: 'Yes', text: 'ask 0.39 <= 0.4' },
    ]);
    expect(lines).toEqual([]);
    expect(runner.stats).toEqual({ started: 2, dropped: 0, failed: 0 });
  });

  it('runs at most maxRunning at once: the rest are dropped, counted and logged', async () => {
    const file = script('setTimeout(() => {}, 400);');
    const store = createPolybookStore();
    const { log, lines } = logSink();
    const runner = new AlertRunner(store, { bell: null, command: [NODE, file], log, maxRunning: 2 });
    runner.start();
    pushAlerts(store, [alert(1), alert(2), alert(3), alert(4), alert(5)]);
    expect(runner.stats).toEqual({ started: 2, dropped: 3, failed: 0 });
    expect(lines.map((l) => l.message)).toEqual(Array(3).fill('--on-alert: 2 commands still running; alert dropped'));
    await runner.settled();
    pushAlerts(store, [alert(6)]);
    expect(runner.stats.started).toBe(3);
    await runner.settled();
  });

  it('a command that hangs is killed after the timeout; one that fails or does not exist is logged; none throws', async () => {
    const hang = script('setInterval(() => {}, 1000);');
    const fail = script("process.stderr.write('boom'); process.exit(3);");
    const store = createPolybookStore();
    const { log, lines } = logSink();
    const hanging = new AlertRunner(store, { bell: null, command: [NODE, hang], log, timeoutMs: 300 });
    const failing = new AlertRunner(store, { bell: null, command: [NODE, fail], log });
    const missing = new AlertRunner(store, { bell: null, command: ['/nonexistent/notify'], log });
    for (const r of [hanging, failing, missing]) r.start();
    pushAlerts(store, [alert(1)]);
    await Promise.all([hanging.settled(), failing.settled(), missing.settled()]);
    const messages = lines.map((l) => l.message).sort();
    expect(messages).toEqual(
      [
        '--on-alert: cannot run /nonexistent/notify: ENOENT',
        `--on-alert: ${NODE} exited with status 3`,
        `--on-alert: ${NODE} still running after 0.3s: killed`,
      ].sort(),
    );
    expect(lines.find((l) => l.message.includes('status 3'))!.fields.stderr).toBe('boom');
    expect([hanging, failing, missing].map((r) => r.stats.failed)).toEqual([1, 1, 1]);
  });
});
