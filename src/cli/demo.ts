/**
 * `polybook demo`: the simulator in-process on a free loopback port with a handful of markets, and
 * `watch` on all of them: a live, moving book with no network. On a non-terminal it prints NDJSON.
 */
import { Option, type Command } from 'commander';
import { LOG_LEVELS } from '../log-levels.js';
import { addOutputOptions, cpuBudgetFlag, integerOption, positiveNumberOption } from './options.js';
import type { CliIo } from './io.js';
import { addAlertOptions, ALERT_HELP } from './alert-rules.js';
import { DEPTH_HELP } from './defaults.js';

import type { DemoFlags } from './demo-run.js';

export function registerDemoCommand(program: Command, io: CliIo): void {
  const command = program.command('demo').description('watch a few simulated markets on a local simulator: a live book with no network');
  addOutputOptions(command, ['tui', 'ndjson'], 'tui on a terminal, else ndjson')
    .option('--markets <n>', 'simulated binary markets', integerOption(1, 20), 4)
    .option('--rate <msgs/s>', 'order-flow messages per second', positiveNumberOption, 25)
    .option('--seed <n>', 'simulator seed', integerOption(0), 7)
    .option('--depth <levels>', DEPTH_HELP, integerOption(1, 200))
    .option('--no-alt-screen', 'draw in the normal screen and leave the last frame on exit (default: the alternate screen)')
    .option('--fps <n>', 'frames per second (default 30, 10 in tmux)', integerOption(1, 120))
    .addOption(cpuBudgetFlag())
    .option('--log-file <path>', 'log file (default $XDG_STATE_HOME/polybook/polybook.log)')
    .addOption(new Option('--log-level <level>', 'log level').choices(LOG_LEVELS).default('info'))
    .addHelpText('after', '\nExamples:\n  polybook demo --markets 6 --rate 50\n  polybook demo -o ndjson | head -n 5')
    .action(async (flags: DemoFlags) => (await import('./demo-run.js')).runDemo(flags, io));
  addAlertOptions(command).addHelpText('after', ALERT_HELP);
}
