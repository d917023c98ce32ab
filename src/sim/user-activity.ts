/**
 * Orders and trades of the test key on the user channel (POLYMARKET.md §7; field sets from the
 * real 2024 events in fixtures/nautilus-2024-2025/ws_order_*.json and ws_user_trade*.json, whose
 * alphabetical key order the docs' examples share). Timestamps are epoch-ms strings; `created_at`,
 * `match_time` and `last_update` are epoch seconds. These events touch no order book.
 */
import type { Side } from '../protocol/events.js';
import type { SimClock } from './clock.js';
import { address, hex32, uuid } from './ids.js';
import type { Rng } from './rng.js';
import type { MarketSimulation } from './simulation.js';
import { formatMicro, formatPrice, parsePrice, parseScaled } from './units.js';
import type { UserCredentials } from './user-channel.js';
import { spacedJson } from './wire-json.js';

export interface PlaceOrderOptions {
  readonly assetId: string;
  readonly side: Side;
  /** Decimal string, e.g. "0.52". */
  readonly price: string;
  /** Shares, e.g. "10". */
  readonly size: string;
  /** Shares matched (≤ size): emits UPDATE and a trade MATCHED → MINED → CONFIRMED. */
  readonly fill?: string;
  readonly orderType?: 'GTC' | 'GTD' | 'FOK' | 'FAK';
  /** Whether the test key took liquidity (default) or was the resting maker. */
  readonly traderSide?: 'TAKER' | 'MAKER';
  /** Milliseconds between lifecycle steps (default 25). */
  readonly stepMs?: number;
}

export interface PlacedOrder {
  readonly orderId: string;
  readonly tradeId: string | null;
  /** Resolves after the last lifecycle event was queued. */
  readonly done: Promise<void>;
}

interface OrderRecord {
  readonly options: PlaceOrderOptions;
  readonly market: string;
  readonly outcome: string;
  readonly createdAt: string;
  sizeMatched: string;
  trades: string[];
}

export class UserActivity {
  private readonly orders = new Map<string, OrderRecord>();
  private readonly makerAddress: string;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly sim: MarketSimulation,
    private readonly clock: SimClock,
    private readonly rng: Rng,
    private readonly credentials: UserCredentials,
    private readonly send: (market: string, text: string) => void,
  ) {
    this.makerAddress = address(rng);
  }

  placeOrder(options: PlaceOrderOptions): PlacedOrder {
    const found = this.sim.asset(options.assetId);
    if (!found) throw new Error(`unknown asset ${options.assetId}`);
    const price = parsePrice(options.price);
    const size = parseScaled(options.size, 6);
    const fill = options.fill === undefined ? null : parseScaled(options.fill, 6);
    if (price === null) throw new Error(`price must be a decimal in (0, 1), got "${options.price}"`);
    if (size === null || size <= 0) throw new Error(`size must be a positive decimal, got "${options.size}"`);
    if (fill !== null && (fill <= 0 || fill > size)) throw new Error(`fill must be in (0, size], got "${options.fill}"`);
    const orderId = hex32(this.rng);
    const ms = this.nowMs();
    const record: OrderRecord = {
      options: { ...options, price: formatPrice(price), size: formatMicro(size) },
      market: found.market.conditionId,
      outcome: found.market.info.tokens[found.token].outcome,
      createdAt: String(Math.floor(ms / 1000)),
      sizeMatched: '0',
      trades: [],
    };
    this.orders.set(orderId, record);
    this.emitOrder(orderId, record, 'PLACEMENT', 'LIVE');
    if (fill === null) return { orderId, tradeId: null, done: Promise.resolve() };
    const tradeId = uuid(this.rng);
    const trade = this.tradeBody(orderId, record, tradeId, formatMicro(fill), ms);
    const step = options.stepMs ?? 25;
    const done = new Promise<void>((resolve) => {
      this.later(step, () => {
        record.sizeMatched = formatMicro(fill);
        record.trades.push(tradeId);
        this.emitOrder(orderId, record, 'UPDATE', fill === size ? 'MATCHED' : 'LIVE');
        this.emitTrade(trade, 'MATCHED', null);
      });
      const tx = hex32(this.rng);
      this.later(step * 2, () => this.emitTrade(trade, 'MINED', tx));
      this.later(step * 3, () => {
        this.emitTrade(trade, 'CONFIRMED', tx);
        resolve();
      });
    });
    return { orderId, tradeId, done };
  }

  cancelOrder(orderId: string): void {
    const record = this.orders.get(orderId);
    if (!record) throw new Error(`unknown order ${orderId}`);
    this.emitOrder(orderId, record, 'CANCELLATION', 'CANCELED');
    this.orders.delete(orderId);
  }

  /** Stops pending lifecycle steps (on close). */
  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  private nowMs(): number {
    return Number(this.clock.stamp(this.clock.now()));
  }

  private emitOrder(id: string, r: OrderRecord, type: 'PLACEMENT' | 'UPDATE' | 'CANCELLATION', status: string): void {
    const o = r.options;
    this.send(r.market, spacedJson({
      asset_id: o.assetId,
      associate_trades: r.trades.length > 0 ? r.trades : null,
      created_at: r.createdAt,
      event_type: 'order',
      expiration: '0',
      id,
      maker_address: this.makerAddress,
      market: r.market,
      order_owner: this.credentials.apiKey,
      order_type: o.orderType ?? 'GTC',
      original_size: o.size,
      outcome: r.outcome,
      owner: this.credentials.apiKey,
      price: o.price,
      side: o.side,
      size_matched: r.sizeMatched,
      status,
      timestamp: String(this.nowMs()),
      type,
    }));
  }

  private tradeBody(orderId: string, r: OrderRecord, tradeId: string, size: string, ms: number): Record<string, unknown> {
    const o = r.options;
    const taker = (o.traderSide ?? 'TAKER') === 'TAKER';
    const counterparty = { order_id: hex32(this.rng), owner: uuid(this.rng), maker_address: address(this.rng) };
    const seconds = String(Math.floor(ms / 1000));
    return {
      asset_id: o.assetId,
      bucket_index: 0,
      event_type: 'trade',
      fee_rate_bps: '0',
      id: tradeId,
      last_update: seconds,
      maker_address: taker ? counterparty.maker_address : this.makerAddress,
      maker_orders: [{
        asset_id: o.assetId,
        fee_rate_bps: '0',
        maker_address: taker ? counterparty.maker_address : this.makerAddress,
        matched_amount: size,
        order_id: taker ? counterparty.order_id : orderId,
        outcome: r.outcome,
        owner: taker ? counterparty.owner : this.credentials.apiKey,
        price: o.price,
      }],
      market: r.market,
      match_time: seconds,
      outcome: r.outcome,
      owner: this.credentials.apiKey,
      price: o.price,
      side: o.side,
      size,
      status: 'MATCHED',
      taker_order_id: taker ? orderId : counterparty.order_id,
      timestamp: String(ms),
      trade_owner: this.credentials.apiKey,
      trader_side: taker ? 'TAKER' : 'MAKER',
      transaction_hash: null,
      type: 'TRADE',
    };
  }

  private emitTrade(body: Record<string, unknown>, status: 'MATCHED' | 'MINED' | 'CONFIRMED', tx: string | null): void {
    const ms = this.nowMs();
    this.send(body.market as string, spacedJson({
      ...body,
      last_update: String(Math.floor(ms / 1000)),
      status,
      timestamp: String(ms),
      transaction_hash: tx,
    }));
  }
}
