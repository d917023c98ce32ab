/**
 * Counts what a stream carried: frames, events by wire type, rejected and unknown events, and the
 * venue's plain-text replies. Used by `replay`, the feed's health figures and the benchmarks.
 */
import type { FeedEvent, InvalidReason, ParsedFrame } from './events.js';

/** Wire names of the event kinds, as the JSON output counts them. */
const WIRE_NAME: Record<string, string> = {
  book: 'book',
  price_change: 'price_change',
  last_trade_price: 'last_trade_price',
  tick_size_change: 'tick_size_change',
  best_bid_ask: 'best_bid_ask',
  new_market: 'new_market',
  market_resolved: 'market_resolved',
  order: 'order',
  trade: 'trade',
};

export class FrameStats {
  frames = 0;
  readonly events: Record<string, number> = {};
  invalid = 0;
  readonly invalidReasons: Partial<Record<InvalidReason, number>> = {};
  unknown = 0;
  /** Keyed by server text, so a Map: "__proto__" is a name like any other here. */
  readonly unknownTypes = new Map<string, number>();
  readonly control: Record<string, number> = {};

  /** Counts one parsed frame. */
  record(frame: ParsedFrame): void {
    this.frames++;
    if (frame.control !== null) this.control[frame.control] = (this.control[frame.control] ?? 0) + 1;
    for (const event of frame.events) this.recordEvent(event);
  }

  recordEvent(event: FeedEvent): void {
    if (event.kind === 'invalid') {
      this.invalid++;
      this.invalidReasons[event.reason] = (this.invalidReasons[event.reason] ?? 0) + 1;
    } else if (event.kind === 'unknown') {
      this.unknown++;
      if (this.unknownTypes.size < 100 || this.unknownTypes.has(event.eventType))
        this.unknownTypes.set(event.eventType, (this.unknownTypes.get(event.eventType) ?? 0) + 1);
    } else {
      const name = WIRE_NAME[event.kind] ?? event.kind;
      this.events[name] = (this.events[name] ?? 0) + 1;
    }
  }
}
