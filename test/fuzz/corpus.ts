/**
 * The fuzzer's seed corpus: every real frame of the shared fixtures, split by channel, with the
 * token ids they name (the watch engine tracks those) and the REST-only hash inputs they carry.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { splitFrames } from '../../src/feed/recording.js';

export type Channel = 'market' | 'user';

/** One seed frame: its text exactly as captured and, when it is JSON, its decoded value. */
export interface SeedFrame {
  readonly source: string;
  readonly text: string;
  /** undefined for a non-JSON text frame (PONG, empty). */
  readonly value: unknown;
  readonly channel: Channel;
}

export interface Corpus {
  readonly market: readonly SeedFrame[];
  readonly user: readonly SeedFrame[];
  /** Every token id a market frame names (what `watch` subscribes to). */
  readonly assetIds: readonly string[];
  /** Every condition id a frame names. */
  readonly markets: readonly string[];
  /** REST-only venue-hash inputs per market (`min_order_size`, `neg_risk`), as watch learns them from REST. */
  readonly bookMeta: readonly { readonly market: string; readonly minOrderSize: string; readonly negRisk: boolean }[];
  /** Leaf values of the corpus by the key they sit under, for splicing one frame's values into another. */
  readonly valuesByKey: ReadonlyMap<string, readonly unknown[]>;
}

/**
 * The shared fixtures directory: `$POLYBOOK_SHARED/fixtures/polymarket`, else `../shared` beside the
 * checkout (found from the working directory or from this file, compiled or not).
 */
export function findFixtures(): string {
  const candidates: string[] = [];
  if (process.env.POLYBOOK_SHARED) candidates.push(resolve(process.env.POLYBOOK_SHARED, 'fixtures/polymarket'));
  candidates.push(resolve('../shared/fixtures/polymarket'));
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    candidates.push(resolve(dir, '../shared/fixtures/polymarket'));
    dir = dirname(dir);
  }
  for (const c of candidates) if (existsSync(join(c, 'live-2026-07-19-polysim/market-frames.jsonl'))) return `${c}/`;
  throw new Error(`shared fixtures not found (tried ${candidates.join(', ')}); set POLYBOOK_SHARED`);
}

const JSONL = ['live-2026-07-19-polysim/market-frames.jsonl', 'synthetic-legacy-session-2025-01.jsonl', 'doc-examples.server-frames.jsonl'];

const JSON_FILES = [
  'nautilus-2024-2025/ws_book.json',
  'nautilus-2024-2025/ws_price_change.json',
  'nautilus-2024-2025/docderived_ws_price_change_changes-array_2024-10.json',
  'nautilus-2024-2025/ws_tick_size_change.json',
  'nautilus-2024-2025/ws_last_trade_price.json',
  'nautilus-2024-2025/ws_order_placement.json',
  'nautilus-2024-2025/ws_order_cancel.json',
  'nautilus-2024-2025/ws_user_trade1.json',
  'nautilus-2024-2025/ws_user_trade2.json',
  'nautilus-2024-2025/trade_object_no_event_type.json',
  'aaimek-2025-01/ws_book_legacy.json',
  'aaimek-2025-01/ws_price_change_legacy.json',
];

const REST_BOOKS = ['live-2026-07-19-polysim/rest-book.json', '2026-more/pytest-2026-05-08.book-meta.json'];

const ID_KEYS = new Set(['asset_id', 'assets_ids', 'asset_ids', 'clob_token_ids']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isUserEvent(v: unknown): boolean {
  if (!isObject(v)) return false;
  const t = v.event_type;
  return t === 'order' || t === 'trade' || (t === undefined && Array.isArray(v.maker_orders));
}

function decode(text: string): unknown {
  const c = text.charCodeAt(0);
  if (c !== 123 && c !== 91) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A frame as a seed: decoded when it is JSON, on the user channel when all its events are user events. */
export function seedFrame(source: string, text: string): SeedFrame {
  const value = decode(text);
  const events = Array.isArray(value) ? value : [value];
  const channel: Channel = events.length > 0 && events.every(isUserEvent) ? 'user' : 'market';
  return { source, text, value, channel };
}

export function loadCorpus(fixtures = findFixtures()): Corpus {
  const market: SeedFrame[] = [];
  const user: SeedFrame[] = [];
  const add = (source: string, text: string) => {
    const frame = seedFrame(source, text);
    (frame.channel === 'user' ? user : market).push(frame);
  };
  const jsonl = [
    ...JSONL,
    ...readdirSync(join(fixtures, '2026-more'))
      .filter((f) => f.endsWith('.jsonl'))
      .sort()
      .map((f) => `2026-more/${f}`),
  ];
  for (const file of jsonl) {
    for (const [i, text] of splitFrames(readFileSync(join(fixtures, file), 'utf8')).entries()) add(`${file}:${i + 1}`, text);
  }
  // Pretty-printed single messages: compacted to one frame, key order kept.
  for (const file of JSON_FILES) add(file, JSON.stringify(JSON.parse(readFileSync(join(fixtures, file), 'utf8'))));

  const markets = new Set<string>();
  const valuesByKey = new Map<string, unknown[]>();
  const walk = (v: unknown, key: string | null) => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x, key);
    } else if (isObject(v)) {
      for (const [k, x] of Object.entries(v)) walk(x, k);
    } else if (key !== null) {
      if ((key === 'market' || key === 'condition_id') && typeof v === 'string' && v !== '') markets.add(v);
      let list = valuesByKey.get(key);
      if (!list) valuesByKey.set(key, (list = []));
      if (list.length < 200 && !list.includes(v)) list.push(v);
    }
  };
  for (const f of market) walk(f.value, null);
  for (const f of user) walk(f.value, null);
  // Token ids of market frames only: user-channel ids are not market subscriptions.
  const marketIds = new Set<string>();
  const walkIds = (v: unknown, key: string | null) => {
    if (typeof v === 'string') {
      if (ID_KEYS.has(key ?? '') && /^\d{1,100}$/.test(v)) marketIds.add(v);
    } else if (Array.isArray(v)) {
      for (const x of v) walkIds(x, key);
    } else if (isObject(v)) {
      for (const [k, x] of Object.entries(v)) walkIds(x, k);
    }
  };
  for (const f of market) walkIds(f.value, null);

  const bookMeta: { market: string; minOrderSize: string; negRisk: boolean }[] = [];
  for (const file of REST_BOOKS) {
    const body = JSON.parse(readFileSync(join(fixtures, file), 'utf8')) as Record<string, unknown>;
    if (typeof body.market === 'string' && typeof body.min_order_size === 'string' && typeof body.neg_risk === 'boolean') {
      bookMeta.push({ market: body.market, minOrderSize: body.min_order_size, negRisk: body.neg_risk });
    }
  }
  return { market, user, assetIds: [...marketIds].sort(), markets: [...markets].sort(), bookMeta, valuesByKey };
}
