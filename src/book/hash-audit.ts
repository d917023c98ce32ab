/**
 * Checks our books against the venue's own SHA-1 hash (POLYMARKET.md §6), honestly.
 *
 * The current formula needs three inputs the WebSocket does not carry: `min_order_size` and
 * `neg_risk` (REST `/book`, or `--book-meta`), and `last_trade_price`, which is hidden server state
 * after the initial dump. On the real capture that hidden price changes at each trade burst, is
 * shared by both tokens of a market, and is one of the market's best prices padded to three
 * decimals ("0.380"). So a check tries the last known value, then those candidates, and learns
 * whichever reproduces the hash.
 *
 * Verdicts, so that a mismatch is never claimed when it is not one:
 * - verified: some candidate reproduces one of the hashes the venue sent for this state;
 * - unverifiable: an input is unknown, or this asset's inputs were never confirmed by a success;
 * - mismatch: inputs confirmed earlier, and no value of the hidden price (a full grid search)
 *   reproduces the hash, at two consecutive checks of the asset. A single failure can be a
 *   reordering across bursts; it is held as a suspect and settles as unverifiable if the next
 *   check succeeds.
 */
import type { Level } from '../protocol/events.js';
import { compareDecimal } from '../decimal.js';
import type { IntegrityCounters } from './integrity.js';
import type { OrderBook } from './order-book.js';
import { PreimageHash } from './preimage.js';

/** REST-only inputs of the current formula, per market (condition id). */
export interface BookMeta {
  readonly minOrderSize: string;
  readonly negRisk: boolean;
}

/** What one check is about. */
export interface HashCheck {
  readonly market: string;
  readonly assetId: string;
  readonly timestamp: string;
  readonly book: OrderBook;
  readonly tickSize: string | null;
  /** Hashes the venue sent for this state (several for a reordered burst). */
  readonly hashes: readonly string[];
  /** A book event's levels exactly as sent (the venue hashes them in that order); else undefined. */
  readonly wire: { readonly bids: readonly Level[]; readonly asks: readonly Level[] } | undefined;
  /**
   * Which formula applies: the wire generation decides (POLYMARKET.md §13.4). `legacy` (v0/v1
   * price_change seen) is the 6-field formula, `current` the 10-field one; `either` until the
   * asset's generation is known (a first book), when both are tried.
   */
  readonly formula: HashFormula;
  /** Every asset of the market (this one included): their best prices are candidates for the hidden price. */
  readonly siblings: readonly { readonly book: OrderBook | null }[];
  /** The market's recently touched prices, newest last (trade fills and prints among them). */
  readonly recent: readonly string[];
  readonly counters: IntegrityCounters;
}

export type HashFormula = 'legacy' | 'current' | 'either';

/**
 * The tick size the venue hashed when a book did not say (a real 2025-12 dump carried no
 * `tick_size` and was hashed with "0.01", POLYMARKET.md §13.4).
 */
export const DEFAULT_HASH_TICK = '0.01';

export type HashVerdict = 'verified' | 'unverifiable' | 'suspect' | 'mismatch';

/**
 * The work one asset's checks may cost, so that wrong hashes (a hostile server, a corrupted
 * recording) cost at most a few times what right ones do. A check hashes the book once
 * (preimage.ts); each candidate hidden price then costs only its short tail. The first candidate
 * (the hidden price last learned) is free, as it is all a clean stream ever needs. Every further
 * candidate spends a credit, earned half a credit per check up to a cap (full at first): enough to
 * relearn the hidden price after a trade, not enough to search on every check. The full grid search
 * (after the cheap candidates fail; needed before a mismatch may be claimed) spends grid credits
 * counted in characters hashed, earned half a check's worth per check: two grids are there at
 * once, later ones after a grid's worth of checks. No grid hashes more than `GRID_BYTES` of tails; a search
 * that runs out says `unverifiable`, never `mismatch`.
 */
