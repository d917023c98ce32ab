/**
 * What `polybook demo` does: the simulator in-process on a free loopback port, and a watch
 * session on every one of its assets, on the screen or as NDJSON.
 */
import type { LogLevel } from '../log-levels.js';
import { VenueApi } from '../feed/venue-api.js';
import { createLogger } from '../log.js';
import { startSimulator } from '../sim/index.js';
import { CliError } from './errors.js';
import { chosenOutput } from './options.js';
import type { CliIo } from './io.js';
import type { ResolvedAsset } from './resolve.js';
import { WatchSession } from './session.js';
import { runPipe } from './watch-pipe.js';
import { runTui } from './watch-run.js';
import { planAlerts, startPlan, type AlertFlags } from './alert-runner.js';
import { PIPE_DEPTH, SCREEN_DEPTH } from './defaults.js';
import { screenOptions } from './screen-options.js';

export interface DemoFlags extends AlertFlags {
  readonly markets: number;
  readonly rate: number;
  readonly seed: number;
  /** Absent: 10 levels piped, as many as fit on screen (defaults.ts). */
  readonly depth?: number;
  /** `--no-alt-screen` makes this false. */
  readonly altScreen?: boolean;
  readonly fps?: number;
  readonly cpuBudget: number;
  readonly output?: 'tui' | 'ndjson';
  /** The older name of --output. */
  readonly format?: 'tui' | 'ndjson';
  readonly logFile?: string;
  readonly logLevel: LogLevel;
}

export async function runDemo(flags: DemoFlags, io: CliIo): Promise<void> {
  const format = chosenOutput(flags) ?? (io.stdout.isTTY ? 'tui' : 'ndjson');
  if (format === 'tui' && !io.renderTui) throw new CliError('cli.noTui', 'the terminal UI is not available in this build; use --output ndjson');
  const alerts = planAlerts(flags);
  const sim = await startSimulator({ port: 0, markets: flags.markets, rate: flags.rate, seed: flags.seed });
  try {
    const assets: ResolvedAsset[] = sim
      .markets()
      .flatMap((m) => m.tokens.map((t) => ({ assetId: t.tokenId, market: m.conditionId, question: m.question, outcome: t.outcome })));
    const fps = flags.fps ?? (format === 'ndjson' || process.env.TMUX ? 10 : 30);
    const session = new WatchSession(assets, {
      url: sim.urls.ws_market,
      // On screen the ladder fills the pane up to --depth (components/screen-controller.ts).
      depth: flags.depth ?? (format === 'tui' ? SCREEN_DEPTH : PIPE_DEPTH),
      fps,
      logger: createLogger(flags.logLevel, flags.logFile, (line) => io.stderr.write(line)),
      api: new VenueApi({ rest: sim.urls.rest, gamma: sim.urls.gamma }),
      // The demo's connection should come back fast after a chaos test drops it.
      backoff: { initialMs: 500, maxMs: 5000, jitter: 0.2 },
    });
    const gamma = new VenueApi({ rest: sim.urls.rest, gamma: sim.urls.gamma });
    const stopAlerts = await startPlan(alerts, session, { terminal: format === 'tui' ? io.stdout : null, api: gamma, assets });
    // Stopped at the signal, before the last publish: an alert is written and run, or neither.
    io.signal.addEventListener('abort', stopAlerts, { once: true });
    if (format === 'ndjson') {
      await runPipe(session, io.stdout, io.signal, { stderr: io.stderr, url: sim.urls.ws_market });
    } else {
      await runTui(session, io, 'demo', flags.cpuBudget, screenOptions(flags));
    }
  } finally {
    await sim.close();
  }
}
