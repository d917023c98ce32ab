/**
 * Process entry: runs the program and turns every failure into one line on stderr and an exit
 * status (never a stack trace): 2 for usage and input errors, 1 for run-time failures, 0 when
 * done or stopped (q, SIGINT/SIGTERM, a closed pipe). The table is in usage.ts and README.md.
 */
import { CommanderError } from 'commander';
import { FeedError, ioProblem } from '../feed/errors.js';
import { CliError, cliErrorOf } from './errors.js';
import type { CliIo } from './io.js';
import { buildProgram, COMMAND_NAMES, missingCommandLine } from './program.js';

/** After SIGINT/SIGTERM a command has this long to stop cleanly before the process ends anyway. */
export const STOP_GRACE_MS = 2000;

/** Runs the CLI with `argv` (user arguments only) and resolves to the exit status. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.length === 0) {
    // commander would print the whole help on stderr: an error is one line.
    io.stderr.write(`${missingCommandLine()}\n`);
    return 2;
  }
  // `help <misspelt>`: the same line as the misspelt command itself, with its suggestion.
  if (argv[0] === 'help' && argv[1] !== undefined && !argv[1].startsWith('-') && argv[1] !== 'help' && !COMMAND_NAMES.includes(argv[1])) argv = [argv[1]];
  const program = buildProgram(io, argv);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander already printed its one-line message.
      return error.exitCode === 0 ? 0 : 2;
    }
    // A feed error is the user's input (credentials, a --record file: 2) or a failing venue (1).
    const known = error instanceof FeedError ? cliErrorOf(error) : error;
    if (known instanceof CliError) {
      io.stderr.write(`polybook: ${known.message}\n`);
      return known.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`polybook: unexpected error: ${message}\n`);
    return 1;
  }
}

/**
 * Watches standard output: a closed pipe (`polybook ... | head`) is a normal way to stop
 * (`closed`, quietly); any other write error (a full disk, `> /dev/full`) is said once on `stderr`
 * and `failed` is called once. Returns whether such a failure happened.
 */
export function watchStdout(stdout: NodeJS.EventEmitter, stderr: NodeJS.WritableStream, on: { closed: () => void; failed: () => void }): () => boolean {
  let failed = false;
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') return on.closed();
    if (failed) return;
    failed = true;
    stderr.write(`polybook: cannot write to standard output: ${ioProblem(error)}\n`);
    on.failed();
  });
  return () => failed;
}

/** Called by bin/polybook.js, which passes the terminal UI in (src/ never imports components/). */
export async function main(ui: Pick<CliIo, 'renderTui' | 'renderOrders' | 'screenLoaded'> = {}): Promise<void> {
  const stop = new AbortController();
  const stdoutFailed = watchStdout(process.stdout, process.stderr, {
    closed: () => process.exit(0),
    failed: () => {
      // The command may already have finished: its last write can fail after it returned.
      process.exitCode = 1;
      stop.abort();
    },
  });
  // A signal is a clean stop (exit 0). A command busy with something that does not listen (a
  // request in flight) gets STOP_GRACE_MS; a second signal gets the default action at once.
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const onSignal = (): void => {
    for (const signal of signals) process.off(signal, onSignal);
    stop.abort();
    setTimeout(() => process.exit(process.exitCode ?? 0), STOP_GRACE_MS).unref();
  };
  for (const signal of signals) process.on(signal, onSignal);
  const code = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    // Only `replay -` reads it: opened on first use.
    get stdin() {
      return process.stdin;
    },
    signal: stop.signal,
    ...ui,
  });
  // Stopped by a failing stdout: its line is already on stderr; the command itself ended cleanly.
  process.exitCode = code === 0 && stdoutFailed() ? 1 : code;
  // Timers of libraries (pino's flush, ws) must not hold the process once the command is done.
  setTimeout(() => process.exit(), 200).unref();
}
