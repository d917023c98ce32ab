/** The NDJSON lines of `polybook orders` (README, "NDJSON output"). */
import type { OrderView, UserTradeView } from '../../store/types.js';

export function orderLine(order: OrderView, now: number): Record<string, unknown> {
  return {
    type: 'order',
    ts: now,
    id: order.id,
    market: order.market,
    asset_id: order.assetId,
    outcome: order.outcome,
    side: order.side,
    price: order.price,
    original_size: order.originalSize,
    // What original_size counts: "pusd" for a market BUY since April 2026, else "shares".
    size_unit: order.sizeUnit,
    size_matched: order.sizeMatched,
    status: order.status,
  };
}

export function userTradeLine(trade: UserTradeView, now: number): Record<string, unknown> {
  return {
    type: 'user_trade',
    ts: now,
    id: trade.id,
    market: trade.market,
    asset_id: trade.assetId,
    outcome: trade.outcome,
    side: trade.side,
    price: trade.price,
    size: trade.size,
    status: trade.status,
    history: trade.history,
    match_time: trade.matchTime,
  };
}
