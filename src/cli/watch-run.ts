/**
 * What `polybook watch` does once its arguments are checked: resolve the names, start a session,
 * and run it on the screen or as NDJSON.
 */
import { applyHeapPolicy } from './heap-policy.js';
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
import { ONCE_TIMEOUT_MS, PIPE_DEPTH, SCREEN_DEPTH } from './defaults.js';
import { runPipe } from './watch-pipe.js';
import { firstWindow, SeriesFollower } from './follow.js';
import { planAlerts, startPlan, type AlertFlags } from './alert-runner.js';
import { screenOptions } from './screen-options.js';
import type { MarketsControl, ScreenOptions } from '../../store/tui-request.js';
import { SessionMarkets } from './markets-control.js';
import { FrameGovernor } from '../../store/frame-governor.js';
import type { OwnOrdersFlags } from './own-orders-options.js';
import { ownOrdersCredentials, startOwnOrders } from './watch-orders.js';

export interface WatchFlags extends AlertFlags, OwnOrdersFlags {
  readonly url: string;
  readonly rest: string;
  readonly gamma: string;
  readonly restSync: boolean;
  readonly output?: 'tui' | 'ndjson';
  /** The older name of --output. */
  readonly format?: 'tui' | 'ndjson';
  /** Absent: 10 levels piped, as many as fit on screen (defaults.ts). */
  readonly depth?: number;
  /** `--no-alt-screen` makes this false. */
  readonly altScreen?: boolean;
  readonly once?: boolean;
  /** `--follow <series>`: a recurring market whose windows are watched one after the other. */
  readonly follow?: string;
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
  history = true,
): WatchSession {
  return new WatchSession(assets, {
    history,
    url: flags.url,
    depth: flags.depth ?? PIPE_DEPTH,
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
  const names = args.length > 0 || flags.follow ? args : [...(loadConfig().watchlist ?? [])];
  if (names.length === 0 && !flags.follow) throw new CliError('cli.usage', `name at least one market, or set a "watchlist" in ${configPath()}`);
  const format = chosenOutput(flags) ?? (flags.once || !io.stdout.isTTY ? 'ndjson' : 'tui');
  if (format === 'tui' && flags.once) throw new CliError('cli.usage', '--once prints NDJSON; drop --output tui');
  if (flags.timeout !== undefined && !flags.once) throw new CliError('cli.usage', '--timeout is the deadline of --once; add --once or drop it');
  if (format === 'tui' && !io.renderTui) throw new CliError('cli.noTui', 'the terminal UI is not available in this build; use --output ndjson');
  // Bad --alert rules and a recording that cannot be written are known before any network: exit 2.
  const alerts = planAlerts(flags);
  // `--orders`: its credentials are read (and a bad file refused) before any network too.
  const credentials = ownOrdersCredentials(flags);
  const recorder = flags.record ? openRecorder(flags.record) : null;
  const api = new VenueApi({ rest: flags.rest, gamma: flags.gamma });
  // An event's market whose Gamma version hides its ids is named on stderr; the rest is watched.
  const named = await resolveMarkets(names, api, (problem) => io.stderr.write(skippedLine(problem)));
  const window = flags.follow ? await firstWindow(api, flags.follow) : null;
  const assets = window ? [...named, ...window.assets.filter((a) => !named.some((n) => n.assetId === a.assetId))] : named;
  const fps = flags.fps ?? (format === 'ndjson' || process.env.TMUX ? 10 : 30);
  applyHeapPolicy();
  const session = sessionFor(assets, format === 'tui' ? { ...flags, depth: flags.depth ?? SCREEN_DEPTH } : flags, fps, api, io, recorder, format === 'tui');
  // Lives as long as the session's store: firings reach NDJSON, the screen, the bell, --on-alert.
  const stopAlerts = await startPlan(alerts, session, { terminal: format === 'tui' ? io.stdout : null, api, assets });
  // Stopped at the signal, before the last publish: an alert is written and run, or neither.
  io.signal.addEventListener('abort', stopAlerts, { once: true });
  const follower = window ? new SeriesFollower(session, api, flags.follow!, window, { logger: session.logger }) : null;
  follower?.start();
  const own = credentials ? startOwnOrders(session, credentials, flags, format === 'ndjson' ? { stdout: io.stdout, stderr: io.stderr } : null) : null;
  try {
    await runFormat(format, session, flags, io, api, follower);
  } finally {
    follower?.stop();
    await own?.stop();
  }
}

async function runFormat(
  format: 'tui' | 'ndjson',
  session: WatchSession,
  flags: WatchFlags,
  io: CliIo,
  api: VenueApi,
  follower: SeriesFollower | null,
): Promise<void> {
  if (format === 'ndjson') {
    // A fatal feed error keeps its own code (feed.gaveUp, ...): main.ts maps it to its exit status.
    await runPipe(session, io.stdout, io.signal, {
      ...(follower && { follow: follower }),
      once: flags.once ? { timeoutMs: flags.timeout ?? ONCE_TIMEOUT_MS } : null,
      stderr: io.stderr,
      url: flags.url,
    });
    return;
  }
  // `/` search and add, `x` remove, `w` save the watchlist: Gamma is reached through this only.
  await runTui(session, io, 'watch', flags.cpuBudget, screenOptions(flags), new SessionMarkets(session, api, { logger: session.logger }));
}

/** After the screen's code has loaded and the turn that draws its first frame (see CliIo.screenLoaded). */
async function afterFirstFrame(io: CliIo): Promise<void> {
  if (!io.screenLoaded) return;
  await io.screenLoaded().catch(() => {});
  await new Promise((resolve) => setImmediate(resolve));
}

/** Runs a session on the screen until the user quits or a signal arrives. */
export async function runTui(
  session: WatchSession,
  io: CliIo,
  title: string,
  cpuBudget = DEFAULT_CPU_BUDGET,
  screen: ScreenOptions = {},
  markets?: MarketsControl,
): Promise<void> {
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
  // The chart and the board's sparklines start from the venue's recent prices (CLOB /prices-history).
  // The first asset's (the chart the screen opens on) is asked for at once, the others' once the
  // screen has drawn its first frame: their requests' work (in `demo`, the simulator answering
  // them too) would share the one main thread with loading the screen, delaying the first book.
  const [first, ...others] = session.assetIds;
  void session.backfillHistory(first === undefined ? [] : [first]);
  void afterFirstFrame(io).then(() => {
    if (!quit.signal.aborted && others.length > 0) void session.backfillHistory(others);
  });
  const governor = new FrameGovernor(session.publisher, { maxFps: session.fps, budget: cpuBudget });
  governor.start();
  try {
    await io.renderTui!({ store: session.store, signal: quit.signal, fps: session.fps, title, screen, ...(markets && { markets }) });
  } finally {
    governor.stop();
    await session.stop();
  }
  if (fatal) throw fatal as FeedError;
}
