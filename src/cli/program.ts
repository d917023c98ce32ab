/**
 * The command-line interface: commander setup only. Each command validates its options, then
 * hands off to the module that does the work.
 */
import { Command } from 'commander';
import { registerDemoCommand } from './demo.js';
import { registerReplayCommand } from './replay-command.js';
import type { RenderTui } from './tui-request.js';
import { registerMarketsCommand } from './markets.js';
import { registerOrdersCommand } from './orders.js';
import { registerSimCommand } from './sim-command.js';
import { registerStatusCommand } from './status.js';
import { registerWatchCommand } from './watch.js';

/** Where commands write and how they stop; tests pass their own. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean; writableNeedDrain?: boolean };
  readonly stderr: NodeJS.WritableStream;
  /** Aborts on SIGINT/SIGTERM (or when a test says so). */
  readonly signal: AbortSignal;
  /** Draws the screen for a session until it ends; absent where no UI is linked. */
  readonly renderTui?: RenderTui;
  /** Draws the orders screen (user channel); absent where no UI is linked. */
  readonly renderOrders?: RenderTui;
}

/** Every command, by name. */
const COMMANDS: ReadonlyArray<readonly [string, (program: Command, io: CliIo) => void]> = [
  ['replay', registerReplayCommand],
  ['demo', registerDemoCommand],
  ['watch', registerWatchCommand],
  ['markets', registerMarketsCommand],
  ['status', registerStatusCommand],
  ['orders', registerOrdersCommand],
  ['sim', registerSimCommand],
];

/**
 * The program. Given the arguments, only the command they name is declared (declaring every
 * command's options is a measurable part of a short command's start-up); without one — help, a
 * misspelt command — all of them are, so help and "did you mean" see every command.
 */
export function buildProgram(io: CliIo, argv: readonly string[] = []): Command {
  const program = new Command();
  program
    .name('polybook')
    .description("Terminal order-book viewer for Polymarket's CLOB WebSocket feed")
    .version('0.1.0')
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride();

  const named = COMMANDS.find(([name]) => name === argv[0]);
  for (const [name, register] of COMMANDS) if (!named || name === named[0]) register(program, io);
  return program;
}
