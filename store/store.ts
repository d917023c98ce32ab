/**
 * The zustand vanilla store and the plain actions non-React code calls. Components read it with
 * `useStore(store, selector)`; nothing here imports React.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AssetView, ConnectionHealth, PolybookState } from './types.js';

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

/** Replaces the published views of some assets in one state update. */
export function publishAssets(store: PolybookStore, views: readonly AssetView[]): void {
  if (views.length === 0) return;
  const state = store.getState();
  const assets = new Map(state.assets);
  let order = state.order;
  for (const view of views) {
    // An asset published before is in `order` already; only a new one needs the (linear) check.
    if (!assets.has(view.assetId) && !order.includes(view.assetId)) order = [...order, view.assetId];
    assets.set(view.assetId, view);
  }
  store.setState({ assets, order, frame: state.frame + 1 });
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
