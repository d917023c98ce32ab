/**
 * Seeded order flow: realistic ladders (every tick from 0.01 to 0.99 populated, deep at the
 * extremes, like the 2026 capture) and one action per step — add to a level, cancel from one, or a
 * taker trade that consumes the best levels. Orders rest as BUYs on either token, so each message
 * leads with the BUY element (§4.2); trades follow §11.7: consumed levels, then the book pair, and
 * a `last_trade_price` print tens of ms later. Legacy (v1) trades follow §13.5 instead: the fills
 * send nothing, and one frame carries both post-trade books and the print.
 */
import type { Side } from '../protocol/events.js';
import { Batch } from './batch.js';
import type { TokenIndex } from './book.js';
import type { MarketState } from './market-state.js';
import type { Rng } from './rng.js';
import { formatMicro, formatPrice, PRICE_ONE } from './units.js';

/** A `last_trade_price` to print after a delay (POLYMARKET.md §4.5: 30–200 ms after its book pair). */
export interface PendingPrint {
  readonly token: TokenIndex;
  readonly price: number;
  readonly sizeMicro: number;
  readonly side: Side;
  readonly delayMs: number;
}

/** A ladder thinner than this gets refilled before anything else happens to it. */
const MIN_LEVELS = 25;
const SHARE_LOTS = [5, 10, 15, 20, 25, 50, 100, 150, 200, 250, 500];
const USD_ORDERS = [1, 2, 5, 10, 20, 25, 50, 100];

export class OrderFlow {
  constructor(private readonly rng: Rng) {}

  /** A size in cents spelled like the capture's: whole, one or two decimals. */
  private restingSize(edgeDistance: number): number {
    const rng = this.rng;
    const gauss = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
    const median = edgeDistance === 0 ? 12_000 : edgeDistance <= 10 ? 3000 / (edgeDistance + 0.5) + 300 : 150;
    const shares = Math.max(5, median * Math.exp(0.5 * gauss));
    const roll = rng.next();
    if (roll < 0.3) return Math.round(shares) * 100;
    if (roll < 0.5) return Math.round(shares * 10) * 10;
    return Math.round(shares * 100);
  }

  /**
   * Fills an empty market's ladders around its initial price, one level per tick, each as a resting
   * BUY: `place(token, price, size)` (default: straight into the book; `openMarket` sends them).
   */
  seed(m: MarketState, place: (token: TokenIndex, price: number, sizeCents: number) => void = (t, p, s) => m.book.set(t, 'BUY', p, s)): void {
    const tick = m.tick;
    const bestBid = m.info.initialMid - (this.rng.chance(0.5) ? 0 : tick);
    const bestAsk = bestBid + tick * this.rng.int(1, 2);
    // A bid on A is a BUY of A; an ask on A is a BUY of B at 1-p.
    for (let p = tick; p <= bestBid; p += tick) place(0, p, this.restingSize((p - tick) / tick));
    for (let p = PRICE_ONE - tick; p >= bestAsk; p -= tick) place(1, PRICE_ONE - p, this.restingSize((PRICE_ONE - tick - p) / tick));
  }

  /** One action on `m` stamped `timestamp`. */
  step(m: MarketState, timestamp: string): { outs: ReturnType<Batch['finish']>; print: PendingPrint | null } {
    const rng = this.rng;
    const batch = new Batch(m, timestamp, () => rng.chance(0.02));
    if (rng.chance(0.03)) m.fair = Math.min(9700, Math.max(300, m.fair + (rng.chance(0.5) ? 100 : -100)));
    let print: PendingPrint | null = null;
    const thin = this.thin(m, true) || this.thin(m, false);
    const roll = rng.next();
    if (thin || roll < 0.45) this.place(m, batch, thin);
    else if (roll < 0.6) this.edge(m, batch);
    else if (roll < 0.9) this.cancel(m, batch);
    else print = this.trade(m, batch);
    if (batch.outs.length === 0) this.place(m, batch, true);
    this.maybeFinerTick(m, batch);
    return { outs: batch.finish(), print };
  }

