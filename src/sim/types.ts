/**
 * The simulator's public types. See README.md in this folder for the URL layout and faults.
 */
import type { FaultOptions } from './faults.js';
import type { Out } from './frames.js';
import type { RestBookBody } from './market-state.js';
import type { PlaceholderSelection } from './placeholder-books.js';
import type { CancelOrderOptions, OrderEndStatus, PlacedOrder, PlaceOrderOptions } from './user-activity.js';
import type { UserCredentials } from './user-auth.js';

export type { CancelOrderOptions, FaultOptions, OrderEndStatus, PlaceholderSelection, RestBookBody, PlacedOrder, PlaceOrderOptions, UserCredentials };

export interface SimOptions {
  /** Interface to bind; default 127.0.0.1. */
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** PRNG seed (default 1): the same seed gives the same markets, ids and event sequence. */
  readonly seed?: number;
  /** Number of binary markets generated at start (default 3). */
  readonly markets?: number;
  /** price_change messages per second across all markets (default 20); 0 = none unless `advance()`. */
  readonly rate?: number;
  /** Path of a capture (.jsonl, one text frame per line) to serve instead of generating. */
  readonly replay?: string;
  readonly faults?: FaultOptions;
  /** The only key set the user channel accepts (default TEST_CREDENTIALS). */
  readonly userCredentials?: UserCredentials;
  /** Connections that send nothing (no PING, no frame, no WebSocket ping) this long are dropped (default 30000). */
  readonly idleTimeoutMs?: number;
  /**
   * Pre-2025-09-15 framing (§11.11, §13.4, §13.5): every frame an array, alphabetical `changes[]`
   * price_change whose root hash is no book hash, 6-field book hash, one `[book, book, print]` frame per trade.
   */
  readonly legacy?: boolean;
  /** Start of the virtual timeline in epoch ms (default now). Fix it (and `rate: 0`) for byte-identical runs. */
  readonly epochMs?: number;
  /**
   * With `rate: 0` only: mean virtual milliseconds between two order-flow steps (default 55, the
   * spacing of 20 msgs/s). A small gap packs many steps into each millisecond, so one market's
   * messages often share a timestamp, as the venue's do when it is busy.
   */
  readonly stepGapMs?: number;
  /**
   * Recurring up/down markets (one series per coin: `btc-updown-<len>`, `eth-updown-<len>`) whose
   * windows last this many seconds (at least 1) of wall-clock time; at each end the next window
   * opens (`new_market`) and the ended one resolves (`market_resolved`).
   */
  readonly windowSec?: number;
}

export interface SimToken {
  readonly tokenId: string;
  readonly outcome: string;
}

/** A market as a client would look it up. */
export interface SimMarket {
  readonly conditionId: string;
  readonly question: string;
  readonly slug: string;
  readonly eventSlug: string;
  /** Gamma market id. */
  readonly gammaId: string;
  /** Gamma event id. */
  readonly eventId: string;
  readonly tokens: readonly SimToken[];
  readonly tickSize: string;
  readonly status: 'live' | 'resolved';
  /** Gamma's `endDate` (ISO). */
  readonly endDate: string;
  /** The Gamma series of a recurring window (`btc-updown-3s`), or null. */
  readonly seriesSlug: string | null;
}

export interface SimUrls {
  /** ws://HOST:PORT/ws/market */
  readonly ws_market: string;
  /** ws://HOST:PORT/ws/user */
  readonly ws_user: string;
  /** http://HOST:PORT (CLOB REST: /book, /books, /midpoint, /price, /tick-size, /markets/{id}, ...) */
  readonly rest: string;
  /** http://HOST:PORT/gamma (Gamma: /markets, /events, /public-search, ...) */
  readonly gamma: string;
}

/** What the market channel has sent: frames and characters handed to sockets, frames still queued. */
export interface MarketDelivery {
  readonly frames: number;
  readonly chars: number;
  readonly queued: number;
}

