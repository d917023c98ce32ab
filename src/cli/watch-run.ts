/**
 * What `polybook watch` does once its arguments are checked: resolve the names, start a session,
 * and run it on the screen or as NDJSON.
 */
import type { LogLevel } from '../log-levels.js';
import type { FeedError } from '../feed/errors.js';
import { openRecorder, type FrameRecorder } from '../feed/recorder.js';
import { VenueApi } from '../feed/venue-api.js';
import { createLogger } from '../log.js';
import { configPath, loadConfig } from './config.js';
import { CliError } from './errors.js';
import { chosenOutput, DEFAULT_CPU_BUDGET, isTokenId } from './options.js';
import type { CliIo } from './io.js';
import { resolveAll, skippedLine, type ResolvedAsset, type SkipReporter } from './resolve.js';
import { WatchSession } from './session.js';
import { ONCE_TIMEOUT_MS } from './defaults.js';
import { runPipe } from './watch-pipe.js';
import { FrameGovernor } from '../../store/frame-governor.js';

export interface WatchFlags {
  readonly url: string;
  readonly rest: string;
  readonly gamma: string;
  readonly restSync: boolean;
  readonly output?: 'tui' | 'ndjson';
  /** The older name of --output. */
  readonly format?: 'tui' | 'ndjson';
  readonly depth: number;
  readonly once?: boolean;
  /** --once's deadline, ms (default ONCE_TIMEOUT_MS). */
  readonly timeout?: number;
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

/** Resolves names to token ids (no network when every argument already is one). */
export async function resolveMarkets(args: readonly string[], api: VenueApi, onSkipped?: SkipReporter): Promise<ResolvedAsset[]> {
  if (args.every(isTokenId)) return [...new Set(args)].map((assetId) => ({ assetId, market: null, question: null, outcome: null }));
  return resolveAll(api, args, onSkipped);
}

export function sessionFor(
  assets: readonly ResolvedAsset[],
  flags: WatchFlags,
  fps: number,
  api: VenueApi,
  io: CliIo,
  recorder: FrameRecorder | null,
): WatchSession {
  return new WatchSession(assets, {
    url: flags.url,
    depth: flags.depth,
    fps,
    ...(recorder ? { recorder } : {}),
    pingIntervalMs: flags.pingInterval,
    pongTimeoutMs: flags.pongTimeout,
    silenceMs: flags.silence,
    quietAfterMs: flags.quietAfter,
    maxAssetsPerConnection: flags.assetsPerConnection,
    ...(flags.maxAttempts ? { maxAttempts: flags.maxAttempts } : {}),
    logger: createLogger(flags.logLevel, flags.logFile, (line) => io.stderr.write(line)),
    api: flags.restSync ? api : null,
  });
}

export async function runWatch(args: string[], flags: WatchFlags, io: CliIo): Promise<void> {
  const names = args.length > 0 ? args : [...(loadConfig().watchlist ?? [])];
  if (names.length === 0) throw new CliError('cli.usage', `name at least one market, or set a "watchlist" in ${configPath()}`);
  const format = chosenOutput(flags) ?? (flags.once || !io.stdout.isTTY ? 'ndjson' : 'tui');
  if (format === 'tui' && flags.once) throw new CliError('cli.usage', '--once prints NDJSON; drop --output tui');
  if (flags.timeout !== undefined && !flags.once) throw new CliError('cli.usage', '--timeout is the deadline of --once; add --once or drop it');
  if (format === 'tui' && !io.renderTui) throw new CliError('cli.noTui', 'the terminal UI is not available in this build; use --output ndjson');
  // A recording that cannot be written is known before any network: one line, exit 2.
  const recorder = flags.record ? openRecorder(flags.record) : null;
  const api = new VenueApi({ rest: flags.rest, gamma: flags.gamma });
  // An event's market whose Gamma version hides its ids is named on stderr; the rest is watched.
  const assets = await resolveMarkets(names, api, (problem) => io.stderr.write(skippedLine(problem)));
  const fps = flags.fps ?? (format === 'ndjson' || process.env.TMUX ? 10 : 30);
  const session = sessionFor(assets, flags, fps, api, io, recorder);
  if (format === 'ndjson') {
    // A fatal feed error keeps its own code (feed.gaveUp, ...): main.ts maps it to its exit status.
    await runPipe(session, io.stdout, io.signal, {
      once: flags.once ? { timeoutMs: flags.timeout ?? ONCE_TIMEOUT_MS } : null,
      stderr: io.stderr,
      url: flags.url,
    });
    return;
  }
  await runTui(session, io, 'watch', flags.cpuBudget);
}

/** Runs a session on the screen until the user quits or a signal arrives. */
export async function runTui(session: WatchSession, io: CliIo, title: string, cpuBudget = DEFAULT_CPU_BUDGET): Promise<void> {
  const quit = new AbortController();
  io.signal.addEventListener('abort', () => quit.abort(), { once: true });
  // A signal during the name lookups came before this listener.
  if (io.signal.aborted) quit.abort();
  let fatal: FeedError | null = null;
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
  if (fatal) throw fatal as FeedError;
}
