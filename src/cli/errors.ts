/**
 * Errors the CLI reports as one line on stderr, each with a stable code and an exit status.
 * Exit statuses (usage.ts EXIT_STATUSES, README "Exit statuses"): 1 = the venue, the feed or the
 * output failed at run time, 2 = bad usage or bad input; 0 = done or stopped by a signal.
 */
import type { CliErrorCode, FeedErrorCode } from '../errors.js';
import { PolybookError } from '../errors.js';
import { type FeedError, ioProblem } from '../feed/errors.js';
import { describeCause } from './notices.js';

/** A CLI error keeps a feed error's own code (feed.gaveUp, feed.authRejected, …) when it wraps one. */
export class CliError extends PolybookError<CliErrorCode | FeedErrorCode> {
  constructor(
    code: CliErrorCode | FeedErrorCode,
    message: string,
    readonly exitCode: number = 2,
  ) {
    super(code, message);
    this.name = 'CliError';
  }
}

/** A short reason for a failed file operation ("no such file", "is a directory", ...). */
export function fileProblem(error: unknown, creating = false): string {
  return ioProblem(error, creating);
}

/**
 * The CLI's view of a feed error, keeping its code (feed.gaveUp, feed.authRejected, …): the
 * user's own input (credentials, a `--record` file that cannot be written) is exit 2; an
 * unreachable or failing venue is a run-time failure, exit 1.
 */
export function cliErrorOf(error: FeedError): CliError {
  switch (error.code) {
    case 'feed.credentials':
      return new CliError(error.code, error.message, 2);
    case 'feed.recordUnwritable':
      return new CliError('cli.unwritable', error.message, 2);
    case 'feed.gaveUp': {
      // "gave up after 3 attempts (connect ECONNREFUSED 127.0.0.1:9)": the cause in words.
      const message = error.message.replace(/\b1 attempts\b/, '1 attempt').replace(/\((.*)\)$/, (_m, cause: string) => `(${describeCause(cause)})`);
      return new CliError(error.code, message, 1);
    }
    default:
      return new CliError(error.code, error.message, 1);
  }
}
