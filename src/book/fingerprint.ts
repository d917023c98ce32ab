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
import { createRequire } from 'node:module';
import { columnsOf, type Levels } from './levels.js';

type Blake3 = (input: string) => Buffer;
let blake3: Blake3 | null = null;

/**
 * blake3-wasm compiles its WebAssembly when loaded (tens of ms): loaded on the first fingerprint,
 * not at start-up, so commands that never fingerprint a book (and replay's start) do not pay it.
 * Its hash function module is loaded directly (the package, pinned at 2.1.5, has no exports map),
 * with the package entry as the fallback.
 */
function loadBlake3(): Blake3 {
  const require = createRequire(import.meta.url);
  try {
    return (require('blake3-wasm/dist/node/hash-fn.js') as { hash: Blake3 }).hash;
  } catch {
    return (require('blake3-wasm') as { hash: Blake3 }).hash;
  }
}

export function canonicalBookText(assetId: string, bids: Levels, asks: Levels): string {
  const b = columnsOf(bids);
  const a = columnsOf(asks);
  let text = `polybook-book/1\n${assetId}\n`;
  for (let i = 0; i < b.prices.length; i++) text += `b ${b.prices[i]} ${b.sizes[i]}\n`;
  for (let i = 0; i < a.prices.length; i++) text += `a ${a.prices[i]} ${a.sizes[i]}\n`;
  return text;
}

/** Blake3 hex of the canonical serialization. */
export function bookFingerprint(assetId: string, bids: Levels, asks: Levels): string {
  blake3 ??= loadBlake3();
  return blake3(canonicalBookText(assetId, bids, asks)).toString('hex');
}