export const CHECK_CREDITS = { perCheck: 0.5, cap: 24 } as const;
/** Grid credits (characters): half a preimage earned per check, at most two grids' worth. */
export const GRID_CREDITS = { perCheck: 0.5, grids: 2 } as const;
export const GRID_BYTES = 4 * 1024 * 1024;
/** About what the tail of one candidate's preimage (the hidden inputs) takes to hash. */
const TAIL_CHARS = 110;

interface AssetHashState {
  confirmed: boolean;
  suspect: boolean;
  /** No candidate matched at the last check: the next one likely searches too, so it hashes the body once. */
  searched: boolean;
  /** `PreimageHash.head` of the asset, made at its first check. */
  head: Uint8Array | null;
  /** The market `head` was made for (an asset's market is learned once, from '' at most). */
  headMarket: string;
  credits: number;
  gridCredits: number;
}

/** Why a search ended without a match: nothing matched, or it ran out of what it may spend. */
type SearchEnd = 'verified' | 'exhausted' | 'not_found';

/** Pads a price to at least three decimals, the venue's spelling of the hidden price. */
export function threeDecimals(price: string): string {
  const dot = price.indexOf('.');
  const places = dot < 0 ? 0 : price.length - dot - 1;
  if (places >= 3) return price;
  return (dot < 0 ? `${price}.` : price) + '0'.repeat(3 - places);
}

export class VenueHashAudit {
  private readonly meta = new Map<string, BookMeta>();
  private readonly hiddenPrice = new Map<string, string>();
  private readonly assets = new Map<string, AssetHashState>();
  private readonly finest = new Map<string, string>();
  private readonly preimage = new PreimageHash();

  /** Sets the REST-only inputs for a market. */
  setMeta(market: string, meta: BookMeta): void {
    this.meta.set(market, meta);
  }

  hasMeta(market: string): boolean {
    return this.meta.has(market);
  }

  /** The initial dump carries the hidden price explicitly. */
  setLastTradePrice(market: string, price: string): void {
    this.hiddenPrice.set(market, price);
  }

  /** Forgets what was confirmed about an asset (after a reconnect its state is rebuilt). */
  reset(assetId: string): void {
    this.assets.delete(assetId);
  }

  /** The market's REST-only inputs, when known. */
  metaOf(market: string): BookMeta | undefined {
    return this.meta.get(market);
  }

  /** The hidden last_trade_price last learned for a market. */
  hiddenPriceOf(market: string): string | undefined {
    return this.hiddenPrice.get(market);
  }

  /**
   * Whether a check could say anything: the legacy formula needs nothing hidden; the current one
   * needs the market's REST inputs. The engine skips building a check otherwise.
   */
  checkable(market: string, formula: HashFormula): boolean {
    return formula !== 'current' || this.meta.has(market);
  }

  /** Checks one state and updates the counters; returns the verdict. */
  check(c: HashCheck): HashVerdict {
    const state = this.stateOf(c.assetId);
    if (c.hashes.length === 0) return 'unverifiable';
    state.credits = Math.min(CHECK_CREDITS.cap, state.credits + CHECK_CREDITS.perCheck);
    const first = this.tryCandidates(c, state, false);
    state.searched = first !== 'verified';
    if (first === 'verified') return this.settle(c, state, 'verified');
    if (!state.confirmed || !this.canUseCurrent(c)) return this.settle(c, state, 'unverifiable');
    // The full search: cheap now (each candidate hashes only its tail), bounded by grid credits.
    // Only a search that tried every value may call the failure a suspect, and two in a row a
    // mismatch.
    const grid = this.tryCandidates(c, state, true);
    return this.settle(c, state, grid === 'verified' ? 'verified' : grid === 'not_found' ? 'suspect' : 'unverifiable');
  }

