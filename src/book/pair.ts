/**
 * The two outcomes of a binary market mirror each other: a bid for YES at p is an ask for NO at
 * 1 − p (POLYMARKET.md §4.2, verified on every real message). These helpers turn one outcome's book
 * into the other's view, and measure how far the two books disagree.
 */
import BigConstructor from 'big.js';
import type { LadderLevel } from './analytics.js';

const Big = BigConstructor();
Big.NE = -40;
Big.PE = 40;

const ONE = Big(1);

/** The complement price 1 − p, exact. */
export function complement(price: string): string {
  return ONE.minus(price).toString();
}

/**
 * The other outcome's ladder seen from this outcome: its asks become bids at 1 − p and its bids
 * become asks, best first, cumulative sizes carried over.
 */
export function mirrorLadder(other: { readonly bids: readonly LadderLevel[]; readonly asks: readonly LadderLevel[] }): {
  bids: LadderLevel[];
  asks: LadderLevel[];
} {
  const flip = (levels: readonly LadderLevel[]) => levels.map((l) => ({ price: complement(l.price), size: l.size, cumulative: l.cumulative }));
  return { bids: flip(other.asks), asks: flip(other.bids) };
}

/**
 * Largest gap between this outcome's top of book and the mirror of the other's (bid vs 1 − ask,
 * ask vs 1 − bid), or null when a side is missing on either.
 */
export function pairGap(
  mine: { readonly bestBid: string | null; readonly bestAsk: string | null },
  other: { readonly bestBid: string | null; readonly bestAsk: string | null },
): string | null {
  const gaps: BigConstructor.Big[] = [];
  if (mine.bestBid !== null && other.bestAsk !== null) gaps.push(Big(mine.bestBid).minus(complement(other.bestAsk)).abs());
  if (mine.bestAsk !== null && other.bestBid !== null) gaps.push(Big(mine.bestAsk).minus(complement(other.bestBid)).abs());
  if (gaps.length === 0) return null;
  return gaps.reduce((a, b) => (a.gt(b) ? a : b)).toString();
}

/** True when the gap is more than one tick. */
export function pairDisagrees(gap: string | null, tickSize: string | null): boolean {
  if (gap === null) return false;
  return Big(gap).gt(tickSize ?? '0.01');
}
