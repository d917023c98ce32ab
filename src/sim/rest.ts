/**
 * CLOB REST (POLYMARKET.md §8), market data only. Bodies are compact JSON in the venue's key
 * orders (fixtures rest-book.json, nautilus rest_clob_market.json).
 *
 * `/price?side=BUY` answers the best bid and `side=SELL` the best ask: what production did when a
 * 2026 client probed it (§8, contradicting the docs). Unknown or resolved tokens answer 404 with
 * the venue's exact body (fixture rest-book-404-after-resolution.json). What `/book` and `/books`
 * show of a live token, and who hears of each `/books` call, the simulator decides (`RestHooks`).
 */
import type { TokenIndex } from './book.js';
import { json, type Reply } from './http-util.js';
import type { MarketState, RestBookBody } from './market-state.js';
import type { MarketSimulation } from './simulation.js';
import { formatPrice, PRICE_ONE } from './units.js';

export const NO_ORDERBOOK = { error: 'No orderbook exists for the requested token id' } as const;

const INVALID = json(400, { error: 'Invalid payload' });

export interface RestHooks {
  /** The body `/book` and `/books` show for a live token: its truth, or a placeholder (§13.9). */
  book(m: MarketState, t: TokenIndex): RestBookBody;
  /** Called with the number of token ids of each well-formed `POST /books`. */
  booksRequested(count: number): void;
}

/** The live market and token of `token_id`, or the 400/404 reply to give instead. */
function liveToken(sim: MarketSimulation, params: URLSearchParams): { m: MarketState; t: TokenIndex } | Reply {
  const id = params.get('token_id');
  if (!id) return INVALID;
  const found = sim.asset(id);
  if (found?.market.status !== 'live') return json(404, NO_ORDERBOOK);
  return { m: found.market, t: found.token };
}

function isReply(value: object): value is Reply {
  return 'status' in value;
}

/** Answers a CLOB REST request, or null when the path is not a CLOB route. */
export function clobRoute(sim: MarketSimulation, method: string, url: URL, body: string | null, hooks: RestHooks): Reply | null {
  const path = url.pathname.replace(/\/+$/, '') || '/';
  if (method === 'POST' && path === '/books') return books(sim, body, hooks);
  if (path.startsWith('/markets/') && method === 'GET') {
    const m = sim.market(decodeURIComponent(path.slice('/markets/'.length)));
    return m ? json(200, clobMarket(m)) : json(404, { error: 'market not found' });
  }
  if (method !== 'GET') return null;
  if (path === '/time') return { status: 200, body: String(Math.floor(Date.now() / 1000)) };
  if (path === '/prices-history') return pricesHistory(sim, url.searchParams);
  const handler = TOKEN_ROUTES[path];
  if (!handler) return null;
  const found = liveToken(sim, url.searchParams);
  if (isReply(found)) return found;
  return handler(found.m, found.t, url.searchParams, hooks);
}

type TokenRoute = (m: MarketState, t: TokenIndex, params: URLSearchParams, hooks: RestHooks) => Reply;

const TOKEN_ROUTES: Record<string, TokenRoute> = {
  '/book': (m, t, _params, hooks) => json(200, hooks.book(m, t)),
  '/midpoint': (m, t) => json(200, { mid: m.midpoint(t) }),
  '/spread': (m, t) => json(200, { spread: m.top(t).spread }),
  '/tick-size': (m) => json(200, { minimum_tick_size: Number(m.tickSize()) }),
  '/neg-risk': (m) => json(200, { neg_risk: m.negRisk }),
  '/price': (m, t, params) => {
    const side = params.get('side')?.toUpperCase();
    if (side !== 'BUY' && side !== 'SELL') return json(400, { error: 'Invalid side' });
    const top = m.top(t);
    return json(200, { price: side === 'BUY' ? top.bid : top.ask });
  },
  '/last-trade-price': (m, t) => {
    const trade = m.lastTrade;
    if (!trade) return json(200, { price: m.lastTradePrice(), side: '' });
    const price = trade.token === t ? trade.price : 10_000 - trade.price;
    return json(200, { price: formatPrice(price), side: trade.token === t ? trade.side : trade.side === 'BUY' ? 'SELL' : 'BUY' });
  },
};

/** `/prices-history?interval=`: a window ending now (1m is a month). */
const INTERVAL_MS: Record<string, number> = {
  '1h': 3_600_000,
  '6h': 6 * 3_600_000,
  '1d': 86_400_000,
  '1w': 7 * 86_400_000,
  '1m': 30 * 86_400_000,
  max: Number.POSITIVE_INFINITY,
  all: Number.POSITIVE_INFINITY,
};

