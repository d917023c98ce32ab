/**
 * What the fuzzer asserts about output and state, independent of the product's own sanitizer (it
 * is one of the things under test):
 *
 * - unsafe text: no C0/C1 control character (ESC included), DEL, bidi control, zero-width
 *   character, U+2028/U+2029 or lone surrogate in any string (or key) a consumer decodes from
 *   output: NDJSON lines are checked after decoding, since JSON.stringify writes ESC as `\u001b`
 *   and `jq -r` turns it back into a raw ESC;
 * - exponent notation: no number-like string (or JSON number) written with an exponent ("1e+59");
 * - digests: a cheap summary of an engine's state, to prove a rejected frame changed nothing.
 */
import type { BookEngine } from '../../src/book/engine.js';

/** Each unsafe character class, tested in this order. */
const CLASSES: readonly (readonly [string, RegExp])[] = [
  ['esc', /\u001b/],
  ['c0', /[\u0000-\u001f]/],
  ['del', /\u007f/],
  ['c1', /[\u0080-\u009f]/],
  ['bidi', /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/],
  ['zero_width', /[\u200b-\u200d\u2060-\u2064\ufeff]/],
  ['line_separator', /[\u2028\u2029]/],
  ['lone_surrogate', /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/],
];

const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The class of the first unsafe character in `text`, or null when it is safe. */
export function unsafeClass(text: string): string | null {
  if (!UNSAFE.test(text)) return null;
  for (const [name, re] of CLASSES) if (re.test(text)) return name;
  return 'other';
}

/** A whole string that is a number written with an exponent. */
const EXPONENT = /^[+-]?(?:\d+\.?\d*|\.\d+)[eE][+-]?\d+$/;

export function isExponentNumber(text: string): boolean {
  return EXPONENT.test(text);
}

/** Fields whose values are opaque server ids or prose, not numbers (an id "1e5" is just an id). */
const OPAQUE_KEYS = new Set(['asset_id', 'assetId', 'market', 'id', 'question', 'outcome', 'outcomes', 'slug', 'detail', 'connection', 'cause']);

export interface OutputProblem {
  readonly kind: 'unsafe' | 'exponent';
  /** Where in the value: `bids[0].price`, `(key) ...`. */
  readonly path: string;
  /** unsafe: the character class; exponent: the value. */
  readonly what: string;
  /** The offending string, escaped and shortened. */
  readonly sample: string;
}

function shown(text: string): string {
  const json = JSON.stringify(text.length > 120 ? `${text.slice(0, 117)}...` : text);
  return json;
}

/** Normalises array indices away so that problems group by field (`bids[].price`). */
export function fieldOf(path: string): string {
  return path.replace(/\[\d+\]/g, '[]');
}

/** Every unsafe string and exponent number in a decoded value; stops after `limit` problems. */
export function scanValue(value: unknown, limit = 8): OutputProblem[] {
  const out: OutputProblem[] = [];
  const path: (string | number)[] = [];
  const where = () => path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
  const keyOf = (): string | null => {
    for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
    return null;
  };
  const walk = (v: unknown): void => {
    if (out.length >= limit) return;
    if (typeof v === 'string') {
      const cls = unsafeClass(v);
      if (cls !== null) out.push({ kind: 'unsafe', path: where(), what: cls, sample: shown(v) });
      const key = keyOf();
      if ((key === null || !OPAQUE_KEYS.has(key)) && v.length < 400 && EXPONENT.test(v))
        out.push({ kind: 'exponent', path: where(), what: v, sample: shown(v) });
      return;
    }
    if (typeof v === 'number') {
      if (Number.isFinite(v) && /e/i.test(String(v))) out.push({ kind: 'exponent', path: where(), what: String(v), sample: String(v) });
      return;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length && out.length < limit; i++) {
        path.push(i);
        walk(v[i]);
        path.pop();
      }
      return;
    }
    if (typeof v === 'object' && v !== null) {
      for (const k of Object.keys(v)) {
        if (out.length >= limit) break;
        const cls = unsafeClass(k);
        if (cls !== null) out.push({ kind: 'unsafe', path: `${where()}(key)`, what: cls, sample: shown(k) });
        path.push(k);
        walk((v as Record<string, unknown>)[k]);
        path.pop();
      }
    }
  };
  walk(value);
  return out;
}

/** `scanValue` of a plain-data object, through its JSON text first (most objects are clean: no walk). */
export function scanObject(value: object): OutputProblem[] {
  return scanLine(JSON.stringify(value));
}

