/**
 * User-channel credentials (the L2 API key triple, POLYMARKET.md §2.4). They come from the
 * environment (POLY_API_KEY, POLY_API_SECRET, POLY_PASSPHRASE) or from a JSON file that only its
 * owner can read (mode 0600); never from argv. The object hides its values from JSON.stringify,
 * util.inspect and string conversion, so a log line or an error can never carry them.
 */
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { FeedError, ioProblem } from './errors.js';

const values = new WeakMap<ApiCredentials, { apiKey: string; secret: string; passphrase: string }>();

export class ApiCredentials {
  constructor(apiKey: string, secret: string, passphrase: string) {
    values.set(this, { apiKey, secret, passphrase });
  }

  /** The `auth` object of the user-channel subscription. Only the feed calls this. */
  authPayload(): { apiKey: string; secret: string; passphrase: string } {
    return { ...values.get(this)! };
  }

  /** Every secret value, for redaction checks in tests. */
  secrets(): string[] {
    const v = values.get(this)!;
    return [v.apiKey, v.secret, v.passphrase];
  }

  toJSON(): string {
    return '[credentials redacted]';
  }

  toString(): string {
    return '[credentials redacted]';
  }

  [inspect.custom](): string {
    return '[credentials redacted]';
  }
}

/** `$XDG_CONFIG_HOME/polybook/credentials.json`, else `~/.config/polybook/credentials.json`. */
export function defaultCredentialsFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'polybook', 'credentials.json');
}

/** What the file checks need of a stat: its mode, its owner, and whether it is a directory. */
export interface FileFacts {
  readonly mode: number;
  readonly uid: number;
  isDirectory(): boolean;
}

/**
 * A file someone else owns is refused even at mode 0600: its owner can rewrite it at any time, and
 * hand this process their keys (or read the user's). Pure, so it is tested without a second user.
 * `uid` is undefined where the platform has no uids (Windows): nothing to compare.
 */
export function checkOwnership(stat: Pick<FileFacts, 'uid'>, uid: number | undefined, path: string): string | null {
  if (uid === undefined || stat.uid === uid) return null;
  return `credentials file ${path} is owned by uid ${stat.uid}, not by you (uid ${uid}); make it yours: sudo chown ${uid} ${path}`;
}

/** The mode check: only its owner may read or write the file. */
export function checkMode(stat: Pick<FileFacts, 'mode'>, path: string): string | null {
  if ((stat.mode & 0o077) === 0) return null;
  return `credentials file ${path} is readable by others (mode ${(stat.mode & 0o777).toString(8).padStart(4, '0')}); run: chmod 600 ${path}`;
}

function cannotRead(path: string, error: unknown): FeedError {
  return new FeedError('feed.credentials', `credentials file ${path}: cannot read it (${ioProblem(error)})`);
}

/**
 * Loads credentials: the environment first, then `file` (which must exist when given explicitly).
 * Throws FeedError('feed.credentials') with a message that names the file and never a value.
 */
export function loadCredentials(env: NodeJS.ProcessEnv, file?: string, uid: number | undefined = process.getuid?.()): ApiCredentials {
  const { POLY_API_KEY: key, POLY_API_SECRET: secret, POLY_PASSPHRASE: passphrase } = env;
  if (key && secret && passphrase && file === undefined) return new ApiCredentials(key, secret, passphrase);
  if (file === undefined && (key || secret || passphrase)) {
    throw new FeedError('feed.credentials', 'set all three of POLY_API_KEY, POLY_API_SECRET and POLY_PASSPHRASE');
  }
  const path = file ?? defaultCredentialsFile(env);
  let stat: FileFacts;
  try {
    stat = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw cannotRead(path, error);
    throw new FeedError(
      'feed.credentials',
      file === undefined
        ? `no credentials: set POLY_API_KEY, POLY_API_SECRET and POLY_PASSPHRASE, or write ${path} (mode 0600)`
        : `credentials file ${path}: cannot read it (no such file)`,
    );
  }
  // A directory is said to be one, whatever its mode (a 0755 directory is not "readable by others").
  if (stat.isDirectory()) throw new FeedError('feed.credentials', `credentials file ${path}: cannot read it (is a directory)`);
  const problem = checkOwnership(stat, uid, path) ?? checkMode(stat, path);
  if (problem) throw new FeedError('feed.credentials', problem);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw cannotRead(path, error);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new FeedError('feed.credentials', `credentials file ${path} is not valid JSON`);
  }
  const record = (body ?? {}) as Record<string, unknown>;
  const fields = ['apiKey', 'secret', 'passphrase'].map((k) => record[k]);
  if (!fields.every((v): v is string => typeof v === 'string' && v.length > 0)) {
    throw new FeedError('feed.credentials', `credentials file ${path} needs string fields apiKey, secret and passphrase`);
  }
  return new ApiCredentials(fields[0]!, fields[1]!, fields[2]!);
}
