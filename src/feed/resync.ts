/**
 * Heals books from REST: on request (an audit disagreed, a book stayed stale too long, a
 * reconnect), fetch `/book` for that asset and hand it over. At most one fetch per asset in flight,
 * a minimum interval per asset, and the API's own rate limiter on top (POLYMARKET.md §8). A 404 is
 * a resolved market (§4.9): reported once, never retried.
 */
import type { BookEvent } from '../protocol/events.js';
import type { VenueApi } from './venue-api.js';

export interface ResyncTarget {
  /** A fresh REST book for an asset, and why it was fetched. */
  book(event: BookEvent, cause: string): void;
  /** The venue has no book for this asset any more. */
  resolved(assetId: string): void;
  /** A fetch failed (network, status); the next request may retry. */
  failed?(assetId: string, cause: string, error: Error): void;
}

export interface ResyncOptions {
  /** Minimum ms between two fetches of one asset (default 5 s). */
  readonly minIntervalMs?: number;
  readonly now?: () => number;
}

export class Resyncer {
  private readonly inFlight = new Set<string>();
  private readonly lastAt = new Map<string, number>();
  private readonly gone = new Set<string>();
  private readonly minIntervalMs: number;
  private readonly now: () => number;
  private closed = false;

  constructor(
    private readonly api: VenueApi,
    private readonly target: ResyncTarget,
    options: ResyncOptions = {},
  ) {
    this.minIntervalMs = options.minIntervalMs ?? 5000;
    this.now = options.now ?? Date.now;
  }

  /** Asks for a resync; returns false when it was skipped (in flight, too soon, resolved). */
  request(assetId: string, cause: string): boolean {
    if (this.closed || this.gone.has(assetId) || this.inFlight.has(assetId)) return false;
    const last = this.lastAt.get(assetId);
    if (last !== undefined && this.now() - last < this.minIntervalMs) return false;
    this.inFlight.add(assetId);
    this.lastAt.set(assetId, this.now());
    void this.fetch(assetId, cause);
    return true;
  }

  /** Seeds many assets at once (`POST /books`); resolves when done. Missing ones are resolved. */
  async seed(assetIds: readonly string[], cause: string): Promise<void> {
    const books = await this.api.books(assetIds);
    const found = new Set<string>();
    for (const book of books) {
      // Not counted against the per-asset interval: an audit right after start may still resync.
      found.add(book.assetId);
      this.target.book(book, cause);
    }
    // /books silently omits unknown and resolved ids: ask /book, which says 404, for those.
    for (const id of assetIds) if (!found.has(id)) this.request(id, cause);
  }

  close(): void {
    this.closed = true;
  }

  private async fetch(assetId: string, cause: string): Promise<void> {
    try {
      const result = await this.api.book(assetId);
      if (this.closed) return;
      if (result.kind === 'missing') {
        this.gone.add(assetId);
        this.target.resolved(assetId);
      } else {
        this.target.book(result.book, cause);
      }
    } catch (error) {
      if (!this.closed) this.target.failed?.(assetId, cause, error as Error);
    } finally {
      this.inFlight.delete(assetId);
    }
  }
}
