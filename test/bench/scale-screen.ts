/**
 * Scale with the screen: the same 5,000-asset simulator session (scale.ts) watched by one
 * `polybook watch` drawing its screen in a 120×40 tmux pane (the ids from a config-file
 * watchlist), RSS sampled every second. Goal: ≤ 250 MB after 60 s. Nothing is asserted.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasTmux, startPane } from '../helpers/tmux.js';
import { fmt, line } from './harness.js';
import { clockTicks, mb, readProc, type ScaleOptions, sleep, startSim, stop } from './scale.js';

const GOAL_RSS_MB = 250;
const BIN = fileURLToPath(new URL('../../../bin/polybook.js', import.meta.url));

export async function benchScaleScreen(options: ScaleOptions): Promise<void> {
  if (!hasTmux()) {
    process.stdout.write('scale with the screen: skipped, tmux is not installed\n');
    return;
  }
  const ticks = clockTicks();
  const dir = mkdtempSync(join(tmpdir(), 'polybook-scale-screen-'));
  const sim = await startSim(options);
  const pane = { current: null as ReturnType<typeof startPane> | null };
  try {
    const { urls, assets } = sim.hello;
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ watchlist: assets }));
    const pidFile = join(dir, 'pid');
    const script = join(dir, 'watch.sh');
    writeFileSync(
      script,
      `#!/bin/sh\necho $$ > ${pidFile}\nexec env POLYBOOK_CONFIG=${config} ${process.execPath} ${BIN} watch --url ${urls.ws_market} --rest ${urls.rest} --gamma ${urls.gamma} --log-file ${join(dir, 'watch.log')}\n`,
      { mode: 0o755 },
    );
    pane.current = startPane('bench-scale-screen', 120, 40, script);
    let pid = Number.NaN;
    for (let i = 0; i < 100 && !Number.isInteger(pid); i++) {
      await sleep(50);
      try {
        pid = Number(readFileSync(pidFile, 'utf8').trim());
      } catch {
        // not written yet
      }
    }
    const started = performance.now();
    let last: ReturnType<typeof readProc> = null;
    let peakKb = 0;
    for (let s = 1; s <= options.seconds; s++) {
      await sleep(Math.max(0, started + s * 1000 - performance.now()));
      const proc = Number.isInteger(pid) ? readProc(pid, ticks) : null;
      if (!proc) break;
      last = proc;
      peakKb = Math.max(peakKb, proc.rssKb);
    }
    const drawn = pane.current.capture().some((row) => /^ *\d\.\d+ +\d/.test(row));
    process.stdout.write(`scale with the screen: ${fmt(assets.length)} assets in one watch drawing a 120×40 tmux pane, ${options.seconds} s\n`);
    if (!last) {
      line('watch', 'exited before the first sample');
      return;
    }
    line(`watch RSS after ${options.seconds} s`, `${mb(last.rssKb)}   (goal ≤ ${GOAL_RSS_MB} MB: ${last.rssKb / 1024 <= GOAL_RSS_MB ? 'met' : 'not met'})`);
    line('watch peak RSS', `${mb(Math.max(peakKb, last.hwmKb))}; a book on the pane at the end: ${drawn ? 'yes' : 'no'}`);
    line('watch CPU, % of a core over the run', `${((100 * last.cpuSec) / options.seconds).toFixed(0)} %`);
  } finally {
    pane.current?.kill();
    await stop(sim.child);
    rmSync(dir, { recursive: true, force: true });
  }
}
