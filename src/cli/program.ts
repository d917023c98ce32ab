/**
 * The command-line interface: commander setup only. Each command validates its options, then
 * hands off to the module that does the work.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { registerDemoCommand } from './demo.js';
import { CliError } from './errors.js';
import { integerOption } from './options.js';
import { replayToSummary } from './replay.js';
import { runReplayTui } from './replay-tui.js';
import type { RenderTui } from './tui-request.js';
import { registerMarketsCommand } from './markets.js';
import { registerOrdersCommand } from './orders.js';
import { registerSimCommand } from './sim-command.js';
import { registerStatusCommand } from './status.js';
import { cpuBudgetFlag, registerWatchCommand } from './watch.js';

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

export const REPLAY_FORMATS = ['json', 'tui'] as const;

function oneOf<T extends string>(allowed: readonly T[], what: string) {
  return (value: string): T => {
    if ((allowed as readonly string[]).includes(value)) return value as T;
    throw new InvalidArgumentError(`${what} must be one of ${allowed.join(', ')}`);
  };
}

function speedOption(value: string): number | 'max' {
  if (value === 'max') return 'max';
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0) throw new InvalidArgumentError('--speed must be a positive number or max');
  return Number(value);
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
      new Option('--format <format>', 'json (one document), or tui (play it on screen); default: tui on a terminal, json otherwise').argParser(
        oneOf(REPLAY_FORMATS, '--format'),
      ),
    )
    .option('--book-meta <rest-book.json...>', 'REST /book bodies giving min_order_size and neg_risk, so the venue hash can be verified')
    .option('--speed <n|max>', 'tui: playback speed, a multiplier or max', speedOption, 1 as number | 'max')
    .option('--depth <levels>', 'tui: ladder levels per side', integerOption(1, 200), 10)
    .option('--fps <n>', 'tui: frames drawn per second', integerOption(1, 120))
    .addOption(cpuBudgetFlag())
    .addHelpText(
      'after',
      '\nExamples:\n  polybook replay session.jsonl --format json\n  polybook replay session.jsonl --speed 10     # on a terminal: space pauses, . steps',
    )
    .action(async (file: string, options: { format?: string; bookMeta?: string[]; speed: number | 'max'; depth: number; fps?: number; cpuBudget: number }) => {
      const format = options.format ?? (io.stdout.isTTY && io.renderTui ? 'tui' : 'json');
      if (format === 'tui') {
        if (!io.renderTui) throw new CliError('cli.noTui', 'the terminal UI is not available in this build; use --format json');
        const fps = options.fps ?? (process.env.TMUX ? 10 : 30);
        await runReplayTui(file, { speed: options.speed, depth: options.depth, fps, bookMeta: options.bookMeta ?? [], cpuBudget: options.cpuBudget }, io.renderTui, io.signal);
        return;
      }
      const summary = await replayToSummary(file, options.bookMeta ?? []);
      io.stdout.write(`${JSON.stringify(summary)}\n`);
    });

  registerDemoCommand(program, io);
  registerWatchCommand(program, io);
  registerMarketsCommand(program, io);
  registerStatusCommand(program, io);
  registerOrdersCommand(program, io);
  registerSimCommand(program, io);
  return program;
}
