/**
 * The book engine: applies normalized market events to per-asset books at full rate and audits
 * them against everything the venue says about itself (resent snapshots, inline best bid/ask, its
 * SHA-1 hash). No I/O and no timers: the feed calls `apply`, the store reads `assets` and `dirty`.
 */
import type { BookEvent, FeedEvent, LastTradeEvent, LevelChange, MarketLifecycleEvent, PriceChangeEvent } from '../protocol/events.js';
import { newAssetState, type AssetState, type Burst } from './asset-state.js';
import { bookFingerprint } from './fingerprint.js';
import { VenueHashAudit, type BookMeta, type HashFormula } from './hash-audit.js';
import type { IntegrityFinding } from './integrity.js';
import { nonZero, OrderBook } from './order-book.js';
import { explainedByTrades } from './refresh.js';

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
  /** Set by `market_resolved` when the venue names the winner. */
  readonly winningAssetId: string | null;
  readonly winningOutcome: string | null;
}

/** A frame holding a book and a print: the legacy (v1) trade framing (POLYMARKET.md §13.5). */
function tradesOf(events: readonly FeedEvent[]): LastTradeEvent[] | null {
  let books = false;
  let trades: LastTradeEvent[] | null = null;
  for (const event of events) {
    if (event.kind === 'book') books = true;
    else if (event.kind === 'last_trade_price') (trades ??= []).push(event);
  }
  return books ? trades : null;
}

const FORMULA: Record<AssetState['generation'], HashFormula> = { unknown: 'either', legacy: 'legacy', current: 'current' };

/**
 * The venue hash is checked on an asset's first book (and the first after a disconnect or a REST
 * resync), then on at most one book or same-timestamp run per this many ms of venue time per
 * asset: a replay audits what a live session would, at any replay speed, and a burst- or
 * trade-heavy stream does not pay a SHA-1 of the whole book per message.
 */
export const HASH_SAMPLE_MS = 100;

const NO_SIBLINGS: readonly AssetState[] = [];
const NO_PRICES: readonly string[] = [];
/** Recently touched prices kept per market as hash candidates. */
const RECENT_PRICES = 6;

/** Whether venue timestamp `a` (epoch ms digits) is before `b`; unknown ("") is never older. */
function isOlder(a: string, b: string): boolean {
  if (a === '' || b === '') return false;
  return a.length !== b.length ? a.length < b.length : a < b;
}

/** The venue's hashes are 40 hex digits; docs examples carry placeholders like "0x0....". */
function isVenueHash(hash: string | undefined): hash is string {
  return hash !== undefined && hash.length === 40 && (hash.charCodeAt(0) !== 48 || hash.charCodeAt(1) !== 120); // not "0x…"
}

export interface EngineOptions {
  /** Venue ms between two hash-checked runs of one asset (default HASH_SAMPLE_MS; 0 = every run). */
  readonly hashSampleMs?: number;
}

export class BookEngine {
  /** Every tracked asset's state (see `track`). */
  readonly assets = new Map<string, AssetState>();
  readonly markets = new Map<string, MarketInfo>();
  readonly hashAudit = new VenueHashAudit();
  /** Assets changed since the store last drained this set. */
  readonly dirty = new Set<string>();
  /** Called for every finding; optional. */
  onFinding: ((finding: Finding) => void) | null = null;

  /**
   * Events (or price_change entries) for assets nobody watches, dropped without keeping anything:
   * every price_change carries both outcomes of its market whichever one was subscribed
   * (POLYMARKET.md §13.3), and none of that is a finding.
   */
  ignored = 0;

  private readonly assetsByMarket = new Map<string, AssetState[]>();
  private readonly recentPrices = new Map<string, string[]>();
  private readonly fingerprints = new WeakMap<OrderBook, { version: number; hex: string }>();
  /** Assets to keep state for; null = any asset a book names (replay of a recording). */
  private tracked: Set<string> | null = null;
  /** The prints of the frame being applied when it is a legacy trade frame. */
  private frameTrades: readonly LastTradeEvent[] | null = null;
  private readonly hashSampleMs: number;
  /** Counts price_change applications (AssetState.touchPass). */
  private pass = 0;

