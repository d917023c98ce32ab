/**
 * Which asset is on screen, as pure functions of the chosen id and the store state, so key
 * handlers can apply them as functional state updates (two keys in one tick both count).
 */
import type { PolybookState } from '../store/types.js';

/** The chosen asset while it is watched, else the first. */
export function selectedAsset(chosen: string | null, order: readonly string[]): string | null {
  return chosen !== null && order.includes(chosen) ? chosen : (order[0] ?? null);
}

/** The asset `step` places away, wrapping around. */
export function stepAsset(chosen: string | null, order: readonly string[], step: number): string | null {
  if (order.length === 0) return chosen;
  const current = selectedAsset(chosen, order);
  const index = current === null ? 0 : order.indexOf(current);
  return order[(((index + step) % order.length) + order.length) % order.length]!;
}

/** The 0-based `index`th asset, or the current one when there is none. */
export function jumpAsset(chosen: string | null, order: readonly string[], index: number): string | null {
  return order[index] ?? chosen;
}

/**
 * The other outcome of the selected asset's market: its recorded pair when watched, else the next
 * watched asset of the same market; the current one when there is none.
 */
export function otherOutcome(chosen: string | null, state: PolybookState): string | null {
  const current = selectedAsset(chosen, state.order);
  const view = current === null ? undefined : state.assets.get(current);
  if (!view) return chosen;
  const siblings = state.order.filter((id) => id !== view.assetId && state.assets.get(id)?.market === view.market);
  const pair = view.pair?.assetId;
  if (pair !== undefined && siblings.includes(pair)) return pair;
  const after = siblings.find((id) => state.order.indexOf(id) > state.order.indexOf(view.assetId));
  return after ?? siblings[0] ?? current;
}
