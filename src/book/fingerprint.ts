/**
 * polybook's own fingerprint of a book: Blake3 of a canonical serialization, so two books can be
 * compared with one string (client against the simulator's truth, replay against replay). It is
 * not the venue's hash (that is SHA-1 over inputs the WebSocket does not carry: `venue-hash.ts`).
 *
 * Canonical serialization (UTF-8), one line per item, each ending in "\n":
 *   polybook-book/1
 *   <asset_id>
 *   b <price> <size>      one line per bid, best (highest) first
 *   a <price> <size>      one line per ask, best (lowest) first
 * Prices and sizes in canonical decimal spelling (no trailing zeros, no exponent).
 */
import { hash } from 'blake3-wasm';
import type { Level } from '../protocol/events.js';

export function canonicalBookText(assetId: string, bids: readonly Level[], asks: readonly Level[]): string {
  let text = `polybook-book/1\n${assetId}\n`;
  for (const level of bids) text += `b ${level.price} ${level.size}\n`;
  for (const level of asks) text += `a ${level.price} ${level.size}\n`;
  return text;
}

/** Blake3 hex of the canonical serialization. */
export function bookFingerprint(assetId: string, bids: readonly Level[], asks: readonly Level[]): string {
  return hash(Buffer.from(canonicalBookText(assetId, bids, asks), 'utf8')).toString('hex');
}