  /** Settles a pending suspect at the end of a stream: it was never confirmed, so unverifiable. */
  flush(counters: (assetId: string) => IntegrityCounters | undefined): void {
    for (const [assetId, state] of this.assets) {
      if (!state.suspect) continue;
      state.suspect = false;
      const target = counters(assetId);
      if (target) target.hash_unverifiable++;
    }
  }

  private stateOf(assetId: string): AssetHashState {
    let state = this.assets.get(assetId);
    if (!state) {
      // Credits start full (grid credits are clamped to the asset's grid at its first check).
      state = {
        confirmed: false,
        suspect: false,
        searched: false,
        head: null,
        headMarket: '',
        credits: CHECK_CREDITS.cap,
        gridCredits: Number.POSITIVE_INFINITY,
      };
      this.assets.set(assetId, state);
    }
    return state;
  }

  private settle(c: HashCheck, state: AssetHashState, verdict: HashVerdict): HashVerdict {
    const counters = c.counters;
    if (verdict === 'suspect') {
      if (state.suspect) {
        // Second unexplained failure in a row: the earlier one was real too.
        state.suspect = false;
        counters.hash_mismatch += 2;
        return 'mismatch';
      }
      state.suspect = true;
      return verdict;
    }
    if (state.suspect) {
      state.suspect = false;
      counters.hash_unverifiable++;
    }
    if (verdict === 'verified') {
      state.confirmed = true;
      counters.hash_verified++;
    } else {
      counters.hash_unverifiable++;
    }
    return verdict;
  }

  private canUseCurrent(c: HashCheck): boolean {
    return c.formula !== 'legacy' && this.meta.has(c.market);
  }

  private tryCandidates(c: HashCheck, state: AssetHashState, exhaustive: boolean): SearchEnd {
    if (c.formula === 'current' && !this.canUseCurrent(c)) return 'not_found';
    // The book is hashed once per check; each candidate hashes only its tail (preimage.ts).
    const wire = c.wire !== undefined;
    const preimage = this.preimage;
    if (state.head === null || state.headMarket !== c.market) {
      state.head = PreimageHash.head(c.market, c.assetId);
      state.headMarket = c.market;
    }
    preimage.begin(state.head, c.timestamp, wire ? c.wire!.bids : c.book.bids, wire ? c.wire!.asks : c.book.asks, wire, exhaustive || state.searched);
    const body = preimage.bodyLength;
    if (c.formula !== 'current' && !exhaustive && this.matches(c, preimage.legacy())) return 'verified';
    if (!this.canUseCurrent(c)) return 'not_found';
    const meta = this.meta.get(c.market)!;
    const tickSize = c.tickSize ?? DEFAULT_HASH_TICK;
    const gridTick = this.finestTick(c.market, tickSize);
    // What one candidate costs in the grid: its tail; one clean check: the body and a tail.
    const size = TAIL_CHARS;
    if (!exhaustive) {
      const cap = GRID_CREDITS.grids * Math.min(GRID_BYTES, size * gridSize(gridTick));
      state.gridCredits = Math.min(cap, state.gridCredits + GRID_CREDITS.perCheck * (body + size));
    }
    const known = this.hiddenPrice.get(c.market);
    // The free first candidate, the hidden price last learned: all a clean stream needs between
    // trades (most checks), so it is tried before the search's bookkeeping is made.
    if (!exhaustive && known !== undefined && this.matches(c, preimage.currentWith(meta.minOrderSize, tickSize, meta.negRisk, known))) return 'verified';
    const tried = new Set<string>();
    let bytes = 0;
    // The known price was the free candidate (tried above when this is not the grid).
    let free = !exhaustive && known === undefined;
    if (!exhaustive && known !== undefined) tried.add(known);
    let end: SearchEnd = 'not_found';
    const stop = (why: SearchEnd): true => {
      end = why;
      return true;
    };
    /** true: stop (found, or out of credits / bytes). */
    const attempt = (price: string): boolean => {
      if (tried.has(price)) return false;
      if (free) {
        free = false;
      } else if (exhaustive) {
        if (state.gridCredits < size || bytes + size > GRID_BYTES) return stop('exhausted');
        state.gridCredits -= size;
        bytes += size;
      } else {
        if (state.credits < 1) return stop('exhausted');
        state.credits--;
      }
      tried.add(price);
      if (!this.matches(c, preimage.currentWith(meta.minOrderSize, tickSize, meta.negRisk, price))) return false;
      this.hiddenPrice.set(c.market, price);
      end = 'verified';
      return true;
    };
    if (exhaustive && known !== undefined && attempt(known)) return end;
    if (!exhaustive) {
      // The market's best prices in the venue's spelling first: on the real capture every hidden
      // price learned after a trade was one of them (the fills' prices among the recent ones were
      // not), so a relearn costs two or three tails rather than a dozen. Then the recently touched
      // prices, newest first, and the best prices as spelled.
      if (this.bestPrices(c.book, attempt, true)) return end;
      for (const sibling of c.siblings) if (sibling.book && sibling.book !== c.book && this.bestPrices(sibling.book, attempt, true)) return end;
      for (let i = c.recent.length - 1; i >= 0; i--) if (attempt(threeDecimals(c.recent[i]!))) return end;
      if (this.bestPrices(c.book, attempt, false)) return end;
      for (const sibling of c.siblings) if (sibling.book && sibling.book !== c.book && this.bestPrices(sibling.book, attempt, false)) return end;
      return end;
    }
    for (const price of priceGrid(gridTick)) if (attempt(price)) return end;
    return end;
  }

