/**
 * `sim --window <seconds>`: recurring up/down markets (one series per coin in WINDOW_COINS), each
 * window lasting that long on the wall clock, aligned to multiples of the window in Unix time as
 * the venue's `btc-updown-5m-<start>` slugs are. At each window's end the next window's market
 * opens first (`new_market`, listed by Gamma, REST books), then the ended one resolves
 * (`market_resolved`, REST 404), so a client that looks for the next window as the old one ends
 * finds it. Only the last few resolved windows of a series stay in the catalog: memory is bounded
 * however long the sim runs.
 */
import { WINDOW_COINS, windowMarket, type MarketSpec } from './catalog.js';
import type { MarketState } from './market-state.js';
import type { Rng } from './rng.js';

/** Resolved windows kept per series (Gamma still lists them as closed). */
const KEPT_RESOLVED = 4;

export interface WindowHooks {
  /** Adds a market with ladders drawn from `ladders` to the catalog; `announce` sends its `new_market`. */
  open(spec: MarketSpec, ladders: Rng, announce: boolean): MarketState;
  /** Resolves a market as the venue does. */
  resolve(m: MarketState): void;
  /** Takes a market out of the catalog. */
  drop(m: MarketState): void;
}

export class WindowRoller {
  private readonly series: MarketState[][] = WINDOW_COINS.map(() => []);
  private timer: NodeJS.Timeout | null = null;
  private made = 0;

  constructor(
    readonly windowMs: number,
    private readonly rng: Rng,
    private readonly hooks: WindowHooks,
    private readonly now: () => number = Date.now,
  ) {
    const start = this.currentStart();
    for (let coin = 0; coin < WINDOW_COINS.length; coin++) this.series[coin]!.push(this.open(coin, start, false));
  }

  /** Start (epoch ms) of the window the wall clock is in. */
  currentStart(): number {
    return Math.floor(this.now() / this.windowMs) * this.windowMs;
  }

  /** The live window of each series. */
  current(): MarketState[] {
    return this.series.map((list) => list.at(-1)!).filter((m) => m.status === 'live');
  }

  start(): void {
    if (this.timer) return;
    this.schedule();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Ends the current windows now: the next ones open, the ended ones resolve. */
  roll(): void {
    const next = Math.max(this.currentStart(), this.lastStart() + this.windowMs);
    for (let coin = 0; coin < WINDOW_COINS.length; coin++) {
      const list = this.series[coin]!;
      const ended = list.at(-1)!;
      list.push(this.open(coin, next, true));
      if (ended.status === 'live') this.hooks.resolve(ended);
      while (list.length > KEPT_RESOLVED + 1) this.hooks.drop(list.shift()!);
    }
  }

  private lastStart(): number {
    return Date.parse(this.series[0]!.at(-1)!.info.startDate);
  }

  private schedule(): void {
    const end = this.lastStart() + this.windowMs;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        // A timer may fire a little early; a window never ends before its end date.
        if (this.now() >= end) this.roll();
        this.schedule();
      },
      Math.max(0, end - this.now()),
    );
    this.timer.unref();
  }

  private open(coin: number, startMs: number, announce: boolean): MarketState {
    const index = this.made++;
    const spec = windowMarket(this.rng.derive(2 * index), coin, startMs, this.windowMs, index);
    return this.hooks.open(spec, this.rng.derive(2 * index + 1), announce);
  }
}
