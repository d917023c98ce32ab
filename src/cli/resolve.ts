/**
 * Turns what a trader types (or pastes) into token ids: a token id, a condition id (`0x…`, any
 * case, CLOB `/markets/{id}`), a Polymarket link (`https://polymarket.com/event/<slug>[/<market-
 * slug>]`, `…/market/<market-slug>`, with or without `https://` or `www.`), an event slug (all
 * its markets' outcomes) or a market slug (both outcomes). Labels (question,
 * outcome) travel with the ids so the screen and NDJSON can name them. A Gamma market whose
 * Protocol version leaves its token ids unknown (§9) is an error naming it, never a guess.
 */
import { GammaMarketError, type GammaMarketProblem, type MarketRef } from '../protocol/gamma.js';
import type { VenueApi } from '../feed/venue-api.js';
import { sanitizeText } from '../protocol/sanitize.js';
import { CliError } from './errors.js';
import { isTokenId } from './options.js';

/** One asset to watch, with what is known about it. */
export interface ResolvedAsset {
  readonly assetId: string;
  readonly market: string | null;
  readonly question: string | null;
  readonly outcome: string | null;
  /** When the market ends (Gamma `endDate`), epoch ms; absent or null when unknown. */
  readonly endsAt?: number | null;
  /** The market's slug, when known: what a saved watchlist names it by. */
  readonly slug?: string | null;
}

/** A condition id as pasted: `0x` or `0X`, hex digits of either case (the venue's are lower-case). */
const CONDITION_ID = /^0[xX][0-9a-fA-F]{64}$/;

/**
 * Told about each market left out of an event whose other markets resolved. Without one, such
 * an event is an error: a caller that cannot tell the user must not drop markets silently.
 */
export type SkipReporter = (problem: GammaMarketProblem) => void;

/** The stderr line for a market left out while the rest of its event is used. */
export function skippedLine(problem: GammaMarketProblem): string {
  return `polybook: skipped market ${problem.market}: ${problem.reason}\n`;
}

/** One line naming every market whose token ids cannot be chosen (exit 2: the venue's data, not ours to guess). */
export function marketVersionError(problems: readonly GammaMarketProblem[], hint = ''): CliError {
  return new CliError('cli.marketVersion', `${problems.map((p) => p.message).join('; ')}${hint}`);
}

/** The watchable outcomes of a market, with its labels and end. */
export function assetsOf(market: MarketRef): ResolvedAsset[] {
  return market.outcomes
    .filter((o) => isTokenId(o.tokenId))
    .map((o) => ({
      assetId: o.tokenId,
      market: market.conditionId,
      question: market.question,
      outcome: o.label,
      endsAt: endsAtOf(market.endDate),
      slug: market.slug,
    }));
}

/**
 * Gamma's `endDate` as epoch ms, or null. A bare date (`endDateIso`, "2026-07-19") names a day, not
 * a moment: no countdown is better than one that is hours off.
 */
