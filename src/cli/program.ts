/**
 * The command-line interface: commander setup only. Each command validates its options, then
 * hands off to the module that does the work.
 */
import { Command } from 'commander';
import { registerCompletionCommand } from './completion.js';
import { registerDemoCommand } from './demo.js';
import { registerReplayCommand } from './replay-command.js';
import type { CliIo } from './io.js';
import { registerMarketsCommand } from './markets.js';
import { registerOrdersCommand } from './orders.js';
import { registerSimCommand } from './sim-command.js';
import { registerStatusCommand } from './status.js';
import { commanderLine, programHelpText } from './usage.js';
import { packageVersion } from './version.js';
import { registerWatchCommand } from './watch.js';

/** Every command, by name. */
const COMMANDS: ReadonlyArray<readonly [string, (program: Command, io: CliIo) => void]> = [
  ['replay', registerReplayCommand],
  ['demo', registerDemoCommand],
  ['watch', registerWatchCommand],
  ['markets', registerMarketsCommand],
  ['status', registerStatusCommand],
  ['orders', registerOrdersCommand],
  ['sim', registerSimCommand],
  ['completion', registerCompletionCommand],
];

/** Command names, for the one line `polybook` alone prints. */
export const COMMAND_NAMES: readonly string[] = COMMANDS.map(([name]) => name);

/** What `polybook` with no command says. */
export function missingCommandLine(): string {
  return `polybook: name a command: ${COMMAND_NAMES.join(', ')} (polybook --help says more)`;
}

/**
 * The program. Given the arguments, only the command they name is declared (declaring every
 * command's options is a measurable part of a short command's start-up); without one — help, a
 * misspelt command — and for `completion`, which describes them all, every command is.
 */
export function buildProgram(io: CliIo, argv: readonly string[] = []): Command {
  const program = new Command();
  let helpAsError = false;
  program
    .name('polybook')
    .description("Terminal order-book viewer for Polymarket's CLOB WebSocket feed")
    .version(packageVersion() ?? 'unknown', '-V, --version', 'print the version (from package.json)')
    .helpOption('-h, --help', 'print help')
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      // commander writes here only the help it prints for a missing command (`polybook help
      // <nothing known>`): an error, so one line instead, once.
      writeErr: () => {
        if (helpAsError) return;
        helpAsError = true;
        io.stderr.write(`${missingCommandLine()}\n`);
      },
      // commander's own errors are polybook's: one line, `polybook: …`.
      outputError: (text) => io.stderr.write(commanderLine(text)),
    })
    .exitOverride()
    .addHelpText('after', () => programHelpText());
  program.helpCommand('help [command]', 'print help for a command');

  const named = COMMANDS.find(([name]) => name === argv[0] && name !== 'completion');
  for (const [name, register] of COMMANDS) if (!named || name === named[0]) register(program, io);
  return program;
}
