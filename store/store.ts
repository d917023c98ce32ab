/**
 * The zustand vanilla store and the plain actions non-React code calls. Components read it with
 * `useStore(store, selector)`; nothing here imports React.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AssetView, ConnectionHealth, FollowView, PolybookState, PriceSeries } from './types.js';

export type PolybookStore = StoreApi<PolybookState>;

export const DEFAULT_DEPTH = 20;

export function createPolybookStore(initial: Partial<PolybookState> = {}): PolybookStore {
  return createStore<PolybookState>()(() => ({
    order: [],
    assets: new Map(),
    health: {},
    depth: DEFAULT_DEPTH,
    frame: 0,
    orders: new Map(),
    userTrades: [],
    history: new Map(),
    alerts: [],
    follow: null,
    ...initial,
  }));
}

/** Sets the watched assets, in display order (duplicates dropped). */
export function watchAssets(store: PolybookStore, assetIds: readonly string[]): void {
  const order = [...new Set([...store.getState().order, ...assetIds])];
  store.setState({ order });
}

/**
 * Replaces the published views of some assets in one state update; `extra` is state derived from
 * the same views (the price history), set in that update too so readers see them together.
 */
export function publishAssets(store: PolybookStore, views: readonly AssetView[], extra?: Partial<PolybookState>): void {
  if (views.length === 0) return;
  const state = store.getState();
  // Updated in place (PolybookState.assets): `frame` says it changed.
  const assets = state.assets as Map<string, AssetView>;
  let order = state.order;
  for (const view of views) {
    // An asset published before is in `order` already; only a new one needs the (linear) check.
    if (!assets.has(view.assetId) && !order.includes(view.assetId)) order = [...order, view.assetId];
    assets.set(view.assetId, view);
  }
  store.setState({ ...extra, assets, order, frame: state.frame + 1 });
}

/**
 * The state as it is now, kept as it is: `assets` and `history` are updated in place by later
 * publishes, so a reader that holds a state (the screen's pause) holds copies of those two.
 */
export function stateSnapshot(state: PolybookState): PolybookState {
  return { ...state, assets: new Map(state.assets), history: new Map(state.history) };
}

/** Records a connection's health (the feed calls this on every state change). */
export function setHealth(store: PolybookStore, health: ConnectionHealth): void {
  const current = store.getState().health;
  store.setState({ health: { ...current, [health.id]: health } });
}

/** Ladder depth, clamped to 1..200 levels per side. */
export function setDepth(store: PolybookStore, depth: number): void {
  store.setState({ depth: Math.max(1, Math.min(200, Math.round(depth))) });
}

/**
 * Stops showing assets (removed from the session while it runs): out of `order`, their views and
 * their price history dropped. The same state when none of them is shown.
 */
export function dropAssets(store: PolybookStore, assetIds: readonly string[]): void {
  const drop = new Set(assetIds);
  const state = store.getState();
  if (!state.order.some((id) => drop.has(id)) && !assetIds.some((id) => state.assets.has(id) || state.history.has(id))) return;
  const assets = state.assets as Map<string, AssetView>;
  const history = state.history as Map<string, PriceSeries>;
  for (const id of drop) {
    assets.delete(id);
    history.delete(id);
  }
  store.setState({ order: state.order.filter((id) => !drop.has(id)), assets, history, frame: state.frame + 1 });
}

/** Sets (or clears) what `watch --follow` shows: the series, its current window and the last roll. */
export function setFollow(store: PolybookStore, follow: FollowView | null): void {
  store.setState({ follow });
}