  /** A side with fewer levels than it has room for (near an extreme the room is small). */
  private thin(m: MarketState, bids: boolean): boolean {
    const ladder = bids ? m.book.bids : m.book.asks;
    const best = ladder.best();
    const room = best === undefined ? MIN_LEVELS : Math.floor((bids ? best.price : PRICE_ONE - best.price) / m.tick);
    return ladder.levels.length < Math.min(MIN_LEVELS, room - 2);
  }

  /** Which of token A's sides to touch: leaning so the book drifts toward `fair`. */
  private bidSide(m: MarketState, towardFair: boolean): boolean {
    const bid = m.book.best(0, 'BUY') ?? 0;
    const ask = m.book.best(0, 'SELL') ?? PRICE_ONE;
    const lean = Math.max(-0.2, Math.min(0.2, (m.fair - (bid + ask) / 2) / 2000));
    return this.rng.chance(0.5 + (towardFair ? lean : -lean));
  }

  /** Adds to a level, mostly near the top; sometimes improves the spread. */
  private place(m: MarketState, batch: Batch, refill: boolean): void {
    const rng = this.rng;
    const tick = m.tick;
    const onBids = refill ? this.thin(m, true) : this.bidSide(m, true);
    const ownBest = m.book.best(0, onBids ? 'BUY' : 'SELL');
    const other = m.book.best(0, onBids ? 'SELL' : 'BUY');
    const dir = onBids ? -1 : 1;
    let price: number;
    if (ownBest === null) price = m.fair;
    else if (refill) price = this.deepestMissing(m, onBids) ?? ownBest + dir * tick * rng.geometric(0.2, 40);
    else if (rng.chance(0.12)) price = ownBest - dir * tick;
    else price = ownBest + dir * tick * rng.geometric(0.25, 40);
    price = Math.round(price / tick) * tick;
    // Never cross: a resting bid stays below the best ask and vice versa.
    if (other !== null && (onBids ? price >= other : price <= other)) price = other + dir * tick;
    if (price < tick || price > PRICE_ONE - tick) return;
    const add = rng.chance(0.6) ? rng.pick(SHARE_LOTS) * 100 : rng.int(500, 30_000);
    const ladder = onBids ? m.book.bids : m.book.asks;
    // A bid on A is a BUY of A; an ask on A is a BUY of B at 1-p.
    if (onBids) batch.change(0, 'BUY', price, ladder.get(price) + add);
    else batch.change(1, 'BUY', PRICE_ONE - price, ladder.get(price) + add);
  }

  /** The empty tick closest to the extreme (0.01 / 0.99), so thin ladders grow back deep. */
  private deepestMissing(m: MarketState, onBids: boolean): number | null {
    const tick = m.tick;
    const best = m.book.best(0, onBids ? 'BUY' : 'SELL');
    if (best === null) return null;
    const ladder = onBids ? m.book.bids : m.book.asks;
    for (let p = onBids ? tick : PRICE_ONE - tick; onBids ? p < best : p > best; p += onBids ? tick : -tick) {
      if (ladder.get(p) === 0) return p;
    }
    return null;
  }

  /**
   * Resizes the deepest level of a side (0.01 on either token) by a few lots: the capture shows a
   * steady trickle of these (POLYMARKET.md §4.2 example lines: "BUY 0.01 13059.5" and the like).
   */
  private edge(m: MarketState, batch: Batch): void {
    const rng = this.rng;
    const onBids = rng.chance(0.5);
    const ladder = onBids ? m.book.bids : m.book.asks;
    const deepest = ladder.levels[0];
    if (!deepest) return;
    const lots = rng.int(1, 20) * 500;
    const size = rng.chance(0.5) || deepest.size <= lots ? deepest.size + lots : deepest.size - lots;
    if (onBids) batch.change(0, 'BUY', deepest.price, size);
    else batch.change(1, 'BUY', PRICE_ONE - deepest.price, size);
  }

