/**
 * Derived views for components. Each returns the same object while its inputs keep their identity,
 * so `useStore(store, selector)` does not loop (zustand v5) and memoized rows can skip work.
 */
import type { LadderLevel } from '../src/book/analytics.js';

/** Whether an order is filled, cancelled or otherwise finished (the orders screen dims those). */
export { orderIsDone } from '../src/protocol/user-events.js';
import { mirrorLadder } from '../src/book/pair.js';
import type { AssetView, PolybookState } from './types.js';

const mirrors = new WeakMap<AssetView, { bids: LadderLevel[]; asks: LadderLevel[] }>();

/**
 * The other outcome's ladder seen from `assetId` (its asks as bids at 1 − p, its bids as asks), for
 * showing NO as the mirror of YES; null when the asset has no paired outcome with a book.
 */
export function mirroredLadder(state: PolybookState, assetId: string): { bids: LadderLevel[]; asks: LadderLevel[] } | null {
  const pair = state.assets.get(assetId)?.pair;
  const other = pair ? state.assets.get(pair.assetId) : undefined;
  if (!other) return null;
  let mirrored = mirrors.get(other);
  if (!mirrored) {
    mirrored = mirrorLadder(other);
    mirrors.set(other, mirrored);
  }
  return mirrored;
}
