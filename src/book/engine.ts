/**
 * The book engine: applies normalized market events to per-asset books at full rate and audits
 * them against everything the venue says about itself (resent snapshots, inline best bid/ask, its
 * SHA-1 hash). No I/O and no timers: the feed calls `apply`, the store reads `assets` and `dirty`.
 */
import type {
  BookEvent,
  FeedEvent,
  LevelChange,
  MarketLifecycleEvent,
  PriceChangeEvent,
} from '../protocol/events.js';
import { newAssetState, type AssetState, type Burst } from './asset-state.js';
import { bookFingerprint } from './fingerprint.js';
import { VenueHashAudit, type BookMeta } from './hash-audit.js';
import type { IntegrityFinding } from './integrity.js';
import { nonZero, OrderBook } from './order-book.js';

/** Something the engine found, as it happened (for logs, NDJSON and the health bar). */
export interface Finding {
  readonly assetId: string;
  readonly kind: IntegrityFinding;
  readonly detail: string;
}

/** Market metadata announced on the wire (`new_market` / `market_resolved`). */
export interface MarketInfo {
  readonly market: string;
  readonly question: string | null;
  readonly assetIds: readonly string[];
  readonly outcomes: readonly string[];
}

/** Whether venue timestamp `a` (epoch ms digits) is before `b`; unknown ("") is never older. */
function isOlder(a: string, b: string): boolean {
  if (a === '' || b === '') return false;
  return a.length !== b.length ? a.length < b.length : a < b;
}

/** The venue's hashes are 40 hex digits; docs examples carry placeholders like "0x0....". */
function isVenueHash(hash: string | undefined): hash is string {
  return hash !== undefined && hash.length === 40 && !hash.startsWith('0x');
}

export class BookEngine {
  readonly assets = new Map<string, AssetState>();
  readonly markets = new Map<string, MarketInfo>();
  readonly hashAudit = new VenueHashAudit();
  /** Assets changed since the store last drained this set. */
  readonly dirty = new Set<string>();
  /** Called for every finding; optional. */
  onFinding: ((finding: Finding) => void) | null = null;

  private readonly assetsByMarket = new Map<string, AssetState[]>();
  private readonly fingerprints = new WeakMap<OrderBook, { version: number; hex: string }>();

  /** Applies one event. User-channel, unknown and invalid events are ignored here. */
  apply(event: FeedEvent): void {
    switch (event.kind) {
      case 'price_change':
        return this.applyPriceChange(event);
      case 'book':
        return this.applyBook(event);
      case 'last_trade_price': {
        const asset = this.assetFor(event.assetId, event.market);
        asset.lastTrade = { price: event.price, size: event.size, side: event.side, timestamp: event.timestamp };
        asset.updatedAt = event.timestamp;
        this.dirty.add(asset.assetId);
        return;
      }
      case 'tick_size_change': {
        const asset = this.assetFor(event.assetId, event.market);
        asset.tickSize = event.newTickSize;
        this.dirty.add(asset.assetId);
        return;
      }
      case 'new_market':
      case 'market_resolved':
        return this.applyLifecycle(event);
      default:
        return;
    }
  }

  /**
   * Applies a REST `/book` body: it seeds (or resyncs) the book and supplies the hash inputs. The
   * REST snapshot and the WebSocket's next one are taken at different moments, so that next one
   * replaces it without a snapshot audit. `cause` is recorded for the health bar and NDJSON.
   *
   * A live WebSocket book is only replaced when `replaceLive` (an audit found it wrong), and never
   * by a REST body older than its last update (the deltas in between are not kept, so it would roll
   * the book back). Otherwise only the hash inputs are taken, and it returns false.
   */
  applyRestBook(event: BookEvent, cause: string, at: number, replaceLive: boolean): boolean {
    const asset = this.assetFor(event.assetId, event.market);
    const live = asset.book !== null && !asset.stale && !asset.provisional;
    if (live && (!replaceLive || isOlder(event.timestamp, asset.updatedAt))) {
      if (event.minOrderSize !== undefined && event.negRisk !== undefined) {
        this.hashAudit.setMeta(asset.market, { minOrderSize: event.minOrderSize, negRisk: event.negRisk });
      }
      asset.tickSize ??= event.tickSize ?? null;
      return false;
    }
    asset.provisional = false;
    asset.stale = false;
    this.applyBook(event, false);
    asset.provisional = true;
    asset.lastResync = { cause, at };
    return true;
  }

