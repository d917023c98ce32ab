/**
 * A minimal book rebuild from the sim's market frames that uses no polybook client code, so a test
 * can say what the frames mean independently of the client being built: `book` events replace a
 * token's book, `price_change` levels (current elements or legacy `changes[]`) set absolute sizes.
 */
import { createHash } from 'node:crypto';

export interface WireLevel {
  readonly price: string;
  readonly size: string;
}

interface TokenLevels {
  readonly bids: Map<string, string>;
  readonly asks: Map<string, string>;
}

type Event = Record<string, any>;

export const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');

/** The 6-field (legacy) and 10-field (current) venue book hashes of a book (§6.1, §6.2). */
export function bookHashes(
  market: string,
  assetId: string,
  timestamp: string,
  bids: readonly WireLevel[],
  asks: readonly WireLevel[],
  lastTradePrice: string,
  tickSize = '0.01',
) {
  const head = { market, asset_id: assetId, timestamp, hash: '', bids, asks };
  return {
    legacy: sha1(JSON.stringify(head)),
    current: sha1(JSON.stringify({ ...head, min_order_size: '5', tick_size: tickSize, neg_risk: false, last_trade_price: lastTradePrice })),
  };
}

export class Rebuild {
  private readonly books = new Map<string, TokenLevels>();

  /** Applies one text frame; non-JSON frames (PONG, []) change nothing. */
  apply(frame: string): void {
    if (!frame.startsWith('{') && !frame.startsWith('[')) return;
    const value = JSON.parse(frame) as Event | Event[];
    for (const event of Array.isArray(value) ? value : [value]) this.event(event);
  }

  private event(e: Event): void {
    if (e.event_type === 'book') {
      const map = (levels: WireLevel[]) => new Map(levels.map((l) => [l.price, l.size]));
      this.books.set(e.asset_id, { bids: map(e.bids), asks: map(e.asks) });
    } else if (e.event_type === 'price_change') {
      if (Array.isArray(e.price_changes)) for (const c of e.price_changes) this.set(c.asset_id, c.side, c.price, c.size);
      else for (const c of e.changes) this.set(e.asset_id, c.side, c.price, c.size);
    }
  }

  private set(assetId: string, side: string, price: string, size: string): void {
    const book = this.books.get(assetId);
    if (!book) throw new Error(`update for ${assetId} before its book`);
    const levels = side === 'BUY' ? book.bids : book.asks;
    if (size === '0') levels.delete(price);
    else levels.set(price, size);
  }

  /** A token's levels in wire order (bids ascending, asks descending), as REST shows them. */
  levels(assetId: string): { bids: WireLevel[]; asks: WireLevel[] } {
    const book = this.books.get(assetId);
    if (!book) throw new Error(`no book for ${assetId}`);
    const sorted = (levels: Map<string, string>, ascending: boolean) =>
      [...levels].sort((x, y) => (ascending ? 1 : -1) * (Number(x[0]) - Number(y[0]))).map(([price, size]) => ({ price, size }));
    return { bids: sorted(book.bids, true), asks: sorted(book.asks, false) };
  }
}
