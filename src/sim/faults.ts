/**
 * Fault knobs shared by the channels, and the two burst transforms the venue is known for
 * (POLYMARKET.md §4.2, §10): same-timestamp runs delivered out of the order the server hashed
 * them, and byte-identical re-sends.
 */
import type { Out } from './frames.js';
import type { Rng } from './rng.js';
import { spacedJson } from './wire-json.js';

/** Fault settings the API and CLI expose (every field optional). */
export interface FaultOptions {
  /** Terminate every connection every N seconds. */
  readonly dropEverySec?: number;
  /** Each market connection goes silent N seconds after subscribing (PING still answered). */
  readonly stallAfterSec?: number;
  /** Never answer PING. */
  readonly noPong?: boolean;
  /** Send the malformed-frame set to every market client every N seconds. */
  readonly malformedEverySec?: number;
  /** Probability that a price_change frame is sent twice, byte for byte. */
  readonly duplicateInBurst?: number;
  /** Probability that a burst's price_change frames are shuffled (hashes keep the server order). */
  readonly reorderInBurst?: number;
  /** Close the listener and every client every N seconds, back after a second. */
  readonly restartEverySec?: number;
  /** A market connection holding more than N assets goes silent, dump included (§13.2; PING still answered). */
  readonly stallAboveAssets?: number;
  /** The first N generated markets start quiet: no order flow until `quiet(id, false)`. */
  readonly quietMarkets?: number;
  /** Every token's REST `/book` and `/books` answer the 0.01/0.99 placeholder (§13.9). */
  readonly placeholderBooks?: boolean;
}

/** Live fault state the connections consult on every send. */
export class FaultState {
  stallAll = false;
  mutePong = false;
  stallAfterMs: number | null = null;
  stallAboveAssets: number | null = null;
  duplicate = 0;
  reorder = 0;

  constructor(options: FaultOptions) {
    this.mutePong = options.noPong === true;
    this.stallAfterMs = options.stallAfterSec === undefined ? null : options.stallAfterSec * 1000;
    this.stallAboveAssets = options.stallAboveAssets ?? null;
    this.duplicate = options.duplicateInBurst ?? 0;
    this.reorder = options.reorderInBurst ?? 0;
  }
}

/** Applies reorder and duplicate to one batch (one timestamp), drawing from the fault stream. */
export function burstFaults(outs: readonly Out[], state: FaultState, rng: Rng): readonly Out[] {
  if (state.reorder <= 0 && state.duplicate <= 0) return outs;
  const list = outs.slice();
  const positions: number[] = [];
  for (let i = 0; i < list.length; i++) if (list[i]!.kind === 'price_change') positions.push(i);
  if (positions.length >= 2 && rng.chance(state.reorder)) {
    const shuffled = rng.shuffle(positions.map((i) => list[i]!));
    positions.forEach((at, k) => {
      list[at] = shuffled[k]!;
    });
  }
  if (state.duplicate <= 0) return list;
  const out: Out[] = [];
  for (const item of list) {
    out.push(item);
    if (item.kind === 'price_change' && rng.chance(state.duplicate)) out.push(item);
  }
  return out;
}

/**
 * The malformed set: truncated JSON, then price_change frames with a non-decimal price, a negative
 * size and a bad side. Each is invalid as a whole, so a correct client drops it and its book stays
 * equal to the truth.
 */
export function malformedFrames(market: string, assetId: string, timestamp: string): string[] {
  const element = (price: string, size: string, side: string): unknown => ({
    asset_id: assetId,
    price,
    size,
    side,
    hash: '0000000000000000000000000000000000000000',
    best_bid: '0.5',
    best_ask: '0.51',
  });
  const frame = (price: string, size: string, side: string): string =>
    spacedJson({ market, price_changes: [element(price, size, side)], timestamp, event_type: 'price_change' });
  const good = frame('0.5', '10', 'BUY');
  return [good.slice(0, Math.floor(good.length / 2)), frame('abc', '10', 'BUY'), frame('0.5', '-10', 'BUY'), frame('0.5', '10', 'HOLD')];
}
