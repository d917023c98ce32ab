/**
 * `--alert` rules evaluated on the published views: a pure evaluator (`AlertEvaluator.look`) and a
 * binder (`bindAlerts`) that follows the store and pushes each firing to `alerts`. The screen, the
 * NDJSON writer, the bell and `--on-alert` all read the firings from the store, so one evaluation
 * serves every output.
 *
 * Edge-triggered per (rule, asset): a rule fires when it becomes true for an asset and re-arms when
 * it is false again. A `trade` rule fires on each look that brings new prints of at least its size.
 * Prices are compared exactly, as decimal strings (src/decimal.ts), never as floats.
 */
import { canonicalDecimal, compareDecimal } from '../src/decimal.js';
import { sanitizeText } from '../src/protocol/sanitize.js';
import type { PolybookStore } from './store.js';
import type { AlertView, AssetView, PolybookState, TradeView } from './types.js';

export type AlertField = 'bid' | 'ask' | 'last' | 'mid' | 'spread';
export type AlertOp = '<' | '<=' | '>' | '>=' | '==';

export type AlertCondition =
  | { readonly kind: 'price'; readonly field: AlertField; readonly op: AlertOp /** Canonical decimal. */; readonly value: string }
  /** A trade print of at least `size` (canonical decimal). */
  | { readonly kind: 'trade'; readonly size: string }
  /** Status reconnecting or stale, or the asset's connection frozen. */
  | { readonly kind: 'frozen' }
  /** The two outcomes disagree by more than a tick (AssetView.pair.disagrees). */
  | { readonly kind: 'pair-off' }
  /** Status stale, reconnecting, or rest (after the start-up bootstrap). */
  | { readonly kind: 'stale' };

export interface AlertRule {
  /** As written (sanitized), e.g. "Yes: ask <= 0.4". */
  readonly text: string;
  /** Lower-cased outcome label, market slug or condition id; null: every asset. */
  readonly scope: string | null;
  readonly condition: AlertCondition;
}

/** At most this many alerts are kept in the store (newest first). */
export const ALERT_LIMIT = 50;
/** A REST book counts as stale for `stale` once the asset was live, or this long after the start. */
export const STALE_REST_GRACE_MS = 10_000;

