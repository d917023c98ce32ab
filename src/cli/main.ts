/**
 * Process entry: runs the program and turns every failure into one line on stderr and an exit
 * status (never a stack trace): 2 for usage and input errors, 1 for run-time failures.
 */
import { CommanderError } from 'commander';
import { FeedError } from '../feed/errors.js';
import { CliError } from './errors.js';
import { buildProgram, type CliIo } from './program.js';

/** Runs the CLI with `argv` (user arguments only) and resolves to the exit status. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander already printed its one-line message.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof CliError) {
      io.stderr.write(`polybook: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof FeedError) {
      // Bad credentials are the user's input (2); an unreachable or failing venue is run time (1).
      io.stderr.write(`polybook: ${error.message}\n`);
      return error.code === 'feed.credentials' ? 2 : 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`polybook: unexpected error: ${message}\n`);
    return 1;
  }
}

/** Called by bin/polybook.js, which passes the terminal UI in (src/ never imports components/). */
export async function main(ui: Pick<CliIo, 'renderTui' | 'renderOrders'> = {}): Promise<void> {
  const stop = new AbortController();
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // A closed pipe (`polybook ... | head`) is a normal way to stop.
    if (error.code === 'EPIPE') process.exit(0);
    stop.abort();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    signal: stop.signal,
    ...ui,
  });
  // Timers of libraries (pino's flush, ws) must not hold the process once the command is done.
  setTimeout(() => process.exit(), 200).unref();
}
