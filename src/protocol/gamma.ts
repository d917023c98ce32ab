/**
 * Market metadata from Gamma (`/events`, `/markets`, search) and CLOB (`/markets/{condition_id}`),
 * normalized to one `MarketRef`. Gamma encodes `clobTokenIds`, `outcomes` and `outcomePrices` as
 * strings containing JSON (POLYMARKET.md §9); some endpoints send real arrays: decode both.
 * Protocol V2 markets (`version: "v2"`) use `positionIds` as their asset ids.
 */
import { canonicalDecimal } from '../book/decimal.js';
import { isRaw, optStr, stringList, type Raw } from './fields.js';
import { sanitizeOpt, sanitizeText } from './sanitize.js';

export interface OutcomeRef {
  readonly label: string;
  readonly tokenId: string;
  /** Gamma's point-in-time price, or null. Not a substitute for the book. */
  readonly price: string | null;
}

export interface MarketRef {
  readonly conditionId: string;
  readonly question: string;
  readonly slug: string | null;
  readonly eventSlug: string | null;
  readonly eventTitle: string | null;
  readonly outcomes: readonly OutcomeRef[];
  readonly volume: string | null;
  readonly endDate: string | null;
  readonly active: boolean;
  readonly closed: boolean;
  readonly tickSize: string | null;
  readonly minOrderSize: string | null;
  readonly negRisk: boolean | null;
}

export interface EventRef {
  readonly slug: string;
  readonly title: string;
  readonly markets: readonly MarketRef[];
}

/** A decimal from a Gamma string or number ("0.01", 0.01, 5); null when absent or malformed. */
function decimalOf(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const result = canonicalDecimal(String(value));
  return typeof result === 'string' ? result : null;
}

function bool(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null;
}

/** One Gamma market object; null when it has no condition id or no token ids. */
export function parseGammaMarket(raw: unknown, event?: { slug: string; title: string }): MarketRef | null {
  if (!isRaw(raw)) return null;
  const conditionId = optStr(raw, 'conditionId');
  const v2 = raw.version === 'v2' && Array.isArray(raw.positionIds);
  const tokenIds = stringList(raw, v2 ? 'positionIds' : 'clobTokenIds');
  if (!conditionId || tokenIds.length === 0) return null;
  const labels = stringList(raw, 'outcomes');
  const prices = stringList(raw, 'outcomePrices');
  return {
    conditionId,
    question: sanitizeText(optStr(raw, 'question') ?? event?.title ?? conditionId),
    slug: sanitizeOpt(optStr(raw, 'slug')),
    eventSlug: event ? sanitizeText(event.slug) : null,
    eventTitle: event ? sanitizeText(event.title) : null,
    outcomes: tokenIds.map((tokenId, i) => ({
      label: sanitizeText(labels[i] ?? `#${i + 1}`),
      tokenId,
      price: decimalOf(prices[i]),
    })),
    volume: decimalOf(raw.volume ?? raw.volumeNum),
    endDate: sanitizeOpt(optStr(raw, 'endDate') ?? optStr(raw, 'endDateIso')),
    active: bool(raw.active) ?? true,
    closed: bool(raw.closed) ?? false,
    tickSize: decimalOf(raw.orderPriceMinTickSize),
    minOrderSize: decimalOf(raw.orderMinSize),
    negRisk: bool(raw.negRisk),
  };
}

/** A Gamma event with its nested markets. */
export function parseGammaEvent(raw: unknown): EventRef | null {
  if (!isRaw(raw)) return null;
  const slug = optStr(raw, 'slug') ?? '';
  const title = optStr(raw, 'title') ?? slug;
  const list = Array.isArray(raw.markets) ? raw.markets : [];
  const markets = list.map((m) => parseGammaMarket(m, { slug, title })).filter((m): m is MarketRef => m !== null);
  return { slug: sanitizeText(slug), title: sanitizeText(title), markets };
}

/** `/events?...` (an array) or `/events/slug/x` (an object). */
export function parseGammaEvents(body: unknown): EventRef[] {
  const list = Array.isArray(body) ? body : [body];
  return list.map(parseGammaEvent).filter((e): e is EventRef => e !== null);
}

/** `/markets?...` (an array) or `/markets/{id}` (an object). */
export function parseGammaMarkets(body: unknown): MarketRef[] {
  const list = Array.isArray(body) ? body : [body];
  return list.map((m) => parseGammaMarket(m)).filter((m): m is MarketRef => m !== null);
}

/** CLOB `GET /markets/{condition_id}`: `tokens: [{token_id, outcome, price, winner}]`. */
export function parseClobMarket(raw: unknown): MarketRef | null {
  if (!isRaw(raw)) return null;
  const conditionId = optStr(raw, 'condition_id');
  const tokens = Array.isArray(raw.tokens) ? raw.tokens.filter(isRaw) : [];
  if (!conditionId || tokens.length === 0) return null;
  return {
    conditionId,
    question: sanitizeText(optStr(raw, 'question') ?? conditionId),
    slug: sanitizeOpt(optStr(raw, 'market_slug')),
    eventSlug: null,
    eventTitle: null,
    outcomes: tokens.map((t: Raw, i) => ({
      label: sanitizeText(optStr(t, 'outcome') ?? `#${i + 1}`),
      tokenId: optStr(t, 'token_id') ?? '',
      price: decimalOf(t.price),
    })),
    volume: null,
    endDate: sanitizeOpt(optStr(raw, 'end_date_iso')),
    active: bool(raw.active) ?? true,
    closed: bool(raw.closed) ?? false,
    tickSize: decimalOf(raw.minimum_tick_size),
    minOrderSize: decimalOf(raw.minimum_order_size),
    negRisk: bool(raw.neg_risk),
  };
}
