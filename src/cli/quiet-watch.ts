/**
 * Quiet or frozen, proven rather than guessed. An asset with no data for `quietAfterMs` is quiet;
 * its REST `/book` is then fetched (batched, rate-limited, through the Resyncer) and compared with
 * our book under the REST body's own hash inputs (src/book/rest-check.ts). Equal: the asset is
 * "quiet, verified at …". Different: the REST book replaces ours and the difference is counted.
 *
 * The same proofs answer a connection's silence watchdog: a connection whose every asset was
 * proven right since its last data is quiet, not frozen, and is not reconnected; one whose asset
 * was proven wrong (the venue moved and told us nothing) is frozen.
 */
import type { AssetState } from '../book/asset-state.js';
import type { BookEngine, Finding } from '../book/engine.js';
import { restSelfCheck, sameAsRest } from '../book/rest-check.js';
import type { SilenceVerdict } from '../feed/connection.js';
import type { MarketFeed } from '../feed/market-feed.js';
import type { Resyncer } from '../feed/resync.js';
import type { BookEvent } from '../protocol/events.js';

/** The cause quiet probes travel with through the Resyncer. */
export const QUIET_CAUSE = 'quiet';

interface Probe {
  /** Local ms the probe was asked for. */
  readonly askedAt: number;
  /** Local ms the answer came, and what it proved (null while pending). */
  answer: { readonly at: number; readonly equal: boolean } | null;
  /**
   * Local ms a probe last found our book wrong. It stays evidence against the connection (the
   * venue moved and said nothing) until data arrives again, even once the healed book verifies.
   */
  divergedAt: number | null;
}

export interface QuietWatchOptions {
  /** No data this long makes an asset quiet and worth a REST probe (0 = never). */
  readonly quietAfterMs: number;
  readonly now?: () => number;
}

export class QuietWatch {
  private readonly probes = new Map<string, Probe>();
  private readonly now: () => number;

  constructor(
    private readonly engine: BookEngine,
    private readonly feed: MarketFeed,
    private readonly resyncer: Resyncer | null,
    private readonly options: QuietWatchOptions,
    private readonly report: (finding: Finding) => void,
    private readonly changed: () => void,
    private readonly resynced: (assetId: string, cause: string) => void = () => {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Marks assets quiet and asks for probes; called about once a second. */
  tick(): void {
    const after = this.options.quietAfterMs;
    if (after <= 0) return;
    const now = this.now();
    let changed = false;
    for (const asset of this.engine.assets.values()) {
      if (!this.isLiveBook(asset)) continue;
      const last = this.feed.lastDataAt(asset.assetId);
      if (last === null || now - last <= after) continue;
      if (asset.quietSince === null) {
        asset.quietSince = last;
        this.engine.dirty.add(asset.assetId);
        changed = true;
      }
      // Once per quiet period: a verified quiet asset is checked again after another one.
      const probe = this.probes.get(asset.assetId);
      if (!probe || probe.askedAt < last || (probe.answer !== null && now - probe.answer.at > after)) this.probe(asset.assetId);
    }
    if (changed) this.changed();
  }

  /** A REST book fetched for a quiet probe. */
  answer(book: BookEvent): void {
    const asset = this.engine.assets.get(book.assetId);
    const probe = this.probes.get(book.assetId);
    if (!asset || !probe || !this.isLiveBook(asset)) return;
    // Data came while the probe was out: the answer may be older than our book; ask next time.
    const last = this.feed.lastDataAt(asset.assetId) ?? 0;
    if (last > probe.askedAt) {
      this.probes.delete(asset.assetId);
      return;
    }
    const now = this.now();
    if (sameAsRest(asset.book!, book)) {
      asset.integrity.quiet_verified++;
      asset.quietVerifiedAt = now;
      probe.answer = { at: now, equal: true };
    } else {
      asset.integrity.quiet_resynced++;
      this.engine.replaceFromRest(book, QUIET_CAUSE, now);
      // Still no data since: the replaced book is quiet too (verified, it is the venue's).
      asset.quietSince = last;
      asset.quietVerifiedAt = now;
      probe.answer = { at: now, equal: false };
      probe.divergedAt = now;
      this.report({ assetId: asset.assetId, kind: 'quiet_resynced', detail: `quiet book differed from REST /book at ${book.timestamp}; replaced` });
      this.resynced(asset.assetId, QUIET_CAUSE);
    }
    this.engine.dirty.add(asset.assetId);
    this.changed();
  }

  /**
   * A connection's silence limit passed. Frozen when one of its books never got a WebSocket
   * snapshot, or was proven wrong since its last data; quiet when all were proven right.
   */
  silenceCheck(assetIds: readonly string[]): SilenceVerdict {
    if (!this.resyncer) return 'frozen';
    let pending = false;
    for (const id of assetIds) {
      const asset = this.engine.assets.get(id);
      if (!asset || asset.lifecycle === 'resolved') continue;
      if (!this.isLiveBook(asset)) return 'frozen';
      const last = this.feed.lastDataAt(id) ?? 0;
      const probe = this.probes.get(id);
      if (probe?.divergedAt != null && probe.divergedAt > last) return 'frozen';
      const answer = probe && probe.askedAt >= last ? probe.answer : null;
      if (answer?.equal) continue;
      pending = true;
      if (!probe || probe.askedAt < last) this.probe(id);
    }
    return pending ? 'pending' : 'quiet';
  }

  /** Forgets probes (a reconnect starts over). */
  reset(assetIds: readonly string[]): void {
    for (const id of assetIds) this.probes.delete(id);
  }

  /** A WebSocket book that is current: not awaiting, not from REST, not stale, not resolved. */
  private isLiveBook(asset: AssetState): boolean {
    return asset.book !== null && !asset.stale && !asset.provisional && asset.lifecycle !== 'resolved';
  }

  private probe(assetId: string): void {
    if (!this.resyncer || this.resyncer.pending(assetId)) return;
    const before = this.probes.get(assetId);
    const last = this.feed.lastDataAt(assetId) ?? 0;
    const divergedAt = before?.divergedAt != null && before.divergedAt > last ? before.divergedAt : null;
    this.probes.set(assetId, { askedAt: this.now(), answer: null, divergedAt });
    this.resyncer.request(assetId, QUIET_CAUSE, 'bulk');
  }
}

/** Whether a REST body may be used at all: its own hash must reproduce when it has every input. */
export function trustedRestBook(book: BookEvent): boolean {
  return restSelfCheck(book) !== 'failed';
}