  /** Tries a book's best prices, in three-decimal spelling or as spelled; true when the search should stop. */
  private bestPrices(book: OrderBook, attempt: (price: string) => boolean, padded: boolean): boolean {
    const bid = book.bids.bestPrice();
    const ask = book.asks.bestPrice();
    return (bid !== undefined && attempt(padded ? threeDecimals(bid) : bid)) || (ask !== undefined && attempt(padded ? threeDecimals(ask) : ask));
  }

  /** The finest tick a market has been checked under (its grid holds every past trade price). */
  private finestTick(market: string, tick: string): string {
    const seen = this.finest.get(market);
    if (seen !== undefined && compareDecimal(seen, tick) <= 0) return seen;
    this.finest.set(market, tick);
    return tick;
  }

  private matches(c: HashCheck, digest: string): boolean {
    for (const h of c.hashes) if (h === digest) return true;
    return false;
  }
}

/**
 * The hidden price is a trade price, so it lies on a tick grid: the grid of the finest tick the
 * market has had (a trade at 0.965 under a 0.001 tick stays the hidden price after a coarser tick
 * returns). Spelled with at least three decimals, as the venue hashes it ("0.380").
 */
function gridSpec(tick: string): { places: number; step: number } {
  const dot = tick.indexOf('.');
  const decimals = dot < 0 ? 0 : tick.length - dot - 1;
  const places = Math.min(6, Math.max(3, decimals));
  const step = Math.round(Number(tick) * 10 ** places);
  return { places, step: step > 0 ? step : 1 };
}

/** How many prices `priceGrid(tick)` yields. The last answer is kept: every check asks. */
export function gridSize(tick: string): number {
  if (tick === lastGrid.tick) return lastGrid.size;
  const { places, step } = gridSpec(tick);
  const size = Math.ceil(10 ** places / step) - 1;
  lastGrid.tick = tick;
  lastGrid.size = size;
  return size;
}
const lastGrid = { tick: '', size: 0 };

/** Every price strictly between 0 and 1 on the grid of `tick`, spelled as the venue. */
export function* priceGrid(tick: string): Generator<string> {
  const { places, step } = gridSpec(tick);
  const one = 10 ** places;
  for (let i = step; i < one; i += step) yield `0.${String(i).padStart(places, '0')}`;
}
