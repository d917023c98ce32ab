/**
 * One simulated market: static metadata, the book truth, and the hidden inputs of the venue hash
 * (POLYMARKET.md §6.1, §6.4: per market tick_size, min_order_size "5", neg_risk false and the
 * hidden last_trade_price shared by both tokens, three decimals). Builds the bodies every channel
 * shows of a token's book, always hashing the exact levels and timestamp it shows.
 */
import type { Level, Side } from '../protocol/events.js';
import { currentPreimage, legacyPreimage, sha1Hex } from '../book/venue-hash.js';
import { MarketBook, priceText, type TokenIndex } from './book.js';
import type { MarketSpec } from './catalog.js';
import { PriceRecord } from './price-record.js';
import { formatPrice3, PRICE_ONE, scaled } from './units.js';

export type MarketStatus = 'live' | 'resolved';

/** A REST `/book` body, keys in the venue's order (fixture rest-book.json). */
export interface RestBookBody {
  readonly market: string;
  readonly asset_id: string;
  readonly timestamp: string;
  readonly hash: string;
  readonly bids: readonly Level[];
  readonly asks: readonly Level[];
  readonly min_order_size: string;
  readonly tick_size: string;
  readonly neg_risk: boolean;
  readonly last_trade_price: string;
}

export interface TradePrint {
  readonly token: TokenIndex;
  readonly price: number;
  readonly side: Side;
}

interface HashMemo {
  readonly timestamp: string;
  readonly bidsVersion: number;
  readonly asksVersion: number;
  readonly tick: number;
  readonly ltp: number | null;
  readonly hash: string;
}

export class MarketState {
  readonly book = new MarketBook();
  private readonly hashMemo: [HashMemo | null, HashMemo | null] = [null, null];
  /** Tick in price units (100 = 0.01). */
  tick = 100;
  /**
   * Hidden last_trade_price input of the hash, in units of the traded token's price; null for a
   * market that has never traded (shown as "", §13.6).
   */
  hiddenLtp: number | null;
  readonly minOrderSize = '5';
  readonly negRisk = false;
  private statusValue: MarketStatus = 'live';
  private openValue = true;
  private quietValue = false;
  /** Called whenever `moving()` may have changed (the simulation keeps a list of moving markets). */
  onMovingChange: (() => void) | null = null;
  winner: TokenIndex | null = null;
  private changeTs: string;
  private trade: TradePrint | null = null;
  /** A print's price (token A units) waiting for its batch's timestamp, for the price record. */
  private pendingPrint: number | null = null;
  /** Its own prices, for `/prices-history` (src/sim/price-record.ts). */
  readonly prices: PriceRecord;
  /** Where the order flow drifts to (units of token A). */
  fair: number;

  constructor(
    readonly info: MarketSpec,
    createdTs: string,
    readonly legacy: boolean,
  ) {
    this.hiddenLtp = info.initialMid;
    this.fair = info.initialMid;
    this.changeTs = createdTs;
    this.prices = new PriceRecord(info.conditionId, Number(createdTs), info.initialMid);
  }

  /** Timestamp of the last change to the book: the dump and REST timestamp. */
  get lastChangeTs(): string {
    return this.changeTs;
  }

  set lastChangeTs(timestamp: string) {
    if (timestamp === this.changeTs) return;
    this.changeTs = timestamp;
    // A new batch: its print, else token A's mid, goes on the price record (when one is due).
    const t = Number(timestamp);
    const print = this.pendingPrint;
    this.pendingPrint = null;
    if (!this.prices.due(t)) return;
    if (print !== null) {
      this.prices.note(t, print);
      return;
    }
    const bid = this.book.best(0, 'BUY');
    const ask = this.book.best(0, 'SELL');
    if (bid !== null && ask !== null) this.prices.note(t, (bid + ask) / 2);
  }

  get lastTrade(): TradePrint | null {
    return this.trade;
  }

  set lastTrade(trade: TradePrint | null) {
    this.trade = trade;
    if (trade) this.pendingPrint = trade.token === 0 ? trade.price : PRICE_ONE - trade.price;
  }

