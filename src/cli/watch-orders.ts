/**
 * `watch --orders`: the user channel beside the market channel, so the screen marks the user's
 * resting orders on their ladder levels and their fills in the tape (store/own-orders.ts), and
 * NDJSON adds `order` and `user_trade` lines (as `polybook orders` writes them). Credentials come
 * exactly as for `polybook orders`: POLY_API_KEY / POLY_API_SECRET / POLY_PASSPHRASE or a 0600
 * file (`--credentials`); never argv, never logged or shown. A refused key ends the watch (exit 1).
 */
import { loadCredentials, type ApiCredentials } from '../feed/credentials.js';
import { DEFAULT_USER_URL } from '../feed/endpoints.js';
import type { FeedError } from '../feed/errors.js';
import { UserFeed } from '../feed/user-feed.js';
import { bindUserFeed } from '../../store/user-binding.js';
import { CliError } from './errors.js';
import { retryNotices } from './notices.js';
import { orderLine, userTradeLine } from './order-lines.js';
import type { OwnOrdersFlags } from './own-orders-options.js';
import type { WatchSession } from './session.js';

/** The credentials `--orders` needs, read before any network (a bad file is exit 2); null without it. */
export function ownOrdersCredentials(flags: OwnOrdersFlags, env: NodeJS.ProcessEnv = process.env): ApiCredentials | null {
  if (!flags.orders) {
    if (flags.credentials !== undefined) throw new CliError('cli.usage', '--credentials is for --orders; add --orders or drop it');
    return null;
  }
  return loadCredentials(env, flags.credentials);
}

export interface OwnOrdersRun {
  stop(): Promise<void>;
}

/**
 * Connects the user channel for the session's markets into its store. `ndjson`: where `order` and
 * `user_trade` lines go, with a stderr line per reconnect attempt (pipe mode); null on screen.
 */
export function startOwnOrders(
  session: WatchSession,
  credentials: ApiCredentials,
  flags: OwnOrdersFlags,
  ndjson: { readonly stdout: { write(text: string): unknown }; readonly stderr: { write(text: string): unknown } } | null,
): OwnOrdersRun {
  const url = flags.userUrl ?? DEFAULT_USER_URL;
  // The watched markets; when one is not known by its condition id, every market of the key.
  const markets = session.assetIds.map((id) => session.resolvedAsset(id)?.market ?? null);
  const feed = new UserFeed({
    url,
    credentials,
    markets: markets.includes(null) ? [] : [...new Set(markets as string[])],
    ...(flags.maxAttempts ? { maxAttempts: flags.maxAttempts } : {}),
  });
  const unbind = bindUserFeed(feed, session.store);
  feed.on('fatal', (error: FeedError) => session.abort(error));
  let stopLines = (): void => {};
  if (ndjson) {
    stopLines = writeUserLines(session, ndjson.stdout);
    feed.on(
      'health',
      retryNotices(
        url,
        (line) => ndjson.stderr.write(line),
        () => 1,
      ),
    );
  }
  feed.start();
  return {
    stop: async () => {
      stopLines();
      unbind();
      await feed.stop();
    },
  };
}

/** An `order` line per changed order and a `user_trade` line per new trade status; returns a stop function. */
function writeUserLines(session: WatchSession, out: { write(text: string): unknown }): () => void {
  return session.store.subscribe((state, previous) => {
    const now = Date.now();
    if (state.orders !== previous.orders)
      for (const order of state.orders.values()) if (previous.orders.get(order.id) !== order) out.write(`${JSON.stringify(orderLine(order, now))}\n`);
    if (state.userTrades !== previous.userTrades)
      for (const trade of state.userTrades) if (!previous.userTrades.includes(trade)) out.write(`${JSON.stringify(userTradeLine(trade, now))}\n`);
  });
}
