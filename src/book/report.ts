/**
 * The JSON shape of one book, shared by `replay --format json` and the NDJSON pipe mode.
 * Field names are the documented schema (README, "JSON output").
 */
import type { Level } from '../protocol/events.js';
import type { BookEngine } from './engine.js';
import type { IntegrityCounters } from './integrity.js';

export interface BookReport {
  readonly asset_id: string;
  readonly market: string;
  /** Best first. */
  readonly bids: readonly Level[];
  /** Best first. */
  readonly asks: readonly Level[];
  readonly tick_size: string | null;
  readonly last_trade: { readonly price: string; readonly size: string | null; readonly side: string | null } | null;
  readonly fingerprint: string;
  readonly status: 'live' | 'stale' | 'resolved';
  readonly crossed: boolean;
  readonly integrity: IntegrityCounters;
}

/** Reports of every asset that has a book, in the order they first appeared. */
export function bookReports(engine: BookEngine): BookReport[] {
  const out: BookReport[] = [];
  for (const asset of engine.assets.values()) {
    const book = asset.book;
    if (!book) continue;
    const trade = asset.lastTrade;
    out.push({
      asset_id: asset.assetId,
      market: asset.market,
      bids: book.bids.levels,
      asks: book.asks.levels,
      tick_size: asset.tickSize,
      last_trade: trade ? { price: trade.price, size: trade.size, side: trade.side } : null,
      fingerprint: engine.fingerprint(asset.assetId)!,
      status: asset.lifecycle === 'resolved' ? 'resolved' : asset.stale ? 'stale' : 'live',
      crossed: asset.crossed,
      integrity: { ...asset.integrity },
    });
  }
  return out;
}
