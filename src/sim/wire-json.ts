/**
 * The venue's two JSON spellings (POLYMARKET.md §3, VERIFIED on the 2026-07-19 capture):
 *
 * - compact (`JSON.stringify`): the initial dump array, REST and Gamma bodies, the hash preimage;
 * - spaced: every later WebSocket event, with ", " between members and between array elements
 *   and no space after ":" — `{"market":"0x..", "price_changes":[{"asset_id":"..", ...}, {...}], ...}`.
 *
 * The spaced form is written structurally rather than by re-spacing JSON.stringify output, so a
 * ", " inside a string value can never be confused with a separator.
 */

export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json | undefined };

/** Serializes with the venue's mid-stream spacing; key order is the object's own order. */
export function spacedJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      // undefined, functions, symbols: as JSON.stringify does inside arrays.
      return 'null';
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ', ';
      out += spacedJson(value[i]);
    }
    return `${out}]`;
  }
  let out = '{';
  let first = true;
  for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
    // Like JSON.stringify: absent (undefined) members are not written.
    if (member === undefined) continue;
    if (!first) out += ', ';
    first = false;
    out += `${JSON.stringify(key)}:${spacedJson(member)}`;
  }
  return `${out}}`;
}

/** Compact JSON, as the dump, REST and Gamma use. */
export function compactJson(value: unknown): string {
  return JSON.stringify(value);
}
