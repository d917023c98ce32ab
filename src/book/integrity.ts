/**
 * What polybook can say about how far a book is to be trusted, as counters per asset.
 * Names are snake_case because they are part of the JSON output schema (README).
 */
export interface IntegrityCounters {
  /** A resent `book` matched the book rebuilt from deltas. */
  snapshots_agreed: number;
  snapshots_disagreed: number;
  /**
   * A legacy (v1) trade frame resent the books after the fill, whose levels were never sent as
   * updates: the rebuilt book differed only by the filled levels (POLYMARKET.md §13.5).
   */
  snapshots_refreshed: number;
  /** At the end of a same-timestamp burst, the venue's inline best_bid/best_ask matched ours. */
  bba_agreed: number;
  bba_disagreed: number;
  /** The venue's SHA-1 book hash reproduced from our book. */
  hash_verified: number;
  /** A hash could not be checked: an input the WebSocket does not carry is unknown. */
  hash_unverifiable: number;
  /** No value of the hidden inputs reproduces the venue's hash, twice in a row: the book differs. */
  hash_mismatch: number;
  /** Times the book was found crossed or locked. */
  crossed: number;
  /** Level updates dropped because the asset had no (fresh) snapshot yet. */
  awaiting_snapshot: number;
  /** A quiet book (no data for a while) that a REST `/book` proved right. */
  quiet_verified: number;
  /** A quiet book that a REST `/book` proved wrong: it was replaced by the REST book. */
  quiet_resynced: number;
  /** REST books not trusted: their own venue hash did not reproduce (placeholders, §13.9). */
  rest_untrusted: number;
}

export function emptyIntegrity(): IntegrityCounters {
  return {
    snapshots_agreed: 0,
    snapshots_disagreed: 0,
    snapshots_refreshed: 0,
    bba_agreed: 0,
    bba_disagreed: 0,
    hash_verified: 0,
    hash_unverifiable: 0,
    hash_mismatch: 0,
    crossed: 0,
    awaiting_snapshot: 0,
    quiet_verified: 0,
    quiet_resynced: 0,
    rest_untrusted: 0,
  };
}

/** Kinds of integrity findings the engine reports as they happen (NDJSON, health bar, logs). */
export type IntegrityFinding = 'snapshot_disagreed' | 'bba_disagreed' | 'hash_mismatch' | 'crossed' | 'awaiting_snapshot' | 'quiet_resynced' | 'rest_untrusted';
