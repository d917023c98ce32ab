/**
 * Normalized, readonly events: what every wire generation of Polymarket's CLOB feed turns into.
 * Everything after `src/protocol/` works with these and never sees raw JSON.
 *
 * Conventions: token ids (`assetId`) are decimal strings of ~77 digits and stay strings; prices and
 * sizes (`Dec`) are canonical decimal strings ("0.5", never "0.50" or ".5"); timestamps are the
 * venue's millisecond strings, kept as sent.
 */

/** A canonical decimal string: see `src/decimal.ts`. */
export type Dec = string;

/** BUY is the bid side, SELL the ask side. */
export type Side = 'BUY' | 'SELL';

/** One price level. */
export interface Level {
  readonly price: Dec;
  readonly size: Dec;
}

/** Which wire generation an event came in (POLYMARKET.md §0). */
export type WireGeneration = 'v0' | 'v1' | 'v2';

/** A full L2 snapshot of one token (`book`, or a REST `/book` body). */
export interface BookEvent {
  readonly kind: 'book';
  readonly market: string;
  readonly assetId: string;
  readonly timestamp: string;
  readonly hash: string;
  /** Best first (descending), whatever order the wire used. */
  readonly bids: readonly Level[];
  /** Best first (ascending), whatever order the wire used. */
  readonly asks: readonly Level[];
  readonly tickSize?: Dec;
  /** As sent ("0.610"): the venue's hash uses this exact spelling. */
  readonly lastTradePrice?: string;
  /**
   * The levels exactly as sent (order and spelling), which is what the venue hashes. Real data
   * sends bids ascending and asks descending, but the official test vectors do not.
   */
  readonly wire: { readonly bids: readonly Level[]; readonly asks: readonly Level[] };
  /** REST only. */
  readonly minOrderSize?: string;
  /** REST only. */
  readonly negRisk?: boolean;
}

/** One level update inside a `price_change`: the new absolute size at `price`; "0" deletes. */
export interface LevelChange {
  readonly assetId: string;
  readonly side: Side;
  readonly price: Dec;
  readonly size: Dec;
  /** The venue's book hash after this change (v0, v2); v1 carries one hash per event instead. */
  readonly hash?: string;
  /** v2 only: the venue's best bid after the change; null when the side is empty ("0" or ""). */
  readonly bestBid?: Dec | null;
  /** v2 only: the venue's best ask after the change; null when the side is empty ("1" or ""). */
  readonly bestAsk?: Dec | null;
}

/** Level updates, from any generation of `price_change`. */
export interface PriceChangeEvent {
  readonly kind: 'price_change';
  readonly generation: WireGeneration;
  readonly market: string;
  readonly timestamp: string;
  readonly changes: readonly LevelChange[];
  /** v1 only: the venue's hash of the book after every change of this event. */
  readonly hash?: string;
}

/** A fill printed on the market channel. */
export interface LastTradeEvent {
  readonly kind: 'last_trade_price';
  readonly market: string;
  readonly assetId: string;
  readonly price: Dec;
  readonly size: Dec | null;
  /** Taker side. */
  readonly side: Side | null;
  readonly feeRateBps: string | null;
  readonly timestamp: string;
  readonly transactionHash: string | null;
}

export interface TickSizeEvent {
  readonly kind: 'tick_size_change';
  readonly market: string;
  readonly assetId: string;
  readonly oldTickSize: Dec;
  readonly newTickSize: Dec;
  readonly timestamp: string;
}

/** Advisory top of book (custom feature). */
export interface BestBidAskEvent {
  readonly kind: 'best_bid_ask';
  readonly market: string;
  readonly assetId: string;
  readonly bestBid: Dec | null;
  readonly bestAsk: Dec | null;
  readonly spread: Dec | null;
  readonly timestamp: string;
}

