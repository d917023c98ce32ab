/**
 * What an alert does besides its NDJSON line and its banner: a terminal bell (BEL, once per
 * firing, on the screen only; `--no-bell`) and `--on-alert <command>`, run with the alert's JSON
 * line on its stdin.
 *
 * The command is split into argv here (quotes and backslashes as a shell would, nothing else: no
 * variables, globs or pipes) and started without a shell, so no server text can ever become part
 * of a command line: it only travels as JSON on stdin. At most MAX_RUNNING run at once (more are
 * dropped and counted), each is killed after ON_ALERT_TIMEOUT_MS, and every failure goes to the
 * log: a broken command never disturbs the session.
 */
import { spawn } from 'node:child_process';
import type { Logger } from 'pino';
import { bindAlerts, type AlertOptions, type AlertRule } from '../../store/alerts.js';
import type { PolybookStore } from '../../store/store.js';
import type { AlertView } from '../../store/types.js';
import { parseAlertRules, resolveScopes } from './alert-rules.js';
import { CliError } from './errors.js';
import { alertLine } from './ndjson.js';
import type { ResolvedAsset } from './resolve.js';
import type { WatchSession } from './session.js';

/** `--on-alert` commands running at once at most; more are dropped (and counted in the log). */
export const MAX_RUNNING = 4;
/** An `--on-alert` command still running after this is killed. */
export const ON_ALERT_TIMEOUT_MS = 10_000;
/** What a failing command wrote on stderr, kept for the log line. */
const STDERR_KEEP = 400;

/** The alert flags of `watch` and `demo`. */
export interface AlertFlags {
  /** `--alert <expr>`, repeatable (or the config file's `alerts`). */
  readonly alert?: readonly string[];
  /** `--no-bell` makes this false. */
  readonly bell?: boolean;
  readonly onAlert?: string;
}

/** Splits a command line into argv without a shell: whitespace separates, '…' and "…" quote, \ escapes. */
export function splitCommand(text: string): string[] {
  const out: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (c === '\\' && i + 1 < text.length && (quote === null || text[i + 1] === '"' || text[i + 1] === '\\')) {
      word += text[++i];
      inWord = true;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) out.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote !== null) throw new CliError('cli.usage', `--on-alert: unclosed ${quote} quote`);
  if (inWord) out.push(word);
  if (out.length === 0) throw new CliError('cli.usage', '--on-alert: empty command');
  return out;
}

export interface RunnerOptions {
  /** Where the bell goes (the terminal); null: no bell. */
  readonly bell: { write(text: string): unknown } | null;
  /** argv of `--on-alert`; null: none. */
  readonly command: readonly string[] | null;
  readonly log: Pick<Logger, 'warn' | 'info'>;
  readonly maxRunning?: number;
  readonly timeoutMs?: number;
}

/** Follows the store's alerts and rings / runs for each new one. */
export class AlertRunner {
  private lastSeq: number;
  private running = 0;
  private unsubscribe: (() => void) | null = null;
  private readonly idle: Array<() => void> = [];
  /** Commands started, dropped (too many running) and failed (could not start, non-zero, timed out). */
  readonly stats = { started: 0, dropped: 0, failed: 0 };

  constructor(
    private readonly store: PolybookStore,
    private readonly o: RunnerOptions,
  ) {
    this.lastSeq = store.getState().alerts[0]?.seq ?? 0;
  }

  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.store.subscribe((state, previous) => {
      if (state.alerts === previous.alerts) return;
      // Newest first in the store: the new ones are at the front, run oldest first.
      const fresh: AlertView[] = [];
      for (const alert of state.alerts) {
        if (alert.seq <= this.lastSeq) break;
        fresh.push(alert);
      }
      if (fresh.length === 0) return;
      this.lastSeq = fresh[0]!.seq;
      for (const alert of fresh.reverse()) this.fire(alert);
    });
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** Resolves when no command is running (tests). */
  settled(): Promise<void> {
    return this.running === 0 ? Promise.resolve() : new Promise((resolve) => this.idle.push(resolve));
  }

  private fire(alert: AlertView): void {
    // BEL moves no cursor: written between Ink's frames it never disturbs the drawn frame.
    this.o.bell?.write('\u0007');
    if (this.o.command) this.run(this.o.command, alert);
  }