  constructor(options: EngineOptions = {}) {
    this.hashSampleMs = options.hashSampleMs ?? HASH_SAMPLE_MS;
  }

  /**
   * Keeps state for these assets only (the subscribed ones). Until the first call every asset a
   * book names is tracked, which is what a replay without its subscription list needs.
   */
  /** stateFor's last two assets (cleared whenever an asset is forgotten). */
  private recent0: AssetState | null = null;
  private recent1: AssetState | null = null;

  track(assetIds: Iterable<string>): void {
    this.tracked ??= new Set();
    for (const id of assetIds) this.tracked.add(id);
  }

  /** Stops tracking assets and forgets their state. */
  untrack(assetIds: Iterable<string>): void {
    this.recent0 = null;
    this.recent1 = null;
    for (const id of assetIds) {
      this.tracked?.delete(id);
      const asset = this.assets.get(id);
      if (!asset) continue;
      this.assets.delete(id);
      this.dirty.delete(id);
      const list = this.assetsByMarket.get(asset.market);
      if (list) {
        const rest = list.filter((a) => a !== asset);
        if (rest.length > 0) this.assetsByMarket.set(asset.market, rest);
        else this.assetsByMarket.delete(asset.market);
      }
      this.hashAudit.reset(id);
    }
  }

  /** Whether an asset is watched (explicitly, or by a book when tracking is automatic). */
  isTracked(assetId: string): boolean {
    return this.tracked ? this.tracked.has(assetId) : this.assets.has(assetId);
  }

  /**
   * Applies one whole frame's events. A frame that holds a book and a print is a legacy trade
   * frame, whose resent books may differ from ours by the filled levels (POLYMARKET.md §13.5).
   */
  applyFrame(events: readonly FeedEvent[]): void {
    if (events.length === 1) return this.apply(events[0]!);
    this.frameTrades = events.length > 1 ? tradesOf(events) : null;
    try {
      for (const event of events) this.apply(event);
    } finally {
      this.frameTrades = null;
    }
  }

