/**
 * Market metadata from Gamma (`/events`, `/markets`, search) and CLOB (`/markets/{condition_id}`),
 * normalized to one `MarketRef`. Gamma encodes `clobTokenIds`, `outcomes` and `outcomePrices` as
 * strings containing JSON (POLYMARKET.md §9); some endpoints send real arrays: decode both.
 * Protocol V2 (§9, §13.11): a market's `version` says which field holds its asset ids:
 * `positionIds` for "v2", `clobTokenIds` for "v1" or no version (the 2026-07 capture has none).
 * Any other version, or "v2" without `positionIds`, is a `GammaMarketProblem` for that market:
 * never a guess, because the wrong ids would show another market's book.
 */
import type { GammaErrorCode } from '../errors.js';
import { canonicalDecimal } from '../decimal.js';
import { isConditionIdText, isRaw, isTokenIdText, optStr, stringList, type Raw } from './fields.js';
import { label, sanitizeText } from './sanitize.js';

/** A market has a handful of outcomes, an event at most a few hundred markets. */
const MAX_OUTCOMES = 64;
const MAX_EVENT_MARKETS = 1000;

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
  /** Markets of the event whose asset ids cannot be chosen (left out of `markets`). */
  readonly skipped: readonly GammaMarketProblem[];
}

/** Why a Gamma market's asset ids cannot be chosen (Protocol V2, §9, §13.11). */
export interface GammaMarketProblem {
  readonly code: GammaErrorCode;
  /** What a trader can look the market up by: its slug, else its condition id, else its Gamma id. */
  readonly market: string;
  /** The `version` seen, as JSON text (`"v3"`, `2`), bounded. */
  readonly version: string;
  readonly active: boolean;
  readonly closed: boolean;
  /** Why, without the market's name: `Gamma version "v3" is not supported (...)`. */
  readonly reason: string;
  /** `market <name>: <reason>`: one line for stderr. */
  readonly message: string;
}

/** Thrown by `parseGammaMarket` (one problem) and `parseGammaMarkets` (every problem found). */
export class GammaMarketError extends Error {
  constructor(readonly problems: readonly GammaMarketProblem[]) {
    super(problems.map((p) => p.message).join('; '));
    this.name = 'GammaMarketError';
  }
}

/** Versions are short ("v1", "v2"); a longer value is shown cut. */
const VERSION_SHOWN = 24;

type IdField = 'clobTokenIds' | 'positionIds';

/** The field holding a market's asset ids, or the problem that prevents choosing one. */
function idField(raw: Raw): IdField | GammaMarketProblem['code'] {
  const version = raw.version;
  // No version (or JSON null) is a market from before Protocol V2: v1.
  if (version === undefined || version === null || version === 'v1') return 'clobTokenIds';
  if (version !== 'v2') return 'gamma.unsupportedVersion';
  return stringList(raw, 'positionIds').length > 0 ? 'positionIds' : 'gamma.missingPositionIds';
}

function shownVersion(version: unknown): string {
  const text = sanitizeText(JSON.stringify(version) ?? String(version));
  return text.length > VERSION_SHOWN ? `${text.slice(0, VERSION_SHOWN - 1)}…` : text;
}

function problemOf(raw: Raw, code: GammaMarketProblem['code']): GammaMarketProblem {
  const market = label(optStr(raw, 'slug') || optStr(raw, 'conditionId') || optStr(raw, 'id') || '(unnamed)', 80)!;
  const version = shownVersion(raw.version);
  const reason =
    code === 'gamma.missingPositionIds'
      ? `Gamma version ${version} without positionIds, so its token ids are unknown`
      : `Gamma version ${version} is not supported (polybook reads v1 and v2), so its token ids are unknown`;
  const active = bool(raw.active) ?? true;
  const closed = bool(raw.closed) ?? false;
  return { code, market, version, active, closed, reason, message: `market ${market}: ${reason}` };
}

/** A decimal from a Gamma string or number ("0.01", 0.01, 5); null when absent or malformed. */
function decimalOf(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = String(value);
  // Gamma's volumes and prices are short; a 30 000-digit "decimal" is not worth reading.
  if (text.length > 40) return null;
  const result = canonicalDecimal(text);
  return typeof result === 'string' ? result : null;
}

function bool(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null;
}

/**
 * One Gamma market object; null when it has no condition id or no token ids. Throws a
 * `GammaMarketError` when its version makes the asset ids unknowable, checked first so that a
 * future schema (which may rename other fields too) is reported, not dropped.
 */
export function parseGammaMarket(raw: unknown, event?: { slug: string; title: string }): MarketRef | null {
  if (!isRaw(raw)) return null;
  const field = idField(raw);
  if (field !== 'clobTokenIds' && field !== 'positionIds') throw new GammaMarketError([problemOf(raw, field)]);
  const conditionId = raw.conditionId;
  const tokenIds = stringList(raw, field).slice(0, MAX_OUTCOMES);
  // Ids go into subscriptions and error lines: only ids of the venue's shapes are kept.
  if (!isConditionIdText(conditionId) || tokenIds.length === 0 || !tokenIds.every(isTokenIdText)) return null;
  const labels = stringList(raw, 'outcomes');
  const prices = stringList(raw, 'outcomePrices');
  return {
    conditionId,
    question: label(optStr(raw, 'question') ?? event?.title ?? conditionId)!,
    slug: label(optStr(raw, 'slug')),
    eventSlug: event ? label(event.slug) : null,
    eventTitle: event ? label(event.title) : null,
    outcomes: tokenIds.map((tokenId, i) => ({
      label: label(labels[i] ?? `#${i + 1}`, 60)!,
      tokenId,
      price: decimalOf(prices[i]),
    })),
    volume: decimalOf(raw.volume ?? raw.volumeNum),
    endDate: label(optStr(raw, 'endDate') ?? optStr(raw, 'endDateIso'), 40),
    active: bool(raw.active) ?? true,
    closed: bool(raw.closed) ?? false,
    tickSize: decimalOf(raw.orderPriceMinTickSize),
    minOrderSize: decimalOf(raw.orderMinSize),
    negRisk: bool(raw.negRisk),
  };
}

