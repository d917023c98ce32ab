/**
 * Logs go to a file, never onto the terminal UI or stdout (which may be an NDJSON pipe).
 * pino, with every credential field redacted wherever it appears.
 */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { pino, type Logger } from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

/** `$XDG_STATE_HOME/polybook/polybook.log`, else `~/.local/state/polybook/polybook.log`. */
export function defaultLogFile(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_STATE_HOME || join(homedir(), '.local', 'state');
  return join(base, 'polybook', 'polybook.log');
}

const REDACT = [
  'apiKey',
  'secret',
  'passphrase',
  'auth',
  '*.apiKey',
  '*.secret',
  '*.passphrase',
  '*.auth',
  'POLY_API_KEY',
  'POLY_API_SECRET',
  'POLY_PASSPHRASE',
];

/** A file logger; `silent` (or a file that cannot be opened) logs nothing. */
export function createLogger(level: LogLevel, file: string = defaultLogFile()): Logger {
  if (level === 'silent') return pino({ level: 'silent' });
  try {
    mkdirSync(dirname(file), { recursive: true });
    return pino(
      { level, redact: { paths: REDACT, censor: '[redacted]' }, base: { pid: process.pid } },
      pino.destination({ dest: file, sync: false, append: true }),
    );
  } catch {
    return pino({ level: 'silent' });
  }
}

/** A logger that discards everything (tests, library use). */
export const silentLogger: Logger = pino({ level: 'silent' });
