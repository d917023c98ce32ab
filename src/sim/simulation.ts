/**
 * The market side of the sim without any networking: the catalog of markets, the seeded order
 * flow on a virtual timeline, the delayed trade prints, and the on-demand lifecycle actions
 * (resolution, tick size change, new or pre-open market and its opening, quiet markets, silent
 * corruption). Everything it emits goes to one sink as batches of serialized frames; the market
 * channel decides who receives them.
 */
import { Batch } from './batch.js';
import { generateMarket } from './catalog.js';
import type { TokenIndex } from './book.js';
import { SimClock } from './clock.js';
import { OrderFlow, type PendingPrint } from './flow.js';
import { dumpTextOf, lastTradeEvent, type Out } from './frames.js';
import { hex32 } from './ids.js';
import { MarketState } from './market-state.js';
import type { Rng } from './rng.js';
import { formatMicro, formatPrice, PRICE_ONE, TICKS } from './units.js';
import { spacedJson } from './wire-json.js';
import { WindowRoller } from './windows.js';
import type { MarketSpec } from './catalog.js';

/**
 * Average price_change messages one step produces, measured over 100,000 steps at 3 and at 2,500
 * markets (1.0045–1.0050; legacy 0.9002–0.9004): a trade sweeps up to three levels, but most steps
 * send one message, and a v1 (legacy) trade sends none (§13.5). The real-time driver spaces steps by it, so `rate` is what
 * a client receives.
 */
const MESSAGES_PER_STEP = { current: 1.005, legacy: 0.9 } as const;
/**
 * Mean spacing of the advance-only (rate 0) timeline, in virtual ms. It is the figure of the
 * first calibration (1.1 messages a step at 20 msgs/s), kept to the last bit: seeded sessions
 * keep their timestamps, and so their bytes.
 */
const ADVANCE_GAP_MS = (1000 * 1.1) / 20;
/** Steps run per timer callback at most, so a backlog never blocks the event loop. */
const STEP_BUDGET = 500;

interface Pending {
  readonly due: number;
  readonly market: MarketState;
  readonly print: PendingPrint;
}

export interface SimulationOptions {
  readonly rng: Rng;
  readonly markets: number;
  /** price_change messages per second across all markets; 0 = only `advance()` moves the flow. */
  readonly rate: number;
  readonly epochMs: number;
  readonly realtime: boolean;
  readonly legacy: boolean;
  /** Mean virtual ms between steps when `rate` is 0 (default ADVANCE_GAP_MS). */
  readonly stepGapMs?: number;
  /** `sim --window`: recurring up/down markets whose windows last this many wall-clock ms. */
  readonly windowMs?: number;
}

export class MarketSimulation {
  readonly markets: MarketState[] = [];
  readonly clock: SimClock;
  private readonly byAsset = new Map<string, { market: MarketState; token: TokenIndex }>();
  private readonly byCondition = new Map<string, MarketState>();
  /** `markets.filter((m) => m.moving())`, rebuilt only when a market is added or starts or stops moving. */
  private movingList: MarketState[] | null = null;
  private readonly movingChanged = (): void => {
    this.movingList = null;
  };
  private readonly catalogRng: Rng;
  private readonly flow: OrderFlow;
  private readonly flowRng: Rng;
  private readonly printRng: Rng;
  private readonly slugs = new Set<string>();
  private pending: Pending[] = [];
  private nextAt: number;
  private readonly meanGap: number;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  /** The recurring up/down windows (`windowMs`), or null. */
  readonly windows: WindowRoller | null = null;

  constructor(
    private readonly options: SimulationOptions,
    private readonly sink: (outs: readonly Out[]) => void,
  ) {
    this.clock = new SimClock(options.epochMs, options.realtime);
    this.catalogRng = options.rng.derive(1);
    this.flowRng = options.rng.derive(2);
    this.printRng = options.rng.derive(3);
    this.flow = new OrderFlow(this.flowRng);
    const perStep = options.legacy ? MESSAGES_PER_STEP.legacy : MESSAGES_PER_STEP.current;
    this.meanGap = options.rate > 0 ? (1000 * perStep) / options.rate : (options.stepGapMs ?? ADVANCE_GAP_MS);
    this.nextAt = this.flowRng.exp(this.meanGap);
    for (let i = 0; i < options.markets; i++) this.createMarket();
    if (options.windowMs !== undefined)
      this.windows = new WindowRoller(windowMsChecked(options.windowMs), options.rng.derive(7), {
        open: (spec, ladders, announce) => this.openWindow(spec, ladders, announce),
        resolve: (m) => this.resolve(m.conditionId),
        drop: (m) => this.unregister(m),
      });
  }

  /** A window market: its ladders, in the catalog, announced (`new_market`) unless it is the first. */
  private openWindow(spec: MarketSpec, ladders: Rng, announce: boolean): MarketState {
    const m = new MarketState(spec, this.clock.stamp(this.clock.now()), this.options.legacy);
    new OrderFlow(ladders).seed(m);
    this.register(m);
    if (announce) {
      const batch = new Batch(m, m.lastChangeTs);
      batch.lifecycle('new_market');
      this.sink(batch.finish());
    }
    return m;
  }

