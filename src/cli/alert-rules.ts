/**
 * `--alert "<expr>"` (and the config file's `alerts`): the rule grammar.
 *
 *   [<scope>:] bid|ask|last|mid|spread <|<=|>|>=|== <number>
 *   [<scope>:] trade >= <size>
 *   [<scope>:] frozen | pair-off | stale
 *
 * A scope is an outcome label (case-insensitive), a market slug or a condition id. Numbers are
 * plain non-negative decimals, kept as canonical strings (compared exactly, store/alerts.ts).
 */
import { Option, type Command } from 'commander';
import { canonicalDecimal } from '../decimal.js';
import type { VenueApi } from '../feed/venue-api.js';
import { sanitizeText } from '../protocol/sanitize.js';
import type { AlertCondition, AlertField, AlertOp, AlertRule } from '../../store/alerts.js';
import { CliError } from './errors.js';

/** Rules longer than this are refused (a rule is one line of a banner). */
export const MAX_RULE_LENGTH = 200;
/** At most this many rules a session. */
export const MAX_RULES = 50;

const FIELDS: readonly AlertField[] = ['bid', 'ask', 'last', 'mid', 'spread'];
const KNOWN = 'bid, ask, last, mid, spread, trade, frozen, pair-off, stale';
const COMPARISON = /^([a-z-]+)\s*(<=|>=|==|<|>|=|!=)\s*(.*)$/;
const CONDITION_ID = /^0x[0-9a-f]{64}$/;

/** Why an expression is not a rule. */
export class AlertRuleError extends Error {}

function number(text: string, what: string): string {
  if (text === '') throw new AlertRuleError(`${what} is missing a number`);
  if (text.startsWith('-')) throw new AlertRuleError(`"${text}" is negative; ${what} takes a number ≥ 0`);
  const canonical = canonicalDecimal(text);
  if (typeof canonical !== 'string') throw new AlertRuleError(`"${text}" is not a number (write it like 0.4 or 100)`);
  return canonical;
}

function condition(expr: string): AlertCondition {
  const word = expr.toLowerCase();
  if (word === 'frozen' || word === 'stale' || word === 'pair-off') return { kind: word };
  const match = COMPARISON.exec(word);
  if (!match) {
    const head = word.split(/\s+/)[0] ?? '';
    if (FIELDS.includes(head as AlertField) || head === 'trade')
      throw new AlertRuleError(`"${head}" needs a comparison, e.g. "${head} ${head === 'trade' ? '>=' : '<='} 0.4"`);
    throw new AlertRuleError(`unknown condition "${head}" (known: ${KNOWN})`);
  }
  const [, name, op, rest] = match as unknown as [string, string, string, string];
  if (op === '=' || op === '!=') throw new AlertRuleError(`"${op}" is not a comparison (use <, <=, >, >= or ==)`);
  if (name === 'trade') {
    if (op !== '>=') throw new AlertRuleError('trade takes ">= <size>" (a print of at least that size)');
    return { kind: 'trade', size: number(rest.trim(), 'trade') };
  }
  if (!FIELDS.includes(name as AlertField)) throw new AlertRuleError(`unknown condition "${name}" (known: ${KNOWN})`);
  return { kind: 'price', field: name as AlertField, op: op as AlertOp, value: number(rest.trim(), name) };
}

/** Parses one expression; throws AlertRuleError saying why it is not a rule. */
export function parseAlertRule(source: string): AlertRule {
  if (sanitizeText(source) !== source) throw new AlertRuleError('contains control characters');
  const text = source.trim().replace(/\s+/g, ' ');
  if (text === '') throw new AlertRuleError('empty rule');
  if (text.length > MAX_RULE_LENGTH) throw new AlertRuleError(`longer than ${MAX_RULE_LENGTH} characters`);
  // Outcome labels may hold a colon ("Trump: yes"); conditions never do: the last one splits.
  const colon = text.lastIndexOf(':');
  const scope = colon < 0 ? null : text.slice(0, colon).trim();
  if (scope === '') throw new AlertRuleError('nothing before ":" (write "<outcome or market>: <condition>")');
  const expr = (colon < 0 ? text : text.slice(colon + 1)).trim();
  if (expr === '') throw new AlertRuleError('nothing after ":"');
  return { text, scope: scope === null ? null : scope.toLowerCase(), condition: condition(expr) };
}