/** One market-channel frame the sim broadcast (after burst faults), for observability. */
export type SimFrame = Out;

export interface NewMarketOptions {
  /** A pre-open market: empty books, `last_trade_price` "", no order flow until `openMarket`. */
  readonly empty?: boolean;
}

/** User-channel helpers for the test key. */
export interface UserChannelControls {
  readonly credentials: UserCredentials;
  /**
   * Emits `order` PLACEMENT, then (with `fill`) UPDATE and a trade MATCHED → MINED → CONFIRMED.
   * A market (FOK/FAK) BUY takes `amount` (pUSD) instead of `size` (§13.12).
   */
  placeOrder(options: PlaceOrderOptions): PlacedOrder;
  /** Emits `order` CANCELLATION, status `CANCELED` or the one given (`CANCELED_<reason>`, `INVALID`). */
  cancelOrder(orderId: string, options?: CancelOrderOptions): void;
}

export interface Simulator {
  readonly urls: SimUrls;
  readonly port: number;
  markets(): SimMarket[];
  /** The sim's current book of a token as a REST /book body; null when unknown or resolved. */
  truthBook(assetId: string): RestBookBody | null;
  close(): Promise<void>;
  /** Terminates every WebSocket connection (clients see 1006). */
  dropConnections(): void;
  /** Stops (or resumes) market data to every market connection; PING is still answered. */
  stall(on: boolean): void;
  /** Stops (or resumes) answering PING on both channels. */
  mutePong(on: boolean): void;
  /** Sends the malformed-frame set to every subscribed market connection. */
  sendMalformed(): void;
  /** Closes the listener and every client; listens again on the same port after `downMs`. */
  restartListener(downMs: number): Promise<void>;
  /** Zero-size burst removing every level, `market_resolved`, then silence and REST 404. */
  resolveMarket(conditionId: string, winningAssetId?: string): void;
  /** Silently changes one level of the truth (no frame is sent). */
  corruptBook(assetId: string): void;
  /** Changes the market's tick size ("0.001", or 0.001) and sends `tick_size_change` for both tokens. */
  tickSizeChange(assetId: string, newTick: string | number): void;
  /** Adds a market and announces it with `new_market` (custom-feature connections); `empty`: pre-open. */
  newMarket(options?: NewMarketOptions): SimMarket;
  /** Opens a pre-open market: its ladders arrive as one price_change burst, then the order flow moves it. */
  openMarket(conditionId: string): void;
  /** Pauses (resumes) all order flow of one market: no frames for it, its REST book and hash unchanged. */
  quiet(conditionId: string, on: boolean): void;
  /** For these tokens (or 'all', or 'none'), REST `/book` and `/books` answer a 0.01/0.99 placeholder whose hash does not verify (§13.9). */
  placeholderBooks(assetIds: PlaceholderSelection): void;
  /** REST and Gamma requests per route since start or reset, e.g. `{"GET /book": 3, "POST /books": 1}`. */
  restRequests(): Record<string, number>;
  /** The number of token ids in each `POST /books` call, in call order. */
  booksRequestSizes(): number[];
  /** Clears `restRequests()` and `booksRequestSizes()`. */
  resetRestRequests(): void;
  /** Open WebSocket connections, both channels. */
  connections(): number;
  /** The assets each open market connection is subscribed to, as the sim sees them (after `operation` frames). */
  subscriptions(): string[][];
  /** Market-channel frames handed to sockets since start (what clients were sent), and those still queued. */
  marketDelivery(): MarketDelivery;
  /** Runs `steps` order-flow steps now (deterministic; the only flow when `rate` is 0). */
  advance(steps: number): void;
  readonly userChannel: UserChannelControls;
  /** Calls `listener` with every market frame broadcast; returns an unsubscribe function. */
  onFrame(listener: (frame: SimFrame) => void): () => void;
}