  /** Takes a market out of the catalog and its indexes (an old window), its pending prints too. */
  private unregister(m: MarketState): void {
    const i = this.markets.indexOf(m);
    if (i >= 0) this.markets.splice(i, 1);
    for (const t of [0, 1] as const) if (this.byAsset.get(m.assetId(t))?.market === m) this.byAsset.delete(m.assetId(t));
    if (this.byCondition.get(m.conditionId) === m) this.byCondition.delete(m.conditionId);
    this.pending = this.pending.filter((p) => p.market !== m);
    m.onMovingChange = null;
    this.movingList = null;
  }

  /** Looks up a token. */
  asset(assetId: string): { market: MarketState; token: TokenIndex } | undefined {
    return this.byAsset.get(assetId);
  }

  market(conditionId: string): MarketState | undefined {
    return this.byCondition.get(conditionId);
  }

  /** Adds a market (seeded metadata and, unless `empty`, ladders); not announced. */
  private createMarket(empty = false): MarketState {
    const index = this.markets.length;
    const info = generateMarket(this.catalogRng, index, this.options.epochMs, this.slugs);
    const m = new MarketState(info, this.clock.stamp(this.clock.now()), this.options.legacy);
    if (empty) {
      // Pre-open: no order and no trade yet, so its books are empty and last_trade_price "" (§13.6).
      m.open = false;
      m.hiddenLtp = null;
    } else {
      new OrderFlow(this.ladderRng(index)).seed(m);
    }
    this.register(m);
    return m;
  }

  /** Adds a market to the catalog and its indexes. */
  private register(m: MarketState): void {
    this.markets.push(m);
    this.byAsset.set(m.assetId(0), { market: m, token: 0 });
    this.byAsset.set(m.assetId(1), { market: m, token: 1 });
    // The first market with an id wins, as a search of the list would find it.
    if (!this.byCondition.has(m.conditionId)) this.byCondition.set(m.conditionId, m);
    m.onMovingChange = this.movingChanged;
    this.movingList = null;
  }

  /**
   * Ladders draw from a stream of their own per market, so adding (or opening) a market never
   * shifts the order flow's draws, and a market opened later gets the ladders it would have had.
   */
  private ladderRng(index: number): Rng {
    return this.catalogRng.derive(100 + index);
  }

  /** The dump frame for the live, known assets among `assets` (in their order); `[]` when none is. */
  dump(assets: readonly string[]): string {
    const seen = new Set<string>();
    const books: string[] = [];
    for (const id of assets) {
      const found = this.byAsset.get(id);
      if (found?.market.status !== 'live' || seen.has(id)) continue;
      seen.add(id);
      books.push(found.market.dumpJson(found.token));
    }
    return dumpTextOf(books);
  }

  /** Starts the real-time driver (no-op when rate is 0). */
  start(): void {
    // Windows follow the wall clock whatever the rate: their end dates are real times.
    this.windows?.start();
    if (this.running || this.options.rate <= 0) return;
    this.running = true;
    this.schedule();
  }

