/**
 * `polybook orders [market...]`: the user channel: open orders (side, price, original and matched
 * size, status) and trades progressing MATCHED → MINED → CONFIRMED (or RETRYING / FAILED). On a
 * terminal a screen; piped, NDJSON. Credentials from POLY_API_KEY / POLY_API_SECRET /
 * POLY_PASSPHRASE or a 0600 file (`--credentials <file>`), never from argv, never shown.
 */
import { Option, type Command } from 'commander';
import { loadCredentials } from '../feed/credentials.js';
import type { ConnectionHealth } from '../feed/health.js';
import { createLogger, LOG_LEVELS, type LogLevel } from '../log.js';
import { DEFAULT_USER_URL, UserFeed } from '../feed/user-feed.js';
import { DEFAULT_GAMMA_URL, DEFAULT_REST_URL, VenueApi } from '../feed/venue-api.js';
import { bindUserFeed } from '../../store/user-binding.js';
import { createPolybookStore } from '../../store/store.js';
import type { OrderView, UserTradeView } from '../../store/types.js';
import { applyConfig, loadConfig } from './config.js';
import { CliError } from './errors.js';
import { healthLine } from './ndjson.js';
import { httpUrlOption, isTokenId, wsUrlOption } from './options.js';
import type { CliIo } from './program.js';
import { resolveAll, skippedLine, type SkipReporter } from './resolve.js';

interface OrdersFlags {
  readonly userUrl: string;
  readonly rest: string;
  readonly gamma: string;
  readonly credentials?: string;
  readonly format?: 'tui' | 'ndjson';
  readonly logFile?: string;
  readonly logLevel: LogLevel;
}

export function orderLine(order: OrderView, now: number): Record<string, unknown> {
  return {
    type: 'order',
    ts: now,
    id: order.id,
    market: order.market,
    asset_id: order.assetId,
    outcome: order.outcome,
    side: order.side,
    price: order.price,
    original_size: order.originalSize,
    // What original_size counts: "pusd" for a market BUY since April 2026, else "shares".
    size_unit: order.sizeUnit,
    size_matched: order.sizeMatched,
    status: order.status,
  };
}

export function userTradeLine(trade: UserTradeView, now: number): Record<string, unknown> {
  return {
    type: 'user_trade',
    ts: now,
    id: trade.id,
    market: trade.market,
    asset_id: trade.assetId,
    outcome: trade.outcome,
    side: trade.side,
    price: trade.price,
    size: trade.size,
    status: trade.status,
    history: trade.history,
    match_time: trade.matchTime,
  };
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

export function registerOrdersCommand(program: Command, io: CliIo): void {
  program
    .command('orders')
    .description('your open orders and trades from the user channel (a screen on a terminal, NDJSON when piped)')
    .argument('[market...]', 'markets to follow (slugs, URLs, condition ids, token ids); none = every market of the key')
    .addOption(new Option('--user-url <ws-url>', 'user channel URL').env('POLYBOOK_USER_WS_URL').default(DEFAULT_USER_URL).argParser(wsUrlOption))
    .addOption(new Option('--rest <url>', 'CLOB REST URL').env('POLYBOOK_REST_URL').default(DEFAULT_REST_URL).argParser(httpUrlOption))
    .addOption(new Option('--gamma <url>', 'Gamma API URL').env('POLYBOOK_GAMMA_URL').default(DEFAULT_GAMMA_URL).argParser(httpUrlOption))
    .option('--credentials <file>', 'credentials JSON file {apiKey, secret, passphrase}, mode 0600 (default: env, then ~/.config/polybook/credentials.json)')
    .addOption(new Option('--format <format>', 'output: tui on a terminal, ndjson when piped').choices(['tui', 'ndjson']))
    .option('--log-file <path>', 'log file (default $XDG_STATE_HOME/polybook/polybook.log)')
    .addOption(new Option('--log-level <level>', 'log level').choices(LOG_LEVELS).default('info'))
    .addHelpText('after', '\nExample:\n  POLY_API_KEY=... POLY_API_SECRET=... POLY_PASSPHRASE=... polybook orders btc-updown-5m-1784449200')
    .hook('preAction', (cmd) => applyConfig(cmd, loadConfig(), { userUrl: 'userUrl', rest: 'rest', gamma: 'gamma' }))
    .action(async (names: string[], flags: OrdersFlags) => {
      const credentials = loadCredentials(process.env, flags.credentials);
      const log = createLogger(flags.logLevel, flags.logFile);
      const format = flags.format ?? (io.stdout.isTTY ? 'tui' : 'ndjson');
      if (format === 'tui' && !io.renderOrders) throw new CliError('cli.noTui', 'the terminal UI is not available in this build; use --format ndjson');
      const skipped: SkipReporter = (problem) => io.stderr.write(skippedLine(problem));
      const markets = names.length > 0 ? await conditionIds(new VenueApi({ rest: flags.rest, gamma: flags.gamma }), names, skipped) : [];
      const store = createPolybookStore();
      const feed = new UserFeed({ url: flags.userUrl, credentials, markets });
      const unbind = bindUserFeed(feed, store);
      let fatal: Error | null = null;
      const quit = new AbortController();
      io.signal.addEventListener('abort', () => quit.abort(), { once: true });
      feed.on('health', (h: ConnectionHealth) => log.debug({ state: h.state, attempt: h.attempt }, 'user channel'));
      feed.on('fatal', (error: Error) => {
        log.error(error.message);
        fatal = error;
        quit.abort();
      });
      const stopWriting = format === 'ndjson' ? writeNdjson(io, store) : () => {};
      feed.start();
      if (format === 'tui') await io.renderOrders!({ store, signal: quit.signal, fps: 10, title: 'orders' });
      else await new Promise<void>((resolve) => quit.signal.addEventListener('abort', () => resolve(), { once: true }));
      stopWriting();
      unbind();
      await feed.stop();
      if (fatal) throw new CliError('feed.fatal', (fatal as Error).message, 1);
    });
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
