/**
 * Fetches REST books for assets, in batches: every request joins a queue and the queue is drained
 * through `POST /books` (up to 100 ids per call, POLYMARKET.md §13.8 allows 500 calls per 10 s),
 * one call at a time. Urgent requests (an audit found a book wrong) go before bulk ones (a
 * reconnect's, a stale book's, a quiet asset's probe), so a reconnect of hundreds of assets never
 * starves them. `/books` silently omits unknown and resolved ids; those are asked again one by
 * one on `/book`, whose 404 means resolved (§4.9): reported once, never asked again.
 *
 * What a book is used for is the target's business: the cause travels with it.
 */
import type { BookEvent } from '../protocol/events.js';
import { BOOKS_BATCH, type VenueApi } from './venue-api.js';

export interface ResyncTarget {
  /** A fresh REST book for an asset, and why it was fetched. */
  book(event: BookEvent, cause: string): void;
  /** The venue has no book for this asset any more. */
  resolved(assetId: string): void;
  /** A fetch failed (network, status); the next request may retry. */
  failed?(assetId: string, cause: string, error: Error): void;
}

/** `urgent` goes first; the per-asset interval applies only to urgent requests. */
export type Urgency = 'urgent' | 'bulk';

export interface ResyncOptions {
  /** Minimum ms between two urgent fetches of one asset (default 5 s). */
  readonly minIntervalMs?: number;
  readonly now?: () => number;
}

export class Resyncer {
  private readonly urgent = new Map<string, string>();
  private readonly bulk = new Map<string, string>();
  private readonly inFlight = new Set<string>();
  private readonly followUps = new Map<string, string>();
  private readonly lastUrgentAt = new Map<string, number>();
  private readonly gone = new Set<string>();
  private readonly retries = new Set<ReturnType<typeof setTimeout>>();
  private readonly idleWaiters: Array<() => void> = [];
  private readonly minIntervalMs: number;
  private readonly now: () => number;
  private pumping = false;
  private closed = false;

  constructor(
    private readonly api: VenueApi,
    private readonly target: ResyncTarget,
    options: ResyncOptions = {},
  ) {
    this.minIntervalMs = options.minIntervalMs ?? 5000;
    this.now = options.now ?? Date.now;
  }

  /** Queues a fetch; returns false when it was skipped (queued or in flight already, too soon, resolved). */
  request(assetId: string, cause: string, urgency: Urgency = 'bulk'): boolean {
    if (this.closed || this.gone.has(assetId) || this.urgent.has(assetId)) return false;
    if (this.inFlight.has(assetId)) {
      // The answer in flight was asked for another reason: an audit asks again once it lands.
      if (urgency === 'urgent') this.followUps.set(assetId, cause);
      return false;
    }
    if (urgency === 'urgent') {
      const last = this.lastUrgentAt.get(assetId);
      if (last !== undefined && this.now() - last < this.minIntervalMs) return false;
      this.lastUrgentAt.set(assetId, this.now());
      // An urgent request overtakes the same asset's bulk one (with the more telling cause).
      this.bulk.delete(assetId);
      this.urgent.set(assetId, cause);
    } else {
      if (this.bulk.has(assetId)) return false;
      this.bulk.set(assetId, cause);
    }
    void this.pump();
    return true;
  }

  /** Queues the same request again after `ms` (a fetch whose body was not trusted). */
  retryLater(assetId: string, cause: string, ms: number, urgency: Urgency = 'bulk'): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.retries.delete(timer);
      this.request(assetId, cause, urgency);
    }, ms);
    timer.unref?.();
    this.retries.add(timer);
  }

  /** Queues many assets at once and resolves when the queue has drained. */
  async seed(assetIds: readonly string[], cause: string): Promise<void> {
    for (const id of assetIds) this.request(id, cause, 'bulk');
    await this.idle();
  }

  /** Resolves once nothing is queued or in flight. */
  idle(): Promise<void> {
    if (!this.pumping && this.urgent.size === 0 && this.bulk.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Whether an asset is queued or being fetched. */
  pending(assetId: string): boolean {
    return this.inFlight.has(assetId) || this.urgent.has(assetId) || this.bulk.has(assetId);
  }

  close(): void {
    this.closed = true;
    for (const timer of this.retries) clearTimeout(timer);
    this.retries.clear();
    this.urgent.clear();
    this.bulk.clear();
    this.followUps.clear();
    this.wakeIdle();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      // Requests made in the same turn (a reconnect's, a round of quiet probes) share one batch.
      await new Promise((resolve) => setImmediate(resolve));
      while (!this.closed && (this.urgent.size > 0 || this.bulk.size > 0)) await this.fetchBatch(this.takeBatch());
    } finally {
      this.pumping = false;
      this.wakeIdle();
    }
  }

  /** Up to one batch of ids, urgent first, removed from the queues. */
  private takeBatch(): Map<string, string> {
    const batch = new Map<string, string>();
    for (const queue of [this.urgent, this.bulk]) {
      for (const [id, cause] of queue) {
        if (batch.size >= BOOKS_BATCH) return batch;
        batch.set(id, cause);
        queue.delete(id);
      }
    }
    return batch;
  }

  private async fetchBatch(batch: Map<string, string>): Promise<void> {
    for (const id of batch.keys()) this.inFlight.add(id);
    try {
      const books = await this.api.books([...batch.keys()]);
      if (this.closed) return;
      for (const book of books) {
        const cause = batch.get(book.assetId);
        if (cause === undefined) continue;
        batch.delete(book.assetId);
        this.deliver(book.assetId, cause, () => this.target.book(book, cause));
        this.landed(book.assetId);
      }
      // Omitted by /books: unknown or resolved. /book says which with a 404.
      for (const [id, cause] of batch) await this.fetchOne(id, cause);
    } catch (error) {
      if (!this.closed) for (const [id, cause] of batch) this.target.failed?.(id, cause, error as Error);
    } finally {
      for (const id of batch.keys()) this.landed(id);
    }
  }

  private landed(assetId: string): void {
    this.inFlight.delete(assetId);
    const cause = this.followUps.get(assetId);
    if (cause === undefined) return;
    this.followUps.delete(assetId);
    this.request(assetId, cause, 'urgent');
  }

  private async fetchOne(assetId: string, cause: string): Promise<void> {
    try {
      const result = await this.api.book(assetId);
      if (this.closed) return;
      if (result.kind === 'missing') {
        this.gone.add(assetId);
        this.deliver(assetId, cause, () => this.target.resolved(assetId));
      } else {
        this.deliver(assetId, cause, () => this.target.book(result.book, cause));
      }
    } catch (error) {
      if (!this.closed) this.target.failed?.(assetId, cause, error as Error);
    } finally {
      this.landed(assetId);
    }
  }

  /** A target that throws must not stop the queue (nor reject a promise nobody awaits). */
  private deliver(assetId: string, cause: string, call: () => void): void {
    try {
      call();
    } catch (error) {
      this.target.failed?.(assetId, cause, error as Error);
    }
  }

  private wakeIdle(): void {
    if (this.pumping) return;
    for (const wake of this.idleWaiters.splice(0)) wake();
  }
}
