/**
 * The simulator's public types. See README.md in this folder for the URL layout and faults.
 */
import type { FaultOptions } from './faults.js';
import type { Out } from './frames.js';
import type { RestBookBody } from './market-state.js';
import type { PlacedOrder, PlaceOrderOptions } from './user-activity.js';
import type { UserCredentials } from './user-channel.js';

export type { FaultOptions, RestBookBody, PlacedOrder, PlaceOrderOptions, UserCredentials };

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
  /** Pre-2025-09-15 framing: every frame an array, `changes[]` price_change, 6-field hash (§11.11). */
  readonly legacy?: boolean;
  /** Start of the virtual timeline in epoch ms (default now). Fix it (and `rate: 0`) for byte-identical runs. */
  readonly epochMs?: number;
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

/** One market-channel frame the sim broadcast (after burst faults), for observability. */
export type SimFrame = Out;

/** User-channel helpers for the test key. */
export interface UserChannelControls {
  readonly credentials: UserCredentials;
  /** Emits `order` PLACEMENT, then (with `fill`) UPDATE and a trade MATCHED → MINED → CONFIRMED. */
  placeOrder(options: PlaceOrderOptions): PlacedOrder;
  /** Emits `order` CANCELLATION. */
  cancelOrder(orderId: string): void;
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
  /** Adds a market and announces it with `new_market` (custom-feature connections). */
  newMarket(): SimMarket;
  /** Open WebSocket connections, both channels. */
  connections(): number;
  /** Runs `steps` order-flow steps now (deterministic; the only flow when `rate` is 0). */
  advance(steps: number): void;
  readonly userChannel: UserChannelControls;
  /** Calls `listener` with every market frame broadcast; returns an unsubscribe function. */
  onFrame(listener: (frame: SimFrame) => void): () => void;
}
