/**
 * Identifiers in the venue's shapes, drawn from a seeded stream: token ids are 77-digit decimal
 * strings (beyond 2^53: never numbers), condition ids and hashes are 0x + 64 hex, API keys and
 * trade ids are UUIDs, addresses are mixed-case 0x + 40 hex like the venue's checksummed ones.
 */
import type { Rng } from './rng.js';

export function tokenId(rng: Rng): string {
  return rng.digits(77);
}

export function hex32(rng: Rng): string {
  return `0x${rng.hex(64)}`;
}

export function uuid(rng: Rng): string {
  const h = rng.hex(32);
  const variant = '89ab'[rng.int(0, 3)]!;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function address(rng: Rng): string {
  let out = '0x';
  for (const c of rng.hex(40)) out += c >= 'a' && rng.chance(0.5) ? c.toUpperCase() : c;
  return out;
}
