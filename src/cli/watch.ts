/**
 * `polybook watch [market...]`: live books. On a terminal the screen (components/, injected by the
 * bin so src/ never imports React); otherwise, or with --format ndjson, one JSON line per update.
 * Markets are token ids, slugs, polymarket.com URLs or condition ids; none = the config watchlist.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_ASSETS_PER_CONNECTION, DEFAULT_MARKET_URL } from '../feed/market-feed.js';
import { DEFAULT_GAMMA_URL, DEFAULT_REST_URL, VenueApi } from '../feed/venue-api.js';
import { createLogger, LOG_LEVELS, type LogLevel } from '../log.js';
import { applyConfig, configPath, loadConfig } from './config.js';
import { CliError } from './errors.js';
import { httpUrlOption, integerOption, isTokenId, secondsOption, wsUrlOption } from './options.js';
import type { CliIo } from './program.js';
import { resolveAll, skippedLine, type ResolvedAsset, type SkipReporter } from './resolve.js';
import { DEFAULT_QUIET_AFTER_MS, WatchSession } from './session.js';
import { runPipe } from './watch-pipe.js';
import { FrameGovernor } from '../../store/frame-governor.js';

/** Share of a core the screen may use before it lowers its frame rate (--cpu-budget). */
export const DEFAULT_CPU_BUDGET = 0.12;

/** The `--cpu-budget` option, shared by the commands that draw a screen. */
export function cpuBudgetFlag(): Option {
  return new Option('--cpu-budget <percent>', 'screen: lower the frame rate while the process uses more than this percent of a core (0 = never)')
    .argParser(cpuBudgetOption)
    .default(DEFAULT_CPU_BUDGET, '12');
}

/** `--cpu-budget <percent>`: percent of one core → a share; 0 turns the governor off. */
export function cpuBudgetOption(value: string): number {
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) > 100) throw new InvalidArgumentError('must be a percent from 0 to 100');
  return Number(value) / 100;
}

export interface WatchFlags {
  readonly url: string;
  readonly rest: string;
  readonly gamma: string;
  readonly restSync: boolean;
  readonly format?: 'tui' | 'ndjson';
  readonly depth: number;
  readonly once?: boolean;
  readonly record?: string;
  readonly fps?: number;
  readonly cpuBudget: number;
  readonly pingInterval: number;
  readonly pongTimeout: number;
  readonly silence: number;
  readonly quietAfter: number;
  readonly assetsPerConnection: number;
  readonly maxAttempts?: number;
  readonly logFile?: string;
  readonly logLevel: LogLevel;
}

/** Connection and REST options shared by the commands that watch the venue. */
export function addVenueOptions(command: Command): Command {
  return command
    .addOption(new Option('--url <ws-url>', 'market channel URL').env('POLYBOOK_WS_URL').default(DEFAULT_MARKET_URL).argParser(wsUrlOption))
    .addOption(new Option('--rest <url>', 'CLOB REST URL').env('POLYBOOK_REST_URL').default(DEFAULT_REST_URL).argParser(httpUrlOption))
    .addOption(new Option('--gamma <url>', 'Gamma API URL').env('POLYBOOK_GAMMA_URL').default(DEFAULT_GAMMA_URL).argParser(httpUrlOption))
    .option('--no-rest-sync', 'no REST bootstrap or resync (WebSocket only)')
    .addOption(new Option('--ping-interval <seconds>', 'text PING cadence').argParser(secondsOption(0.01)).default(10_000, '10'))
    .addOption(new Option('--pong-timeout <seconds>', 'reconnect when no PONG comes back within this').argParser(secondsOption(0.01)).default(30_000, '30'))
    .addOption(
      new Option('--silence <seconds>', 'no data on a connection this long while PONGs flow: prove its books quiet from REST, else reconnect (0 = never)')
        .argParser(secondsOption(0))
        .default(90_000, '90'),
    )
    .addOption(
      new Option('--quiet-after <seconds>', 'an asset with no data this long is quiet; its book is checked against REST /book (0 = never)')
        .argParser(secondsOption(0))
        .default(DEFAULT_QUIET_AFTER_MS, String(DEFAULT_QUIET_AFTER_MS / 1000)),
    )
    .addOption(
      new Option('--assets-per-connection <n>', 'at most this many assets per WebSocket connection')
        .argParser(integerOption(1, 500))
        .default(DEFAULT_ASSETS_PER_CONNECTION),
    )
    .option('--max-attempts <n>', 'give up after n failed reconnects in a row (default: never)', integerOption(1))
    .option('--log-file <path>', 'log file (default $XDG_STATE_HOME/polybook/polybook.log)')
    .addOption(new Option('--log-level <level>', 'log level').choices(LOG_LEVELS).default('info'));
}