export function endsAtOf(endDate: string | null): number | null {
  if (endDate === null || !/^\d{4}-\d{2}-\d{2}T/.test(endDate)) return null;
  const ms = Date.parse(endDate);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * `{event, market}` slugs from a polymarket.com link, or null when `text` is not one: `/event/<e>`,
 * `/event/<e>/<m>` and `/market/<m>` paths (a language prefix such as `/fr/` allowed), with or
 * without `https://` (`polymarket.com/event/x` as copied from an address bar).
 */
export function slugsFromUrl(text: string): { event: string | null; market: string | null } | null {
  const written = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : /^(www\.)?polymarket\.com(\/|$)/i.test(text) ? `https://${text}` : null;
  if (written === null) return null;
  let url: URL;
  try {
    url = new URL(written);
  } catch {
    return null;
  }
  if (!/(^|\.)polymarket\.com$/.test(url.hostname)) return null;
  const parts = url.pathname.split('/').filter(Boolean);
  const slug = (part: string | undefined): string | null => {
    if (!part) return null;
    try {
      return decodeURIComponent(part);
    } catch {
      return null;
    }
  };
  const event = parts.indexOf('event');
  if (event >= 0 && slug(parts[event + 1])) return { event: slug(parts[event + 1]), market: slug(parts[event + 2]) };
  const market = parts.indexOf('market');
  if (market >= 0 && slug(parts[market + 1])) return { event: null, market: slug(parts[market + 1]) };
  return null;
}

/** The event's assets; its skipped markets go to `onSkipped`, or fail it when nothing else can tell. */
async function byEventSlug(api: VenueApi, slug: string, onSkipped: SkipReporter | undefined): Promise<ResolvedAsset[]> {
  const events = (await api.eventsBySlug(slug)).filter((e) => e.slug === slug);
  const found = events.flatMap((e) => e.markets.flatMap(assetsOf));
  const skipped = events.flatMap((e) => e.skipped);
  if (skipped.length === 0) return found;
  if (found.length === 0) throw marketVersionError(skipped);
  if (!onSkipped) throw marketVersionError(skipped, ` (in event ${slug}; name its other markets by slug)`);
  skipped.forEach(onSkipped);
  return found;
}

async function byMarketSlug(api: VenueApi, slug: string): Promise<ResolvedAsset[]> {
  try {
    const markets = await api.marketsBySlug(slug);
    return markets.filter((m) => m.slug === slug).flatMap(assetsOf);
  } catch (error) {
    if (error instanceof GammaMarketError) throw marketVersionError(error.problems);
    throw error;
  }
}

async function bySlug(api: VenueApi, slug: string, kind: 'event' | 'market' | 'either', onSkipped?: SkipReporter): Promise<ResolvedAsset[]> {
  if (kind !== 'market') {
    const found = await byEventSlug(api, slug, onSkipped);
    if (found.length > 0) return found;
  }
  return kind !== 'event' ? byMarketSlug(api, slug) : [];
}

/**
 * Resolves one argument; throws a CliError naming what was tried and the closest matches, or the
 * markets whose Gamma version hides their token ids (see `SkipReporter`).
 */
export async function resolveOne(api: VenueApi, text: string, onSkipped?: SkipReporter): Promise<ResolvedAsset[]> {
  if (isTokenId(text)) return [{ assetId: text, market: null, question: null, outcome: null }];
  let tried: string;
  let found: ResolvedAsset[];
  if (CONDITION_ID.test(text)) {
    tried = 'condition id (CLOB /markets)';
    // The venue's condition ids are lower-case; a pasted 0XAB… is the same id.
    const market = await api.clobMarket(`0x${text.slice(2).toLowerCase()}`);
    found = market ? assetsOf(market) : [];
  } else {
    const url = slugsFromUrl(text);
    if (url) {
      tried = url.market ? 'market slug from the URL' : 'event slug from the URL';
      found = url.market ? await bySlug(api, url.market, 'market') : await bySlug(api, url.event!, 'event', onSkipped);
    } else if (/^[a-z0-9][a-z0-9-]*$/i.test(text)) {
      tried = 'event slug, market slug';
      found = await bySlug(api, text, 'either', onSkipped);
    } else {
      tried = 'nothing: not a token id, condition id, slug or polymarket.com URL';
      found = [];
    }
  }
  if (found.length > 0) return found;
  const hints = await closest(api, text);
  const hint = hints.length > 0 ? `; closest: ${hints.join(', ')}` : '';
  // The argument is echoed back: pasted text can carry escapes as well as any server string.
  throw new CliError('cli.unknownMarket', `no market matches "${sanitizeText(text).slice(0, 80)}" (tried ${tried})${hint}`);
}

/** Resolves every argument, keeping order and dropping duplicates. */
export async function resolveAll(api: VenueApi, args: readonly string[], onSkipped?: SkipReporter): Promise<ResolvedAsset[]> {
  const out = new Map<string, ResolvedAsset>();
  for (const arg of args) for (const asset of await resolveOne(api, arg, onSkipped)) if (!out.has(asset.assetId)) out.set(asset.assetId, asset);
  return [...out.values()];
}

async function closest(api: VenueApi, text: string): Promise<string[]> {
  const words = (slugsFromUrl(text)?.market ?? slugsFromUrl(text)?.event ?? text).replace(/[-_/]+/g, ' ').trim();
  if (words.length < 3 || CONDITION_ID.test(text)) return [];
  try {
    const terms = words.split(/\s+/).slice(0, 3).join(' ');
    const hits = await api.search(terms, 3);
    if (hits.length > 0) return hits.map((m) => m.slug ?? m.conditionId);
    const first = await api.search(words.split(/\s+/)[0]!, 3);
    return first.map((m) => m.slug ?? m.conditionId);
  } catch {
    return [];
  }
}
