/**
 * What the command line says about itself: commander's own error messages turned into polybook's
 * one-line style, the exit statuses, and the top-level `--help` epilogue (examples, the config
 * file, the environment, exit statuses, the log file). README.md shows the same exit table; a test
 * holds the two together.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { sanitizeText } from '../protocol/sanitize.js';
import { configPath } from './config.js';

/**
 * Exit statuses, the same on screen and in pipe mode. A signal is the normal way to end a
 * long-running command, so SIGINT/SIGTERM is a clean stop (0), like `q` and a closed pipe.
 */
export const EXIT_STATUSES: ReadonlyArray<readonly [number, string]> = [
  [0, 'done, or stopped: q, SIGINT or SIGTERM (a second one ends it at once), a closed pipe'],
  [
    1,
    'the venue, the feed or the output failed: unreachable, gave up reconnecting, credentials refused, a URL that is not the API, no book for an asset (--once), a recording with no valid frame, stdout or --record unwritable',
  ],
  [2, 'bad input: arguments, the config or credentials file, a market name that matches nothing'],
];

/** The long flag of commander's `flags` text ("-o, --output <format>" → "--output"). */
function longFlag(flags: string): string {
  return /--[\w-]+/.exec(flags)?.[0] ?? flags.split(/[ ,]/)[0]!;
}

/** The reason commander appended after "is invalid.", without a repeated flag name. */
function reasonOf(text: string, flag: string): string {
  const reason = text.trim();
  const choices = /^Allowed choices are (.*?)\.?$/.exec(reason);
  if (choices) return `must be one of ${choices[1]}`;
  if (reason === '') return 'not accepted';
  return reason.startsWith(`${flag} `) ? reason.slice(flag.length + 1) : reason;
}

/**
 * commander's message ("error: unknown command 'wtach'\n(Did you mean watch?)") as one line in
 * polybook's style ("polybook: unknown command 'wtach' (did you mean watch?)"). The text echoes
 * what was typed, so it is sanitized: pasted text can carry escape sequences.
 */
export function commanderLine(text: string): string {
  let body = text.trim().replace(/^error:\s*/, '');
  body = body.replace(/\s*\n\(Did you mean (.+?)\?\)\s*$/, (_m, names: string) => ` (did you mean ${names}?)`);
  const option = /^option '([^']+)' argument '([\s\S]*?)' is invalid\.([\s\S]*)$/.exec(body);
  const fromEnv = /^option '([^']+)' value '([\s\S]*?)' from env '([^']+)' is invalid\.([\s\S]*)$/.exec(body);
  const argument = /^command-argument value '([\s\S]*?)' is invalid for argument '([^']+)'\.([\s\S]*)$/.exec(body);
  if (option) {
    const flag = longFlag(option[1]!);
    body = `${flag} '${option[2]}': ${reasonOf(option[3]!, flag)}`;
  } else if (fromEnv) {
    const flag = longFlag(fromEnv[1]!);
    body = `${fromEnv[3]}='${fromEnv[2]}' (for ${flag}): ${reasonOf(fromEnv[4]!, flag)}`;
  } else if (argument) {
    body = `<${argument[2]}> '${argument[1]}': ${reasonOf(argument[3]!, argument[2]!)}`;
  }
  return `polybook: ${sanitizeText(body.replace(/\s*\n\s*/g, ' '))}\n`;
}

/** `text` in lines of at most `width` characters, broken at spaces. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  return [...lines, line];
}

/** `$XDG_STATE_HOME/polybook/polybook.log`, else `~/.local/state/…` (as src/log.ts, without loading pino). */
export function logFileLocation(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'polybook', 'polybook.log');
}

/** The epilogue of `polybook --help`. */
export function programHelpText(env: NodeJS.ProcessEnv = process.env): string {
  const rows = (items: ReadonlyArray<readonly [string, string]>): string[] => {
    const width = Math.max(...items.map(([name]) => name.length));
    return items.map(([name, what]) => `  ${name.padEnd(width)}  ${what}`);
  };
  return [
    '',
    'Examples:',
    ...rows([
      ['polybook demo', 'simulated markets on screen, no network'],
      ['polybook watch btc-updown-5m-1784449200', 'live ladders of a market (both outcomes)'],
      ['polybook watch polymarket.com/event/<slug> -o ndjson', 'the same feed as NDJSON lines'],
      ['polybook watch <token id> --once --timeout 5', 'one book per asset, then exit'],
      ['polybook markets bitcoin up or down', 'find markets: slugs and token ids'],
      ['polybook status <market> -o json', 'one book summary (a tmux status line by default)'],
      ['polybook orders', 'your orders and trades (POLY_API_* credentials)'],
      ['polybook replay session.jsonl -o json', 'apply a recording; also: replay - < file'],
      ['eval "$(polybook completion bash)"', 'shell completion (bash, zsh, fish)'],
    ]),
    '',
    'Output (-o, --output; --format and --json are aliases):',
    '  watch, demo, orders: tui (a terminal) or ndjson (piped)   replay: tui or json   markets, status: table or json',
    '',
    'Config file:',
    '  $XDG_CONFIG_HOME/polybook/config.json, else ~/.config/polybook/config.json, or POLYBOOK_CONFIG',
    `  (here: ${configPath(env)})`,
    '',
    'Environment:',
    ...rows([
      ['POLYBOOK_WS_URL', 'market channel URL (--url)'],
      ['POLYBOOK_USER_WS_URL', 'user channel URL (orders --user-url)'],
      ['POLYBOOK_REST_URL', 'CLOB REST URL (--rest)'],
      ['POLYBOOK_GAMMA_URL', 'Gamma API URL (--gamma)'],
      ['POLYBOOK_CONFIG', 'the config file'],
      ['POLY_API_KEY, POLY_API_SECRET, POLY_PASSPHRASE', 'user channel credentials (orders); never on the command line'],
      ['NO_COLOR', 'any value: no colour on screen (markers instead); so do FORCE_COLOR=0 and TERM=dumb'],
      ['CI', 'ignored by the screen: it draws on a terminal even when CI is set'],
      ['XDG_CONFIG_HOME', 'config.json and credentials.json under polybook/ (default ~/.config)'],
      ['XDG_STATE_HOME', 'the log file under polybook/ (default ~/.local/state)'],
      ['TMUX', 'set by tmux: 10 frames a second'],
      ['POLYBOOK_HEAP_GROWTH', 'watch: V8 heap growth past what is live, percent (default 30; 0 = V8 default)'],
    ]),
    '',
    'Exit status (the same on screen and in pipe mode):',
    ...EXIT_STATUSES.flatMap(([code, what]) => wrap(what, 92).map((line, i) => `  ${i === 0 ? code : ' '}  ${line}`)),
    '',
    'Logs:',
    `  ${logFileLocation(env)} (--log-file, --log-level); never on screen or stdout`,
    '',
  ].join('\n');
}
