/** What `polybook status` does: one REST book, one line for a tmux status bar. */
import { analyze } from '../book/analytics.js';
import { currentPreimage, levelsJsonInOrder, sha1Hex } from '../book/venue-hash.js';
import { FeedError } from '../feed/errors.js';
import { VenueApi } from '../feed/venue-api.js';
import type { BookEvent } from '../protocol/events.js';
import { tmuxSafe } from '../protocol/sanitize.js';
import { CliError } from './errors.js';
import type { CliIo } from './program.js';
import { resolveOne } from './resolve.js';
import type { StatusFlags } from './status.js';

/** ✓ when the REST book reproduces its own venue hash (all ten inputs are in a REST body). */
export function integrityMark(book: BookEvent): string {
  if (book.minOrderSize === undefined || book.negRisk === undefined || book.tickSize === undefined || book.lastTradePrice === undefined) return '?';
  const preimage = currentPreimage(book.market, book.assetId, book.timestamp, levelsJsonInOrder(book.wire.bids), levelsJsonInOrder(book.wire.asks), {
    minOrderSize: book.minOrderSize,
    negRisk: book.negRisk,
    tickSize: book.tickSize,
    lastTradePrice: book.lastTradePrice,
  });
  return sha1Hex(preimage) === book.hash ? '✓' : '✗';
}

export function statusLine(label: string, book: BookEvent): string {
  const a = analyze(book.bids, book.asks, { levels: 1, ticks: 0, tickSize: book.tickSize ?? null, lastTradePrice: null });
  const last = book.lastTradePrice === undefined ? '-' : book.lastTradePrice;
  return `${label} ${a.bestBid ?? '-'}/${a.bestAsk ?? '-'} last ${last} spr ${a.spread ?? '-'} ${integrityMark(book)}`;
}

export async function runStatus(market: string, flags: StatusFlags, io: CliIo): Promise<void> {
  const api = new VenueApi({ rest: flags.rest, gamma: flags.gamma, timeoutMs: flags.timeout });
  try {
    const assets = await resolveOne(api, market);
    const wanted = flags.outcome?.toLowerCase();
    const asset = (wanted ? assets.find((a) => a.outcome?.toLowerCase() === wanted) : assets[0]) ?? assets[0]!;
    const label = asset.outcome ?? `${asset.assetId.slice(0, 4)}…${asset.assetId.slice(-4)}`;
    const rest = await api.book(asset.assetId);
    // The line lands in tmux's `#(…)`, where `#[…]` restyles the bar: every `#` doubled.
    io.stdout.write(`${tmuxSafe(rest.kind === 'missing' ? `${label} resolved` : statusLine(label, rest.book))}\n`);
  } catch (error) {
    if (error instanceof FeedError) {
      io.stdout.write(`polybook: ${error.code === 'feed.unreachable' ? 'venue unreachable' : error.message}\n`);
      throw new CliError('status.unreachable', error.message, 1);
    }
    throw error;
  }
}
