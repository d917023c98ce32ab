/**
 * Scale: one real `polybook watch` process following 5,000 assets (2,500 markets) while the
 * simulator, in a child process of its own, generates 1,000 price_change messages a second.
 *
 *   node bin/polybook.js watch <5000 ids> --format ndjson --url … --rest … --gamma … > /dev/null
 *
 * Its RSS (/proc/<pid>/status VmRSS, VmHWM) and CPU (/proc/<pid>/stat) are sampled every second
 * for 60 s (`--seconds N`). Frames/s received are what the simulator handed to the watch process's
 * sockets (its NDJSON goes to /dev/null, and its health lines are written on changes, not every
 * second); a growing backlog in the simulator's queues would say the client does not keep up.
 * Goal: ≤ 200 MB RSS after 60 s. Nothing is asserted: the figures are printed.
 *
 * The ids go on the command line when they fit comfortably under the OS argv limit (5,000 ids of
 * 77 digits are ~390 KB; Linux allows 2 MiB for argv + environment, 128 KiB per string), else in
 * a config-file watchlist (`POLYBOOK_CONFIG` = `{"watchlist":[…]}`, src/cli/config.ts).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { fmt, line } from './harness.js';

export interface ScaleOptions {
  readonly seconds: number;
  readonly markets: number;
  readonly rate: number;
  readonly seed: number;
  /** How the ids reach the watch process: argv when they fit (auto), or always one way. */
  readonly via: 'auto' | 'argv' | 'config';
}

export const SCALE_DEFAULTS: ScaleOptions = { seconds: 60, markets: 2500, rate: 1000, seed: 11, via: 'auto' };

const GOAL_RSS_MB = 200;
/** The argv budget the bench allows itself: half of Linux's usual 2 MiB ARG_MAX (argv + env). */
const ARGV_BUDGET = 1 << 20;
/** Linux MAX_ARG_STRLEN: one argument may not be longer. */
const MAX_ARG_STRLEN = 128 * 1024;

const SIM_ENTRY = fileURLToPath(new URL('./scale-sim.js', import.meta.url));
// dist/test/bench/ → the package root, where bin/ lives.
const BIN = fileURLToPath(new URL('../../../bin/polybook.js', import.meta.url));

interface SimHello {
  readonly urls: { ws_market: string; rest: string; gamma: string };
  readonly assets: string[];
  readonly startup_ms: number;
}

interface SimStats {
  readonly t_ms: number;
  readonly price_change: number;
  readonly frames: number;
  readonly delivered: number;
  readonly delivered_chars: number;
  readonly queued: number;
  readonly connections: number;
  readonly rest: Record<string, number>;
  readonly books_sizes: number[];
  readonly cpu_us: number;
  readonly rss: number;
}

interface Sample {
  /** Seconds since the watch process was started. */
  readonly at: number;
  readonly rssKb: number;
  readonly hwmKb: number;
  /** utime + stime, seconds. */
  readonly cpuSec: number;
  readonly sim: SimStats | null;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
export const mb = (kb: number): string => `${(kb / 1024).toFixed(0)} MB`;
const median = (xs: readonly number[]): number => (xs.length === 0 ? NaN : [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);

export function clockTicks(): number {
  try {
    const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(n) && n > 0 ? n : 100;
  } catch {
    return 100;
  }
}

/** VmRSS and VmHWM (kB) and utime + stime (s) of a live process; null once it is gone. */
export function readProc(pid: number, ticks: number): { rssKb: number; hwmKb: number; cpuSec: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3; utime, stime are 14, 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM'), cpuSec: (Number(fields[11]) + Number(fields[12])) / ticks };
  } catch {
    return null;
  }
}

/** Bytes an exec of `args` with `env` puts in the kernel's argv + envp area (strings and pointers). */
function execBytes(args: readonly string[], env: NodeJS.ProcessEnv): number {
  let bytes = 0;
  for (const a of args) bytes += Buffer.byteLength(a) + 1 + 8;
  for (const [k, v] of Object.entries(env)) bytes += Buffer.byteLength(`${k}=${v ?? ''}`) + 1 + 8;
  return bytes;
}

async function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  return Promise.race([new Promise<boolean>((resolve) => child.once('exit', () => resolve(true))), sleep(ms).then(() => false)]);
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  if (!(await exited(child, 5000))) {
    child.kill('SIGKILL');
    await exited(child, 2000);
  }
}

