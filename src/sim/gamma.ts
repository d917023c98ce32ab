/**
 * Gamma (market metadata, POLYMARKET.md §9) under the `/gamma` prefix. Objects follow the real
 * 2026 bodies (fixture gamma-events-by-slug.json): `outcomes`, `outcomePrices` and `clobTokenIds`
 * are strings holding JSON (with the venue's ", " spacing), prices are numbers.
 *
 * Routes: /markets (slug, id, condition_ids, clob_token_ids, closed, limit, offset),
 * /markets/{id}, /markets/slug/{slug}, /events (slug, id, closed, limit, offset), /events/{id},
 * /events/slug/{slug}, /public-search?q= (every word must occur in the question, title or slug),
 * /series?slug= (with `sim --window`: each series with its events, Gamma's shape).
 */
import type { SeriesInfo } from './catalog.js';
import { json, type Reply } from './http-util.js';
import type { MarketState } from './market-state.js';
import type { MarketSimulation } from './simulation.js';
import { scaled } from './units.js';
import { spacedJson } from './wire-json.js';

export const GAMMA_PREFIX = '/gamma';
const NOT_FOUND = json(404, { error: 'not found' });

/** Resting value of the book in dollars (size × price summed over every level). */
function liquidity(m: MarketState): string {
  let micro = 0;
  for (const l of m.book.bids.levels) micro += l.size * l.price;
  for (const l of m.book.asks.levels) micro += l.size * (10_000 - l.price);
  return scaled(micro, 6);
}

function outcomePrices(m: MarketState): string[] {
  if (m.status !== 'live') return m.winner === 0 ? ['1', '0'] : ['0', '1'];
  return [m.midpoint(0), m.midpoint(1)];
}

function gammaMarket(m: MarketState): Record<string, unknown> {
  const info = m.info;
  const closed = m.status !== 'live';
  const top = m.top(0);
  const liq = liquidity(m);
  return {
    id: info.gammaId,
    question: info.question,
    conditionId: info.conditionId,
    slug: info.slug,
    endDate: info.endDate,
    liquidity: liq,
    startDate: info.startDate,
    image: '',
    icon: '',
    description: info.description,
    outcomes: spacedJson(info.tokens.map((t) => t.outcome)),
    outcomePrices: spacedJson(outcomePrices(m)),
    volume: '0',
    active: true,
    closed,
    marketMakerAddress: '',
    createdAt: info.startDate,
    updatedAt: info.startDate,
    new: false,
    featured: false,
    archived: false,
    restricted: true,
    groupItemThreshold: '0',
    questionID: info.questionId,
    enableOrderBook: true,
    orderPriceMinTickSize: Number(m.tickSize()),
    orderMinSize: Number(m.minOrderSize),
    volumeNum: 0,
    liquidityNum: Number(liq),
    endDateIso: info.endDate.slice(0, 10),
    startDateIso: info.startDate.slice(0, 10),
    clobTokenIds: spacedJson(info.tokens.map((t) => t.tokenId)),
    acceptingOrders: !closed && m.open,
    negRisk: m.negRisk,
    spread: top.spread === '' ? 0 : Number(top.spread),
    lastTradePrice: Number(m.lastTradePrice()),
    bestBid: Number(top.bid),
    bestAsk: Number(top.ask),
    umaResolutionStatuses: closed ? spacedJson(['resolved']) : '[]',
    feesEnabled: false,
  };
}

function gammaEvent(m: MarketState): Record<string, unknown> {
  const info = m.info;
  const closed = m.status !== 'live';
  return {
    id: info.event.id,
    ticker: info.event.ticker,
    slug: info.event.slug,
    title: info.event.title,
    description: info.event.description,
    startDate: info.startDate,
    creationDate: info.startDate,
    endDate: info.endDate,
    image: '',
    icon: '',
    active: true,
    closed,
    archived: false,
    new: false,
    featured: false,
    restricted: true,
    liquidity: Number(liquidity(m)),
    volume: 0,
    openInterest: 0,
    createdAt: info.startDate,
    updatedAt: info.startDate,
    enableOrderBook: true,
    negRisk: m.negRisk,
    commentCount: 0,
    markets: [gammaMarket(m)],
    ...(info.series && { seriesSlug: info.series.slug, series: [seriesObject(info.series)] }),
    tags: [{ id: String(100 + info.category.length), label: info.category, slug: info.category.toLowerCase() }],
    cyom: false,
    showAllOutcomes: true,
    enableNegRisk: false,
  };
}

