/**
 * Numbers a trader reads off a book, computed exactly on the few levels that matter. Inputs and
 * outputs are canonical decimal strings; nothing here runs per wire message, only when the store
 * publishes a frame — but then for every changed asset, so sums and differences use the
 * allocation-free exact arithmetic of fixed.ts, and big.js only divides (microprice, imbalance)
 * or takes over for values beyond fixed.ts's bounds.
 */
import BigConstructor from 'big.js';
import type { Dec } from '../protocol/events.js';
import { DecimalSum, divideRounded, halfUnitsText, priceUnits, ratioText, unitsText } from './fixed.js';
import { columnsOf, type LevelColumns, type Levels } from './levels.js';

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
export function ladder(levels: Levels, n: number): LadderLevel[] {
  const { prices, sizes } = columnsOf(levels);
  const out: LadderLevel[] = [];
  const sum = new DecimalSum();
  let big: BigConstructor.Big | null = null;
  for (let i = 0; i < prices.length && i < n; i++) {
    const size = sizes[i]!;
    if (big === null && !sum.add(size)) big = Big(sum.toString());
    if (big !== null) big = big.plus(size);
    out.push({ price: prices[i]!, size, cumulative: big === null ? sum.toString() : big.toString() });
  }
  return out;
}

/** The exact sum of the sizes of the first levels, while `count(price, index)` holds. */
function sizeSum(levels: LevelColumns, count: (price: Dec, index: number) => boolean): Dec {
  const { prices, sizes } = levels;
  const sum = new DecimalSum();
  let big: BigConstructor.Big | null = null;
  for (let i = 0; i < prices.length; i++) {
    if (!count(prices[i]!, i)) break;
    const size = sizes[i]!;
    if (big === null && !sum.add(size)) big = Big(sum.toString());
    if (big !== null) big = big.plus(size);
  }
  return big === null ? sum.toString() : big.toString();
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

/**
 * Total size of the levels within `ticks` ticks of the best price (every level without a tick
 * size): in price units when they fit, else with big.js.
 */
function depthWithin(levels: LevelColumns, tick: Dec | null, ticks: number, bids: boolean): Dec {
  const best = levels.prices[0];
  if (best === undefined) return '0';
  if (tick === null) return sizeSum(levels, () => true);
  const t = priceUnits(tick);
  const b = priceUnits(best);
  if (t !== null && b !== null) {
    const limit = bids ? b - t * ticks : b + t * ticks;
    return sizeSum(levels, (price) => {
      const p = priceUnits(price);
      if (p === null) return false;
      return bids ? p >= limit : p <= limit;
    });
  }
  const reach = Big(tick).times(ticks);
  const limit = bids ? Big(best).minus(reach) : Big(best).plus(reach);
  return sizeSum(levels, (price) => (bids ? !Big(price).lt(limit) : !Big(price).gt(limit)));
}

/** ask − bid, exact; (a + b) / 2; spread / tick to 2 places: in price units when they fit. */
function topFigures(bid: Dec, ask: Dec, tick: Dec | null): { spread: Dec; mid: Dec; spreadTicks: Dec | null; wide: boolean } {
  const b = priceUnits(bid);
  const a = priceUnits(ask);
  const t = tick === null ? null : priceUnits(tick);
  if (b !== null && a !== null && (tick === null || t !== null)) {
    const spread = a - b;
    const ticks = t === null || t <= 0 ? null : ratioText(Math.abs(spread), t, 2);
    return {
      spread: unitsText(spread),
      mid: halfUnitsText(a + b),
      spreadTicks: ticks === null ? null : spread < 0 && ticks !== '0' ? `-${ticks}` : ticks,
      wide: spread > 1000,
    };
  }
  const spread = Big(ask).minus(bid);
  const bigTick = tick === null ? null : Big(tick);
  return {
    spread: spread.toString(),
    mid: Big(bid).plus(ask).div(2).toString(),
    spreadTicks: bigTick?.gt(0) ? fixed(spread.div(bigTick), 2) : null,
    wide: spread.gt(DISPLAY_SPREAD_LIMIT),
  };
}

/**
 * (bid·askSize + ask·bidSize) / (bidSize + askSize), 6 places; null when both sizes are 0. The
 * products are formed with big.js, the division (the costly part) in BigInt.
 */
function micro(bid: Dec, bidSize: Dec, ask: Dec, askSize: Dec): Dec | null {
  const weight = Big(bidSize).plus(askSize);
  if (!weight.gt(0)) return null;
  const numerator = Big(bid).times(askSize).plus(Big(ask).times(bidSize));
  return divideRounded(numerator.toString(), weight.toString(), 6) ?? fixed(numerator.div(weight), 6);
}

/** (b − a) / (b + a), 4 places. */
function imbalanceOf(bidTop: Dec, askTop: Dec): Dec {
  const b = Big(bidTop);
  const a = Big(askTop);
  return divideRounded(b.minus(a).toString(), b.plus(a).toString(), 4) ?? fixed(b.minus(a).div(b.plus(a)), 4);
}

/** Computes every figure from best-first sides. */
export function analyze(bidLevels: Levels, askLevels: Levels, options: AnalyticsOptions): BookAnalytics {
  const bids = columnsOf(bidLevels);
  const asks = columnsOf(askLevels);
  const bid = bids.prices[0];
  const ask = asks.prices[0];
  const both = bid !== undefined && ask !== undefined;
  const top = both ? topFigures(bid, ask, options.tickSize) : null;
  const microprice = both ? micro(bid, bids.sizes[0]!, ask, asks.sizes[0]!) : null;
  const bidTop = sizeSum(bids, (_price, i) => i < options.levels);
  const askTop = sizeSum(asks, (_price, i) => i < options.levels);
  const imbalance = bidTop !== '0' || askTop !== '0' ? imbalanceOf(bidTop, askTop) : null;
  let displayPrice: Dec | null = top?.mid ?? null;
  if ((top === null || top.wide) && options.lastTradePrice !== null) displayPrice = options.lastTradePrice;
  return {
    bestBid: bid ?? null,
    bestAsk: ask ?? null,
    spread: top?.spread ?? null,
    spreadTicks: top?.spreadTicks ?? null,
    mid: top?.mid ?? null,
    microprice,
    imbalance,
    depthBid: depthWithin(bids, options.tickSize, options.ticks, true),
    depthAsk: depthWithin(asks, options.tickSize, options.ticks, false),
    displayPrice,
  };
}
