/**
 * Start-up, as a user meets it (issue #10): the CPU a `replay -o json` of a one-line recording
 * costs the whole process, against a bare `node -e 0` run in turn (paired; the children's CPU as
 * bash's `times` reports it), and the time from spawning `polybook demo` in a 120×40 tmux pane to
 * a price row on that pane. Goals: ≤ 0.1 s CPU; first paint ≤ 0.5 s.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasTmux, startPane } from '../helpers/tmux.js';
import { line } from './harness.js';

const BIN = fileURLToPath(new URL('../../../bin/polybook.js', import.meta.url));
const FRAME =
  '[{"market":"0xab772601f501b265bfe8982eb61d5347ef9945de314bfdf4ac0189c288ffb0b3","asset_id":"12935926064588426924078449947177910958215776269411501731627440228801766632772","timestamp":"1784449237000","hash":"","bids":[{"price":"0.48","size":"10"}],"asks":[{"price":"0.52","size":"10"}],"tick_size":"0.01","event_type":"book"}]';

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** CPU seconds (user + sys) of `command`'s children, as bash's `times` counts them. */
function childCpu(command: string): number {
  const out = spawnSync('bash', ['-c', `${command} >/dev/null 2>&1; times`], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n');
  // The second line holds the children's user and system times: "0m0.101s 0m0.012s".
  const seconds = (out[1] ?? '').split(/\s+/).map((t) => {
    const m = /^(\d+)m([\d.]+)s$/.exec(t);
    return m ? Number(m[1]) * 60 + Number(m[2]) : 0;
  });
  return seconds.reduce((a, b) => a + b, 0);
}

async function firstPaint(runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const name = `bench-paint-${i}`;
    const t0 = performance.now();
    const pane = startPane(name, 120, 40, `node ${BIN} demo`);
    let ms = Number.NaN;
    while (performance.now() - t0 < 10_000) {
      if (pane.capture().some((row) => /^ *\d\.\d+ +\d/.test(row))) {
        ms = performance.now() - t0;
        break;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    pane.kill();
    times.push(ms);
    await new Promise((r) => setTimeout(r, 300));
  }
  return times;
}

export async function benchStartup(runs = 9): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'polybook-startup-'));
  try {
    const file = join(dir, 'one.jsonl');
    writeFileSync(file, `${FRAME}\n`);
    const ours: number[] = [];
    const bare: number[] = [];
    childCpu(`node ${BIN} replay ${file} -o json`);
    for (let i = 0; i < runs; i++) {
      ours.push(childCpu(`node ${BIN} replay ${file} -o json`));
      bare.push(childCpu('node -e 0'));
    }
    process.stdout.write(`start-up (${runs} runs each, in turn; medians)\n`);
    line('replay of a 1-line file, CPU', `${median(ours).toFixed(3)} s (goal ≤ 0.1 s)`);
    line('a bare node -e 0, CPU', `${median(bare).toFixed(3)} s   ratio ${(median(ours) / median(bare)).toFixed(2)}`);
    if (!hasTmux()) {
      line('first paint', 'skipped: tmux is not installed');
      return;
    }
    execFileSync('node', [BIN, '--version']);
    const paint = await firstPaint(runs);
    line(
      'demo: spawn → first price row in tmux',
      `${median(paint).toFixed(0)} ms (goal ≤ 500 ms; min ${Math.min(...paint).toFixed(0)}, max ${Math.max(...paint).toFixed(0)})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
