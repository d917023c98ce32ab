/**
 * Logs go to a file, never onto the terminal UI or stdout (which may be an NDJSON pipe).
 * pino, with every credential field redacted wherever it appears.
 *
 * A log file that cannot be written is not fatal, but it is never silent either: one line on
 * stderr says so (at start when it cannot be opened, later when a write fails) and logging stops.
 */
import { mkdirSync, openSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { pino, type Logger } from 'pino';
import { ioProblem } from './feed/errors.js';
import type { LogLevel } from './log-levels.js';

// One definition, in log-levels.ts, which option parsing can load without pino.
export { LOG_LEVELS, type LogLevel } from './log-levels.js';

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

/**
 * A file logger; `silent` logs nothing. A file that cannot be opened or written is said once
 * through `warn` (stderr by default), and the logger goes silent.
 */
export function createLogger(
  level: LogLevel,
  file: string = defaultLogFile(),
  warn: (line: string) => void = (line) => void process.stderr.write(line),
): Logger {
  if (level === 'silent') return pino({ level: 'silent' });
  let reported = false;
  const off = (error: unknown) => {
    if (reported) return;
    reported = true;
    warn(`polybook: cannot write the log file ${file}: ${ioProblem(error, true)}; logging is off\n`);
  };
  let fd: number;
  try {
    makeDirectory(dirname(file));
    // Opened here, synchronously, so a bad path is known now rather than in an async 'error' later.
    fd = openSync(file, 'a');
  } catch (error) {
    off(error);
    return pino({ level: 'silent' });
  }
  const destination = pino.destination({ fd, sync: false });
  const logger = pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: { pid: process.pid } }, destination);
  destination.on('error', (error: Error) => {
    off(error);
    logger.level = 'silent';
    // sonic-boom retries a failed flushSync forever (it sleeps and loops on any error), and pino
    // flushes it at exit: with a full disk the process would never end. Nothing more goes to it.
    Object.assign(destination, { write: () => true, flush: (done?: (error?: Error) => void) => done?.(), flushSync: () => {}, end: () => {} });
  });
  return logger;
}

/**
 * `mkdir -p`, one level at a time. Node's `mkdirSync(dir, { recursive: true })` spins forever
 * where mkdir answers ENOENT under a parent that exists (e.g. under /proc), and a spinning
 * synchronous loop even ignores SIGTERM.
 */
function makeDirectory(dir: string): void {
  if (tryMkdir(dir)) return;
  if (dirname(dir) === dir) return;
  makeDirectory(dirname(dir));
  if (!tryMkdir(dir)) throw Object.assign(new Error(`cannot create ${dir}`), { code: 'ENOENT' });
}

/** true: `dir` exists now; false: its parent is missing; other failures throw. */
function tryMkdir(dir: string): boolean {
  try {
    mkdirSync(dir);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return true;
    if (code === 'ENOENT') return false;
    throw error;
  }
}

/** A logger that discards everything (tests, library use). */
export const silentLogger: Logger = pino({ level: 'silent' });
