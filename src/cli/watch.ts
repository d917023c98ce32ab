/**
 * `polybook watch <token-id>...`: live books. On a terminal the screen (components/, injected by
 * the bin so src/ never imports React); otherwise, or with --format ndjson, one JSON line per update.
 */
import { Command, Option } from 'commander';
import { createLogger, LOG_LEVELS, type LogLevel } from '../log.js';
import { DEFAULT_MARKET_URL } from '../feed/market-feed.js';
import { CliError } from './errors.js';
import { integerOption, isTokenId, secondsOption, wsUrlOption } from './options.js';
import type { CliIo } from './program.js';
import { WatchSession } from './session.js';
import { runPipe } from './watch-pipe.js';

export interface WatchFlags {
  readonly url: string;
  readonly format?: 'tui' | 'ndjson';
  readonly depth: number;
  readonly once?: boolean;
  readonly record?: string;
  readonly fps?: number;
  readonly pingInterval: number;
  readonly pongTimeout: number;
  readonly silence: number;
  readonly maxAttempts?: number;
  readonly logFile?: string;
  readonly logLevel: LogLevel;
}

export function registerWatchCommand(program: Command, io: CliIo): void {
  program
    .command('watch')
    .description('watch live order books (a screen on a terminal, NDJSON when piped)')
    .argument('<token-id...>', 'token ids (77-digit strings) to watch')
    .addOption(new Option('--url <ws-url>', 'market channel URL').env('POLYBOOK_WS_URL').default(DEFAULT_MARKET_URL).argParser(wsUrlOption))
    .addOption(new Option('--format <format>', 'output: tui on a terminal, ndjson when piped').choices(['tui', 'ndjson']))
    .option('--depth <levels>', 'ladder levels per side', integerOption(1, 200), 10)
    .option('--once', 'print each asset’s first complete book and exit (ndjson)')
    .option('--record <file>', 'append every received frame to <file>, one per line (replay reads it)')
    .option('--fps <n>', 'publishes per second (default 30 on a terminal, 10 in tmux or when piped)', integerOption(1, 120))
    .option('--ping-interval <seconds>', 'text PING cadence', secondsOption(0.01), 10_000)
    .option('--pong-timeout <seconds>', 'reconnect when no PONG comes back within this', secondsOption(0.01), 30_000)
    .option('--silence <seconds>', 'reconnect when no data arrives for this long while PONGs flow (0 = never)', secondsOption(0), 90_000)
    .option('--max-attempts <n>', 'give up after n failed reconnects in a row (default: never)', integerOption(1))
    .option('--log-file <path>', 'log file (default $XDG_STATE_HOME/polybook/polybook.log)')
    .addOption(new Option('--log-level <level>', 'log level').choices(LOG_LEVELS).default('info'))
    .addHelpText(
      'after',
      '\nExamples:\n  polybook watch 1293...2772 1792...4553\n  polybook watch 1293...2772 --format ndjson --depth 5 | jq .best_bid\n  polybook watch 1293...2772 --once --url ws://127.0.0.1:8080/ws/market',
    )
    .action(async (ids: string[], flags: WatchFlags) => {
      const bad = ids.find((id) => !isTokenId(id));
      if (bad !== undefined) throw new CliError('cli.badToken', `not a token id: "${bad.slice(0, 80)}" (token ids are decimal strings)`);
      const format = flags.format ?? (flags.once || !io.stdout.isTTY ? 'ndjson' : 'tui');
      if (format === 'tui' && flags.once) throw new CliError('cli.usage', '--once prints NDJSON; drop --format tui');
      const session = new WatchSession([...new Set(ids)], {
        url: flags.url,
        depth: flags.depth,
        fps: flags.fps ?? (format === 'ndjson' || process.env.TMUX ? 10 : 30),
        ...(flags.record ? { record: flags.record } : {}),
        pingIntervalMs: flags.pingInterval,
        pongTimeoutMs: flags.pongTimeout,
        silenceMs: flags.silence,
        ...(flags.maxAttempts ? { maxAttempts: flags.maxAttempts } : {}),
        logger: createLogger(flags.logLevel, flags.logFile),
      });
      if (format === 'ndjson') {
        const fatal = await runPipe(session, io.stdout, io.signal, flags.once === true);
        if (fatal) throw new CliError('feed.fatal', fatal.message, 1);
        return;
      }
      if (!io.renderTui) throw new CliError('cli.noTui', 'the terminal UI is not available in this build; use --format ndjson');
      const quit = new AbortController();
      io.signal.addEventListener('abort', () => quit.abort(), { once: true });
      let fatal: Error | null = null;
      session.onFatal((error) => {
        fatal = error;
        quit.abort();
      });
      session.start();
      try {
        await io.renderTui({ store: session.store, signal: quit.signal, fps: session.fps, title: 'watch' });
      } finally {
        await session.stop();
      }
      if (fatal) throw new CliError('feed.fatal', (fatal as Error).message, 1);
    });
}