  /** Applies one event. User-channel, unknown and invalid events are ignored here. */
  apply(event: FeedEvent): void {
    switch (event.kind) {
      case 'price_change':
        return this.applyPriceChange(event);
      case 'book':
        return this.applyBook(event);
      case 'last_trade_price': {
        const asset = this.stateFor(event.assetId, event.market, false);
        if (!asset) return;
        asset.lastTrade = { price: event.price, size: event.size, side: event.side, timestamp: event.timestamp };
        asset.updatedAt = event.timestamp;
        this.notePrice(asset, event.price);
        this.touched(asset);
        return;
      }
      case 'tick_size_change': {
        const asset = this.stateFor(event.assetId, event.market, false);
        if (!asset) return;
        asset.tickSize = event.newTickSize;
        this.touched(asset);
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
    const asset = this.stateFor(event.assetId, event.market, true);
    if (!asset) return false;
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

  /**
   * A REST book replaces a live book that it proved wrong (a quiet-asset probe found a
   * difference). Unlike `applyRestBook` it keeps the book live: the venue sent nothing since, so
   * the REST state is the newest there is and later deltas apply on top of it.
   */
  replaceFromRest(event: BookEvent, cause: string, at: number): void {
    const asset = this.stateFor(event.assetId, event.market, true);
    if (!asset) return;
    this.applyBook(event, false);
    asset.lastResync = { cause, at };
  }

  /** Supplies the REST-only inputs of the venue hash for a market (from `/book` or `--book-meta`). */
  setBookMeta(market: string, meta: BookMeta, tickSize?: { assetId: string; tickSize: string }): void {
    this.hashAudit.setMeta(market, meta);
    if (tickSize) this.learnTickSize(tickSize.assetId, market, tickSize.tickSize);
  }

  /** A tick size learned outside the WebSocket (REST, a recording's side file); the wire's wins. */
  learnTickSize(assetId: string, market: string, tickSize: string): void {
    const asset = this.stateFor(assetId, market, true);
    if (asset) asset.tickSize ??= tickSize;
  }

  /**
   * Marks an asset's book as predating a disconnect: updates are dropped (counted as
   * awaiting_snapshot) until a fresh `book` replaces it, so pre- and post-disconnect deltas never mix.
   */
  markStale(assetId: string): void {
    const asset = this.assets.get(assetId);
    if (!asset?.book) return;
    this.endBurst(asset);
    asset.stale = true;
    this.dirty.add(assetId);
  }

  /** Marks a market's assets resolved (from `market_resolved`, or a REST 404). */
  markResolved(assetId: string): void {
    // A watched asset the venue has no book for (a REST 404) is resolved before any snapshot.
    const asset = this.assets.get(assetId) ?? (this.tracked?.has(assetId) ? this.stateFor(assetId, '', false) : null);
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
    const hex = bookFingerprint(assetId, book.bids, book.asks);
    this.fingerprints.set(book, { version: book.version, hex });
    return hex;
  }

  /**
   * The state of a watched asset, created on first use; null (and counted as ignored) for an asset
   * nobody watches. With automatic tracking, only a snapshot makes an asset watched.
   */
  private stateFor(assetId: string, market: string, snapshot: boolean): AssetState | null {
    // The last two assets looked up: a price_change names both outcomes of its market in turn,
    // and comparing a 77-digit id with one of them is cheaper than hashing it for the Map.
    const a = this.recent0;
    if (a !== null && a.assetId === assetId && (a.market !== '' || market === '')) return a;
    const b = this.recent1;
    if (b !== null && b.assetId === assetId && (b.market !== '' || market === '')) {
      this.recent1 = a;
      this.recent0 = b;
      return b;
    }
    const found = this.lookUp(assetId, market, snapshot);
    if (found) {
      this.recent1 = a;
      this.recent0 = found;
    }
    return found;
  }

  private lookUp(assetId: string, market: string, snapshot: boolean): AssetState | null {
    let asset = this.assets.get(assetId);
    if (!asset) {
      if (this.tracked ? !this.tracked.has(assetId) : !snapshot) {
        this.ignored++;
        return null;
      }
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

  /**
   * Remembers a market's recently touched prices: the hidden last_trade_price of the venue hash is
   * a trade price, and a trade's fills touch its levels (and its print names it) before the next
   * hash check, so these are the audit's best candidates after the last learned value.
   */
  private notePrice(asset: AssetState, price: string): void {
    let recent = asset.recentPrices;
    if (recent === null) {
      const kept = this.recentPrices.get(asset.market);
      recent = kept ?? [];
      if (!kept) this.recentPrices.set(asset.market, recent);
      // An asset's market is known by now (it has a book), and never changes once known.
      if (asset.market !== '') asset.recentPrices = recent;
    }
    const n = recent.length;
    for (let i = 0; i < n; i++) if (recent[i] === price) return;
    if (n < RECENT_PRICES) {
      recent.push(price);
      return;
    }
    // Full: drop the oldest in place (no shift, which reallocates).
    for (let i = 1; i < n; i++) recent[i - 1] = recent[i]!;
    recent[n - 1] = price;
  }

  /** Data arrived for the asset: it is no longer quiet, and the store republishes it. */
  private touched(asset: AssetState): void {
    asset.quietSince = null;
    asset.quietVerifiedAt = null;
    this.dirty.add(asset.assetId);
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
    const asset = this.stateFor(event.assetId, event.market, true);
    if (!asset) return;
    this.endBurst(asset);
    const bids = nonZero(event.bids);
    const asks = nonZero(event.asks);
    if (audit && asset.book && !asset.stale && !asset.provisional) this.auditSnapshot(asset, asset.book, bids, asks, event.timestamp);
    const first = asset.book === null || asset.stale || asset.provisional;
    asset.book ??= new OrderBook();
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
    // A book is hash-checked when it is the asset's first, or due by the venue-time sampling: the
    // venue resends a pair of books after every trade, and the book hash is the costly check.
    if (isVenueHash(event.hash) && (first || this.hashDue(asset, event.timestamp))) this.checkHash(asset, event.timestamp, [event.hash], event.wire);
    this.touched(asset);
  }

  /** Snapshot audit: the venue resends books after trades; ours must already equal them. */
  private auditSnapshot(asset: AssetState, book: OrderBook, bids: BookEvent['bids'], asks: BookEvent['asks'], timestamp: string): void {
    if (book.bids.equals(bids) && book.asks.equals(asks)) {
      asset.integrity.snapshots_agreed++;
    } else if (this.frameTrades && explainedByTrades(asset.assetId, asset.market, book, bids, asks, this.frameTrades)) {
      // A legacy trade frame: the filled levels never came as updates; the book refreshes them.
      asset.integrity.snapshots_refreshed++;
    } else {
      asset.integrity.snapshots_disagreed++;
      this.find(asset, 'snapshot_disagreed', `book at ${timestamp} differs from the rebuilt book`);
    }
  }

  private applyPriceChange(event: PriceChangeEvent): void {
    // The assets touched, deduplicated by a pass mark: nearly every frame names one or two, kept
    // in locals; only a frame naming three or more assets allocates a list.
    const pass = ++this.pass;
    let first: AssetState | null = null;
    let second: AssetState | null = null;
    let more: AssetState[] | null = null;
    const generation = event.generation === 'v2' ? 'current' : 'legacy';
    const changes = event.changes;
    for (let i = 0; i < changes.length; i++) {
      const change = changes[i]!;
      const asset = this.stateFor(change.assetId, event.market, false);
      if (!asset) continue;
      const book = asset.book;
      if (!book || asset.stale) {
        asset.integrity.awaiting_snapshot++;
        this.find(asset, 'awaiting_snapshot', `update at ${event.timestamp} before a fresh snapshot`);
        continue;
      }
      asset.generation = generation;
      let burst = asset.burst;
      if (burst && burst.timestamp !== event.timestamp) {
        this.endBurst(asset);
        burst = null;
      }
      if (!burst) {
        burst = { timestamp: event.timestamp, hashes: [], legacyHashes: 0, bestBid: undefined, bestAsk: undefined };
        asset.burst = burst;
      }
      book.set(change.side, change.price, change.size);
      this.notePrice(asset, change.price);
      // Only v2 entry hashes are book hashes; v0/v1 update hashes reproduce under no known formula
      // (POLYMARKET.md §13.4), so they are counted as unverifiable and never computed.
      if (isVenueHash(change.hash)) {
        if (generation === 'current') burst.hashes.push(change.hash);
        else burst.legacyHashes++;
      }
      if (change.bestBid !== undefined) {
        burst.bestBid = change.bestBid;
        burst.bestAsk = change.bestAsk;
      }
      asset.updatedAt = event.timestamp;
      if (asset.touchPass !== pass) {
        asset.touchPass = pass;
        if (first === null) first = asset;
        else if (second === null) second = asset;
        else (more ??= []).push(asset);
      }
    }
    if (first !== null) this.afterChanges(first, event);
    if (second !== null) this.afterChanges(second, event);
    if (more !== null) for (const asset of more) this.afterChanges(asset, event);
  }

  /** A touched asset after all of a price_change's entries: its v1 event hash, the crossed rule, republish. */
  private afterChanges(asset: AssetState, event: PriceChangeEvent): void {
    if (isVenueHash(event.hash) && asset.burst) asset.burst.legacyHashes++;
    this.uncross(asset, event.changes);
    this.touched(asset);
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
    if ((burst.hashes.length === 0 && burst.legacyHashes === 0) || !this.hashDue(asset, burst.timestamp)) return;
    if (burst.hashes.length > 0) this.checkHash(asset, burst.timestamp, burst.hashes);
    else asset.integrity.hash_unverifiable++;
  }

  /** Whether a run at `timestamp` is due a hash check (see HASH_SAMPLE_MS); marks it checked. */
  private hashDue(asset: AssetState, timestamp: string): boolean {
    const at = epochMs(timestamp);
    // Timestamps are not monotonic (§4.2): a jump either way of a sample period is due too.
    if (Math.abs(at - asset.lastHashCheckAt) < this.hashSampleMs) return false;
    asset.lastHashCheckAt = at;
    return true;
  }

  private auditTop(asset: AssetState, book: OrderBook, burst: Burst): void {
    const bid = book.bids.bestPrice() ?? null;
    const ask = book.asks.bestPrice() ?? null;
    if (bid === burst.bestBid && ask === burst.bestAsk) {
      asset.integrity.bba_agreed++;
    } else {
      asset.integrity.bba_disagreed++;
      this.find(asset, 'bba_disagreed', `at ${burst.timestamp} venue top ${burst.bestBid ?? '-'}/${burst.bestAsk ?? '-'}, ours ${bid ?? '-'}/${ask ?? '-'}`);
    }
  }

  private checkHash(asset: AssetState, timestamp: string, hashes: readonly string[], wire?: BookEvent['wire']): void {
    const formula = FORMULA[asset.generation];
    if (!this.hashAudit.checkable(asset.market, formula)) {
      asset.integrity.hash_unverifiable++;
      return;
    }
    // One object shape for every check (no spreads, no generator): this runs on every book.
    const verdict = this.hashAudit.check({
      wire,
      market: asset.market,
      assetId: asset.assetId,
      timestamp,
      book: asset.book!,
      tickSize: asset.tickSize,
      hashes,
      formula,
      siblings: this.assetsByMarket.get(asset.market) ?? NO_SIBLINGS,
      recent: asset.recentPrices ?? this.recentPrices.get(asset.market) ?? NO_PRICES,
      counters: asset.integrity,
    });
    if (verdict === 'mismatch') this.find(asset, 'hash_mismatch', `no hidden input reproduces the venue hash at ${timestamp}`);
  }

  /**
   * `new_market` / `market_resolved`: kept only for markets with a watched asset (they are global
   * broadcasts, POLYMARKET.md §4.8). A resolution without an id list resolves the market's known
   * assets (§13.10).
   */
  private applyLifecycle(event: MarketLifecycleEvent): void {
    const known = this.assetsByMarket.get(event.market);
    const watched = known !== undefined || event.assetIds.some((id) => this.isTracked(id));
    if (!watched) {
      this.ignored++;
      return;
    }
    const before = this.markets.get(event.market);
    const assetIds = event.assetIds.length > 0 ? event.assetIds : (before?.assetIds ?? known?.map((a) => a.assetId) ?? []);
    this.markets.set(event.market, {
      market: event.market,
      question: event.question ?? before?.question ?? null,
      assetIds,
      outcomes: event.outcomes.length > 0 ? event.outcomes : (before?.outcomes ?? []),
      winningAssetId: event.winningAssetId,
      winningOutcome: event.winningOutcome,
    });
    for (const asset of known ?? []) this.dirty.add(asset.assetId);
    if (event.kind !== 'market_resolved') return;
    const ids = new Set([...assetIds, ...(known ?? []).map((a) => a.assetId)]);
    for (const assetId of ids) {
      const asset = this.stateFor(assetId, event.market, false);
      if (!asset) continue;
      asset.winner = event.winningAssetId === null ? null : event.winningAssetId === assetId;
      this.markResolved(assetId);
    }
  }
}

/**
 * A checked timestamp's value (the parser lets only 1–16 digits through, or "" from REST: 0, as
 * for Number), by a digit loop: `Number` of a 13-digit string takes V8's slow path, and this runs
 * at the end of every burst that carries hashes.
 */
function epochMs(timestamp: string): number {
  // Two halves of at most 8 digits each stay small integers (one 13-digit accumulator is a
  // double, and this loop was most of a run's end); joined once.
  const n = timestamp.length;
  const split = n > 8 ? n - 8 : 0;
  let high = 0;
  for (let i = 0; i < split; i++) {
    const digit = timestamp.charCodeAt(i) - 48;
    // Anything else is what Number() makes of it: NaN, due every time.
    if (digit < 0 || digit > 9) return Number.NaN;
    high = high * 10 + digit;
  }
  let low = 0;
  for (let i = split; i < n; i++) {
    const digit = timestamp.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    low = low * 10 + digit;
  }
  return high * 1e8 + low;
}
