/**
 * Numbers a trader reads off a book, computed exactly on the few levels that matter. Inputs and
 * outputs are canonical decimal strings; nothing here runs per wire message, only when the store
 * publishes a frame — but then for every changed asset, so sums and differences use the
 * allocation-free exact arithmetic of fixed.ts, and big.js only divides (microprice, imbalance)
 * or takes over for values beyond fixed.ts's bounds.
 */
import BigConstructor from 'big.js';
import type { Dec, Level } from '../protocol/events.js';
import { DecimalSum, divideRounded, halfUnitsText, priceUnits, ratioText, unitsText } from './fixed.js';

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
  const sum = new DecimalSum();
  let big: BigConstructor.Big | null = null;
  for (let i = 0; i < levels.length && i < n; i++) {
    const level = levels[i]!;
    if (big === null && !sum.add(level.size)) big = Big(sum.toString());
    if (big !== null) big = big.plus(level.size);
    out.push({ price: level.price, size: level.size, cumulative: big === null ? sum.toString() : big.toString() });
  }
  return out;
}

/** The exact sum of some levels' sizes, as a canonical decimal. */
function sizeSum(levels: readonly Level[], count: (level: Level, index: number) => boolean): Dec {
  const sum = new DecimalSum();
  let big: BigConstructor.Big | null = null;
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i]!;
    if (!count(level, i)) break;
    if (big === null && !sum.add(level.size)) big = Big(sum.toString());
    if (big !== null) big = big.plus(level.size);
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
function depthWithin(levels: readonly Level[], tick: Dec | null, ticks: number, bids: boolean): Dec {
  const best = levels[0];
  if (!best) return '0';
  if (tick === null) return sizeSum(levels, () => true);
  const t = priceUnits(tick);
  const b = priceUnits(best.price);
  if (t !== null && b !== null) {
    const limit = bids ? b - t * ticks : b + t * ticks;
    return sizeSum(levels, (level) => {
      const p = priceUnits(level.price);
      if (p === null) return false;
      return bids ? p >= limit : p <= limit;
    });
  }
  const reach = Big(tick).times(ticks);
  const limit = bids ? Big(best.price).minus(reach) : Big(best.price).plus(reach);
  return sizeSum(levels, (level) => (bids ? !Big(level.price).lt(limit) : !Big(level.price).gt(limit)));
}

/** ask − bid, exact; (a + b) / 2; spread / tick to 2 places: in price units when they fit. */
function topFigures(bid: Level, ask: Level, tick: Dec | null): { spread: Dec; mid: Dec; spreadTicks: Dec | null; wide: boolean } {
  const b = priceUnits(bid.price);
  const a = priceUnits(ask.price);
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
  const spread = Big(ask.price).minus(bid.price);
  const bigTick = tick === null ? null : Big(tick);
  return {
    spread: spread.toString(),
    mid: Big(bid.price).plus(ask.price).div(2).toString(),
    spreadTicks: bigTick?.gt(0) ? fixed(spread.div(bigTick), 2) : null,
    wide: spread.gt(DISPLAY_SPREAD_LIMIT),
  };
}

/**
 * (bid·askSize + ask·bidSize) / (bidSize + askSize), 6 places; null when both sizes are 0. The
 * products are formed with big.js, the division (the costly part) in BigInt.
 */
function micro(bid: Level, ask: Level): Dec | null {
  const weight = Big(bid.size).plus(ask.size);
  if (!weight.gt(0)) return null;
  const numerator = Big(bid.price).times(ask.size).plus(Big(ask.price).times(bid.size));
  return divideRounded(numerator.toString(), weight.toString(), 6) ?? fixed(numerator.div(weight), 6);
}

/** (b − a) / (b + a), 4 places. */
function imbalanceOf(bidTop: Dec, askTop: Dec): Dec {
  const b = Big(bidTop);
  const a = Big(askTop);
  return divideRounded(b.minus(a).toString(), b.plus(a).toString(), 4) ?? fixed(b.minus(a).div(b.plus(a)), 4);
}

/** Computes every figure from best-first sides. */
export function analyze(bids: readonly Level[], asks: readonly Level[], options: AnalyticsOptions): BookAnalytics {
  const bid = bids[0];
  const ask = asks[0];
  const top = bid && ask ? topFigures(bid, ask, options.tickSize) : null;
  const microprice = bid && ask ? micro(bid, ask) : null;
  const bidTop = sizeSum(bids, (_level, i) => i < options.levels);
  const askTop = sizeSum(asks, (_level, i) => i < options.levels);
  const imbalance = bidTop !== '0' || askTop !== '0' ? imbalanceOf(bidTop, askTop) : null;
  let displayPrice: Dec | null = top?.mid ?? null;
  if ((top === null || top.wide) && options.lastTradePrice !== null) displayPrice = options.lastTradePrice;
  return {
    bestBid: bid?.price ?? null,
    bestAsk: ask?.price ?? null,
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
