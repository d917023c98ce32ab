/**
 * Option parsers for commander: each returns a checked value or throws commander's
 * InvalidArgumentError, which prints one line and exits 2.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEFAULT_GAMMA_URL, DEFAULT_REST_URL, DEFAULT_USER_URL } from '../feed/endpoints.js';
import { CliError } from './errors.js';

export function integerOption(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}`);
    const n = Number(value);
    if (n < min || n > max) throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}`);
    return n;
  };
}

/** Seconds (decimals allowed) → milliseconds. */
export function secondsOption(min: number) {
  return (value: string): number => {
    if (!/^\d+(\.\d+)?$/.test(value) || Number(value) < min) throw new InvalidArgumentError(`must be a number of seconds ≥ ${min}`);
    return Math.round(Number(value) * 1000);
  };
}

/** A positive decimal (e.g. a rate or a speed). */
export function positiveNumberOption(value: string): number {
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0) throw new InvalidArgumentError('must be a positive number');
  return Number(value);
}

export function wsUrlOption(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('must be a ws:// or wss:// URL');
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new InvalidArgumentError('must be a ws:// or wss:// URL');
  return value;
}

export function httpUrlOption(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('must be an http:// or https:// URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError('must be an http:// or https:// URL');
  return value.replace(/\/+$/, '');
}

/** `--rest <url>`: the CLOB REST base, shared by every command that asks it for books or markets. */
export function restUrlFlag(): Option {
  return new Option('--rest <url>', 'CLOB REST URL').env('POLYBOOK_REST_URL').default(DEFAULT_REST_URL).argParser(httpUrlOption);
}

/** `--gamma <url>`: the Gamma API base, shared by every command that resolves market names. */
export function gammaUrlFlag(): Option {
  return new Option('--gamma <url>', 'Gamma API URL').env('POLYBOOK_GAMMA_URL').default(DEFAULT_GAMMA_URL).argParser(httpUrlOption);
}

/** `--user-url <ws-url>`: the user channel, for `orders` and `watch --orders`. */
export function userUrlFlag(prefix = ''): Option {
  return new Option('--user-url <ws-url>', `${prefix}user channel URL`).env('POLYBOOK_USER_WS_URL').default(DEFAULT_USER_URL).argParser(wsUrlOption);
}

/** `--credentials <file>`: the user channel's key file (never the key itself on argv). */
export function credentialsFlag(prefix = ''): Option {
  return new Option(
    '--credentials <file>',
    `${prefix}credentials JSON file {apiKey, secret, passphrase}, mode 0600 (default: env, then ~/.config/polybook/credentials.json)`,
  );
}

/** Token ids are decimal strings of up to ~78 digits; never parsed as numbers. */
export function isTokenId(value: string): boolean {
  return /^\d{1,100}$/.test(value);
}

/** Share of a core the screen may use before it lowers its frame rate (--cpu-budget). */
export const DEFAULT_CPU_BUDGET = 0.12;

/** The `--cpu-budget` option, shared by the commands that draw a screen. */
export function cpuBudgetFlag(): Option {
  return new Option('--cpu-budget <percent>', 'screen: lower the frame rate while the process uses more than this percent of a core (0 = never)')
    .argParser(cpuBudgetOption)
    .default(DEFAULT_CPU_BUDGET, '12');
}

/** `--cpu-budget <percent>`: percent of one core → a share; 0 turns the governor off. */
export function cpuBudgetOption(value: string): number {
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) > 100) throw new InvalidArgumentError('must be a percent from 0 to 100');
  return Number(value) / 100;
}
export { DEFAULT_QUIET_AFTER_MS } from './defaults.js';

/**
 * `-o, --output <format>` and its alias `--format <format>` (the older name), with the same
 * choices. `chosenOutput` merges them.
 */
export function addOutputOptions(command: Command, choices: readonly string[], what: string): Command {
  return command
    .addOption(new Option('-o, --output <format>', what).choices(choices))
    .addOption(new Option('--format <format>', 'alias of --output').choices(choices));
}

/**
 * The output the flags ask for: `--output`, or its aliases `--format` and (`markets`, `status`)
 * `--json`; undefined when none is given. Aliases that disagree are bad input.
 */
export function chosenOutput<T extends string>(flags: { readonly output?: T; readonly format?: T; readonly json?: boolean }): T | undefined {
  const given: Array<[string, T]> = [];
  if (flags.output !== undefined) given.push([`--output ${flags.output}`, flags.output]);
  if (flags.format !== undefined) given.push([`--format ${flags.format}`, flags.format]);
  if (flags.json === true) given.push(['--json', 'json' as T]);
  const clash = given.find(([, value]) => value !== given[0]![1]);
  if (clash) throw new CliError('cli.usage', `${given[0]![0]} and ${clash[0]} disagree; give one output`);
  return given[0]?.[1];
}