export interface AlertOptions {
  /** Local wall clock (epoch ms). */
  readonly now?: () => number;
  /** The connection (health record id) carrying an asset, for `frozen`. */
  readonly connectionOf?: (assetId: string) => string | null;
  /** Market slugs a scope may name → the condition ids they stand for (looked up by the CLI). */
  readonly scopeMarkets?: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Orders two decimals that may carry a minus sign (a crossed book's spread). */
function compareSigned(a: string, b: string): number {
  const na = a.startsWith('-');
  const nb = b.startsWith('-');
  if (na !== nb) return na ? -1 : 1;
  return na ? compareDecimal(b.slice(1), a.slice(1)) : compareDecimal(a, b);
}

/** A view's figure in canonical spelling, or null when it has none. */
function figure(view: AssetView, field: AlertField): string | null {
  const a = view.analytics;
  const raw =
    field === 'bid' ? a.bestBid : field === 'ask' ? a.bestAsk : field === 'mid' ? a.mid : field === 'spread' ? a.spread : (view.lastTrade?.price ?? null);
  if (raw === null || raw === '') return null;
  const negative = raw.startsWith('-');
  const canonical = canonicalDecimal(negative ? raw.slice(1) : raw);
  if (typeof canonical !== 'string') return null;
  return negative && canonical !== '0' ? `-${canonical}` : canonical;
}

function holds(op: AlertOp, order: number): boolean {
  switch (op) {
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
    case '==':
      return order === 0;
  }
}

/** A firing before it gets its sequence number. */
export interface AlertFiring {
  readonly rule: string;
  readonly text: string;
  readonly assetId: string;
  readonly outcome: string | null;
  readonly market: string | null;
}

/**
 * Looks at states one after another and says which rules fired. Work per look is proportional to
 * the assets whose view changed (all of them only when connection health changed) times the rules.
 */
export class AlertEvaluator {
  /** Per asset: which rules were true at the last look. */
  private readonly armed = new Map<string, boolean[]>();
  /** Per asset: the newest print seen (trade views keep their identity across publishes). */
  private readonly lastTrade = new Map<string, TradeView | null>();
  private readonly seen = new Map<string, AssetView>();
  private readonly wasLive = new Set<string>();
  private lastHealth: PolybookState['health'] | null = null;
  private readonly started: number;
  private readonly now: () => number;

  constructor(
    readonly rules: readonly AlertRule[],
    private readonly options: AlertOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.started = this.now();
  }

  look(state: PolybookState): AlertFiring[] {
    const out: AlertFiring[] = [];
    if (this.rules.length === 0) return out;
    const healthChanged = state.health !== this.lastHealth;
    this.lastHealth = state.health;
    const graceOver = this.now() - this.started >= STALE_REST_GRACE_MS;
    // Assets removed while running (`x`) are forgotten: memory stays bounded by what is watched.
    if (this.seen.size > state.assets.size) this.forgetRemoved(state.assets);
    for (const [id, view] of state.assets) {
      // A REST book is looked at again while unchanged: it becomes stale when the grace is over.
      if (!healthChanged && this.seen.get(id) === view && view.status !== 'rest') continue;
      this.seen.set(id, view);
      this.lookAt(view, state, graceOver, out);
    }
    return out;
  }

  private forgetRemoved(assets: PolybookState['assets']): void {
    for (const id of [...this.seen.keys()]) {
      if (assets.has(id)) continue;
      this.seen.delete(id);
      this.armed.delete(id);
      this.lastTrade.delete(id);
      this.wasLive.delete(id);
    }
  }

  private lookAt(view: AssetView, state: PolybookState, graceOver: boolean, out: AlertFiring[]): void {
    const id = view.assetId;
    if (view.status === 'live' || view.status === 'quiet') this.wasLive.add(id);
    let armed = this.armed.get(id);
    if (!armed) {
      armed = new Array<boolean>(this.rules.length).fill(false);
      this.armed.set(id, armed);
    }
    const newPrints = this.newPrints(view);
    const outcome = view.outcome === null ? null : sanitizeText(view.outcome);
    for (let i = 0; i < this.rules.length; i++) {
      const rule = this.rules[i]!;
      if (rule.scope !== null && !this.inScope(rule.scope, view)) continue;
      const text = rule.condition.kind === 'trade' ? tradeText(rule.condition.size, newPrints) : this.check(rule.condition, view, state, graceOver);
      if (rule.condition.kind === 'trade') {
        if (text !== null) out.push({ rule: rule.text, text, assetId: id, outcome, market: view.market || null });
        continue;
      }
      const now = text !== null;
      if (now && !armed[i]) out.push({ rule: rule.text, text: text!, assetId: id, outcome, market: view.market || null });
      armed[i] = now;
    }
  }

  private inScope(scope: string, view: AssetView): boolean {
    if (view.outcome !== null && view.outcome.toLowerCase() === scope) return true;
    if (view.market && view.market.toLowerCase() === scope) return true;
    return view.market !== '' && (this.options.scopeMarkets?.get(scope)?.has(view.market) ?? false);
  }

  /** Prints newer than the last look's newest, newest first (bounded by the view's own list). */
  private newPrints(view: AssetView): readonly TradeView[] {
    const before = this.lastTrade.get(view.assetId);
    const trades = view.trades;
    this.lastTrade.set(view.assetId, trades[0] ?? before ?? null);
    if (before === undefined || before === null) return trades;
    const at = trades.indexOf(before);
    if (at >= 0) return trades.slice(0, at);
    // The last newest print scrolled off the bounded list: keep what is later than it.
    return trades.filter((t) => compareDecimal(t.timestamp, before.timestamp) > 0);
  }

  /** Why the condition holds, in words; null when it does not. */
  private check(condition: AlertCondition, view: AssetView, state: PolybookState, graceOver: boolean): string | null {
    switch (condition.kind) {
      case 'price': {
        const value = figure(view, condition.field);
        if (value === null) return null;
        return holds(condition.op, compareSigned(value, condition.value)) ? `${condition.field} ${value} ${condition.op} ${condition.value}` : null;
      }
      case 'frozen': {
        if (view.status === 'reconnecting' || view.status === 'stale') return `frozen (${view.status})`;
        const connection = this.options.connectionOf?.(view.assetId) ?? null;
        return connection !== null && state.health[connection]?.frozen ? 'frozen (no data while PONGs flow)' : null;
      }
      case 'pair-off':
        return view.pair?.disagrees ? `pair off${view.pair.gap === null ? '' : ` by ${view.pair.gap}`}` : null;
      case 'stale':
        if (view.status === 'stale' || view.status === 'reconnecting') return `stale (${view.status})`;
        return view.status === 'rest' && (graceOver || this.wasLive.has(view.assetId)) ? 'stale (REST book, no WebSocket snapshot)' : null;
      case 'trade':
        return null;
    }
  }
}

/** "trade 150 @ 0.41 BUY >= 100 (+2 more)" for the largest new print of at least `size`, else null. */
function tradeText(size: string, prints: readonly TradeView[]): string | null {
  let best: TradeView | null = null;
  let count = 0;
  for (const t of prints) {
    if (t.size === null || compareDecimal(t.size, size) < 0) continue;
    count++;
    if (best === null || compareDecimal(t.size, best.size!) > 0) best = t;
  }
  if (best === null) return null;
  return `trade ${best.size} @ ${best.price}${best.side ? ` ${best.side}` : ''} >= ${size}${count > 1 ? ` (+${count - 1} more)` : ''}`;
}

/** Pushes firings to the store's `alerts`, newest first, keeping `ALERT_LIMIT`. */
export function pushAlerts(store: PolybookStore, alerts: readonly AlertView[]): void {
  if (alerts.length === 0) return;
  const newest = [...alerts].reverse();
  store.setState({ alerts: [...newest, ...store.getState().alerts].slice(0, ALERT_LIMIT) });
}

/**
 * Follows the store: every change of the published views (or health) is looked at, and what fires
 * is pushed to `alerts` with an increasing `seq`. Returns the function that stops it.
 */
export function bindAlerts(store: PolybookStore, rules: readonly AlertRule[], options: AlertOptions = {}): () => void {
  if (rules.length === 0) return () => {};
  const evaluator = new AlertEvaluator(rules, options);
  const now = options.now ?? Date.now;
  let seq = store.getState().alerts[0]?.seq ?? 0;
  const look = (state: PolybookState): void => {
    const fired = evaluator.look(state);
    if (fired.length === 0) return;
    const at = now();
    pushAlerts(
      store,
      fired.map((f) => ({ seq: ++seq, at, rule: f.rule, text: f.text, assetId: f.assetId, outcome: f.outcome, market: f.market })),
    );
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.frame !== previous.frame || state.health !== previous.health) look(state);
  });
  look(store.getState());
  return unsubscribe;
}
