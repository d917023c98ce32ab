/**
 * What `polybook orders` does: the user channel into a store, drawn on the screen or written as
 * NDJSON until the user quits, a signal arrives or the feed fails for good.
 */
import type { LogLevel } from '../log-levels.js';
import { loadCredentials } from '../feed/credentials.js';
import type { FeedError } from '../feed/errors.js';
import type { ConnectionHealth } from '../feed/health.js';
import { UserFeed } from '../feed/user-feed.js';
import { VenueApi } from '../feed/venue-api.js';
import { createLogger } from '../log.js';
import { bindUserFeed } from '../../store/user-binding.js';
import { createPolybookStore } from '../../store/store.js';
import { CliError } from './errors.js';
import { healthLine } from './ndjson.js';
import { retryNotices } from './notices.js';
import { chosenOutput, isTokenId } from './options.js';
import { orderLine, userTradeLine } from './order-lines.js';
import type { CliIo } from './io.js';
import { resolveAll, skippedLine, type SkipReporter } from './resolve.js';

export interface OrdersFlags {
  readonly userUrl: string;
  readonly rest: string;
  readonly gamma: string;
  readonly credentials?: string;
  readonly output?: 'tui' | 'ndjson';
  /** The older name of --output. */
  readonly format?: 'tui' | 'ndjson';
  readonly maxAttempts?: number;
  readonly logFile?: string;
  readonly logLevel: LogLevel;
}

/**
 * Condition ids for the named markets (token ids are looked up through REST /book). Markets of an
 * event skipped for their Gamma version are named through `onSkipped`; the rest are followed.
 */
async function conditionIds(api: VenueApi, names: readonly string[], onSkipped: SkipReporter): Promise<string[]> {
  const out = new Set<string>();
  for (const name of names) {
    if (isTokenId(name)) {
      const rest = await api.book(name);
      if (rest.kind === 'book') out.add(rest.book.market);
      continue;
    }
    for (const asset of await resolveAll(api, [name], onSkipped)) if (asset.market) out.add(asset.market);
  }
  return [...out];
}

export async function runOrders(names: string[], flags: OrdersFlags, io: CliIo): Promise<void> {
  const credentials = loadCredentials(process.env, flags.credentials);
  const log = createLogger(flags.logLevel, flags.logFile, (line) => io.stderr.write(line));
  const format = chosenOutput(flags) ?? (io.stdout.isTTY ? 'tui' : 'ndjson');
  if (format === 'tui' && !io.renderOrders) throw new CliError('cli.noTui', 'the terminal UI is not available in this build; use --output ndjson');
  const skipped: SkipReporter = (problem) => io.stderr.write(skippedLine(problem));
  const markets = names.length > 0 ? await conditionIds(new VenueApi({ rest: flags.rest, gamma: flags.gamma }), names, skipped) : [];
  const store = createPolybookStore();
  const feed = new UserFeed({ url: flags.userUrl, credentials, markets, ...(flags.maxAttempts ? { maxAttempts: flags.maxAttempts } : {}) });
  const unbind = bindUserFeed(feed, store);
  let fatal: FeedError | null = null;
  const quit = new AbortController();
  io.signal.addEventListener('abort', () => quit.abort(), { once: true });
  // A signal during the name lookups came before this listener.
  if (io.signal.aborted) quit.abort();
  feed.on('health', (h: ConnectionHealth) => log.debug({ state: h.state, attempt: h.attempt }, 'user channel'));
  feed.on('fatal', (error: FeedError) => {
    log.error(error.message);
    fatal = error;
    quit.abort();
  });
  const stopWriting = format === 'ndjson' ? writeNdjson(io, store) : () => {};
  // Piped, a connection that keeps failing says so, once per attempt (the screen shows it itself).
  if (format === 'ndjson')
    feed.on(
      'health',
      retryNotices(
        flags.userUrl,
        (line) => io.stderr.write(line),
        () => 1,
      ),
    );
  feed.start();
  if (format === 'tui') await io.renderOrders!({ store, signal: quit.signal, fps: 10, title: 'orders' });
  else if (!quit.signal.aborted) await new Promise<void>((resolve) => quit.signal.addEventListener('abort', () => resolve(), { once: true }));
  stopWriting();
  unbind();
  await feed.stop();
  // The feed error keeps its own code (feed.authRejected, feed.gaveUp): main.ts maps it.
  if (fatal) throw fatal as FeedError;
}

/** Writes a line per changed order, trade status and health state; returns a stop function. */
function writeNdjson(io: CliIo, store: ReturnType<typeof createPolybookStore>): () => void {
  const write = (value: Record<string, unknown>) => io.stdout.write(`${JSON.stringify(value)}\n`);
  const seenHealth = new Map<string, string>();
  return store.subscribe((state, previous) => {
    const now = Date.now();
    if (state.orders !== previous.orders) {
      for (const order of state.orders.values()) if (previous.orders.get(order.id) !== order) write(orderLine(order, now));
    }
    if (state.userTrades !== previous.userTrades) {
      for (const trade of state.userTrades) if (!previous.userTrades.includes(trade)) write(userTradeLine(trade, now));
    }
    for (const health of Object.values(state.health)) {
      const key = `${health.state}|${health.attempt}|${health.reconnects}`;
      if (seenHealth.get(health.id) !== key) {
        seenHealth.set(health.id, key);
        write(healthLine(health, now));
      }
    }
  });
}
