/**
 * polybook as a library: Polymarket's CLOB feed parsed, applied to exact books, and audited
 * against everything the venue says about itself — without the screen (importing this loads no
 * React or Ink). The simulator is the `polybook/sim` subpath.
 *
 * What is exported here is the public API (semver: a breaking change to any of it is a major
 * version); everything else in the package is internal and may change in any release.
 */

// Wire → normalized events (POLYMARKET.md §3–§7): never throws; bad input is an `invalid` event.
export { parseEvent, parseFrame, parseRestBook } from './protocol/parse-frame.js';
export type {
  BestBidAskEvent,
  BookEvent,
  ControlText,
  Dec,
  FeedEvent,
  InvalidEvent,
  InvalidReason,
  LastTradeEvent,
  Level,
  LevelChange,
  MarketEvent,
  MarketLifecycleEvent,
  OrderEvent,
  ParsedFrame,
  PriceChangeEvent,
  Side,
  TickSizeEvent,
  TradeStatus,
  UnknownEvent,
  UserEvent,
  UserTradeEvent,
  WireGeneration,
} from './protocol/events.js';
export { FrameStats } from './protocol/frame-stats.js';
export { isSafeText, sanitizeText } from './protocol/sanitize.js';
export type { EventRef, MarketRef, OutcomeRef } from './protocol/gamma.js';

// Events → books: exact decimals, audits, fingerprints, analytics.
export { BookEngine, HASH_SAMPLE_MS, type EngineOptions, type Finding, type MarketInfo } from './book/engine.js';
export type { AssetState, Generation, Lifecycle } from './book/asset-state.js';
export type { OrderBook } from './book/order-book.js';
export type { BookSide } from './book/book-side.js';
export { emptyIntegrity, type IntegrityCounters, type IntegrityFinding } from './book/integrity.js';
export type { BookMeta } from './book/hash-audit.js';
export { bookFingerprint, canonicalBookText } from './book/fingerprint.js';
export { analyze, ladder, type AnalyticsOptions, type BookAnalytics, type LadderLevel } from './book/analytics.js';
export { currentPreimage, legacyPreimage, sha1Hex, type HashInputs } from './book/venue-hash.js';
export { restSelfCheck, sameAsRest, type RestSelfCheck } from './book/rest-check.js';
export { bookReports, type BookReport } from './book/report.js';

// The venue: WebSocket feeds (typed events), REST and Gamma, credentials.
export { MarketFeed, type MarketFeedEvents, type MarketFeedOptions, type ConnectionTiming } from './feed/market-feed.js';
export { UserFeed, type UserFeedEvents, type UserFeedOptions } from './feed/user-feed.js';
export type { ConnectionHealth, ConnectionState } from './feed/health.js';
export type { BackoffOptions } from './feed/backoff.js';
export { VenueApi, type RestBook, type VenueApiOptions } from './feed/venue-api.js';
export { ApiCredentials, loadCredentials } from './feed/credentials.js';
export { FeedError } from './feed/errors.js';
export { PolybookError, type CliErrorCode, type ErrorCode, type FeedErrorCode, type GammaErrorCode } from './errors.js';
export { DEFAULT_ASSETS_PER_CONNECTION, DEFAULT_GAMMA_URL, DEFAULT_MARKET_URL, DEFAULT_REST_URL, DEFAULT_USER_URL } from './feed/endpoints.js';

// Books → a zustand vanilla store, published at a bounded rate.
export { createPolybookStore, setDepth, stateSnapshot, watchAssets, type PolybookStore } from '../store/store.js';
export { BookPublisher, type PublisherOptions } from '../store/publisher.js';
export { bindFeed, type FeedBinding } from '../store/feed-binding.js';
export { bindUserFeed } from '../store/user-binding.js';
export type { AssetStatus, AssetView, OrderView, PolybookState, TradeView, UserTradeView } from '../store/types.js';

// Everything `polybook watch` runs, in one object: feed, engine, store, REST bootstrap, resync,
// quiet proofs, an optional recording.
export { WatchSession, type SessionOptions } from './cli/session.js';
export type { ResolvedAsset } from './cli/resolve.js';
export { silentLogger } from './log.js';
