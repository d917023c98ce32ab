/**
 * Orders and trades of the test key on the user channel (POLYMARKET.md §7; field sets from the
 * real 2024 events in fixtures/nautilus-2024-2025/ws_order_*.json and ws_user_trade*.json, whose
 * alphabetical key order the docs' examples share). Timestamps are epoch-ms strings; `created_at`,
 * `match_time` and `last_update` are epoch seconds. These events touch no order book.
 *
 * Since April 2026 (§13.12) a market (FOK/FAK) BUY reports the pUSD it spends as `original_size`
 * (1.01 at 0.01 ⇒ up to 101 shares), with `size_matched` and `created_at` "" until it matches;
 * its trade carries the shares.
 */
import type { Side } from '../protocol/events.js';
import type { SimClock } from './clock.js';
import { address, hex32, uuid } from './ids.js';
import type { Rng } from './rng.js';
import type { MarketSimulation } from './simulation.js';
import { formatMicro, formatPrice, parsePrice, parseScaled } from './units.js';
import type { UserCredentials } from './user-auth.js';
import { spacedJson } from './wire-json.js';

export interface PlaceOrderOptions {
  readonly assetId: string;
  readonly side: Side;
  /** Decimal string, e.g. "0.52". */
  readonly price: string;
  /** Shares, e.g. "10" (every order but a market BUY). */
  readonly size?: string;
  /** pUSD to spend, e.g. "1.01": a market (FOK/FAK) BUY only, instead of `size`; its `original_size`. */
  readonly amount?: string;
  /** Shares matched (≤ size, or ≤ amount / price): emits UPDATE and a trade MATCHED → MINED → CONFIRMED. */
  readonly fill?: string;
  readonly orderType?: 'GTC' | 'GTD' | 'FOK' | 'FAK';
  /** Whether the test key took liquidity (default) or was the resting maker. */
  readonly traderSide?: 'TAKER' | 'MAKER';
  /** Milliseconds between lifecycle steps (default 25). */
  readonly stepMs?: number;
  /**
   * Fields sent as "", as real 2026 events have them (§13.12): `outcome` (order and trade events),
   * `fee_rate_bps` (the trade's `maker_orders[]`).
   */
  readonly emptyFields?: readonly ('outcome' | 'fee_rate_bps')[];
}

/** How an order can end besides matching: real events also show `CANCELED_<reason>` and `INVALID` (§7.1). */
export type OrderEndStatus = 'CANCELED' | `CANCELED_${string}` | 'INVALID';

export interface CancelOrderOptions {
  /** The CANCELLATION's status (default `CANCELED`). */
  readonly status?: OrderEndStatus;
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
  /** Shares for a limit order, pUSD for a market BUY. */
  readonly originalSize: string;
  readonly makerFeeRate: string;
  sizeMatched: string;
  trades: string[];
}

/** What an order asks for: `original_size` as reported, and the most shares it can match (micro-shares). */
function orderSize(options: PlaceOrderOptions, price: number): { original: string; shares: number; marketBuy: boolean } {
  const marketBuy = options.side === 'BUY' && (options.orderType === 'FOK' || options.orderType === 'FAK');
  if (marketBuy) {
    if (options.size !== undefined) throw new Error('a market (FOK/FAK) BUY takes amount (pUSD), not size');
    const amount = options.amount === undefined ? null : parseScaled(options.amount, 6);
    if (amount === null || amount <= 0) throw new Error(`amount must be a positive decimal, got "${options.amount}"`);
    // micro-pUSD / (price / 10^4) = micro-shares, rounded down.
    return { original: formatMicro(amount), shares: Math.floor((amount * 10_000) / price), marketBuy };
  }
  if (options.amount !== undefined) throw new Error('amount is for market (FOK/FAK) BUY orders; give size in shares');
  const size = options.size === undefined ? null : parseScaled(options.size, 6);
  if (size === null || size <= 0) throw new Error(`size must be a positive decimal, got "${options.size}"`);
  return { original: formatMicro(size), shares: size, marketBuy };
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
    if (price === null) throw new Error(`price must be a decimal in (0, 1), got "${options.price}"`);
    const { original, shares, marketBuy } = orderSize(options, price);
    const fill = options.fill === undefined ? null : parseScaled(options.fill, 6);
    if (fill !== null && (fill <= 0 || fill > shares)) throw new Error(`fill must be in (0, ${marketBuy ? 'amount / price' : 'size'}], got "${options.fill}"`);
    const empty = new Set(options.emptyFields ?? []);
    const orderId = hex32(this.rng);
    const ms = this.nowMs();
    const record: OrderRecord = {
      options: { ...options, price: formatPrice(price) },
      market: found.market.conditionId,
      outcome: empty.has('outcome') ? '' : found.market.info.tokens[found.token].outcome,
      createdAt: marketBuy ? '' : String(Math.floor(ms / 1000)),
      originalSize: original,
      makerFeeRate: empty.has('fee_rate_bps') ? '' : '0',
      sizeMatched: marketBuy ? '' : '0',
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
        this.emitOrder(orderId, record, 'UPDATE', fill === shares ? 'MATCHED' : 'LIVE');
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

  cancelOrder(orderId: string, options: CancelOrderOptions = {}): void {
    const record = this.orders.get(orderId);
    if (!record) throw new Error(`unknown order ${orderId}`);
    const status = options.status ?? 'CANCELED';
    if (!/^(CANCELED(_.+)?|INVALID)$/.test(status)) throw new Error(`status must be CANCELED, CANCELED_<reason> or INVALID, got "${status}"`);
    this.emitOrder(orderId, record, 'CANCELLATION', status);
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
    this.send(
      r.market,
      spacedJson({
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
        original_size: r.originalSize,
        outcome: r.outcome,
        owner: this.credentials.apiKey,
        price: o.price,
        side: o.side,
        size_matched: r.sizeMatched,
        status,
        timestamp: String(this.nowMs()),
        type,
      }),
    );
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
      maker_orders: [
        {
          asset_id: o.assetId,
          fee_rate_bps: r.makerFeeRate,
          maker_address: taker ? counterparty.maker_address : this.makerAddress,
          matched_amount: size,
          order_id: taker ? counterparty.order_id : orderId,
          outcome: r.outcome,
          owner: taker ? counterparty.owner : this.credentials.apiKey,
          price: o.price,
        },
      ],
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
    this.send(
      body.market as string,
      spacedJson({
        ...body,
        last_update: String(Math.floor(ms / 1000)),
        status,
        timestamp: String(ms),
        transaction_hash: tx,
      }),
    );
  }
}