  private run(argv: readonly string[], alert: AlertView): void {
    const max = this.o.maxRunning ?? MAX_RUNNING;
    if (this.running >= max) {
      this.stats.dropped++;
      this.o.log.warn({ rule: alert.rule, dropped: this.stats.dropped, running: this.running }, `--on-alert: ${max} commands still running; alert dropped`);
      return;
    }
    this.running++;
    this.stats.started++;
    let stderr = '';
    let done = false;
    const finish = (problem: string | null): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (problem !== null) {
        this.stats.failed++;
        this.o.log.warn({ command: argv[0], rule: alert.rule, stderr: stderr.slice(0, STDERR_KEEP) || undefined }, `--on-alert: ${problem}`);
      }
      this.running--;
      if (this.running === 0) for (const resolve of this.idle.splice(0)) resolve();
    };
    // No shell: argv as given; the command's output must not reach the screen or the NDJSON.
    const child = spawn(argv[0]!, argv.slice(1), { shell: false, stdio: ['pipe', 'ignore', 'pipe'], windowsHide: true });
    const timeoutMs = this.o.timeoutMs ?? ON_ALERT_TIMEOUT_MS;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(`${argv[0]} still running after ${timeoutMs / 1000}s: killed`);
    }, timeoutMs);
    timer.unref();
    child.stderr!.on('data', (chunk: Buffer) => {
      if (stderr.length < STDERR_KEEP) stderr += chunk.toString('utf8');
    });
    child.on('error', (error: NodeJS.ErrnoException) => finish(`cannot run ${argv[0]}: ${error.code ?? error.message}`));
    child.on('close', (code, signal) => finish(code === 0 ? null : signal ? `${argv[0]} ended by ${signal}` : `${argv[0]} exited with status ${code}`));
    // A command that does not read its stdin (EPIPE) is not a failure of the alert.
    child.stdin!.on('error', () => {});
    child.stdin!.end(`${JSON.stringify(alertLine(alert))}\n`);
  }
}

/** Binds the rules to the store and starts the bell / `--on-alert` runner; returns the stop function. */
export function startAlerts(store: PolybookStore, rules: readonly AlertRule[], evaluator: AlertOptions, runner: RunnerOptions): () => void {
  if (rules.length === 0) return () => {};
  const alerts = new AlertRunner(store, runner);
  alerts.start();
  const unbind = bindAlerts(store, rules, evaluator);
  return () => {
    unbind();
    alerts.stop();
  };
}

/** The checked alert flags of a command: known bad before any network (exit 2). */
export interface AlertPlan {
  readonly rules: readonly AlertRule[];
  readonly command: readonly string[] | null;
  readonly bell: boolean;
}

export function planAlerts(flags: AlertFlags): AlertPlan {
  const rules = parseAlertRules(flags.alert ?? []);
  const command = flags.onAlert === undefined ? null : splitCommand(flags.onAlert);
  if (command && rules.length === 0) throw new CliError('cli.usage', '--on-alert runs for alerts: add an --alert rule (or "alerts" in the config file)');
  return { rules, command, bell: flags.bell !== false };
}

/**
 * Starts a plan on a session: market-slug scopes looked up on Gamma, the rules bound to the
 * session's store, the bell on `terminal` (the screen's stdout; null in pipe mode). Returns the
 * stop function.
 */
export async function startPlan(
  plan: AlertPlan,
  session: WatchSession,
  context: {
    readonly terminal: { write(text: string): unknown } | null;
    readonly api: Parameters<typeof resolveScopes>[2] | null;
    readonly assets: readonly ResolvedAsset[];
  },
): Promise<() => void> {
  if (plan.rules.length === 0) return () => {};
  const outcomes = new Set(context.assets.flatMap((a) => (a.outcome ? [a.outcome.toLowerCase()] : [])));
  const scopeMarkets = context.api ? await resolveScopes(plan.rules, outcomes, context.api) : new Map<string, Set<string>>();
  return startAlerts(
    session.store,
    plan.rules,
    { connectionOf: (id) => session.feed.connectionOf(id), scopeMarkets },
    { bell: plan.bell ? context.terminal : null, command: plan.command, log: session.logger },
  );
}
