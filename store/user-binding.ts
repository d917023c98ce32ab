/**
 * Wires the user channel into the store: orders by id (latest state) and trades with their status
 * history. Order and trade events are rare, so each one updates the store directly.
 */
import type { UserFeed } from '../src/feed/user-feed.js';
import type { ConnectionHealth } from '../src/feed/health.js';
import type { OrderEvent, ParsedFrame, UserTradeEvent } from '../src/protocol/events.js';
import { orderIsCanceled, orderIsDone } from '../src/protocol/user-events.js';
import { setHealth, type PolybookStore } from './store.js';
import type { OrderView, UserTradeView } from './types.js';

const TRADE_LIMIT = 200;

/**
 * The status an order is shown with: the venue's own word, so a `CANCELED_<reason>` keeps its
 * reason; a CANCELLATION always reads as done, whatever status it carried.
 */
export function orderViewStatus(event: OrderEvent): string {
  if (event.type === 'CANCELLATION') return event.status !== null && orderIsCanceled(event.status) ? event.status : 'CANCELED';
  return event.status ?? (event.type === 'PLACEMENT' ? 'LIVE' : 'MATCHED');
}

export function applyOrder(store: PolybookStore, event: OrderEvent): void {
  const status = orderViewStatus(event);
  const orders = new Map(store.getState().orders);
  orders.set(event.id, {
    id: event.id,
    market: event.market,
    assetId: event.assetId,
    side: event.side,
    price: event.price,
    originalSize: event.originalSize,
    sizeUnit: event.sizeUnit,
    sizeMatched: event.sizeMatched,
    outcome: event.outcome,
    status,
    timestamp: event.timestamp,
  });
  boundOrders(orders);
  store.setState({ orders });
}

/** Orders kept at most: the oldest finished ones go first, so a flood cannot grow the store. */
export const ORDER_LIMIT = 1000;

function boundOrders(orders: Map<string, OrderView>): void {
  if (orders.size <= ORDER_LIMIT) return;
  for (const [id, order] of orders) {
    if (orders.size <= ORDER_LIMIT) return;
    if (orderIsDone(order.status)) orders.delete(id);
  }
  // Still too many: drop the oldest entries (Map order is insertion order).
  for (const id of orders.keys()) {
    if (orders.size <= ORDER_LIMIT) return;
    orders.delete(id);
  }
}

export function applyUserTrade(store: PolybookStore, event: UserTradeEvent): void {
  const trades = store.getState().userTrades;
  const previous = trades.find((t) => t.id === event.id);
  const history = previous ? (previous.history.at(-1) === event.status ? previous.history : [...previous.history, event.status]) : [event.status];
  const view: UserTradeView = {
    id: event.id,
    market: event.market,
    assetId: event.assetId,
    side: event.side,
    price: event.price,
    size: event.size,
    outcome: event.outcome,
    status: event.status,
    history,
    matchTime: event.matchTime,
    timestamp: event.timestamp,
  };
  const rest = trades.filter((t) => t.id !== event.id);
  store.setState({ userTrades: [view, ...rest].slice(0, TRADE_LIMIT) });
}

/** Binds a user feed to the store; returns an unbind function. */
export function bindUserFeed(feed: UserFeed, store: PolybookStore): () => void {
  // The feed parsed the frame (once, at the edge); the store only applies events.
  const onFrame = (frame: ParsedFrame) => {
    for (const event of frame.events) {
      if (event.kind === 'order') applyOrder(store, event);
      else if (event.kind === 'trade') applyUserTrade(store, event);
    }
  };
  const onHealth = (health: ConnectionHealth) => setHealth(store, health);
  feed.on('parsed', onFrame);
  feed.on('health', onHealth);
  return () => {
    feed.off('parsed', onFrame);
    feed.off('health', onHealth);
  };
}
