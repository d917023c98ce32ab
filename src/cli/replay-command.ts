/**
 * `polybook replay <file>`: `--output json` prints one document (replay.ts); on a terminal it
 * plays the recording into the watch screen (replay-tui.ts). `-` reads standard input.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { CliError } from './errors.js';
import { addOutputOptions, chosenOutput, cpuBudgetFlag, integerOption } from './options.js';
import type { CliIo } from './io.js';
import { SCREEN_DEPTH } from './defaults.js';
import { screenOptions } from './screen-options.js';

interface ReplayFlags {
  readonly output?: 'json' | 'tui';
  /** The older name of --output. */
  readonly format?: 'json' | 'tui';
  readonly bookMeta?: string[];
  readonly speed: number | 'max';
  /** Absent: as many as fit on screen. */
  readonly depth?: number;
  /** `--no-alt-screen` makes this false. */
  readonly altScreen?: boolean;
  readonly fps?: number;
  readonly cpuBudget: number;
}

function speedOption(value: string): number | 'max' {
  if (value === 'max') return 'max';
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0) throw new InvalidArgumentError('must be a positive number or max');
  return Number(value);
}

/**
 * Standard input for `-` only: any other file leaves it unopened (`process.stdin` on a pipe loads
 * Node's whole socket stack, a measurable part of a short replay's start-up).
 */
function stdinFor(file: string, io: CliIo): CliIo['stdin'] {
  return file === '-' ? io.stdin : undefined;
}

export function registerReplayCommand(program: Command, io: CliIo): void {
  const command = program
    .command('replay')
    .description('apply a recording (one WebSocket text frame per line) and print the resulting books')
    .argument('<file>', "recording to read, e.g. a file written by --record; '-' reads standard input");
  addOutputOptions(command, ['json', 'tui'], 'tui (play it on screen) on a terminal, else json (one document)')
    .option('--book-meta <rest-book.json...>', 'REST /book bodies giving min_order_size and neg_risk, so the venue hash can be verified')
    .option('--speed <n|max>', 'tui: playback speed, a multiplier or max', speedOption, 1 as number | 'max')
    .option('--depth <levels>', 'tui: ladder levels per side at most (default: as many as fit)', integerOption(1, 200))
    .option('--no-alt-screen', 'tui: draw in the normal screen and leave the last frame on exit (default: the alternate screen)')
    .option('--fps <n>', 'tui: frames drawn per second', integerOption(1, 120))
    .addOption(cpuBudgetFlag())
    .addHelpText(
      'after',
      [
        '',
        'A file with no valid frame is one line on stderr and exit 1.',
        '',
        'Examples:',
        '  polybook replay session.jsonl -o json',
        '  polybook replay session.jsonl --speed 10     # on a terminal: space pauses, . steps',
        '  zcat session.jsonl.gz | polybook replay - -o json | jq .books[0].status',
      ].join('\n'),
    )
    .action(async (file: string, flags: ReplayFlags) => {
      const format = chosenOutput(flags) ?? (io.stdout.isTTY && io.renderTui ? 'tui' : 'json');
      // Loaded only now: the JSON path never loads the screen's player, nor the screen the JSON writer.
      if (format === 'json') {
        const { replayToSummary } = await import('./replay-summary.js');
        const summary = await replayToSummary(file, flags.bookMeta ?? [], stdinFor(file, io));
        io.stdout.write(`${JSON.stringify(summary)}\n`);
        return;
      }
      if (!io.renderTui) throw new CliError('cli.noTui', 'the terminal UI is not available in this build; use --output json');
      const fps = flags.fps ?? (process.env.TMUX ? 10 : 30);
      const { runReplayTui } = await import('./replay-tui.js');
      await runReplayTui(
        file,
        {
          speed: flags.speed,
          depth: flags.depth ?? SCREEN_DEPTH,
          fps,
          bookMeta: flags.bookMeta ?? [],
          cpuBudget: flags.cpuBudget,
          screen: screenOptions(flags),
        },
        io.renderTui,
        io.signal,
        stdinFor(file, io),
      );
    });
}
