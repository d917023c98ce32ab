/**
 * `polybook sim --user-activity`: now and then an order of the test key, through the same
 * `userChannel.placeOrder` / `cancelOrder` a test would call, so `polybook orders` has something
 * to show offline. A cycle of four, one step per period, on a live market picked from the seed:
 *
 *   1. a limit BUY resting at the best bid (PLACEMENT, LIVE);
 *   2. a limit SELL at the best ask, partly filled (UPDATE, and a trade MATCHED → MINED → CONFIRMED);
 *   3. a market (FOK) BUY for a few pUSD, filled (its `original_size` in pUSD, §13.12);
 *   4. the oldest resting order cancelled (CANCELLATION).
 *
 * These events touch no order book, as everywhere in the sim (README.md, "User channel").
 */
import { mixSeed, Rng } from './rng.js';
import type { Simulator } from './types.js';

export interface UserActivityLoopOptions {
  /** Milliseconds between two steps. */
  readonly everyMs: number;
  /** The sim's seed: the same seed, the same sequence of orders (markets, sides, sizes). */
  readonly seed: number;
  /** Milliseconds between an order's lifecycle steps (default 300, slow enough to watch). */
  readonly stepMs?: number;
}

export interface UserActivityLoop {
  /** Orders placed so far. */
  placed(): number;
  stop(): void;
}

/** The best price of a REST body's side (the venue lists bids and asks best last). */
function best(levels: readonly { readonly price: string }[]): string | null {
  return levels.at(-1)?.price ?? null;
}

export function startUserActivityLoop(sim: Simulator, options: UserActivityLoopOptions): UserActivityLoop {
  const rng = new Rng(mixSeed(options.seed, 0x75736572));
  const stepMs = options.stepMs ?? 300;
  const resting: string[] = [];
  let step = 0;
  let placed = 0;
  const tick = (): void => {
    const kind = step++ % 4;
    if (kind === 3 && resting.length > 0) {
      try {
        sim.userChannel.cancelOrder(resting.shift()!);
      } catch {
        // Gone already (its market resolved): nothing to cancel.
      }
      return;
    }
    const markets = sim.markets().filter((m) => m.status === 'live');
    if (markets.length === 0) return;
    const market = rng.pick(markets);
    const token = rng.pick(market.tokens);
    const book = sim.truthBook(token.tokenId);
    if (!book) return;
    const bid = best(book.bids);
    const ask = best(book.asks);
    try {
      if (kind === 0 && bid) {
        resting.push(sim.userChannel.placeOrder({ assetId: token.tokenId, side: 'BUY', price: bid, size: String(rng.int(5, 50)), stepMs }).orderId);
        placed++;
      } else if (kind === 1 && ask) {
        const size = rng.int(10, 40);
        sim.userChannel.placeOrder({ assetId: token.tokenId, side: 'SELL', price: ask, size: String(size), fill: String(rng.int(1, size)), stepMs });
        placed++;
      } else if (ask) {
        // A market BUY spends pUSD; it fills the whole shares that amount buys at the ask, less one.
        const amount = rng.int(2, 20);
        const shares = Math.floor(amount / Number(ask)) - 1;
        if (shares < 1) return;
        sim.userChannel.placeOrder({ assetId: token.tokenId, side: 'BUY', price: ask, amount: String(amount), orderType: 'FOK', fill: String(shares), stepMs });
        placed++;
      }
    } catch {
      // A market that resolved between the pick and the order: the next step tries another.
    }
  };
  const timer = setInterval(tick, options.everyMs);
  timer.unref();
  return {
    placed: () => placed,
    stop: () => clearInterval(timer),
  };
}
