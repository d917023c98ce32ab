/**
 * Pipe mode: one JSON object per line, each with a `type` (schema in README, "NDJSON output").
 * Book lines follow the store's publishes (so they are coalesced to the frame rate); trades,
 * health changes and integrity findings are written as they happen.
 */
import type { Finding } from '../book/engine.js';
import type { ConnectionHealth } from '../feed/health.js';
import type { LastTradeEvent } from '../protocol/events.js';
import type { PolybookStore } from '../../store/store.js';
import type { AlertView, AssetView } from '../../store/types.js';

export interface NdjsonSink {
  write(chunk: string): boolean;
  readonly writableNeedDrain?: boolean;
  once?(event: 'drain', listener: () => void): unknown;
}

/** The `book` line of one asset. */
export function bookLine(view: AssetView, now: number): Record<string, unknown> {
  const a = view.analytics;
  return {
    type: 'book',
    ts: now,
    asset_id: view.assetId,
    market: view.market,
    outcome: view.outcome,
    question: view.question,
    status: view.status,
    quiet_since: view.quietSince,
    quiet_verified_at: view.quietVerifiedAt,
    winner: view.winner,
    best_bid: a.bestBid,
    best_ask: a.bestAsk,
    spread: a.spread,
    mid: a.mid,
    microprice: a.microprice,
    display_price: a.displayPrice,
    imbalance: a.imbalance,
    tick_size: view.tickSize,
    bids: view.bids,
    asks: view.asks,
    last_trade: view.lastTrade,
    crossed: view.crossed,
    updated_at: view.updatedAt,
    integrity: view.integrity,
  };
}

export function healthLine(health: ConnectionHealth, now: number): Record<string, unknown> {
  return {
    type: 'health',
    ts: now,
    connection: health.id,
    channel: health.channel,
    state: health.state,
    frozen: health.frozen,
    attempt: health.attempt,
    next_retry_at: health.nextRetryAt,
    rtt_ms: health.rttMs,
    messages_per_sec: health.messagesPerSec,
    last_data_at: health.lastDataAt,
    quiet_verified_at: health.quietVerifiedAt,
    reconnects: health.reconnects,
    cause: health.lastDisconnectCause,
    assets: health.assets,
  };
}

export function tradeLine(event: LastTradeEvent, now: number): Record<string, unknown> {
  return {
    type: 'trade',
    ts: now,
    asset_id: event.assetId,
    market: event.market,
    price: event.price,
    size: event.size,
    side: event.side,
    timestamp: event.timestamp,
  };
}

/** The `roll` line of `watch --follow`: the series, the window left (null for none) and the one now watched. */
export function rollLine(roll: { readonly series: string; readonly from: string | null; readonly to: string; readonly ts: number }): Record<string, unknown> {
  return { type: 'roll', series: roll.series, from: roll.from, to: roll.to, ts: roll.ts };
}

export function integrityLine(finding: Finding, now: number): Record<string, unknown> {
  return { type: 'integrity', ts: now, asset_id: finding.assetId, kind: finding.kind, detail: finding.detail };
}

/** An `--alert` that fired (also what `--on-alert` gets on stdin); `ts` is when it fired. */
export function alertLine(alert: AlertView): Record<string, unknown> {
  return {
    type: 'alert',
    ts: alert.at,
    rule: alert.rule,
    asset_id: alert.assetId,
    market: alert.market ?? null,
    outcome: alert.outcome ?? null,
    text: alert.text,
  };
}

/** Health fields whose change is worth a line (not the per-second rate or data age). */
function healthKey(h: ConnectionHealth): string {
  return `${h.state}|${h.frozen}|${h.attempt}|${h.reconnects}|${h.lastDisconnectCause}|${h.assets}|${h.quietVerifiedAt}`;
}

export class NdjsonWriter {
  private readonly written = new Map<string, AssetView>();
  private readonly healthWritten = new Map<string, string>();
  private unsubscribe: (() => void) | null = null;
  private waitingForDrain = false;
  /** The newest alert written (store/alerts.ts numbers them). */
  private alertSeq = 0;

  constructor(
    private readonly out: NdjsonSink,
    private readonly store: PolybookStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts following the store. */
  start(): void {
    this.unsubscribe = this.store.subscribe((state, previous) => {
      if (state.frame !== previous.frame) this.writeBooks();
      if (state.health !== previous.health) this.writeHealth();
      if (state.alerts !== previous.alerts) this.writeAlerts();
    });
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  trade(event: LastTradeEvent): void {
    this.line(tradeLine(event, this.now()));
  }

  /** A book was refetched from REST (bootstrap, reconnect, stale, or an audit that disagreed). */
  resync(assetId: string, cause: string): void {
    this.line({ type: 'resync', ts: this.now(), asset_id: assetId, cause });
  }

  finding(finding: Finding): void {
    this.line(integrityLine(finding, this.now()));
  }

  /** `watch --follow` moved from one window of its series to the next. */
  roll(roll: { readonly series: string; readonly from: string | null; readonly to: string; readonly ts: number }): void {
    this.line(rollLine(roll));
  }

  /** Writes one book line for an asset (used by --once). */
  book(view: AssetView): void {
    this.line(bookLine(view, this.now()));
  }

  private writeBooks(): void {
    // A slow reader gets the latest state once it drains rather than a backlog of old books.
    if (this.out.writableNeedDrain) {
      if (!this.waitingForDrain && this.out.once) {
        this.waitingForDrain = true;
        this.out.once('drain', () => {
          this.waitingForDrain = false;
          this.writeBooks();
        });
      }
      return;
    }
    const { assets, order } = this.store.getState();
    // Assets removed while running (`watch --follow` rolls) are forgotten: the map stays bounded.
    if (this.written.size > order.length) for (const id of this.written.keys()) if (!assets.has(id)) this.written.delete(id);
    for (const id of order) {
      const view = assets.get(id);
      if (!view || this.written.get(id) === view) continue;
      this.written.set(id, view);
      this.book(view);
    }
  }

  /** Alerts are events: every one is written (oldest first), never coalesced like books. */
  private writeAlerts(): void {
    const { alerts } = this.store.getState();
    let fresh = 0;
    while (fresh < alerts.length && alerts[fresh]!.seq > this.alertSeq) fresh++;
    if (fresh === 0) return;
    this.alertSeq = alerts[0]!.seq;
    for (let i = fresh - 1; i >= 0; i--) this.line(alertLine(alerts[i]!));
  }

  private writeHealth(): void {
    for (const health of Object.values(this.store.getState().health)) {
      const key = healthKey(health);
      if (this.healthWritten.get(health.id) === key) continue;
      this.healthWritten.set(health.id, key);
      this.line(healthLine(health, this.now()));
    }
  }

  private line(value: Record<string, unknown>): void {
    this.out.write(`${JSON.stringify(value)}\n`);
  }
}