  /** Supplies the REST-only inputs of the venue hash for a market (from `/book` or `--book-meta`). */
  setBookMeta(market: string, meta: BookMeta, tickSize?: { assetId: string; tickSize: string }): void {
    this.hashAudit.setMeta(market, meta);
    if (tickSize) {
      const asset = this.assetFor(tickSize.assetId, market);
      asset.tickSize ??= tickSize.tickSize;
    }
  }

  /**
   * Marks an asset's book as predating a disconnect: updates are dropped (counted as
   * awaiting_snapshot) until a fresh `book` replaces it, so pre- and post-disconnect deltas never mix.
   */
  markStale(assetId: string): void {
    const asset = this.assets.get(assetId);
    if (!asset || !asset.book) return;
    this.endBurst(asset);
    asset.stale = true;
    this.dirty.add(assetId);
  }

  /** Marks a market's assets resolved (from `market_resolved`, or a REST 404). */
  markResolved(assetId: string): void {
    const asset = this.assets.get(assetId);
    if (!asset) return;
    asset.lifecycle = 'resolved';
    this.dirty.add(assetId);
  }

  /** Ends every pending burst (audits it) and settles pending hash suspicions: end of a stream. */
  flush(): void {
    for (const asset of this.assets.values()) this.endBurst(asset);
    this.hashAudit.flush((assetId) => this.assets.get(assetId)?.integrity);
  }

  /** Every asset of a market (condition id) the engine has seen. */
  marketAssets(market: string): readonly AssetState[] {
    return this.assetsByMarket.get(market) ?? [];
  }

  /** Blake3 fingerprint of the asset's canonical book (computed on read, cached per version). */
  fingerprint(assetId: string): string | null {
    const asset = this.assets.get(assetId);
    const book = asset?.book;
    if (!asset || !book) return null;
    const cached = this.fingerprints.get(book);
    if (cached && cached.version === book.version) return cached.hex;
    const hex = bookFingerprint(assetId, book.bids.levels, book.asks.levels);
    this.fingerprints.set(book, { version: book.version, hex });
    return hex;
  }

  private assetFor(assetId: string, market: string): AssetState {
    let asset = this.assets.get(assetId);
    if (!asset) {
      asset = newAssetState(assetId, market);
      this.assets.set(assetId, asset);
      this.joinMarket(asset);
    } else if (asset.market === '' && market !== '') {
      // An asset's market never changes; only learn it when it was unknown.
      asset.market = market;
      this.joinMarket(asset);
    }
    return asset;
  }

  private joinMarket(asset: AssetState): void {
    if (asset.market === '') return;
    const list = this.assetsByMarket.get(asset.market);
    if (!list) this.assetsByMarket.set(asset.market, [asset]);
    else if (!list.includes(asset)) list.push(asset);
  }

  private find(asset: AssetState, kind: IntegrityFinding, detail: string): void {
    this.onFinding?.({ assetId: asset.assetId, kind, detail });
  }

  private applyBook(event: BookEvent, audit = true): void {
    const asset = this.assetFor(event.assetId, event.market);
    this.endBurst(asset);
    const bids = nonZero(event.bids);
    const asks = nonZero(event.asks);
    if (audit && asset.book && !asset.stale && !asset.provisional) {
      // Snapshot audit: the venue resends books after trades; ours must already equal them.
      if (asset.book.bids.equals(bids) && asset.book.asks.equals(asks)) {
        asset.integrity.snapshots_agreed++;
      } else {
        asset.integrity.snapshots_disagreed++;
        this.find(asset, 'snapshot_disagreed', `book at ${event.timestamp} differs from the rebuilt book`);
      }
    }
    if (!asset.book) {
      asset.book = new OrderBook();
      // A first book without tick_size or last_trade_price is from before the 10-field hash era.
      asset.legacy = event.tickSize === undefined && event.lastTradePrice === undefined;
    }
    asset.book.replace(bids, asks);
    asset.stale = false;
    asset.provisional = false;
    asset.updatedAt = event.timestamp;
    if (event.tickSize !== undefined) asset.tickSize = event.tickSize;
    if (event.lastTradePrice !== undefined) this.hashAudit.setLastTradePrice(asset.market, event.lastTradePrice);
    if (event.minOrderSize !== undefined && event.negRisk !== undefined) {
      this.hashAudit.setMeta(asset.market, { minOrderSize: event.minOrderSize, negRisk: event.negRisk });
    }
    asset.crossed = asset.book.isCrossed();
    if (asset.crossed) {
      asset.integrity.crossed++;
      this.find(asset, 'crossed', `snapshot at ${event.timestamp} is crossed`);
    }
    if (isVenueHash(event.hash)) this.checkHash(asset, event.timestamp, [event.hash], event.wire);
    this.dirty.add(asset.assetId);
  }

