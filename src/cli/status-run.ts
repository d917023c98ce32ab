/** What `polybook status` does: one REST book, one line for a tmux status bar (or one JSON object). */
import { analyze } from '../book/analytics.js';
import { canonicalDecimal } from '../decimal.js';
import { currentPreimage, levelsJsonInOrder, sha1Hex } from '../book/venue-hash.js';
import { FeedError } from '../feed/errors.js';
import { VenueApi, type RestBook } from '../feed/venue-api.js';
import type { BookEvent } from '../protocol/events.js';
import { sanitizeText, tmuxSafe } from '../protocol/sanitize.js';
import { CliError } from './errors.js';
import { chosenOutput } from './options.js';
import type { CliIo } from './io.js';
import { resolveOne, type ResolvedAsset } from './resolve.js';

export interface StatusFlags {
  readonly outcome?: string;
  readonly timeout: number;
  readonly rest: string;
  readonly gamma: string;
  readonly output?: 'table' | 'json';
  /** Aliases of --output. */
  readonly format?: 'table' | 'json';
  readonly json?: boolean;
}

/** What the integrity mark says, in words: the REST book reproduces its own venue hash, or not, or cannot tell. */
export type Integrity = 'verified' | 'mismatch' | 'unverifiable';

const MARKS: Record<Integrity, string> = { verified: '✓', mismatch: '✗', unverifiable: '?' };

/** `verified` when the REST book reproduces its own venue hash (all ten inputs are in a REST body). */
export function integrityOf(book: BookEvent): Integrity {
  if (book.minOrderSize === undefined || book.negRisk === undefined || book.tickSize === undefined || book.lastTradePrice === undefined) return 'unverifiable';
  const preimage = currentPreimage(book.market, book.assetId, book.timestamp, levelsJsonInOrder(book.wire.bids), levelsJsonInOrder(book.wire.asks), {
    minOrderSize: book.minOrderSize,
    negRisk: book.negRisk,
    tickSize: book.tickSize,
    lastTradePrice: book.lastTradePrice,
  });
  return sha1Hex(preimage) === book.hash ? 'verified' : 'mismatch';
}

/** ✓ verified, ✗ mismatch, ? unverifiable. */
export function integrityMark(book: BookEvent): string {
  return MARKS[integrityOf(book)];
}

function topOf(book: BookEvent) {
  return analyze(book.bids, book.asks, { levels: 1, ticks: 0, tickSize: book.tickSize ?? null, lastTradePrice: null });
}

export function statusLine(label: string, book: BookEvent): string {
  const a = topOf(book);
  const last = book.lastTradePrice === undefined ? '-' : book.lastTradePrice;
  return `${label} ${a.bestBid ?? '-'}/${a.bestAsk ?? '-'} last ${last} spr ${a.spread ?? '-'} ${integrityMark(book)}`;
}

/** The `--output json` object (README, "JSON output of status"). */
export interface StatusRecord {
  readonly outcome: string | null;
  readonly asset_id: string;
  readonly market: string | null;
  readonly best_bid: string | null;
  readonly best_ask: string | null;
  /** The last trade price, canonical; null when the market never traded. */
  readonly last: string | null;
  readonly spread: string | null;
  readonly integrity: Integrity;
  /** The venue has no book for it any more (REST 404): every price is null. */
  readonly resolved: boolean;
}

function decimalOrNull(text: string | undefined): string | null {
  if (text === undefined || text === '') return null;
  const value = canonicalDecimal(text);
  return typeof value === 'string' ? value : null;
}

export function statusRecord(asset: ResolvedAsset, rest: RestBook): StatusRecord {
  if (rest.kind === 'missing') {
    return {
      outcome: asset.outcome,
      asset_id: asset.assetId,
      market: asset.market,
      best_bid: null,
      best_ask: null,
      last: null,
      spread: null,
      integrity: 'unverifiable',
      resolved: true,
    };
  }
  const a = topOf(rest.book);
  return {
    outcome: asset.outcome,
    asset_id: asset.assetId,
    market: rest.book.market,
    best_bid: a.bestBid,
    best_ask: a.bestAsk,
    last: decimalOrNull(rest.book.lastTradePrice),
    spread: a.spread,
    integrity: integrityOf(rest.book),
    resolved: false,
  };
}

/** The outcome `--outcome` names (case-insensitive), else the first; a label that matches none is bad input. */
function chooseOutcome(assets: readonly ResolvedAsset[], wanted: string | undefined, name: string): ResolvedAsset {
  if (wanted === undefined) return assets[0]!;
  const labels = assets.map((a) => a.outcome).filter((o): o is string => o !== null);
  const found = assets.find((a) => a.outcome?.toLowerCase() === wanted.toLowerCase());
  if (found) return found;
  if (labels.length === 0) return assets[0]!;
  throw new CliError(
    'cli.unknownOutcome',
    `no outcome "${sanitizeText(wanted).slice(0, 40)}" in ${sanitizeText(name).slice(0, 80)} (outcomes: ${labels.join(', ')})`,
  );
}

/** A token id named on its own: its label from Gamma (`/markets?clob_token_ids=`), when Gamma knows it. */
async function labelled(api: VenueApi, asset: ResolvedAsset): Promise<ResolvedAsset | null> {
  const market = (await api.marketsByTokenId(asset.assetId)).find((m) => m.outcomes.some((o) => o.tokenId === asset.assetId));
  if (!market) return null;
  const outcome = market.outcomes.find((o) => o.tokenId === asset.assetId)!;
  return { assetId: asset.assetId, market: market.conditionId, question: market.question, outcome: outcome.label };
}

export async function runStatus(market: string, flags: StatusFlags, io: CliIo): Promise<void> {
  const output = chosenOutput(flags) ?? 'table';
  const api = new VenueApi({ rest: flags.rest, gamma: flags.gamma, timeoutMs: flags.timeout });
  try {
    let asset = chooseOutcome(await resolveOne(api, market), flags.outcome, market);
    const rest = await api.book(asset.assetId);
    if (asset.outcome === null) {
      const known = await labelled(api, asset);
      if (!known && rest.kind === 'missing') {
        throw new CliError('cli.unknownToken', `unknown token id ${asset.assetId}: CLOB /book has no book for it and Gamma does not know it`);
      }
      if (known) asset = known;
    }
    if (output === 'json') {
      io.stdout.write(`${JSON.stringify(statusRecord(asset, rest))}\n`);
      return;
    }
    const label = asset.outcome ?? `${asset.assetId.slice(0, 4)}…${asset.assetId.slice(-4)}`;
    // The line lands in tmux's `#(…)`, where `#[…]` restyles the bar: every `#` doubled.
    io.stdout.write(`${tmuxSafe(rest.kind === 'missing' ? `${label} resolved` : statusLine(label, rest.book))}\n`);
  } catch (error) {
    // In a tmux bar stdout is all that shows: a short line there too (the full one is on stderr).
    if (error instanceof FeedError && output === 'table')
      io.stdout.write(`polybook: ${error.code === 'feed.unreachable' ? 'venue unreachable' : error.message}\n`);
    throw error;
  }
}