  stop(): void {
    this.windows?.stop();
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Runs `steps` steps of order flow at once (and the prints falling due meanwhile). */
  advance(steps: number): void {
    for (let i = 0; i < steps; i++) {
      this.releasePrints(this.nextAt);
      this.step();
    }
    this.releasePrints(this.nextAt);
  }

  private schedule(): void {
    if (!this.running) return;
    const wait = Math.max(0, this.nextDue() - this.clock.elapsedReal());
    this.timer = setTimeout(this.tick, Math.min(wait, 1000));
  }

  private readonly tick = (): void => {
    this.timer = null;
    const now = this.clock.elapsedReal();
    let budget = STEP_BUDGET;
    while (budget-- > 0 && this.nextDue() <= now) this.runNext();
    if (budget < 0 && this.running) this.timer = setTimeout(this.tick, 0);
    else this.schedule();
  };

  private nextDue(): number {
    const print = this.pending[0];
    return print && print.due < this.nextAt ? print.due : this.nextAt;
  }

  /** Runs whichever comes first on the virtual timeline: a due print or the next step. */
  private runNext(): void {
    const print = this.pending[0];
    if (print && print.due <= this.nextAt) this.releasePrints(print.due);
    else this.step();
  }

  private step(): void {
    const at = this.clock.at(this.nextAt);
    this.nextAt += this.flowRng.exp(this.meanGap);
    const moving = (this.movingList ??= this.markets.filter((m) => m.moving()));
    if (moving.length === 0) return;
    const m = this.flowRng.pick(moving);
    const { outs, print } = this.flow.step(m, this.clock.stamp(at));
    if (print) this.enqueuePrint({ due: at + print.delayMs, market: m, print });
    this.sink(outs);
  }

  private enqueuePrint(p: Pending): void {
    let i = this.pending.length;
    while (i > 0 && this.pending[i - 1]!.due > p.due) i--;
    this.pending.splice(i, 0, p);
  }

  private releasePrints(upTo: number): void {
    while (this.pending.length > 0 && this.pending[0]!.due <= upTo) {
      const { due, market: m, print } = this.pending.shift()!;
      // A quiet market sends nothing at all, its pending prints included. (Legacy trades print at once.)
      if (m.status !== 'live' || m.quiet) continue;
      const ts = this.clock.stamp(this.clock.at(due));
      const event = lastTradeEvent(m, print.token, formatPrice(print.price), formatMicro(print.sizeMicro), print.side, ts, hex32(this.printRng));
      this.sink([
        { kind: 'last_trade_price', market: m.conditionId, assets: [m.assetId(print.token)], audience: 'subscribers', timestamp: ts, text: spacedJson(event) },
      ]);
    }
  }

  /**
   * Resolves a market as the venue does (§4.9): one same-timestamp burst of zero-size mirrored
   * messages removing every level, then `market_resolved`, then silence and REST 404.
   */
  resolve(conditionId: string, winningAssetId?: string): void {
    const m = this.requireMarket(conditionId);
    if (m.status !== 'live') throw new Error(`market ${conditionId} is already resolved`);
    let winner: TokenIndex = (m.book.best(0, 'BUY') ?? 0) * 2 >= PRICE_ONE ? 0 : 1;
    if (winningAssetId !== undefined) {
      const token = m.tokenOf(winningAssetId);
      if (token === null) throw new Error(`asset ${winningAssetId} is not a token of market ${conditionId}`);
      winner = token;
    }
    const batch = new Batch(m, this.clock.stamp(this.clock.now()));
    for (const level of [...m.book.bids.levels].reverse()) batch.change(0, 'BUY', level.price, 0);
    for (const level of [...m.book.asks.levels].reverse()) batch.change(1, 'BUY', PRICE_ONE - level.price, 0);
    m.status = 'resolved';
    m.winner = winner;
    batch.lifecycle('market_resolved');
    this.sink(batch.finish());
  }

  /** Changes a market's tick size on demand and announces it for both tokens. */
  changeTick(assetId: string, newTick: string): void {
    const found = this.byAsset.get(assetId);
    if (!found) throw new Error(`unknown asset ${assetId}`);
    const units = TICKS.get(newTick);
    if (units === undefined) throw new Error(`unknown tick size ${newTick} (known: ${[...TICKS.keys()].join(', ')})`);
    const batch = new Batch(found.market, this.clock.stamp(this.clock.now()));
    batch.tickSize(units, newTick);
    this.sink(batch.finish());
  }

  /** Adds a market (pre-open when `empty`) and announces it (`new_market`, custom-feature connections only). */
  addMarket(empty: boolean): MarketState {
    const m = this.createMarket(empty);
    const batch = new Batch(m, m.lastChangeTs);
    batch.lifecycle('new_market');
    this.sink(batch.finish());
    return m;
  }

  /** Opens a pre-open market: its ladders arrive as one burst of price_change, then the flow moves it. */
  open(conditionId: string): void {
    const m = this.requireMarket(conditionId);
    if (m.status !== 'live' || m.open) throw new Error(`market ${conditionId} is not pre-open`);
    m.open = true;
    const batch = new Batch(m, this.clock.stamp(this.clock.now()));
    new OrderFlow(this.ladderRng(this.markets.indexOf(m))).seed(m, (token, price, size) => batch.change(token, 'BUY', price, size));
    this.sink(batch.finish());
  }

  /** The quiet-market fault: pauses (or resumes) all order flow of one market. */
  quiet(conditionId: string, on: boolean): void {
    this.requireMarket(conditionId).quiet = on;
  }

  /**
   * Silently changes a level of the truth (no frame): the token's second-deepest bid (or ask)
   * grows by one share. The order flow almost never touches that level (the deepest one has its
   * own trickle, and every touch sends an absolute size that would heal the client), so the
   * divergence lasts until the next book pair or a resync.
   */
  corrupt(assetId: string): void {
    const found = this.byAsset.get(assetId);
    if (!found) throw new Error(`unknown asset ${assetId}`);
    const { market: m, token } = found;
    const side = m.book.ladder(token, 'BUY').levels.length > 0 ? 'BUY' : 'SELL';
    const ladder = m.book.ladder(token, side);
    const level = ladder.levels[1] ?? ladder.levels[0];
    if (!level) throw new Error(`asset ${assetId} has an empty book`);
    ladder.set(level.price, level.size + 100);
  }

  private requireMarket(conditionId: string): MarketState {
    const m = this.market(conditionId);
    if (!m) throw new Error(`unknown market ${conditionId}`);
    return m;
  }

  /** Registers a market built elsewhere (replay mode). */
  adopt(m: MarketState): void {
    this.register(m);
  }
}

function windowMsChecked(ms: number): number {
  if (!Number.isFinite(ms) || ms < 1000) throw new RangeError('windowMs must be at least 1000');
  return ms;
}