function unixSeconds(text: string | null): number | null | undefined {
  if (text === null) return undefined;
  return /^\d{1,12}(\.\d+)?$/.test(text) ? Number(text) : null;
}

/**
 * `GET /prices-history?market=<token id>` (§8): `{"history":[{"t":<unix s>,"p":<number>}]}` from
 * the market's price record (src/sim/price-record.ts), oldest first. `interval` (1h, 6h, 1d, 1w,
 * 1m, max, all) is a window ending now and excludes `startTs`/`endTs` (unix seconds, inclusive);
 * neither: the last day. `fidelity` is minutes per point (default 1): the last point of each
 * bucket. An unknown token has no history: an empty list, as for a token that never traded.
 */
function pricesHistory(sim: MarketSimulation, params: URLSearchParams): Reply {
  const id = params.get('market');
  if (!id) return json(400, { error: 'market is required' });
  const interval = params.get('interval');
  const startTs = unixSeconds(params.get('startTs'));
  const endTs = unixSeconds(params.get('endTs'));
  const fidelityText = params.get('fidelity') ?? '1';
  if (!/^\d{1,6}$/.test(fidelityText) || Number(fidelityText) < 1) return json(400, { error: 'invalid fidelity' });
  if (startTs === null || endTs === null) return json(400, { error: 'invalid startTs or endTs' });
  if (interval !== null && (startTs !== undefined || endTs !== undefined)) return json(400, { error: 'interval and startTs/endTs are mutually exclusive' });
  if (interval !== null && !Object.hasOwn(INTERVAL_MS, interval)) return json(400, { error: 'invalid interval' });
  const found = sim.asset(id);
  if (!found) return json(200, { history: [] });
  const now = sim.clock.epochMs + sim.clock.now();
  const from = startTs !== undefined ? startTs * 1000 : now - INTERVAL_MS[interval ?? '1d']!;
  const to = endTs !== undefined ? endTs * 1000 : now;
  const bucketMs = Number(fidelityText) * 60_000;
  const history: { t: number; p: number }[] = [];
  let bucket = Number.NaN;
  for (const point of found.market.prices.points(from, to)) {
    const p = (found.token === 0 ? point.p : PRICE_ONE - point.p) / PRICE_ONE;
    const t = Math.floor(point.t / 1000);
    const b = Math.floor(point.t / bucketMs);
    // The last point of each bucket stands for it.
    if (b === bucket) history[history.length - 1] = { t, p };
    else history.push({ t, p });
    bucket = b;
  }
  return json(200, { history });
}

/** `POST /books` with `[{"token_id":…}]`: unknown or resolved ids are silently omitted (§8). */
function books(sim: MarketSimulation, body: string | null, hooks: RestHooks): Reply {
  let list: unknown;
  try {
    list = JSON.parse(body ?? '');
  } catch {
    return INVALID;
  }
  if (!Array.isArray(list)) return INVALID;
  const out: unknown[] = [];
  for (const item of list) {
    const id = (item as { token_id?: unknown } | null)?.token_id;
    if (typeof id !== 'string') return INVALID;
    const found = sim.asset(id);
    if (found && found.market.status === 'live') out.push(hooks.book(found.market, found.token));
  }
  hooks.booksRequested(list.length);
  return json(200, out);
}

/** CLOB `GET /markets/{condition_id}` (shape of nautilus rest_clob_market.json). */
export function clobMarket(m: MarketState): Record<string, unknown> {
  const info = m.info;
  const closed = m.status !== 'live';
  const price = (t: TokenIndex): number => (closed ? (m.winner === t ? 1 : 0) : Number(m.midpoint(t)));
  return {
    enable_order_book: true,
    active: true,
    closed,
    archived: false,
    accepting_orders: !closed && m.open,
    accepting_order_timestamp: info.startDate,
    minimum_order_size: Number(m.minOrderSize),
    minimum_tick_size: Number(m.tickSize()),
    condition_id: info.conditionId,
    question_id: info.questionId,
    question: info.question,
    description: info.description,
    market_slug: info.slug,
    end_date_iso: info.endDate,
    game_start_time: null,
    seconds_delay: 0,
    fpmm: '',
    maker_base_fee: 0,
    taker_base_fee: 0,
    notifications_enabled: false,
    neg_risk: m.negRisk,
    neg_risk_market_id: '',
    neg_risk_request_id: '',
    icon: '',
    image: '',
    rewards: { rates: null, min_size: 0, max_spread: 0 },
    is_50_50_outcome: false,
    tokens: info.tokens.map((token, t) => ({
      token_id: token.tokenId,
      outcome: token.outcome,
      price: price(t as TokenIndex),
      winner: closed && m.winner === t,
    })),
    tags: [info.category, 'All'],
  };
}
