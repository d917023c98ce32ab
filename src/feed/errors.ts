/** Errors of the feed layer, with stable codes (the CLI maps them to exit statuses). */
import { PolybookError, type FeedErrorCode } from '../errors.js';

export type { FeedErrorCode };

export class FeedError extends PolybookError<FeedErrorCode> {
  constructor(code: FeedErrorCode, message: string) {
    super(code, message);
    this.name = 'FeedError';
  }
}

/**
 * A failed file operation in words ("no such file", "is a directory", "no space left on device"),
 * for one-line messages. It lives at the bottom layer so the feed, the logger and the CLI all say
 * the same thing. `creating`: the file was being created, so ENOENT means its directory is missing.
 */
export function ioProblem(error: unknown, creating = false): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return creating ? 'no such directory' : 'no such file';
    case 'ENOTDIR':
      return 'a parent is not a directory';
    case 'EISDIR':
      return 'is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'no space left on device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EROFS':
      return 'read-only file system';
    case 'EFBIG':
      return 'file too large';
    case 'EIO':
      return 'input/output error';
    case 'EPIPE':
      return 'broken pipe';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