/** Starts the simulator child; resolves with its hello line and a live view of its stats lines. */
export async function startSim(
  options: ScaleOptions,
): Promise<{ child: ChildProcess; hello: SimHello; spawnToReadyMs: number; latest: () => SimStats | null }> {
  const began = performance.now();
  const child = spawn(process.execPath, [SIM_ENTRY, '--markets', String(options.markets), '--rate', String(options.rate), '--seed', String(options.seed)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  let latest: SimStats | null = null;
  const hello = await new Promise<SimHello>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`simulator exited (${code}) before it listened`)));
    lines.once('line', (text) => resolve(JSON.parse(text) as SimHello));
  });
  const spawnToReadyMs = performance.now() - began;
  lines.on('line', (text) => {
    latest = JSON.parse(text) as SimStats;
  });
  return { child, hello, spawnToReadyMs, latest: () => latest };
}

export async function benchScale(options: ScaleOptions = SCALE_DEFAULTS): Promise<void> {
  const ticks = clockTicks();
  const dir = mkdtempSync(join(tmpdir(), 'polybook-scale-'));
  const sim = await startSim(options);
  let watch: ChildProcess | null = null;
  const devNull = openSync('/dev/null', 'w');
  try {
    const { urls, assets } = sim.hello;
    const config = join(dir, 'config.json');
    const base = ['watch', '--format', 'ndjson', '--url', urls.ws_market, '--rest', urls.rest, '--gamma', urls.gamma, '--log-file', join(dir, 'watch.log')];
    // A user's own config must not steer the bench: POLYBOOK_CONFIG always names ours.
    const env: NodeJS.ProcessEnv = { ...process.env, POLYBOOK_CONFIG: config };
    const argvArgs = [BIN, base[0]!, ...assets, ...base.slice(1)];
    const argvBytes = execBytes([process.execPath, ...argvArgs], env);
    const fits = argvBytes <= ARGV_BUDGET && assets.every((a) => a.length < MAX_ARG_STRLEN);
    const viaArgv = options.via === 'argv' || (options.via === 'auto' && fits);
    writeFileSync(config, JSON.stringify(viaArgv ? {} : { watchlist: assets }));
    const args = viaArgv ? argvArgs : [BIN, ...base];

    const started = performance.now();
    const simAtStart = sim.latest();
    watch = spawn(process.execPath, args, { stdio: ['ignore', devNull, 'pipe'], env });
    let stderr = '';
    watch.stderr!.on('data', (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString('utf8');
    });
    const pid = watch.pid!;
    const samples: Sample[] = [];
    for (let s = 1; s <= options.seconds; s++) {
      await sleep(Math.max(0, started + s * 1000 - performance.now()));
      const proc = readProc(pid, ticks);
      if (!proc) break;
      samples.push({ at: (performance.now() - started) / 1000, ...proc, sim: sim.latest() });
    }
    const exitedEarly = watch.exitCode !== null || watch.signalCode !== null;
    await stop(watch);
    const simEnd = samples[samples.length - 1]?.sim ?? null;

    process.stdout.write(
      `scale: ${fmt(options.markets)} markets (${fmt(assets.length)} assets) at ${fmt(options.rate)} price_change msgs/s, ` +
        `one watch process, ${options.seconds} s\n`,
    );
    line('simulator start-up (spawn → listening)', `${fmt(sim.spawnToReadyMs)} ms (startSimulator ${fmt(sim.hello.startup_ms)} ms)`);
    line(
      'watch ids passed by',
      viaArgv
        ? `argv (${fmt(argvBytes / 1024)} KiB of argv + env; Linux allows 2,048)`
        : `config-file watchlist (argv would need ${fmt(argvBytes / 1024)} KiB${fits ? ', which fits' : ', over the budget'})`,
    );
    if (samples.length === 0) {
      line('watch', `exited before the first sample (code ${watch.exitCode}): ${stderr.trim().split('\n')[0] ?? ''}`);
      return;
    }
    const last = samples[samples.length - 1]!;
    const peakKb = Math.max(...samples.map((x) => x.rssKb), last.hwmKb);
    // Per-second figures, from consecutive samples.
    const cpuPct: number[] = [];
    const received: number[] = [];
    const generated: number[] = [];
    const simCpu: number[] = [];
    for (let i = 1; i < samples.length; i++) {
      const a = samples[i - 1]!;
      const b = samples[i]!;
      const dt = b.at - a.at;
      cpuPct.push((100 * (b.cpuSec - a.cpuSec)) / dt);
      if (a.sim && b.sim && b.sim.t_ms > a.sim.t_ms) {
        const simDt = (b.sim.t_ms - a.sim.t_ms) / 1000;
        received.push((b.sim.delivered - a.sim.delivered) / simDt);
        generated.push((b.sim.price_change - a.sim.price_change) / simDt);
        simCpu.push((100 * (b.sim.cpu_us - a.sim.cpu_us)) / 1e6 / simDt);
      }
    }
    const first = samples[0]!;
    // The simulator's first stats line may come after the watch started: count from the first sample that has one.
    const simFrom = simAtStart ?? samples.find((x) => x.sim !== null)?.sim ?? null;
    const window = simFrom && simEnd ? (simEnd.t_ms - simFrom.t_ms) / 1000 : NaN;
    line(`watch RSS after ${Math.round(last.at)} s`, `${mb(last.rssKb)}   (goal ≤ ${GOAL_RSS_MB} MB: ${last.rssKb / 1024 <= GOAL_RSS_MB ? 'met' : 'not met'})`);
    line('watch peak RSS', `${mb(peakKb)}   (RSS after 1 s: ${mb(first.rssKb)})`);
    line('watch CPU, % of a core', `${(median(cpuPct)).toFixed(0)} % median per second, ${((100 * last.cpuSec) / last.at).toFixed(0)} % over the run`);
    line(
      'frames/s received (sent to its sockets)',
      `${fmt(median(received))} median per second, ${simEnd && simFrom ? fmt((simEnd.delivered - simFrom.delivered) / window) : '?'} over the run` +
        ` (${simEnd?.connections ?? '?'} connections; ${fmt(simEnd?.queued ?? NaN)} queued at the end)`,
    );
    line('simulator price_change msgs/s held', `${fmt(median(generated))} median per second (goal ${fmt(options.rate)})`);
    line('simulator CPU, % of a core', `${median(simCpu).toFixed(0)} % median per second; RSS ${mb((simEnd?.rss ?? NaN) / 1024)}`);
    const rest = Object.entries(simEnd?.rest ?? {})
      .map(([route, n]) => `${route} ×${fmt(n)}`)
      .join(', ');
    const books = simEnd?.books_sizes ?? [];
    line(
      'REST requests the watch made',
      `${rest || 'none'}${books.length > 0 ? ` (/books ids per call: ${books.slice(0, 8).join(', ')}${books.length > 8 ? ', …' : ''})` : ''}`,
    );
    if (exitedEarly) line('watch', `exited before ${options.seconds} s (code ${watch.exitCode}): ${stderr.trim().split('\n')[0] ?? ''}`);
  } finally {
    closeSync(devNull);
    if (watch) await stop(watch);
    await stop(sim.child);
    rmSync(dir, { recursive: true, force: true });
  }
}
