/**
 * One matching-engine action on one market: every frame it causes shares one timestamp (a burst,
 * POLYMARKET.md §4.2). The batch applies each level change to the truth first and then serializes
 * it, so every element's hash is the token's book after that element (§6.1).
 */
import type { Side } from '../protocol/events.js';
import type { TokenIndex } from './book.js';
import { bestBidAskEvent, eventText, legacyTradeText, lifecycleEvent, priceChangeText, tickSizeEvent, type Out } from './frames.js';
import type { MarketState } from './market-state.js';

function topKey(m: MarketState, token: TokenIndex): string {
  const top = m.top(token);
  return `${top.bid}/${top.ask}`;
}

export class Batch {
  readonly outs: Out[] = [];
  private readonly topsBefore: readonly [string, string];

  constructor(
    readonly market: MarketState,
    readonly timestamp: string,
    /** Whether the next message puts its SELL element first (a seeded draw). */
    private readonly sellFirst: () => boolean = () => false,
  ) {
    this.topsBefore = [topKey(market, 0), topKey(market, 1)];
  }

  private get assets(): readonly string[] {
    return [this.market.assetId(0), this.market.assetId(1)];
  }

  /** Sets a level of `token` (price in that token's terms) and emits the mirrored price_change. */
  change(token: TokenIndex, side: Side, price: number, sizeCents: number): void {
    const m = this.market;
    m.book.set(token, side, price, sizeCents);
    m.lastChangeTs = this.timestamp;
    this.outs.push({
      kind: 'price_change',
      market: m.conditionId,
      assets: this.assets,
      audience: 'subscribers',
      timestamp: this.timestamp,
      text: priceChangeText(m, token, side, price, sizeCents, this.timestamp, this.sellFirst()),
    });
  }

  /** Sets a level without a frame: a v1 fill, which only the trade frame's books showed (§13.5). */
  silentChange(token: TokenIndex, side: Side, price: number, sizeCents: number): void {
    this.market.book.set(token, side, price, sizeCents);
    this.market.lastChangeTs = this.timestamp;
  }

  /** A v1 trade: ONE frame with both post-trade books and the print (§13.5). */
  legacyTrade(token: TokenIndex, price: string, size: string, side: Side): void {
    const m = this.market;
    this.outs.push({
      kind: 'trade',
      market: m.conditionId,
      assets: this.assets,
      audience: 'subscribers',
      timestamp: this.timestamp,
      text: legacyTradeText(m, token, price, size, side, this.timestamp),
    });
  }

  /** The mid-stream `book` pair sent after a trade: both tokens, one timestamp (§4.1). */
  books(): void {
    const m = this.market;
    for (const token of [0, 1] as const) {
      this.outs.push({
        kind: 'book',
        market: m.conditionId,
        assets: [m.assetId(token)],
        audience: 'subscribers',
        timestamp: this.timestamp,
        text: m.midStreamBookText(token, this.timestamp),
      });
    }
  }

  /** Changes the market's tick (both tokens) and announces it per token (§4.6). */
  tickSize(newTick: number, newTickText: string): void {
    const m = this.market;
    const oldText = m.tickSize();
    m.tick = newTick;
    for (const token of [0, 1] as const) {
      this.outs.push({
        kind: 'tick_size_change',
        market: m.conditionId,
        assets: [m.assetId(token)],
        audience: 'subscribers',
        timestamp: this.timestamp,
        text: eventText(tickSizeEvent(m, token, oldText, newTickText, this.timestamp), m.legacy),
      });
    }
  }

  /** `new_market` / `market_resolved`: global announcements to custom-feature connections. */
  lifecycle(kind: 'new_market' | 'market_resolved'): void {
    const m = this.market;
    this.outs.push({
      kind,
      market: m.conditionId,
      assets: this.assets,
      audience: 'custom-all',
      timestamp: this.timestamp,
      text: eventText(lifecycleEvent(m, kind, this.timestamp), m.legacy),
    });
  }

  /** Ends the batch: a `best_bid_ask` per token whose top of book changed (custom feature, §4.7). */
  finish(): Out[] {
    const m = this.market;
    if (m.legacy || m.status !== 'live') return this.outs;
    for (const token of [0, 1] as const) {
      if (topKey(m, token) === this.topsBefore[token]) continue;
      this.outs.push({
        kind: 'best_bid_ask',
        market: m.conditionId,
        assets: [m.assetId(token)],
        audience: 'custom-subscribers',
        timestamp: this.timestamp,
        text: eventText(bestBidAskEvent(m, token, this.timestamp), false),
      });
    }
    return this.outs;
  }
}
