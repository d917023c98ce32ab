/**
 * Wires the parts into one running venue: the simulation (or a replayed capture) feeds the market
 * channel through the burst faults; HTTP requests are counted and go to CLOB REST (through the
 * placeholder-book fault) or Gamma; timers drive the periodic faults and the idle sweep.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { burstFaults, FaultState, malformedFrames, type FaultOptions } from './faults.js';
import type { Out } from './frames.js';
import { GAMMA_PREFIX, gammaRoute } from './gamma.js';
import { json, readBody, send, type Reply } from './http-util.js';
import { MarketChannel, type MarketConn, type MarketSource } from './market-channel.js';
import type { MarketState } from './market-state.js';
import { PlaceholderBooks, type PlaceholderSelection } from './placeholder-books.js';
import type { CaptureFeed } from './capture.js';
import { clobRoute, type RestHooks } from './rest.js';
import { RestLog } from './rest-log.js';
import type { Rng } from './rng.js';
import { SimServer } from './server.js';
import type { MarketSimulation } from './simulation.js';
import type { MarketDelivery, NewMarketOptions, RestBookBody, SimFrame, SimMarket, Simulator, SimUrls, UserChannelControls } from './types.js';
import { UserActivity } from './user-activity.js';
import { UserChannel, type UserCredentials } from './user-channel.js';

export interface SimParts {
  readonly sim: MarketSimulation;
  readonly capture: CaptureFeed | null;
  readonly rng: Rng;
  readonly faults: FaultOptions;
  readonly credentials: UserCredentials;
  readonly idleTimeoutMs: number;
}

function toSimMarket(m: MarketState): SimMarket {
  const info = m.info;
  return {
    conditionId: info.conditionId,
    question: info.question,
    slug: info.slug,
    eventSlug: info.event.slug,
    gammaId: info.gammaId,
    eventId: info.event.id,
    tokens: info.tokens.map((t) => ({ tokenId: t.tokenId, outcome: t.outcome })),
    tickSize: m.tickSize(),
    status: m.status,
    endDate: info.endDate,
    seriesSlug: info.series?.slug ?? null,
  };
}

export class RunningSimulator implements Simulator {
  urls: SimUrls = { ws_market: '', ws_user: '', rest: '', gamma: '' };
  readonly userChannel: UserChannelControls;
  private readonly server: SimServer;
  private readonly market: MarketChannel;
  private readonly user: UserChannel;
  private readonly faultState: FaultState;
  private readonly faultRng: Rng;
  private readonly activity: UserActivity;
  private readonly listeners = new Set<(frame: SimFrame) => void>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly sim: MarketSimulation;
  private readonly placeholders = new PlaceholderBooks();
  private readonly restLog = new RestLog();
  private readonly restHooks: RestHooks;

  constructor(private readonly parts: SimParts) {
    this.sim = parts.sim;
    this.faultState = new FaultState(parts.faults);
    this.faultRng = parts.rng.derive(4);
    if (!parts.capture) for (const m of this.sim.markets.slice(0, parts.faults.quietMarkets ?? 0)) m.quiet = true;
    if (parts.faults.placeholderBooks) this.placeholders.select('all');
    this.restHooks = {
      book: (m, t) => this.placeholders.book(m, t, () => this.sim.clock.stamp(this.sim.clock.now())),
      booksRequested: (count) => this.restLog.booksRequested(count),
    };
    const feed: MarketSource = parts.capture ?? { subscribed: (conn, assets, initial) => this.sendDump(conn, assets, initial) };
    this.market = new MarketChannel(feed, this.faultState);
    this.user = new UserChannel(parts.credentials, this.faultState);
    this.activity = new UserActivity(this.sim, this.sim.clock, parts.rng.derive(5), parts.credentials, (market, text) => this.user.deliver(market, text));
    this.userChannel = {
      credentials: parts.credentials,
      placeOrder: (options) => this.activity.placeOrder(options),
      cancelOrder: (orderId, options) => this.activity.cancelOrder(orderId, options),
    };
    this.server = new SimServer({
      market: (ws) => this.market.accept(ws),
      user: (ws) => this.user.accept(ws),
      request: (req, res) => void this.onRequest(req, res),
    });
  }

  get port(): number {
    return this.server.port;
  }

  /** Receives every batch from the simulation. */
  readonly broadcast = (outs: readonly Out[]): void => {
    const list = burstFaults(outs, this.faultState, this.faultRng);
    this.market.deliver(list);
    for (const listener of this.listeners) for (const out of list) listener(out);
  };

  async start(host: string, port: number): Promise<void> {
    const bound = await this.server.listen(host, port);
    const h = host.includes(':') ? `[${host}]` : host;
    this.urls = {
      ws_market: `ws://${h}:${bound}/ws/market`,
      ws_user: `ws://${h}:${bound}/ws/user`,
      rest: `http://${h}:${bound}`,
      gamma: `http://${h}:${bound}${GAMMA_PREFIX}`,
    };
    const f = this.parts.faults;
    const idle = this.parts.idleTimeoutMs;
    this.every(Math.max(20, Math.min(1000, idle / 4)), () => {
      this.market.sweepIdle(idle);
      this.user.sweepIdle(idle);
    });
    if (f.dropEverySec) this.every(f.dropEverySec * 1000, () => this.dropConnections());
    if (f.malformedEverySec) this.every(f.malformedEverySec * 1000, () => this.sendMalformed());
    if (f.restartEverySec) {
      const period = f.restartEverySec * 1000;
      this.every(period, () => void this.restartListener(Math.min(1000, period / 2)));
    }
    this.sim.start();
  }

  private every(ms: number, run: () => void): void {
    const timer = setInterval(run, ms);
    timer.unref();
    this.timers.push(timer);
  }

  /** Answers a subscription's new assets: their dump, or `[]` when none is known and live (§13.6). */
  private sendDump(conn: MarketConn, assets: readonly string[], initial: boolean): void {
    // Nothing new (an empty list, or only assets the connection already has): no reply (§13.13).
    if (assets.length === 0 || (initial && !conn.wantsDump)) return;
    conn.sendData(this.sim.dump(assets));
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim');
    const method = req.method ?? 'GET';
    this.restLog.request(method, url.pathname);
    let reply: Reply | null;
    if (url.pathname === GAMMA_PREFIX || url.pathname.startsWith(`${GAMMA_PREFIX}/`)) {
      const path = url.pathname.slice(GAMMA_PREFIX.length).replace(/\/+$/, '') || '/';
      reply = method === 'GET' ? gammaRoute(this.sim, path, url.searchParams) : null;
    } else {
      reply = clobRoute(this.sim, method, url, method === 'POST' ? await readBody(req) : null, this.restHooks);
    }
    send(res, reply ?? json(404, { error: 'not found' }));
  }

  markets(): SimMarket[] {
    return this.sim.markets.map(toSimMarket);
  }

  truthBook(assetId: string): RestBookBody | null {
    const found = this.sim.asset(assetId);
    return found && found.market.status === 'live' ? found.market.restBody(found.token) : null;
  }

  async close(): Promise<void> {
    this.sim.stop();
    this.parts.capture?.stop();
    this.activity.stop();
    for (const timer of this.timers) clearInterval(timer);
    await this.server.close();
  }

  dropConnections(): void {
    this.server.terminateClients();
  }

  stall(on: boolean): void {
    this.faultState.stallAll = on;
  }

  mutePong(on: boolean): void {
    this.faultState.mutePong = on;
  }

  sendMalformed(): void {
    const ts = this.sim.clock.stamp(this.sim.clock.now());
    for (const conn of this.market.conns) {
      if (!conn.subscribed) continue;
      const asset = conn.assets.values().next().value ?? this.sim.markets[0]?.assetId(0) ?? '0';
      const market = this.sim.asset(asset)?.market.conditionId ?? `0x${'0'.repeat(64)}`;
      for (const text of malformedFrames(market, asset, ts)) conn.sendData(text);
    }
  }

  restartListener(downMs: number): Promise<void> {
    return this.server.restart(downMs);
  }

  private generatedOnly(what: string): void {
    if (this.parts.capture) throw new Error(`${what} is not available in replay mode`);
  }

  resolveMarket(conditionId: string, winningAssetId?: string): void {
    this.generatedOnly('resolveMarket');
    this.sim.resolve(conditionId, winningAssetId);
  }

  corruptBook(assetId: string): void {
    this.generatedOnly('corruptBook');
    this.sim.corrupt(assetId);
  }

  tickSizeChange(assetId: string, newTick: string | number): void {
    this.generatedOnly('tickSizeChange');
    this.sim.changeTick(assetId, String(newTick));
  }

  newMarket(options: NewMarketOptions = {}): SimMarket {
    this.generatedOnly('newMarket');
    return toSimMarket(this.sim.addMarket(options.empty === true));
  }

  openMarket(conditionId: string): void {
    this.generatedOnly('openMarket');
    this.sim.open(conditionId);
  }

  quiet(conditionId: string, on: boolean): void {
    this.generatedOnly('quiet');
    this.sim.quiet(conditionId, on);
  }

  placeholderBooks(assetIds: PlaceholderSelection): void {
    this.placeholders.select(assetIds);
  }

  restRequests(): Record<string, number> {
    return this.restLog.requests();
  }

  booksRequestSizes(): number[] {
    return this.restLog.booksSizes();
  }

  resetRestRequests(): void {
    this.restLog.reset();
  }

  connections(): number {
    return this.server.connections();
  }

  subscriptions(): string[][] {
    return [...this.market.conns].filter((c) => c.subscribed).map((c) => [...c.assets]);
  }

  marketDelivery(): MarketDelivery {
    return { frames: this.market.delivered.frames, chars: this.market.delivered.chars, queued: this.market.queued() };
  }

  advance(steps: number): void {
    this.generatedOnly('advance');
    this.sim.advance(steps);
  }

  onFrame(listener: (frame: SimFrame) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
