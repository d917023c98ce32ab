/**
 * `polybook orders [market...]`: the user channel: open orders (side, price, original and matched
 * size, status) and trades progressing MATCHED → MINED → CONFIRMED (or RETRYING / FAILED). On a
 * terminal a screen; piped, NDJSON. Credentials from POLY_API_KEY / POLY_API_SECRET /
 * POLY_PASSPHRASE or a 0600 file (`--credentials <file>`), never from argv, never shown.
 */
import { Option, type Command } from 'commander';
import { LOG_LEVELS } from '../log-levels.js';
import { applyConfig, loadConfig } from './config.js';
import { addOutputOptions, credentialsFlag, gammaUrlFlag, integerOption, restUrlFlag, userUrlFlag } from './options.js';
import type { CliIo } from './io.js';

import type { OrdersFlags } from './orders-run.js';

export { orderLine, userTradeLine } from './order-lines.js';

export function registerOrdersCommand(program: Command, io: CliIo): void {
  const command = program
    .command('orders')
    .description('your open orders and trades from the user channel (a screen on a terminal, NDJSON when piped)')
    .argument('[market...]', 'markets to follow (slugs, URLs, condition ids, token ids); none = every market of the key');
  addOutputOptions(command, ['tui', 'ndjson'], 'tui on a terminal, else ndjson')
    .addOption(userUrlFlag())
    .addOption(restUrlFlag())
    .addOption(gammaUrlFlag())
    .addOption(credentialsFlag())
    .option('--max-attempts <n>', 'give up after n failed reconnects in a row (default: never)', integerOption(1))
    .option('--log-file <path>', 'log file (default $XDG_STATE_HOME/polybook/polybook.log)')
    .addOption(new Option('--log-level <level>', 'log level').choices(LOG_LEVELS).default('info'))
    .addHelpText(
      'after',
      '\nExamples:\n  POLY_API_KEY=... POLY_API_SECRET=... POLY_PASSPHRASE=... polybook orders btc-updown-5m-1784449200\n  polybook orders --credentials ~/.config/polybook/credentials.json -o ndjson\n\nOffline: polybook sim --user-activity prints a test key set whose orders and trades it makes up.\nPiped, every reconnect attempt is one line on stderr.',
    )
    .hook('preAction', (cmd) => applyConfig(cmd, loadConfig(), { userUrl: 'userUrl', rest: 'rest', gamma: 'gamma' }))
    .action(async (names: string[], flags: OrdersFlags) => (await import('./orders-run.js')).runOrders(names, flags, io));
}