/** `new_market` and `market_resolved` (custom feature): market lifecycle announcements. */
export interface MarketLifecycleEvent {
  readonly kind: 'new_market' | 'market_resolved';
  /** Condition id: `market`, else `condition_id` (2026 frames carry both). */
  readonly market: string;
  readonly id: string | null;
  readonly question: string | null;
  readonly slug: string | null;
  /**
   * Token ids (digit strings only) from `assets_ids`, `asset_ids` or `clob_token_ids`, whichever
   * spelling holds any; ids that are not digit strings are dropped.
   */
  readonly assetIds: readonly string[];
  /** Labels, index-aligned with `assetIds` when the wire's lists were. */
  readonly outcomes: readonly string[];
  /** `market_resolved`: a digit string, or null when absent, "" or not a token id. */
  readonly winningAssetId: string | null;
  /** `market_resolved`: null when absent or "". */
  readonly winningOutcome: string | null;
  readonly timestamp: string;
}

export type OrderType = 'PLACEMENT' | 'UPDATE' | 'CANCELLATION';

/** User channel: one of the user's own orders changed. */
export interface OrderEvent {
  readonly kind: 'order';
  readonly type: OrderType;
  readonly id: string;
  readonly market: string;
  readonly assetId: string;
  readonly side: Side;
  readonly price: Dec;
  /** In `sizeUnit`: shares, or pUSD for a market (FOK/FAK) BUY since April 2026. */
  readonly originalSize: Dec;
  /**
   * What `originalSize` counts. Since April 2026 a market BUY states the pUSD it spends, not
   * shares (POLYMARKET.md §13.12): "1.01" at 0.01 is 101 shares.
   */
  readonly sizeUnit: 'shares' | 'pusd';
  /** "" on the wire reads as "0". */
  readonly sizeMatched: Dec;
  /** null when absent or "" (2026 orders). */
  readonly outcome: string | null;
  /**
   * As the venue sent it, unknown values included (`CANCELED_<reason>`, `INVALID`, ...), stripped
   * of control characters and bounded in length; null when absent or "".
   */
  readonly status: string | null;
  /** GTC, GTD, FOK, FAK (upper-cased); null when absent or "". */
  readonly orderType: string | null;
  readonly timestamp: string;
}

export type TradeStatus = 'MATCHED' | 'MINED' | 'CONFIRMED' | 'RETRYING' | 'FAILED';

/** User channel: a trade of the user's progressed. */
export interface UserTradeEvent {
  readonly kind: 'trade';
  readonly id: string;
  readonly status: TradeStatus;
  readonly market: string;
  readonly assetId: string;
  readonly side: Side;
  readonly price: Dec;
  readonly size: Dec;
  readonly outcome: string | null;
  /** Seconds string, from `match_time` (real data) or `matchtime` (docs). */
  readonly matchTime: string | null;
  readonly traderSide: string | null;
  readonly transactionHash: string | null;
  readonly timestamp: string;
}

/** An event whose `event_type` this parser does not know; counted, never fatal. */
export interface UnknownEvent {
  readonly kind: 'unknown';
  readonly eventType: string;
}

/** Stable reasons an event was rejected. */
export type InvalidReason =
  | 'malformed_json'
  | 'not_an_object'
  | 'missing_field'
  | 'bad_field_type'
  | 'bad_decimal'
  | 'negative_size'
  | 'bad_side'
  | 'bad_status'
  | 'bad_id'
  | 'bad_timestamp'
  | 'out_of_range'
  | 'too_many_digits'
  | 'too_many_levels'
  | 'too_deep';

/** An event rejected whole: nothing of it reaches a book. */
export interface InvalidEvent {
  readonly kind: 'invalid';
  readonly reason: InvalidReason;
  /** What was wrong, e.g. `price_changes[1].price: "abc"`. */
  readonly detail: string;
  readonly eventType: string | null;
}

export type MarketEvent = BookEvent | PriceChangeEvent | LastTradeEvent | TickSizeEvent | BestBidAskEvent | MarketLifecycleEvent;

export type UserEvent = OrderEvent | UserTradeEvent;

export type FeedEvent = MarketEvent | UserEvent | UnknownEvent | InvalidEvent;

/** Non-JSON text frames the venue sends (POLYMARKET.md §3.3). */
export type ControlText = 'PONG' | 'EMPTY' | 'INVALID OPERATION' | 'NO NEW ASSETS';

/** One WebSocket text frame, parsed. */
export interface ParsedFrame {
  /** Set when the frame was one of the venue's plain-text replies. */
  readonly control: ControlText | null;
  readonly events: readonly FeedEvent[];
}