/** Resolves names to token ids (no network when every argument already is one). */
export async function resolveMarkets(args: readonly string[], api: VenueApi, onSkipped?: SkipReporter): Promise<ResolvedAsset[]> {
  if (args.every(isTokenId)) return [...new Set(args)].map((assetId) => ({ assetId, market: null, question: null, outcome: null }));
  return resolveAll(api, args, onSkipped);
}

export function sessionFor(assets: readonly ResolvedAsset[], flags: WatchFlags, fps: number, api: VenueApi): WatchSession {
  return new WatchSession(assets, {
    url: flags.url,
    depth: flags.depth,
    fps,
    ...(flags.record ? { record: flags.record } : {}),
    pingIntervalMs: flags.pingInterval,
    pongTimeoutMs: flags.pongTimeout,
    silenceMs: flags.silence,
    quietAfterMs: flags.quietAfter,
    maxAssetsPerConnection: flags.assetsPerConnection,
    ...(flags.maxAttempts ? { maxAttempts: flags.maxAttempts } : {}),
    logger: createLogger(flags.logLevel, flags.logFile),
    api: flags.restSync ? api : null,
  });
}

export function registerWatchCommand(program: Command, io: CliIo): void {
  const command = program
    .command('watch')
    .description('watch live order books (a screen on a terminal, NDJSON when piped)')
    .argument('[market...]', 'token ids, market or event slugs, polymarket.com URLs or condition ids (default: the config watchlist)')
    .addOption(new Option('--format <format>', 'output: tui on a terminal, ndjson when piped').choices(['tui', 'ndjson']))
    .option('--depth <levels>', 'ladder levels per side', integerOption(1, 200), 10)
    .option('--once', 'print each asset’s first complete book and exit (ndjson)')
    .option('--record <file>', 'append every received frame to <file>, one per line (replay reads it)')
    .option('--fps <n>', 'publishes per second (default 30 on a terminal, 10 in tmux or when piped)', integerOption(1, 120))
    .addOption(cpuBudgetFlag());
  addVenueOptions(command)
    .addHelpText(
      'after',
      '\nExamples:\n  polybook watch https://polymarket.com/event/btc-updown-5m-1784449200\n  polybook watch btc-updown-5m-1784449200 --format ndjson --depth 5 | jq .best_bid\n  polybook watch 1293...2772 --once --url ws://127.0.0.1:8080/ws/market',
    )
    .hook('preAction', (cmd) =>
      applyConfig(cmd, loadConfig(), {
        url: 'url',
        rest: 'rest',
        gamma: 'gamma',
        depth: 'depth',
        fps: 'fps',
        assetsPerConnection: 'assetsPerConnection',
        quietAfter: 'quietAfter',
      }),
    )
    .action(async (args: string[], flags: WatchFlags) => {
      const names = args.length > 0 ? args : [...(loadConfig().watchlist ?? [])];
      if (names.length === 0) throw new CliError('cli.usage', `name at least one market, or set a "watchlist" in ${configPath()}`);
      const format = flags.format ?? (flags.once || !io.stdout.isTTY ? 'ndjson' : 'tui');
      if (format === 'tui' && flags.once) throw new CliError('cli.usage', '--once prints NDJSON; drop --format tui');
      if (format === 'tui' && !io.renderTui) throw new CliError('cli.noTui', 'the terminal UI is not available in this build; use --format ndjson');
      const api = new VenueApi({ rest: flags.rest, gamma: flags.gamma });
      // An event's market whose Gamma version hides its ids is named on stderr; the rest is watched.
      const assets = await resolveMarkets(names, api, (problem) => io.stderr.write(skippedLine(problem)));
      const fps = flags.fps ?? (format === 'ndjson' || process.env.TMUX ? 10 : 30);
      const session = sessionFor(assets, flags, fps, api);
      if (format === 'ndjson') {
        const fatal = await runPipe(session, io.stdout, io.signal, flags.once === true);
        if (fatal) throw new CliError('feed.fatal', fatal.message, 1);
        return;
      }
      await runTui(session, io, 'watch', flags.cpuBudget);
    });
}

/** Runs a session on the screen until the user quits or a signal arrives. */
export async function runTui(session: WatchSession, io: CliIo, title: string, cpuBudget = DEFAULT_CPU_BUDGET): Promise<void> {
  const quit = new AbortController();
  io.signal.addEventListener('abort', () => quit.abort(), { once: true });
  let fatal: Error | null = null;
  session.onFatal((error) => {
    fatal = error;
    quit.abort();
  });
  session.start();
  const governor = new FrameGovernor(session.publisher, { maxFps: session.fps, budget: cpuBudget });
  governor.start();
  try {
    await io.renderTui!({ store: session.store, signal: quit.signal, fps: session.fps, title });
  } finally {
    governor.stop();
    await session.stop();
  }
  if (fatal) throw new CliError('feed.fatal', (fatal as Error).message, 1);
}
