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

export function buildProgram(io: CliIo): Command {
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

  registerReplayCommand(program, io);
  registerDemoCommand(program, io);
  registerWatchCommand(program, io);
  registerMarketsCommand(program, io);
  registerStatusCommand(program, io);
  registerOrdersCommand(program, io);
  registerSimCommand(program, io);
  return program;
}
