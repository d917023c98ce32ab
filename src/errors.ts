/**
 * Every error polybook reports carries one of these stable codes: the CLI maps them to exit
 * statuses (README, "Exit codes"), logs and NDJSON name them, and a library user can switch on
 * them. A code never changes meaning; new ones may be added.
 */

/** The feed layer: connections, REST/Gamma, credentials, recordings (`FeedError`). */
export type FeedErrorCode =
  | 'feed.authRejected'
  | 'feed.gaveUp'
  | 'feed.credentials'
  | 'feed.badUrl'
  | 'feed.unreachable'
  | 'feed.httpStatus'
  | 'feed.badBody'
  | 'feed.recordFailed'
  /** `--record <file>` cannot be opened: bad input known at start (the CLI exits 2). */
  | 'feed.recordUnwritable';

/** A Gamma market whose asset ids cannot be chosen (Protocol V2, POLYMARKET.md §9, §13.11). */
export type GammaErrorCode = 'gamma.unsupportedVersion' | 'gamma.missingPositionIds';

/** The command line (`CliError`). */
export type CliErrorCode =
  | 'cli.usage'
  | 'cli.config'
  | 'cli.bookMeta'
  | 'cli.marketVersion'
  | 'cli.noTui'
  | 'cli.unknownMarket'
  | 'cli.unknownOutcome'
  | 'cli.unknownToken'
  | 'cli.unreadable'
  | 'cli.unwritable'
  | 'replay.noFrames'
  /** `watch --once`: some asset had no book by `--timeout`. */
  | 'watch.onceIncomplete'
  /** Every asset asked for was unknown or had no book: nothing is left to watch. */
  | 'watch.noBooks'
  | 'sim.listen'
  | 'sim.start';

export type ErrorCode = FeedErrorCode | GammaErrorCode | CliErrorCode;

/** The base of polybook's errors: a message for people and a code for programs. */
export class PolybookError<Code extends ErrorCode = ErrorCode> extends Error {
  constructor(
    readonly code: Code,
    message: string,
  ) {
    super(message);
    this.name = 'PolybookError';
  }
}
