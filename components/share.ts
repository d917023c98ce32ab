/**
 * Structural sharing for plain data (strings, numbers, booleans, null, arrays, plain objects): the
 * next value with every part equal to the previous one replaced by the previous object. A part
 * that did not change keeps its identity, so memoized components compare props with `===` and
 * skip, and Ink's text nodes stay untouched (not re-measured by Yoga). Arrays of objects with a
 * string `key` are matched by key, so rows that only moved (a new trade on top of the tape) are
 * shared too.
 */

type Plain = unknown;

function isObject(value: Plain): value is Record<string, Plain> {
  return typeof value === 'object' && value !== null;
}

function keyOf(value: Plain): string | undefined {
  return isObject(value) && !Array.isArray(value) && typeof value.key === 'string' ? value.key : undefined;
}

/** `next` with its unchanged parts taken from `prev`; `prev` itself when nothing changed. */
export function share<T>(prev: T | undefined, next: T): T {
  if (prev === next || prev === undefined) return next;
  if (!isObject(prev) || !isObject(next)) return next;
  if (Array.isArray(next)) {
    if (!Array.isArray(prev)) return next;
    let byKey: Map<string, Plain> | null = null;
    if (next.length > 0 && keyOf(next[0]) !== undefined) {
      byKey = new Map();
      for (const item of prev) {
        const k = keyOf(item);
        if (k !== undefined) byKey.set(k, item);
      }
    }
    let same = prev.length === next.length;
    const out = next.map((item, i) => {
      const k = byKey ? keyOf(item) : undefined;
      const before = k !== undefined ? byKey!.get(k) : byKey ? undefined : prev[i];
      const shared = share(before, item);
      if (shared !== prev[i]) same = false;
      return shared;
    });
    return (same ? prev : out) as T;
  }
  if (Array.isArray(prev)) return next;
  const keys = Object.keys(next);
  let same = keys.length === Object.keys(prev).length;
  const out: Record<string, Plain> = {};
  for (const k of keys) {
    const shared = share(prev[k], next[k]);
    if (shared !== prev[k] || !(k in prev)) same = false;
    out[k] = shared;
  }
  return (same ? prev : out) as T;
}
