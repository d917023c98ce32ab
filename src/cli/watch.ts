/**
 * `polybook watch [market...]`: live books. On a terminal the screen (components/, injected by the
 * bin so src/ never imports React); otherwise, or with --output ndjson, one JSON line per update.
 * Markets are token ids, slugs, polymarket.com URLs or condition ids; none = the config watchlist.
 *
 * This module only declares the command: `--help` and argument checks load nothing else; the work
 * (WebSocket, REST, the engine) is loaded by watch-run.ts when the command runs.
 */
import { type Command, Option } from 'commander';
import { DEFAULT_ASSETS_PER_CONNECTION, DEFAULT_MARKET_URL } from '../feed/endpoints.js';
import { LOG_LEVELS } from '../log-levels.js';
import { applyConfig, loadConfig } from './config.js';
import { addOutputOptions, cpuBudgetFlag, DEFAULT_QUIET_AFTER_MS, gammaUrlFlag, integerOption, restUrlFlag, secondsOption, wsUrlOption } from './options.js';
import type { CliIo } from './io.js';
import { addAlertOptions, ALERT_HELP } from './alert-rules.js';
import { addOwnOrdersOptions } from './own-orders-options.js';

import type { WatchFlags } from './watch-run.js';
import { DEPTH_HELP, ONCE_TIMEOUT_MS } from './defaults.js';

/** Connection and REST options shared by the commands that watch the venue. */
export function addVenueOptions(command: Command): Command {
  return command
    .addOption(new Option('--url <ws-url>', 'market channel URL').env('POLYBOOK_WS_URL').default(DEFAULT_MARKET_URL).argParser(wsUrlOption))
    .addOption(restUrlFlag())
    .addOption(gammaUrlFlag())
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

export function registerWatchCommand(program: Command, io: CliIo): void {
  const command = program
    .command('watch')
    .description('watch live order books (a screen on a terminal, NDJSON when piped)')
    .argument('[market...]', 'token ids, market or event slugs, polymarket.com URLs or condition ids (default: the config watchlist)');
  addOutputOptions(command, ['tui', 'ndjson'], 'tui on a terminal, else ndjson')
    .option('--depth <levels>', DEPTH_HELP, integerOption(1, 200))
    .option('--no-alt-screen', 'screen: draw in the normal screen and leave the last frame on exit (default: the alternate screen)')
    .option('--once', 'print each asset’s first complete book and exit (ndjson)')
    .addOption(
      new Option('--timeout <seconds>', `with --once: exit 1 naming the assets with no book after this long (default ${ONCE_TIMEOUT_MS / 1000})`).argParser(
        secondsOption(0.1),
      ),
    )
    .option(
      '--follow <series>',
      'watch the current window of a recurring market (btc-updown-5m: a window slug without its timestamp, or a Gamma series slug) and roll to the next when it ends',
    )
    .option('--record <file>', 'append every received frame to <file>, one per line (replay reads it)')
    .option('--fps <n>', 'publishes per second (default 30 on a terminal, 10 in tmux or when piped)', integerOption(1, 120))
    .addOption(cpuBudgetFlag());
  addAlertOptions(command);
  addOwnOrdersOptions(command);
  addVenueOptions(command)
    .addHelpText(
      'after',
      '\nExamples:\n  polybook watch https://polymarket.com/event/btc-updown-5m-1784449200\n  polybook watch polymarket.com/market/<market-slug> -o ndjson --depth 5 | jq .best_bid\n  polybook watch 1293...2772 --once --timeout 5 --url ws://127.0.0.1:8080/ws/market\n  polybook watch --follow btc-updown-5m              # the current 5-minute window, then the next\n\nPiped, every reconnect attempt is one line on stderr, and so is a token id the venue has no book for.',
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
        alert: 'alerts',
        userUrl: 'userUrl',
      }),
    )
    .action(async (args: string[], flags: WatchFlags) => (await import('./watch-run.js')).runWatch(args, flags, io));
  command.addHelpText('after', ALERT_HELP);
}
