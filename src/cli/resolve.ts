/**
 * Turns what a trader types into token ids: a token id, a condition id (`0x…`, CLOB
 * `/markets/{id}`), a Polymarket URL (`https://polymarket.com/event/<slug>[/<market-slug>]`), an
 * event slug (all its markets' outcomes) or a market slug (both outcomes). Labels (question,
 * outcome) travel with the ids so the screen and NDJSON can name them.
 */
import type { MarketRef } from '../protocol/gamma.js';
import type { VenueApi } from '../feed/venue-api.js';
import { CliError } from './errors.js';
import { isTokenId } from './options.js';

/** One asset to watch, with what is known about it. */
export interface ResolvedAsset {
  readonly assetId: string;
  readonly market: string | null;
  readonly question: string | null;
  readonly outcome: string | null;
}

const CONDITION_ID = /^0x[0-9a-fA-F]{64}$/;

function assetsOf(market: MarketRef): ResolvedAsset[] {
  return market.outcomes
    .filter((o) => isTokenId(o.tokenId))
    .map((o) => ({ assetId: o.tokenId, market: market.conditionId, question: market.question, outcome: o.label }));
}

/** `{event, market}` slugs from a polymarket.com URL, or null when `text` is not one. */
export function slugsFromUrl(text: string): { event: string; market: string | null } | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (!/(^|\.)polymarket\.com$/.test(url.hostname)) return null;
  const parts = url.pathname.split('/').filter(Boolean);
  const at = parts.indexOf('event');
  if (at < 0 || !parts[at + 1]) return null;
  return { event: decodeURIComponent(parts[at + 1]!), market: parts[at + 2] ? decodeURIComponent(parts[at + 2]!) : null };
}

async function bySlug(api: VenueApi, slug: string, kind: 'event' | 'market' | 'either'): Promise<ResolvedAsset[]> {
  if (kind !== 'market') {
    const events = await api.eventsBySlug(slug);
    const found = events.filter((e) => e.slug === slug).flatMap((e) => e.markets.flatMap(assetsOf));
    if (found.length > 0) return found;
  }
  if (kind !== 'event') {
    const markets = await api.marketsBySlug(slug);
    return markets.filter((m) => m.slug === slug).flatMap(assetsOf);
  }
  return [];
}

/** Resolves one argument; throws a CliError naming what was tried and the closest matches. */
export async function resolveOne(api: VenueApi, text: string): Promise<ResolvedAsset[]> {
  if (isTokenId(text)) return [{ assetId: text, market: null, question: null, outcome: null }];
  let tried: string;
  let found: ResolvedAsset[];
  if (CONDITION_ID.test(text)) {
    tried = 'condition id (CLOB /markets)';
    const market = await api.clobMarket(text);
    found = market ? assetsOf(market) : [];
  } else {
    const url = slugsFromUrl(text);
    if (url) {
      tried = url.market ? 'market slug from the URL' : 'event slug from the URL';
      found = url.market ? await bySlug(api, url.market, 'market') : await bySlug(api, url.event, 'event');
    } else if (/^[a-z0-9][a-z0-9-]*$/i.test(text)) {
      tried = 'event slug, market slug';
      found = await bySlug(api, text, 'either');
    } else {
      tried = 'nothing: not a token id, condition id, slug or polymarket.com URL';
      found = [];
    }
  }
  if (found.length > 0) return found;
  const hints = await closest(api, text);
  const hint = hints.length > 0 ? `; closest: ${hints.join(', ')}` : '';
  throw new CliError('cli.unknownMarket', `no market matches "${text.slice(0, 80)}" (tried ${tried})${hint}`);
}

/** Resolves every argument, keeping order and dropping duplicates. */
export async function resolveAll(api: VenueApi, args: readonly string[]): Promise<ResolvedAsset[]> {
  const out = new Map<string, ResolvedAsset>();
  for (const arg of args) for (const asset of await resolveOne(api, arg)) if (!out.has(asset.assetId)) out.set(asset.assetId, asset);
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
