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
import { FeedError } from './errors.js';

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

/**
 * Loads credentials: the environment first, then `file` (which must exist when given explicitly).
 * Throws FeedError('feed.credentials') with a message that names the file and never a value.
 */
export function loadCredentials(env: NodeJS.ProcessEnv, file?: string): ApiCredentials {
  const { POLY_API_KEY: key, POLY_API_SECRET: secret, POLY_PASSPHRASE: passphrase } = env;
  if (key && secret && passphrase && file === undefined) return new ApiCredentials(key, secret, passphrase);
  if (file === undefined && (key || secret || passphrase)) {
    throw new FeedError('feed.credentials', 'set all three of POLY_API_KEY, POLY_API_SECRET and POLY_PASSPHRASE');
  }
  const path = file ?? defaultCredentialsFile(env);
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch {
    throw new FeedError(
      'feed.credentials',
      file === undefined
        ? `no credentials: set POLY_API_KEY, POLY_API_SECRET and POLY_PASSPHRASE, or write ${path} (mode 0600)`
        : `cannot read credentials file ${path}`,
    );
  }
  if ((mode & 0o077) !== 0) {
    throw new FeedError(
      'feed.credentials',
      `credentials file ${path} is readable by others (mode ${(mode & 0o777).toString(8).padStart(4, '0')}); run: chmod 600 ${path}`,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(readFileSync(path, 'utf8'));
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
