/**
 * Numbers a trader reads off a book, computed exactly with big.js on the few levels that matter.
 * Inputs and outputs are canonical decimal strings; nothing here runs per wire message, only when
 * the store publishes a frame.
 */
import BigConstructor from 'big.js';
import type { Dec, Level } from '../protocol/events.js';

// A private big.js constructor: plain notation always (no "1e-7"), 12 places for divisions.
const Big = BigConstructor();
Big.NE = -40;
Big.PE = 40;
Big.DP = 12;

/** Canonical string of a big.js value rounded to `places` (half-even), trailing zeros dropped. */
function fixed(value: BigConstructor.Big, places: number): Dec {
  return Big(value.round(places, Big.roundHalfEven)).toString();
}

/** A level with the running total of sizes from the best price down to it. */
export interface LadderLevel {
  readonly price: Dec;
  readonly size: Dec;
  readonly cumulative: Dec;
}

/** The top `n` levels with cumulative sizes. */
export function ladder(levels: readonly Level[], n: number): LadderLevel[] {
  const out: LadderLevel[] = [];
  let total = Big(0);
  for (let i = 0; i < levels.length && i < n; i++) {
    const level = levels[i]!;
    total = total.plus(level.size);
    out.push({ price: level.price, size: level.size, cumulative: total.toString() });
  }
  return out;
}

export interface AnalyticsOptions {
  /** Levels per side for the imbalance. */
  readonly levels: number;
  /** Ticks from the best price for the depth figures. */
  readonly ticks: number;
  readonly tickSize: Dec | null;
  readonly lastTradePrice: Dec | null;
}

export interface BookAnalytics {
  readonly bestBid: Dec | null;
  readonly bestAsk: Dec | null;
  readonly spread: Dec | null;
  /** Spread in ticks (null without a tick size). */
  readonly spreadTicks: Dec | null;
  readonly mid: Dec | null;
  /** Size-weighted mid: (bid·askSize + ask·bidSize) / (bidSize + askSize), 6 places. */
  readonly microprice: Dec | null;
  /** (bid size − ask size) / (bid size + ask size) over the top `levels` levels, 4 places. */
  readonly imbalance: Dec | null;
  /** Total size within `ticks` ticks of the best price, per side. */
  readonly depthBid: Dec;
  readonly depthAsk: Dec;
  /** What Polymarket displays: the mid, or the last trade when the spread is wider than 0.10. */
  readonly displayPrice: Dec | null;
}

const DISPLAY_SPREAD_LIMIT = Big('0.1');

function sumTop(levels: readonly Level[], n: number): BigConstructor.Big {
  let total = Big(0);
  for (let i = 0; i < levels.length && i < n; i++) total = total.plus(levels[i]!.size);
  return total;
}

function depthWithin(levels: readonly Level[], limit: BigConstructor.Big | null, below: boolean): Dec {
  let total = Big(0);
  for (const level of levels) {
    if (limit !== null) {
      const c = Big(level.price).cmp(limit);
      if (below ? c < 0 : c > 0) break;
    }
    total = total.plus(level.size);
  }
  return total.toString();
}

/** Computes every figure from best-first sides. */
export function analyze(bids: readonly Level[], asks: readonly Level[], options: AnalyticsOptions): BookAnalytics {
  const bid = bids[0];
  const ask = asks[0];
  const tick = options.tickSize === null ? null : Big(options.tickSize);
  let spread: BigConstructor.Big | null = null;
  let mid: Dec | null = null;
  let microprice: Dec | null = null;
  if (bid && ask) {
    const b = Big(bid.price);
    const a = Big(ask.price);
    spread = a.minus(b);
    mid = b.plus(a).div(2).toString();
    const weight = Big(bid.size).plus(ask.size);
    if (weight.gt(0)) microprice = fixed(b.times(ask.size).plus(a.times(bid.size)).div(weight), 6);
  }
  const bidTop = sumTop(bids, options.levels);
  const askTop = sumTop(asks, options.levels);
  const topTotal = bidTop.plus(askTop);
  const imbalance = topTotal.gt(0) ? fixed(bidTop.minus(askTop).div(topTotal), 4) : null;
  const reach = tick === null ? null : tick.times(options.ticks);
  let displayPrice: Dec | null = mid;
  if ((spread === null || spread.gt(DISPLAY_SPREAD_LIMIT)) && options.lastTradePrice !== null) {
    displayPrice = options.lastTradePrice;
  }
  return {
    bestBid: bid?.price ?? null,
    bestAsk: ask?.price ?? null,
    spread: spread?.toString() ?? null,
    spreadTicks: spread !== null && tick !== null && tick.gt(0) ? fixed(spread.div(tick), 2) : null,
    mid,
    microprice,
    imbalance,
    depthBid: bid ? depthWithin(bids, reach === null ? null : Big(bid.price).minus(reach), true) : '0',
    depthAsk: ask ? depthWithin(asks, reach === null ? null : Big(ask.price).plus(reach), false) : '0',
    displayPrice,
  };
}
