/**
 * The command-line interface: commander setup only. Each command validates its options, then
 * hands off to the module that does the work.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { replayToSummary } from './replay.js';
import type { RenderTui } from './tui-request.js';
import { registerWatchCommand } from './watch.js';

/** Where commands write and how they stop; tests pass their own. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean; writableNeedDrain?: boolean };
  readonly stderr: NodeJS.WritableStream;
  /** Aborts on SIGINT/SIGTERM (or when a test says so). */
  readonly signal: AbortSignal;
  /** Draws the screen for a session until it ends; absent where no UI is linked. */
  readonly renderTui?: RenderTui;
}

export const REPLAY_FORMATS = ['json'] as const;

function oneOf<T extends string>(allowed: readonly T[], what: string) {
  return (value: string): T => {
    if ((allowed as readonly string[]).includes(value)) return value as T;
    throw new InvalidArgumentError(`${what} must be one of ${allowed.join(', ')}`);
  };
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

  program
    .command('replay')
    .description('apply a recording (one WebSocket text frame per line) and print the resulting books')
    .argument('<file>', 'recording to read, e.g. a file written by --record')
    .addOption(
      new Option('--format <format>', 'output format').default('json').argParser(oneOf(REPLAY_FORMATS, '--format')),
    )
    .option('--book-meta <rest-book.json...>', 'REST /book bodies giving min_order_size and neg_risk, so the venue hash can be verified')
    .addHelpText(
      'after',
      '\nExample:\n  polybook replay ../shared/fixtures/polymarket/live-2026-07-19-polysim/market-frames.jsonl --format json',
    )
    .action(async (file: string, options: { format: string; bookMeta?: string[] }) => {
      const summary = await replayToSummary(file, options.bookMeta ?? []);
      io.stdout.write(`${JSON.stringify(summary)}\n`);
    });

  registerWatchCommand(program, io);
  return program;
}