  private applyPriceChange(event: PriceChangeEvent): void {
    const touched: AssetState[] = [];
    for (const change of event.changes) {
      const asset = this.assetFor(change.assetId, event.market);
      const book = asset.book;
      if (!book || asset.stale) {
        asset.integrity.awaiting_snapshot++;
        this.find(asset, 'awaiting_snapshot', `update at ${event.timestamp} before a fresh snapshot`);
        continue;
      }
      if (event.generation !== 'v2') asset.legacy = true;
      let burst = asset.burst;
      if (burst && burst.timestamp !== event.timestamp) {
        this.endBurst(asset);
        burst = null;
      }
      if (!burst) {
        burst = { timestamp: event.timestamp, hashes: [], bestBid: undefined, bestAsk: undefined };
        asset.burst = burst;
      }
      book.set(change.side, change.price, change.size);
      if (isVenueHash(change.hash)) burst.hashes.push(change.hash);
      if (change.bestBid !== undefined) {
        burst.bestBid = change.bestBid;
        burst.bestAsk = change.bestAsk;
      }
      asset.updatedAt = event.timestamp;
      if (!touched.includes(asset)) touched.push(asset);
    }
    for (const asset of touched) {
      // v1 carries one hash for the book after all of the event's changes.
      if (isVenueHash(event.hash) && asset.burst) asset.burst.hashes.push(event.hash);
      this.uncross(asset, event.changes);
      this.dirty.add(asset.assetId);
    }
  }

  /** The crossed-book rule: the newest quote wins over the stale opposite levels it crosses. */
  private uncross(asset: AssetState, changes: readonly LevelChange[]): void {
    const book = asset.book!;
    if (!book.isCrossed()) {
      asset.crossed = false;
      return;
    }
    asset.integrity.crossed++;
    for (let i = changes.length - 1; i >= 0 && book.isCrossed(); i--) {
      const change = changes[i]!;
      if (change.assetId === asset.assetId && change.size !== '0') book.uncrossWith(change.side, change.price);
    }
    asset.crossed = book.isCrossed();
    asset.cleaned++;
    this.find(asset, 'crossed', `update at ${asset.updatedAt} crossed the book; stale opposite levels removed`);
  }

  /** Audits a finished same-timestamp run: inline best bid/ask, then the venue hash. */
  private endBurst(asset: AssetState): void {
    const burst = asset.burst;
    if (!burst) return;
    asset.burst = null;
    const book = asset.book;
    if (!book) return;
    if (burst.bestBid !== undefined) this.auditTop(asset, book, burst);
    if (burst.hashes.length > 0) this.checkHash(asset, burst.timestamp, burst.hashes);
  }

  private auditTop(asset: AssetState, book: OrderBook, burst: Burst): void {
    const bid = book.bids.best()?.price ?? null;
    const ask = book.asks.best()?.price ?? null;
    if (bid === burst.bestBid && ask === burst.bestAsk) {
      asset.integrity.bba_agreed++;
    } else {
      asset.integrity.bba_disagreed++;
      this.find(
        asset,
        'bba_disagreed',
        `at ${burst.timestamp} venue top ${burst.bestBid ?? '-'}/${burst.bestAsk ?? '-'}, ours ${bid ?? '-'}/${ask ?? '-'}`,
      );
    }
  }

  private checkHash(asset: AssetState, timestamp: string, hashes: readonly string[], wire?: BookEvent['wire']): void {
    if (!this.hashAudit.checkable(asset.market, asset.tickSize, asset.legacy)) {
      asset.integrity.hash_unverifiable++;
      return;
    }
    const verdict = this.hashAudit.check({
      ...(wire ? { wire } : {}),
      market: asset.market,
      assetId: asset.assetId,
      timestamp,
      book: asset.book!,
      tickSize: asset.tickSize,
      hashes,
      legacy: asset.legacy,
      siblings: this.siblingBooks(asset),
      counters: asset.integrity,
    });
    if (verdict === 'mismatch') this.find(asset, 'hash_mismatch', `no hidden input reproduces the venue hash at ${timestamp}`);
  }

  private *siblingBooks(asset: AssetState): Generator<OrderBook> {
    for (const other of this.assetsByMarket.get(asset.market) ?? []) {
      if (other !== asset && other.book) yield other.book;
    }
  }

  private applyLifecycle(event: MarketLifecycleEvent): void {
    this.markets.set(event.market, {
      market: event.market,
      question: event.question,
      assetIds: event.assetIds,
      outcomes: event.outcomes,
    });
    if (event.kind !== 'market_resolved') return;
    for (const assetId of event.assetIds) {
      this.assetFor(assetId, event.market);
      this.markResolved(assetId);
    }
  }
}