  /** Takes size off a level, mostly near the top; small or unlucky levels go entirely. */
  private cancel(m: MarketState, batch: Batch): void {
    const rng = this.rng;
    const onBids = this.bidSide(m, false);
    const ladder = onBids ? m.book.bids : m.book.asks;
    if (ladder.levels.length === 0) return;
    const depth = rng.geometric(0.15, ladder.levels.length - 1);
    const level = ladder.fromBest(depth)!;
    // Whole levels come and go near the top; deep levels only shrink, so ladders stay full (§4.1).
    let size = 0;
    if (depth > 5 || (level.size > 1000 && !rng.chance(0.35))) {
      const cut = rng.chance(0.6) ? rng.int(1, Math.max(1, Math.floor(level.size / 200))) * 100 : rng.int(1, level.size - 1);
      size = Math.max(depth > 5 ? 500 : 0, level.size - cut);
      if (size >= level.size) size = Math.max(1, level.size - 1);
    }
    if (onBids) batch.change(0, 'BUY', level.price, size);
    else batch.change(1, 'BUY', PRICE_ONE - level.price, size);
  }

  /** A taker buys token X, sweeping up to three of its ask levels. */
  private trade(m: MarketState, batch: Batch): PendingPrint | null {
    const rng = this.rng;
    const buyA = this.bidSide(m, true);
    const token: TokenIndex = buyA ? 0 : 1;
    const other: TokenIndex = buyA ? 1 : 0;
    // Token X's asks are the resting BUYs of the other token (A's asks, or A's bids mirrored).
    const ladder = m.book.ladder(token, 'SELL');
    const first = m.book.best(token, 'SELL');
    if (first === null) return null;
    let wantMicro = rng.chance(0.6) ? Math.floor((rng.pick(USD_ORDERS) * 1e10) / first) - 1 : rng.int(1, 120) * 1_000_000;
    let filledMicro = 0;
    let price = first;
    const fills: { price: number; size: number }[] = [];
    for (let i = 0; i < 3 && wantMicro > 0; i++) {
      // Read levels best-first without touching the book: each fill's frame must hash the book
      // after that fill only.
      const level = ladder.fromBest(i);
      if (!level) break;
      price = token === 0 ? level.price : PRICE_ONE - level.price;
      const wantCents = Math.round(wantMicro / 10_000);
      if (wantCents < level.size) {
        fills.push({ price, size: level.size - wantCents });
        filledMicro += wantMicro;
        break;
      }
      fills.push({ price, size: 0 });
      filledMicro += level.size * 10_000;
      wantMicro = rng.chance(0.35) ? wantMicro - level.size * 10_000 : 0;
    }
    if (filledMicro <= 0) return null;
    // The hidden hash input moves with the trade, before its frames are hashed (§6.1, §11.7).
    m.hiddenLtp = price;
    m.lastTrade = { token, price, side: 'BUY' };
    if (m.legacy) {
      for (const fill of fills) batch.silentChange(other, 'BUY', PRICE_ONE - fill.price, fill.size);
      batch.legacyTrade(token, formatPrice(price), formatMicro(filledMicro), 'BUY');
      return null;
    }
    for (const fill of fills) batch.change(other, 'BUY', PRICE_ONE - fill.price, fill.size);
    batch.books();
    return { token, price, sizeMicro: filledMicro, side: 'BUY', delayMs: rng.int(30, 200) };
  }

  /** Near the extremes the venue moves to a finer tick (§4.6: price > 0.96 or < 0.04). */
  private maybeFinerTick(m: MarketState, batch: Batch): void {
    if (m.tick !== 100) return;
    const bid = m.book.best(0, 'BUY');
    const ask = m.book.best(0, 'SELL');
    if ((bid !== null && bid > 9600) || (ask !== null && ask < 400)) batch.tickSize(10, '0.001');
  }
}