function seriesObject(series: SeriesInfo): Record<string, unknown> {
  return {
    id: series.id,
    ticker: series.slug,
    slug: series.slug,
    title: series.title,
    seriesType: 'single',
    recurrence: series.recurrence,
    active: true,
    closed: false,
  };
}

/** `/series`: every series of the catalog (filtered by `slug`, `id`), each with its events (without their markets). */
function seriesList(all: MarketState[], params: URLSearchParams): Record<string, unknown>[] {
  const bySlug = new Map<string, { series: SeriesInfo; events: Record<string, unknown>[] }>();
  for (const m of all) {
    const series = m.info.series;
    if (!series) continue;
    const entry = bySlug.get(series.slug) ?? { series, events: [] };
    const { markets: _markets, series: _series, ...event } = gammaEvent(m);
    entry.events.push(event);
    bySlug.set(series.slug, entry);
  }
  const slugs = params.getAll('slug');
  const ids = params.getAll('id');
  return [...bySlug.values()]
    .filter((e) => (slugs.length === 0 || slugs.includes(e.series.slug)) && (ids.length === 0 || ids.includes(e.series.id)))
    .map((e) => ({ ...seriesObject(e.series), events: e.events }));
}

/** Applies Gamma's common list parameters: closed=true|false, offset, limit. */
function page(markets: MarketState[], params: URLSearchParams): MarketState[] {
  const closed = params.get('closed');
  let list = closed === null ? markets : markets.filter((m) => (m.status !== 'live') === (closed === 'true'));
  const offset = Number(params.get('offset') ?? 0) || 0;
  const limit = Number(params.get('limit') ?? 0) || list.length;
  list = list.slice(offset, offset + limit);
  return list;
}

function filterBy(list: MarketState[], values: string[], get: (m: MarketState) => readonly string[]): MarketState[] {
  if (values.length === 0) return list;
  return list.filter((m) => get(m).some((v) => values.includes(v)));
}

function words(m: MarketState): string {
  return `${m.info.question} ${m.info.event.title} ${m.info.slug} ${m.info.event.slug}`.toLowerCase();
}

/** Answers a Gamma request (path without the prefix), or null when it is not a Gamma route. */
export function gammaRoute(sim: MarketSimulation, path: string, params: URLSearchParams): Reply | null {
  const all = sim.markets;
  if (path === '/markets') {
    let list = filterBy(all, params.getAll('slug'), (m) => [m.info.slug]);
    list = filterBy(list, params.getAll('id'), (m) => [m.info.gammaId]);
    list = filterBy(list, params.getAll('condition_ids'), (m) => [m.conditionId]);
    list = filterBy(list, params.getAll('clob_token_ids'), (m) => [m.assetId(0), m.assetId(1)]);
    return json(200, page(list, params).map(gammaMarket));
  }
  if (path === '/events') {
    let list = filterBy(all, params.getAll('slug'), (m) => [m.info.event.slug]);
    list = filterBy(list, params.getAll('id'), (m) => [m.info.event.id]);
    list = filterBy(list, params.getAll('series_id'), (m) => (m.info.series ? [m.info.series.id] : []));
    return json(200, page(list, params).map(gammaEvent));
  }
  if (path === '/series') {
    return json(200, seriesList(all, params));
  }
  if (path === '/public-search') {
    const query = (params.get('q') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const hits = query.length === 0 ? [] : all.filter((m) => query.every((w) => words(m).includes(w)));
    const events = page(hits, params).map(gammaEvent);
    return json(200, { events, tags: [], profiles: [], pagination: { hasMore: false, totalResults: hits.length } });
  }
  const one = (list: MarketState[], build: (m: MarketState) => unknown): Reply => (list[0] ? json(200, build(list[0])) : NOT_FOUND);
  const tail = (prefix: string): string | null => (path.startsWith(prefix) ? decodeURIComponent(path.slice(prefix.length)) : null);
  let key: string | null;
  if ((key = tail('/markets/slug/')) !== null)
    return one(
      all.filter((m) => m.info.slug === key),
      gammaMarket,
    );
  if ((key = tail('/markets/')) !== null)
    return one(
      all.filter((m) => m.info.gammaId === key),
      gammaMarket,
    );
  if ((key = tail('/events/slug/')) !== null)
    return one(
      all.filter((m) => m.info.event.slug === key),
      gammaEvent,
    );
  if ((key = tail('/events/')) !== null)
    return one(
      all.filter((m) => m.info.event.id === key),
      gammaEvent,
    );
  return null;
}
