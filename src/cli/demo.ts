/**
 * `polybook demo`: the simulator in-process on a free loopback port with a handful of markets, and
 * `watch` on all of them: a live, moving book with no network. On a non-terminal it prints NDJSON.
 */
import { Option, type Command } from 'commander';
import { VenueApi } from '../feed/venue-api.js';
import { createLogger, LOG_LEVELS, type LogLevel } from '../log.js';
import { startSimulator } from '../sim/index.js';
import { CliError } from './errors.js';
import { integerOption, positiveNumberOption } from './options.js';
import type { CliIo } from './program.js';
import type { ResolvedAsset } from './resolve.js';
import { WatchSession } from './session.js';
import { runPipe } from './watch-pipe.js';
import { cpuBudgetFlag, runTui } from './watch.js';

interface DemoFlags {
  readonly markets: number;
  readonly rate: number;
  readonly seed: number;
  readonly depth: number;
  readonly fps?: number;
  readonly cpuBudget: number;
  readonly format?: 'tui' | 'ndjson';
  readonly logFile?: string;
  readonly logLevel: LogLevel;
}

export function registerDemoCommand(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('watch a few simulated markets on a local simulator: a live book with no network')
    .option('--markets <n>', 'simulated binary markets', integerOption(1, 20), 4)
    .option('--rate <msgs/s>', 'order-flow messages per second', positiveNumberOption, 25)
    .option('--seed <n>', 'simulator seed', integerOption(0), 7)
    .option('--depth <levels>', 'ladder levels per side', integerOption(1, 200), 10)
    .option('--fps <n>', 'frames per second (default 30, 10 in tmux)', integerOption(1, 120))
    .addOption(cpuBudgetFlag())
    .addOption(new Option('--format <format>', 'output: tui on a terminal, ndjson when piped').choices(['tui', 'ndjson']))
    .option('--log-file <path>', 'log file (default $XDG_STATE_HOME/polybook/polybook.log)')
    .addOption(new Option('--log-level <level>', 'log level').choices(LOG_LEVELS).default('info'))
    .addHelpText('after', '\nExample:\n  polybook demo --markets 6 --rate 50')
    .action(async (flags: DemoFlags) => {
      const format = flags.format ?? (io.stdout.isTTY ? 'tui' : 'ndjson');
      if (format === 'tui' && !io.renderTui) throw new CliError('cli.noTui', 'the terminal UI is not available in this build; use --format ndjson');
      const sim = await startSimulator({ port: 0, markets: flags.markets, rate: flags.rate, seed: flags.seed });
      try {
        const assets: ResolvedAsset[] = sim.markets().flatMap((m) =>
          m.tokens.map((t) => ({ assetId: t.tokenId, market: m.conditionId, question: m.question, outcome: t.outcome })),
        );
        const fps = flags.fps ?? (format === 'ndjson' || process.env.TMUX ? 10 : 30);
        const session = new WatchSession(assets, {
          url: sim.urls.ws_market,
          depth: flags.depth,
          fps,
          logger: createLogger(flags.logLevel, flags.logFile),
          api: new VenueApi({ rest: sim.urls.rest, gamma: sim.urls.gamma }),
          // The demo's connection should come back fast after a chaos test drops it.
          backoff: { initialMs: 500, maxMs: 5000, jitter: 0.2 },
        });
        if (format === 'ndjson') {
          const fatal = await runPipe(session, io.stdout, io.signal, false);
          if (fatal) throw new CliError('feed.fatal', fatal.message, 1);
        } else {
          await runTui(session, io, 'demo', flags.cpuBudget);
        }
      } finally {
        await sim.close();
      }
    });
}