/** A JSON string or number token with an exponent, in JSON text. */
const EXPONENT_STRING = /"[+-]?[\d.]+[eE][+-]?\d+"/;
const EXPONENT_NUMBER = /[:,[]-?\d[\d.]*[eE][+-]?\d/;

/**
 * Problems of one NDJSON line (without its newline), as a consumer decodes it. The line is only
 * decoded when its text could hide a problem: a raw unsafe character, an escape, or an exponent.
 */
export function scanLine(line: string): OutputProblem[] {
  if (!UNSAFE.test(line) && line.indexOf('\\') < 0 && !EXPONENT_STRING.test(line) && !EXPONENT_NUMBER.test(line)) return [];
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    // Not JSON at all: a raw control character does that (JSON strings cannot hold one).
    return [{ kind: 'unsafe', path: '(line)', what: unsafeClass(line) ?? 'not_json', sample: shown(line) }];
  }
  const problems = scanValue(value);
  // Raw characters JSON.parse would not mind but a terminal would (U+2028 between tokens).
  if (problems.length === 0) {
    const cls = unsafeClass(line.replace(/"(?:[^"\\]|\\.)*"/g, '""'));
    if (cls !== null) problems.push({ kind: 'unsafe', path: '(between tokens)', what: cls, sample: shown(line) });
  }
  return problems;
}

const ASSET_FIELDS = [
  'assetId',
  'market',
  'book.version',
  'bids',
  'asks',
  'lifecycle',
  'stale',
  'crossed',
  'provisional',
  'winner',
  'generation',
  'tickSize',
  'updatedAt',
  'cleaned',
  'lastTrade',
  'burst',
  'burst.hashes',
  'burst.legacyHashes',
  'quietSince',
  'snapshots_agreed',
  'snapshots_disagreed',
  'snapshots_refreshed',
  'bba_agreed',
  'bba_disagreed',
  'hash_verified',
  'hash_unverifiable',
  'hash_mismatch',
  'crossed (count)',
  'awaiting_snapshot',
  'quiet_verified',
  'quiet_resynced',
  'rest_untrusted',
] as const;
const HEAD_FIELDS = ['assets', 'markets', 'dirty', 'ignored'] as const;

/**
 * A cheap snapshot of an engine: asset count, markets, pending publishes, ignored count, and per
 * asset its book version and level counts, lifecycle, flags, labels, last trade, pending burst and
 * integrity counters (values and object references, compared with ===). Equal snapshots before and
 * after a frame mean the frame changed nothing the store could show.
 */
export function engineSnapshot(engine: BookEngine): unknown[] {
  const d: unknown[] = [engine.assets.size, engine.markets.size, engine.dirty.size, engine.ignored];
  for (const a of engine.assets.values()) {
    const b = a.book;
    const i = a.integrity;
    d.push(
      a.assetId,
      a.market,
      b ? b.version : -1,
      b ? b.bids.length : -1,
      b ? b.asks.length : -1,
      a.lifecycle,
      a.stale,
      a.crossed,
      a.provisional,
      a.winner,
      a.generation,
      a.tickSize,
      a.updatedAt,
      a.cleaned,
      a.lastTrade,
      a.burst,
      a.burst?.hashes.length,
      a.burst?.legacyHashes,
      a.quietSince,
      i.snapshots_agreed,
      i.snapshots_disagreed,
      i.snapshots_refreshed,
      i.bba_agreed,
      i.bba_disagreed,
      i.hash_verified,
      i.hash_unverifiable,
      i.hash_mismatch,
      i.crossed,
      i.awaiting_snapshot,
      i.quiet_verified,
      i.quiet_resynced,
      i.rest_untrusted,
    );
  }
  for (const [id, m] of engine.markets) d.push(id, m);
  return d;
}

/** What differs between two snapshots (the first difference, named), or null when equal. */
export function snapshotDiff(before: readonly unknown[], after: readonly unknown[]): string | null {
  const n = Math.max(before.length, after.length);
  for (let k = 0; k < n; k++) {
    if (before[k] === after[k]) continue;
    const show = (v: unknown) =>
      typeof v === 'string' ? JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v) : typeof v === 'object' && v !== null ? '{…}' : String(v);
    if (k < HEAD_FIELDS.length) return `${HEAD_FIELDS[k]} ${show(before[k])} → ${show(after[k])}`;
    const perAsset = ASSET_FIELDS.length;
    const assets = Number(before[0]);
    const rel = k - HEAD_FIELDS.length;
    if (rel < assets * perAsset) {
      const id = before[HEAD_FIELDS.length + Math.floor(rel / perAsset) * perAsset];
      return `asset ${show(id)}: ${ASSET_FIELDS[rel % perAsset]} ${show(before[k])} → ${show(after[k])}`;
    }
    return `markets changed at entry ${k}`;
  }
  return null;
}
