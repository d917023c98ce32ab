/**
 * `watch --orders`: the user's own resting orders and fills, as the book screen marks them. Derived
 * from the store's `orders` and `userTrades` (store/user-binding.ts) once per change of those (they
 * change rarely), then looked up per asset: a frame costs a map lookup, not a scan of the orders.
 */
import Big from 'big.js';
import { canonicalDecimal } from '../src/decimal.js';
import { orderIsDone } from '../src/protocol/user-events.js';
import type { OrderView, PolybookState, TradeView, UserTradeView } from './types.js';

/**
 * An asset's resting orders by ladder level: key `b:<price>` (a BUY rests among the bids) or
 * `a:<price>` (a SELL among the asks), canonical price; value the shares still open there, summed
 * over the orders at that price, a canonical decimal.
 */
export type OwnLevels = ReadonlyMap<string, string>;

const NONE: OwnLevels = new Map();
const NO_FILLS: readonly TradeView[] = [];

const levelsCache = new WeakMap<ReadonlyMap<string, OrderView>, Map<string, OwnLevels>>();
const fillsCache = new WeakMap<readonly UserTradeView[], Map<string, readonly TradeView[]>>();

/** Shares an order still offers: original less matched; null when it is not a resting limit order. */
function openShares(order: OrderView): Big | null {
  if (orderIsDone(order.status) || order.sizeUnit !== 'shares') return null;
  try {
    const open = new Big(order.originalSize).minus(order.sizeMatched === '' ? '0' : order.sizeMatched);
    return open.gt(0) ? open : null;
  } catch {
    return null;
  }
}

function buildLevels(orders: ReadonlyMap<string, OrderView>): Map<string, OwnLevels> {
  const sums = new Map<string, Map<string, Big>>();
  for (const order of orders.values()) {
    const open = openShares(order);
    const price = canonicalDecimal(order.price);
    if (open === null || typeof price !== 'string') continue;
    const key = `${order.side === 'BUY' ? 'b' : 'a'}:${price}`;
    let levels = sums.get(order.assetId);
    if (!levels) sums.set(order.assetId, (levels = new Map()));
    levels.set(key, (levels.get(key) ?? new Big(0)).plus(open));
  }
  const out = new Map<string, OwnLevels>();
  for (const [asset, levels] of sums) out.set(asset, new Map([...levels].map(([key, size]) => [key, size.toFixed()])));
  return out;
}

/** The user's open orders on `assetId`'s ladder levels (empty without `--orders` or orders). */
export function ownLevels(state: PolybookState, assetId: string): OwnLevels {
  if (state.orders.size === 0) return NONE;
  let byAsset = levelsCache.get(state.orders);
  if (!byAsset) levelsCache.set(state.orders, (byAsset = buildLevels(state.orders)));
  return byAsset.get(assetId) ?? NONE;
}

/**
 * The user's fills of `assetId` as tape entries (newest first, the user's side), so the tape can
 * show them among the market's prints, marked.
 */
export function ownFills(state: PolybookState, assetId: string): readonly TradeView[] {
  if (state.userTrades.length === 0) return NO_FILLS;
  let byAsset = fillsCache.get(state.userTrades);
  if (!byAsset) {
    byAsset = new Map();
    for (const trade of state.userTrades) {
      const list = (byAsset.get(trade.assetId) ?? []) as TradeView[];
      list.push({ price: trade.price, size: trade.size, side: trade.side, timestamp: trade.timestamp });
      byAsset.set(trade.assetId, list);
    }
    // The store keeps the last updated first; the tape wants the newest by venue time first.
    for (const list of byAsset.values()) (list as TradeView[]).sort((a, b) => Number(b.timestamp) - Number(a.timestamp));
    fillsCache.set(state.userTrades, byAsset);
  }
  return byAsset.get(assetId) ?? NO_FILLS;
}