  get conditionId(): string {
    return this.info.conditionId;
  }

  assetId(token: TokenIndex): string {
    return this.info.tokens[token].tokenId;
  }

  tokenOf(assetId: string): TokenIndex | null {
    if (this.info.tokens[0].tokenId === assetId) return 0;
    if (this.info.tokens[1].tokenId === assetId) return 1;
    return null;
  }

  tickSize(): string {
    return priceText(this.tick);
  }

  lastTradePrice(): string {
    return this.hiddenLtp === null ? '' : formatPrice3(this.hiddenLtp);
  }

  get status(): MarketStatus {
    return this.statusValue;
  }

  set status(value: MarketStatus) {
    this.statusValue = value;
    this.onMovingChange?.();
  }

  /** False for a pre-open market: known and shown (empty), but the order flow leaves it alone. */
  get open(): boolean {
    return this.openValue;
  }

  set open(value: boolean) {
    this.openValue = value;
    this.onMovingChange?.();
  }

  /** The quiet-market fault: the order flow leaves it alone, so its book and hash stay put. */
  get quiet(): boolean {
    return this.quietValue;
  }

  set quiet(value: boolean) {
    this.quietValue = value;
    this.onMovingChange?.();
  }

  /** Whether the order flow may act on this market. */
  moving(): boolean {
    return this.statusValue === 'live' && this.openValue && !this.quietValue;
  }

  /**
   * The venue hash of `token`'s current book stamped `timestamp` (§6.1; legacy mode: 6 fields).
   * The last one per token is kept with its inputs: a trade's book pair, and a dump of a book that
   * has not moved since its last message, hash what that message's element already hashed.
   */
  hash(token: TokenIndex, timestamp: string): string {
    const bidSide = this.book.ladder(token, 'BUY');
    const askSide = this.book.ladder(token, 'SELL');
    const memo = this.hashMemo[token];
    if (
      memo !== null &&
      memo.timestamp === timestamp &&
      memo.bidsVersion === bidSide.version &&
      memo.asksVersion === askSide.version &&
      memo.tick === this.tick &&
      memo.ltp === this.hiddenLtp
    ) {
      return memo.hash;
    }
    const bids = this.book.levelsJson(token, 'BUY');
    const asks = this.book.levelsJson(token, 'SELL');
    const market = this.conditionId;
    const asset = this.assetId(token);
    const hash = this.legacy
      ? sha1Hex(legacyPreimage(market, asset, timestamp, bids, asks))
      : sha1Hex(
          currentPreimage(market, asset, timestamp, bids, asks, {
            minOrderSize: this.minOrderSize,
            tickSize: this.tickSize(),
            negRisk: this.negRisk,
            lastTradePrice: this.lastTradePrice(),
          }),
        );
    this.hashMemo[token] = { timestamp, bidsVersion: bidSide.version, asksVersion: askSide.version, tick: this.tick, ltp: this.hiddenLtp, hash };
    return hash;
  }

  /** Best bid and ask of a token as the venue spells them inline: empty bid "0", empty ask "1". */
  top(token: TokenIndex): { bid: string; ask: string; spread: string } {
    const bid = this.book.best(token, 'BUY');
    const ask = this.book.best(token, 'SELL');
    return {
      bid: bid === null ? '0' : priceText(bid),
      ask: ask === null ? '1' : priceText(ask),
      spread: bid === null || ask === null ? '' : priceText(ask - bid),
    };
  }

  /** Exact midpoint as a decimal string; an empty side counts as 0 (bids) or 1 (asks). */
  midpoint(token: TokenIndex): string {
    const bid = this.book.best(token, 'BUY') ?? 0;
    const ask = this.book.best(token, 'SELL') ?? PRICE_ONE;
    // (bid + ask) / 2 in units of 0.0001 is (bid + ask) * 5 in units of 0.00001: exact.
    return scaled((bid + ask) * 5, 5);
  }