/** Parses each market; those whose version is a problem go to `skipped`, the rest to `markets`. */
function parseEach(list: readonly unknown[], event?: { slug: string; title: string }): { markets: MarketRef[]; skipped: GammaMarketProblem[] } {
  const markets: MarketRef[] = [];
  const skipped: GammaMarketProblem[] = [];
  for (const item of list) {
    try {
      const market = parseGammaMarket(item, event);
      if (market !== null) markets.push(market);
    } catch (error) {
      if (!(error instanceof GammaMarketError)) throw error;
      skipped.push(...error.problems);
    }
  }
  return { markets, skipped };
}

/**
 * A Gamma event with its nested markets. Markets whose asset ids cannot be chosen are listed in
 * `skipped`: the caller decides whether the rest of the event is still worth showing.
 */
export function parseGammaEvent(raw: unknown): EventRef | null {
  if (!isRaw(raw)) return null;
  const slug = optStr(raw, 'slug') ?? '';
  const title = optStr(raw, 'title') ?? slug;
  const list = Array.isArray(raw.markets) ? raw.markets.slice(0, MAX_EVENT_MARKETS) : [];
  const { markets, skipped } = parseEach(list, { slug, title });
  return { slug: label(slug)!, title: label(title)!, markets, skipped };
}

/** `/events?...` (an array) or `/events/slug/x` (an object). */
export function parseGammaEvents(body: unknown): EventRef[] {
  const list = Array.isArray(body) ? body : [body];
  return list.map(parseGammaEvent).filter((e): e is EventRef => e !== null);
}

/**
 * `/markets?...` (an array) or `/markets/{id}` (an object). A plain list has nowhere to carry
 * skipped markets, so any market whose version is a problem throws a `GammaMarketError`.
 */
export function parseGammaMarkets(body: unknown): MarketRef[] {
  const list = Array.isArray(body) ? body : [body];
  const { markets, skipped } = parseEach(list);
  if (skipped.length > 0) throw new GammaMarketError(skipped);
  return markets;
}

/** CLOB `GET /markets/{condition_id}`: `tokens: [{token_id, outcome, price, winner}]`. */
export function parseClobMarket(raw: unknown): MarketRef | null {
  if (!isRaw(raw)) return null;
  const conditionId = raw.condition_id;
  const tokens = Array.isArray(raw.tokens) ? raw.tokens.filter(isRaw).slice(0, MAX_OUTCOMES) : [];
  if (!isConditionIdText(conditionId) || tokens.length === 0) return null;
  return {
    conditionId,
    question: label(optStr(raw, 'question') ?? conditionId)!,
    slug: label(optStr(raw, 'market_slug')),
    eventSlug: null,
    eventTitle: null,
    outcomes: tokens.map((t: Raw, i) => ({
      label: label(optStr(t, 'outcome') ?? `#${i + 1}`, 60)!,
      tokenId: isTokenIdText(t.token_id) ? t.token_id : '',
      price: decimalOf(t.price),
    })),
    volume: null,
    endDate: label(optStr(raw, 'end_date_iso'), 40),
    active: bool(raw.active) ?? true,
    closed: bool(raw.closed) ?? false,
    tickSize: decimalOf(raw.minimum_tick_size),
    minOrderSize: decimalOf(raw.minimum_order_size),
    negRisk: bool(raw.neg_risk),
  };
}

/** An event of a Gamma series, as `/series` lists it (without its markets). */
export interface SeriesEventRef {
  readonly slug: string;
  /** ISO, or null. */
  readonly endDate: string | null;
  readonly closed: boolean;
}

/** A Gamma series (`/series?slug=`): recurring events such as one coin's 5-minute up/down windows. */
export interface SeriesRef {
  readonly slug: string;
  readonly title: string;
  readonly events: readonly SeriesEventRef[];
}

/** A series lists at most this many events here; a long-running one lists every window it ever had. */
const MAX_SERIES_EVENTS = 5000;

/** `/series?slug=…` (an array) or `/series/{id}` (an object); entries without a slug are dropped. */
export function parseGammaSeries(body: unknown): SeriesRef[] {
  const list = Array.isArray(body) ? body : [body];
  const out: SeriesRef[] = [];
  for (const raw of list) {
    if (!isRaw(raw)) continue;
    const slug = optStr(raw, 'slug');
    if (!slug) continue;
    const events = (Array.isArray(raw.events) ? raw.events.slice(-MAX_SERIES_EVENTS) : []).filter(isRaw).flatMap((e): SeriesEventRef[] => {
      const eventSlug = optStr(e, 'slug');
      return eventSlug ? [{ slug: label(eventSlug, 200)!, endDate: label(optStr(e, 'endDate'), 40), closed: bool(e.closed) ?? false }] : [];
    });
    out.push({ slug: label(slug, 200)!, title: label(optStr(raw, 'title') ?? slug)!, events });
  }
  return out;
}
