/** Errors of the feed layer, with stable codes (the CLI maps them to exit statuses). */
export type FeedErrorCode =
  | 'feed.authRejected'
  | 'feed.gaveUp'
  | 'feed.credentials'
  | 'feed.badUrl'
  | 'feed.unreachable'
  | 'feed.httpStatus'
  | 'feed.badBody'
  | 'feed.recordFailed';

export class FeedError extends Error {
  constructor(
    readonly code: FeedErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FeedError';
  }
}