  /** market, asset_id, timestamp, hash, bids, asks: the head every full book body starts with. */
  private bookHead(token: TokenIndex) {
    const timestamp = this.lastChangeTs;
    return {
      market: this.conditionId,
      asset_id: this.assetId(token),
      timestamp,
      hash: this.hash(token, timestamp),
      bids: this.book.levels(token, 'BUY'),
      asks: this.book.levels(token, 'SELL'),
    };
  }

  restBody(token: TokenIndex): RestBookBody {
    return {
      ...this.bookHead(token),
      min_order_size: this.minOrderSize,
      tick_size: this.tickSize(),
      neg_risk: this.negRisk,
      last_trade_price: this.lastTradePrice(),
    };
  }

  /** An element of the initial dump array (§4.1 key order; legacy: the Jan-2025 order). */
  dumpBody(token: TokenIndex): Record<string, unknown> {
    const head = this.bookHead(token);
    if (this.legacy) return { ...head, event_type: 'book' };
    return { ...head, tick_size: this.tickSize(), event_type: 'book', last_trade_price: this.lastTradePrice() };
  }

  /**
   * `JSON.stringify(this.dumpBody(token))`, written directly: the level JSON is the hash
   * preimage's, so a 5,000-asset dump costs (at most) a hash per book and no level objects.
   */
  dumpJson(token: TokenIndex): string {
    return this.compactBook(token, this.lastChangeTs, this.hash(token, this.lastChangeTs));
  }

  /** A compact book in the dump's key order, stamped `timestamp` with `hash`. */
  private compactBook(token: TokenIndex, timestamp: string, hash: string): string {
    const head =
      `{"market":${JSON.stringify(this.conditionId)},"asset_id":${JSON.stringify(this.assetId(token))},` +
      `"timestamp":${JSON.stringify(timestamp)},"hash":${JSON.stringify(hash)},` +
      `"bids":${this.book.levelsJson(token, 'BUY')},"asks":${this.book.levelsJson(token, 'SELL')}`;
    if (this.legacy) return `${head},"event_type":"book"}`;
    return `${head},"tick_size":${JSON.stringify(this.tickSize())},"event_type":"book","last_trade_price":${JSON.stringify(this.lastTradePrice())}}`;
  }

  /** A mid-stream `book` (resent after trades; §4.1 key order differs from the dump's). */
  midStreamBook(token: TokenIndex, timestamp: string): Record<string, unknown> {
    if (this.legacy) return { ...this.dumpBody(token), timestamp, hash: this.hash(token, timestamp) };
    return {
      market: this.conditionId,
      asset_id: this.assetId(token),
      bids: this.book.levels(token, 'BUY'),
      asks: this.book.levels(token, 'SELL'),
      hash: this.hash(token, timestamp),
      timestamp,
      event_type: 'book',
    };
  }

  /**
   * `eventText(this.midStreamBook(token, timestamp), this.legacy)`, written directly: spaced
   * (current) or a compact one-element array (legacy).
   */
  midStreamBookText(token: TokenIndex, timestamp: string): string {
    const hash = this.hash(token, timestamp);
    if (this.legacy) return `[${this.compactBook(token, timestamp, hash)}]`;
    return (
      `{"market":${JSON.stringify(this.conditionId)}, "asset_id":${JSON.stringify(this.assetId(token))}, ` +
      `"bids":${this.book.levelsSpacedJson(token, 'BUY')}, "asks":${this.book.levelsSpacedJson(token, 'SELL')}, ` +
      `"hash":${JSON.stringify(hash)}, "timestamp":${JSON.stringify(timestamp)}, "event_type":"book"}`
    );
  }

  /** `JSON.stringify(this.midStreamBook(token, timestamp))` (a legacy trade frame's books). */
  midStreamBookJson(token: TokenIndex, timestamp: string): string {
    if (!this.legacy) throw new Error('compact mid-stream books are legacy-only');
    return this.compactBook(token, timestamp, this.hash(token, timestamp));
  }
}
