/**
 * `polybook status <market>`: one short line for a tmux status bar (`#(polybook status …)`):
 * outcome, bid/ask, last, spread and an integrity mark. REST only, no Ink, a timeout; when the
 * venue cannot be reached it prints a short line and exits 1.
 */
import { Option, type Command } from 'commander';
import { DEFAULT_GAMMA_URL, DEFAULT_REST_URL } from '../feed/endpoints.js';
import { applyConfig, loadConfig } from './config.js';
import { httpUrlOption, secondsOption } from './options.js';
import type { CliIo } from './program.js';

export interface StatusFlags {
  readonly outcome?: string;
  readonly timeout: number;
  readonly rest: string;
  readonly gamma: string;
}

export function registerStatusCommand(program: Command, io: CliIo): void {
  program
    .command('status')
    .description('one short line for a tmux status bar: outcome bid/ask, last, spread, integrity mark')
    .argument('<market>', 'token id, market or event slug, condition id or polymarket.com URL')
    .option('--outcome <label>', 'which outcome to show (default: the first)')
    .addOption(new Option('--timeout <seconds>', 'give up after this long').argParser(secondsOption(0.1)).default(3000, '3'))
    .addOption(new Option('--rest <url>', 'CLOB REST URL').env('POLYBOOK_REST_URL').default(DEFAULT_REST_URL).argParser(httpUrlOption))
    .addOption(new Option('--gamma <url>', 'Gamma API URL').env('POLYBOOK_GAMMA_URL').default(DEFAULT_GAMMA_URL).argParser(httpUrlOption))
    .addHelpText('after', "\nExample (tmux):\n  set -g status-right '#(polybook status btc-updown-5m-1784449200)'")
    .hook('preAction', (command) => applyConfig(command, loadConfig(), { rest: 'rest', gamma: 'gamma' }))
    .action(async (market: string, flags: StatusFlags) => (await import('./status-run.js')).runStatus(market, flags, io));
}
