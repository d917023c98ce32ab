/**
 * The config file: `$XDG_CONFIG_HOME/polybook/config.json`, else `~/.config/polybook/config.json`
 * (or `POLYBOOK_CONFIG`). Default URLs, depth, fps, theme, and the watchlist `polybook watch` opens
 * with no argument. Precedence: command-line flag > environment > config file > built-in default.
 * A broken file is one clear line naming it and the problem (exit 2).
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { CliError } from './errors.js';
import { AlertRuleError, parseAlertRule, shownRule } from './alert-rules.js';

export interface PolybookConfig {
  readonly url?: string;
  readonly userUrl?: string;
  readonly rest?: string;
  readonly gamma?: string;
  readonly depth?: number;
  readonly fps?: number;
  /** The screen's colours: `default` (`color` is its older name), `no-color` (markers), `cb` (colour-blind safe: blue / orange). */
  readonly theme?: 'default' | 'color' | 'no-color' | 'cb';
  /** `--assets-per-connection`. */
  readonly assetsPerConnection?: number;
  /** `--quiet-after`, in seconds. */
  readonly quietAfter?: number;
  readonly watchlist?: readonly string[];
  /** `--alert` rules (used when no `--alert` is given). */
  readonly alerts?: readonly string[];
}

type Check = (value: unknown) => string | null;

const isUrl =
  (protocols: readonly string[]): Check =>
  (value) => {
    if (typeof value !== 'string') return 'must be a string';
    try {
      return protocols.includes(new URL(value).protocol) ? null : `must be a ${protocols.map((p) => `${p}//`).join(' or ')} URL`;
    } catch {
      return 'must be a URL';
    }
  };

const isInt =
  (min: number, max: number): Check =>
  (value) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max ? null : `must be a whole number from ${min} to ${max}`;

const CHECKS: Record<keyof PolybookConfig, Check> = {
  url: isUrl(['ws:', 'wss:']),
  userUrl: isUrl(['ws:', 'wss:']),
  rest: isUrl(['http:', 'https:']),
  gamma: isUrl(['http:', 'https:']),
  depth: isInt(1, 200),
  fps: isInt(1, 120),
  assetsPerConnection: isInt(1, 500),
  quietAfter: isInt(0, 86_400),
  theme: (value) => (value === 'default' || value === 'color' || value === 'no-color' || value === 'cb' ? null : 'must be "default", "no-color" or "cb"'),
  watchlist: (value) =>
    Array.isArray(value) && value.every((v) => typeof v === 'string' && v.length > 0) ? null : 'must be an array of market names or token ids',
  alerts: checkAlerts,
};

/** An array of `--alert` rules, each of which parses. */
function checkAlerts(value: unknown): string | null {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return 'must be an array of alert rules (strings, as --alert takes)';
  for (const rule of value as string[]) {
    try {
      parseAlertRule(rule);
    } catch (error) {
      if (error instanceof AlertRuleError) return `rule "${shownRule(rule)}": ${error.message}`;
      throw error;
    }
  }
  return null;
}

export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.POLYBOOK_CONFIG) return env.POLYBOOK_CONFIG;
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'polybook', 'config.json');
}

/** Reads the config file; a missing file is an empty config, anything wrong is a CliError. */
export function loadConfig(path: string = configPath()): PolybookConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new CliError('cli.config', `config file ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new CliError('cli.config', `config file ${path}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new CliError('cli.config', `config file ${path}: must be a JSON object`);
  for (const [key, value] of Object.entries(body)) {
    const check = CHECKS[key as keyof PolybookConfig];
    if (!check) throw new CliError('cli.config', `config file ${path}: unknown key "${key}" (known: ${Object.keys(CHECKS).join(', ')})`);
    const problem = check(value);
    if (problem) throw new CliError('cli.config', `config file ${path}: "${key}" ${problem}`);
  }
  return body as PolybookConfig;
}

/** Config keys holding seconds, for options whose parsed value is milliseconds. */
const SECONDS: ReadonlySet<keyof PolybookConfig> = new Set(['quietAfter']);

/**
 * Fills the command's options from the config where neither a flag nor the environment set them.
 * `mapping` maps option names (camelCase, as commander stores them) to config keys.
 */
export function applyConfig(command: Command, config: PolybookConfig, mapping: Readonly<Record<string, keyof PolybookConfig>>): void {
  for (const [option, key] of Object.entries(mapping)) {
    const raw = config[key];
    if (raw === undefined) continue;
    const value = SECONDS.has(key) ? (raw as number) * 1000 : raw;
    const source = command.getOptionValueSource(option);
    if (source === undefined || source === 'default') command.setOptionValueWithSource(option, value, 'config');
  }
}

/**
 * Writes `watchlist` into the config file (the screen's `w`), keeping every other key as it is.
 * The file is written whole beside itself and renamed over (a crash never leaves half a file),
 * mode 0600 in a 0700 directory like the credentials. A broken existing file is not overwritten:
 * its line (CliError) says why. Resolves to the path written.
 */
export function saveWatchlist(watchlist: readonly string[], path: string = configPath()): string {
  const current = loadConfig(path);
  const body = { ...current, watchlist: [...watchlist] };
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(temporary, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new CliError('cli.config', `config file ${path}: cannot write it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return path;
}
