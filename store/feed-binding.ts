/**
 * Wires a market feed into the book engine and the store: every frame is parsed once and applied
 * at once; a dropped connection marks its books stale until fresh snapshots arrive; connection
 * health lands in the store's health slot. Other consumers listen to the same feed.
 */
import type { MarketFeed } from '../src/feed/market-feed.js';
import type { ConnectionHealth } from '../src/feed/health.js';
import type { FeedEvent, ParsedFrame } from '../src/protocol/events.js';
import { FrameStats } from '../src/protocol/frame-stats.js';
import type { BookPublisher } from './publisher.js';
import { setHealth } from './store.js';

export interface FeedBinding {
  readonly stats: FrameStats;
  /** Stops listening. */
  readonly unbind: () => void;
}

/** Called with every parsed event, after the engine applied it. */
export type EventListener = (event: FeedEvent) => void;

export function bindFeed(feed: MarketFeed, publisher: BookPublisher, onEvent?: EventListener): FeedBinding {
  const stats = new FrameStats();
  // The feed parsed the frame already (once, for its watchdogs); apply it as one unit.
  const onFrame = (frame: ParsedFrame) => {
    stats.record(frame);
    publisher.handleFrame(frame.events);
    if (onEvent) for (const event of frame.events) onEvent(event);
  };
  const onDown = (assetIds: readonly string[]) => {
    // Everything between the drop and the fresh dump is lost (POLYMARKET.md §5.6).
    for (const id of assetIds) publisher.engine.markStale(id);
    publisher.schedule();
  };
  // A book is live only while its connection is: a connection's state change republishes its books.
  const states = new Map<string, string>();
  publisher.linkConnections((assetId) => feed.stateOf(assetId));
  const onHealth = (health: ConnectionHealth) => {
    if (states.get(health.id) !== health.state) {
      states.set(health.id, health.state);
      // Books first: no reader may see the new connection state beside books still saying live.
      for (const id of feed.assetsOf(health.id)) if (publisher.engine.assets.has(id)) publisher.engine.dirty.add(id);
      publisher.publishNow();
    }
    setHealth(publisher.store, health);
  };
  feed.on('parsed', onFrame);
  feed.on('down', onDown);
  feed.on('health', onHealth);
  return {
    stats,
    unbind: () => {
      feed.off('parsed', onFrame);
      feed.off('down', onDown);
      feed.off('health', onHealth);
    },
  };
}
