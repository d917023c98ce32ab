/**
 * `watch --orders` on the book screen: the user's resting orders as ladder markers ("◆25" on their
 * level, components/ladder-model.ts) and their fills among the tape's prints, marked
 * (components/trade-tape.tsx). Both come from store/own-orders.ts, derived once per change of the
 * user's orders or trades; this turns them into what the screen draws.
 */
import { ownFills, ownLevels, type OwnLevels } from '../store/own-orders.js';
import type { PolybookState, TradeView } from '../store/types.js';
import { abbreviateSize } from './format.js';

export const OWN_ORDER_MARK = '◆';

const NO_MARKS: ReadonlyMap<string, string> = new Map();
const marksCache = new WeakMap<OwnLevels, ReadonlyMap<string, string>>();

/** Marker text by ladder flash key ("b:0.4" → "◆25") for the asset's resting orders. */
export function ownMarks(state: PolybookState, assetId: string | null): ReadonlyMap<string, string> {
  if (assetId === null) return NO_MARKS;
  const levels = ownLevels(state, assetId);
  if (levels.size === 0) return NO_MARKS;
  let marks = marksCache.get(levels);
  if (!marks) {
    marks = new Map([...levels].map(([key, size]) => [key, `${OWN_ORDER_MARK}${abbreviateSize(size)}`]));
    marksCache.set(levels, marks);
  }
  return marks;
}

/**
 * The first `rows` entries of the tape: the market's prints and the user's fills of the asset,
 * newest first by venue time, with the set of those that are the user's.
 */
export function tapeWithFills(
  state: PolybookState,
  assetId: string | null,
  trades: readonly TradeView[],
  rows: number,
): { readonly trades: readonly TradeView[]; readonly mine: ReadonlySet<TradeView> | undefined } {
  const fills = assetId === null ? [] : ownFills(state, assetId);
  if (fills.length === 0) return { trades: trades.slice(0, rows), mine: undefined };
  const out: TradeView[] = [];
  const mine = new Set<TradeView>();
  let i = 0;
  let j = 0;
  // Both lists are newest first: a merge of their heads, only as far as the tape shows.
  while (out.length < rows && (i < trades.length || j < fills.length)) {
    const market = trades[i];
    const fill = fills[j];
    if (fill !== undefined && (market === undefined || Number(fill.timestamp) >= Number(market.timestamp))) {
      out.push(fill);
      mine.add(fill);
      j++;
    } else {
      out.push(market!);
      i++;
    }
  }
  return { trades: out, mine };
}