/** A rule as an error line may quote it: sanitized, bounded. */
export function shownRule(source: string): string {
  return sanitizeText(source).slice(0, MAX_RULE_LENGTH);
}

/** Where a list of rules came from, for the error line. */
export type RuleSource = { readonly kind: 'flag' } | { readonly kind: 'config'; readonly path: string };

/** Parses every rule; the first bad one is one line (exit 2) naming it and why. */
export function parseAlertRules(sources: readonly string[], from: RuleSource = { kind: 'flag' }): AlertRule[] {
  if (sources.length > MAX_RULES) {
    throw new CliError('cli.usage', `${from.kind === 'flag' ? '--alert' : `config file ${from.path}: "alerts"`}: at most ${MAX_RULES} rules`);
  }
  return sources.map((source) => {
    try {
      return parseAlertRule(source);
    } catch (error) {
      if (!(error instanceof AlertRuleError)) throw error;
      const shown = shownRule(source);
      const where = from.kind === 'flag' ? `--alert "${shown}"` : `config file ${from.path}: "alerts" rule "${shown}"`;
      throw new CliError('cli.usage', `${where}: ${error.message}`);
    }
  });
}

/**
 * The condition ids each scope names when it is a market slug (or an event slug) rather than an
 * outcome of the watched assets or a condition id: one Gamma lookup per such scope, at start.
 * A scope Gamma does not know stays an outcome label (it may name an outcome learnt later).
 */
export async function resolveScopes(
  rules: readonly AlertRule[],
  outcomes: ReadonlySet<string>,
  api: Pick<VenueApi, 'marketsBySlug' | 'eventsBySlug'>,
): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (const rule of rules) {
    const scope = rule.scope;
    if (scope === null || out.has(scope) || outcomes.has(scope) || CONDITION_ID.test(scope) || !/^[a-z0-9][a-z0-9-]*$/.test(scope)) continue;
    const ids = new Set<string>();
    try {
      for (const m of await api.marketsBySlug(scope)) if (m.slug === scope) ids.add(m.conditionId);
      if (ids.size === 0) for (const e of await api.eventsBySlug(scope)) if (e.slug === scope) for (const m of e.markets) ids.add(m.conditionId);
    } catch {
      // Gamma unreachable or the market's version unknown: the scope can still name an outcome.
    }
    out.set(scope, ids);
  }
  return out;
}

/** `--alert` (repeatable), `--no-bell` and `--on-alert`, as `watch` and `demo` take them. */
export function addAlertOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--alert <expr>', 'alert when this becomes true, e.g. "Yes: ask <= 0.4", "trade >= 500", "frozen" (repeatable; see README)').argParser(
        (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
      ),
    )
    .option('--no-bell', 'screen: no terminal bell when an alert fires')
    .option('--on-alert <command>', 'run this command (no shell) for each alert, the alert as JSON on its stdin');
}

/** The alert part of `--help` (after the examples). */
export const ALERT_HELP =
  '\nAlerts (edge-triggered: each fires when it becomes true, again after it was false):\n' +
  '  --alert "[<outcome|market slug|condition id>:] bid|ask|last|mid|spread <|<=|>|>=|== <number>"\n' +
  '  --alert "trade >= <size>"   --alert frozen   --alert pair-off   --alert stale\n' +
  '  polybook watch btc-updown-5m-1784449200 --alert "Up: ask <= 0.4" --on-alert "notify-send polybook"\n' +
  'Each alert is an NDJSON line {"type":"alert",…}, or a banner and a bell on screen; --on-alert gets the line on stdin.';
