/**
 * `polybook status <market>`: one short line for a tmux status bar (`#(polybook status …)`):
 * outcome, bid/ask, last, spread and an integrity mark; or, with `--output json`, one JSON
 * object (README, "JSON output of status"). REST only, no Ink, a timeout; when the venue cannot
 * be reached the line says so and it exits 1.
 */
import { Option, type Command } from 'commander';
import { applyConfig, loadConfig } from './config.js';
import { addOutputOptions, gammaUrlFlag, restUrlFlag, secondsOption } from './options.js';
import type { CliIo } from './io.js';

import type { StatusFlags } from './status-run.js';

export function registerStatusCommand(program: Command, io: CliIo): void {
  const command = program
    .command('status')
    .description('one short line for a tmux status bar: outcome bid/ask, last, spread, integrity mark (or one JSON object)')
    .argument('<market>', 'token id, market or event slug, condition id or polymarket.com URL');
  addOutputOptions(command, ['table', 'json'], 'table (one line), or json (one object); default table')
    .option('--json', 'alias of --output json')
    .option('--outcome <label>', 'which outcome to show (default: the first)')
    .addOption(new Option('--timeout <seconds>', 'give up on each request after this long').argParser(secondsOption(0.1)).default(3000, '3'))
    .addOption(restUrlFlag())
    .addOption(gammaUrlFlag())
    .addHelpText(
      'after',
      [
        '',
        'The mark: ✓ the REST book reproduces its own venue hash, ✗ it does not, ? cannot tell.',
        'JSON: {"outcome","asset_id","market","best_bid","best_ask","last","spread","integrity","resolved"},',
        'integrity one of "verified", "mismatch", "unverifiable".',
        '',
        'Examples:',
        "  set -g status-right '#(polybook status btc-updown-5m-1784449200)'     # tmux",
        '  polybook status 0xab77…b0b3 --outcome down -o json | jq .best_bid',
      ].join('\n'),
    )
    .hook('preAction', (cmd) => applyConfig(cmd, loadConfig(), { rest: 'rest', gamma: 'gamma' }))
    .action(async (market: string, flags: StatusFlags) => (await import('./status-run.js')).runStatus(market, flags, io));
}
