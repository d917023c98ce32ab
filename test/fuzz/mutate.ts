/**
 * Hostile mutations of real frames. A `Mutator` draws a seed frame (real fixtures only) and applies
 * one or more mutations to it, first on its decoded JSON (type swaps, huge and out-of-range values,
 * prototype keys, unicode, wrong event types, duplicated and shuffled elements, deep nesting, huge
 * arrays...), then on its text (byte flips, insertions, deletions, truncation...). Everything comes
 * from one seeded PRNG: a seed and a frame index name one mutated frame, on any machine.
 *
 * Decoded values are never modified in place: an update copies the containers along its path, so
 * seed frames stay pristine and a mutation costs what its path costs, not what the frame costs.
 */
import * as fields from '../../src/protocol/fields.js';
import type { Channel, Corpus, SeedFrame } from './corpus.js';
import { Prng } from './prng.js';

export interface Mutant {
  /** 0-based index in the run. */
  readonly index: number;
  readonly channel: Channel;
  /** Fixture file and line of the seed frame. */
  readonly source: string;
  /** The mutations applied, in order (e.g. `unicode:market`, `bit_flip`). */
  readonly ops: readonly string[];
  readonly text: string;
  /** The costly mutation this frame carries (`huge_array:…`, `deep_nest:…`), if any. */
  readonly heavy: string | null;
}

export interface MutatorOptions {
  /** Share of frames drawn from the user channel's seeds (default 0.02). */
  readonly userRate?: number;
  /** Share of frames given a huge array (100 000 elements, or at the parser's limits) (default 1/5000). */
  readonly hugeRate?: number;
  /** Share of frames given a 10 000-level nesting (default 1/2000). */
  readonly deepRate?: number;
  /** Share of mutations made on the text rather than the decoded value (default 0.15). */
  readonly textRate?: number;
}

type Key = string | number;
type Path = Key[];
type Json = unknown;

// ---------------------------------------------------------------------------------------------
// Hostile values

/** Terminal-steering and invisible text: escapes, bidi, zero-width, separators, surrogates, NUL. */
export const UNICODE_PAYLOADS: readonly string[] = [
  '\u001b]0;x\u0007',
  '\u001b[2J',
  '\u001b[31m',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2069',
  '\u061c',
  '\u200e',
  '\u200b',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u2028',
  '\u2029',
  '\ud800',
  '\udfff',
  '\u0000',
  '\u0007',
  '\u0008',
  '\u0085',
  '\u009b2J',
  '\u007f',
  '\u00ad',
  '\t',
  '\n',
  '\r',
];

/** The same payloads as JSON escape text, for insertion into a frame's text. */
const ESCAPE_TEXTS: readonly string[] = [
  '\\u001b]0;x\\u0007',
  '\\u001b[2J',
  '\\u202e',
  '\\u2066',
  '\\u061c',
  '\\u200b',
  '\\ufeff',
  '\\u2028',
  '\\u2029',
  '\\ud800',
  '\\udc00',
  '\\u0000',
  '\\u009b',
  '\\u0085',
  '\\u007f',
  '\\n',
  '\\t',
];

export const PROTO_KEYS: readonly string[] = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  '__defineGetter__',
  'isPrototypeOf',
];

const HUGE_DIGITS = '1'.repeat(30_000);

const WEIRD_NUMBER_STRINGS: readonly string[] = [
  HUGE_DIGITS,
  `0.${HUGE_DIGITS}`,
  '1e309',
  '-0',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e+59',
  '1E-7',
  '0x1F',
  '1_000',
  ' 0.5',
  '0.5 ',
  '+0.5',
  '\u0660.\u0665',
  '\uff11',
  '0..5',
  '.',
  '5.',
  '.5',
  '00000.5000',
  `${'9'.repeat(400)}.${'9'.repeat(400)}`,
  `0.${'0'.repeat(60)}1`,
  '123456789012345678901234567890',
  '1e-400',
];

/** JSON number tokens (and near-tokens) written raw into the text. */
const RAW_NUMBERS: readonly string[] = [
  '1e309',
  '-1e309',
  '-0',
  HUGE_DIGITS,
  `0.${HUGE_DIGITS}`,
  '1e-400',
  '123456789012345678901234567890',
  '0.1e1',
  '1E+2',
  '9007199254740993',
  '-1',
  '0.5',
  '1.5e-10',
  '1e21',
  // not JSON: the frame becomes malformed
  'NaN',
  'Infinity',
  '-',
  '01',
  '.5',
];

const PRICES: readonly string[] = [
  '1.5',
  '-0.1',
  '0.0000000001',
  '1',
  '0',
  '0.00',
  '99999999999',
  '1.0000000000000000001',
  '100',
  '0.999999999999',
  '-0',
  `0.${'0'.repeat(45)}1`,
  '1e-10',
  '',
  '0.5',
  '0.01',
  '0.99',
];

const SIZES: readonly string[] = ['-1', '0', '0.0000000001', HUGE_DIGITS, `1${'0'.repeat(60)}`, `0.${'0'.repeat(50)}1`, '-0', '0.000', '1e3', '', '5', '100.5'];

const TIMESTAMPS: readonly string[] = [
  '12345678901234567890',
  '',
  'abc',
  '99999999999999999999999',
  ' 1784449237352',
  '1784449237352\u202e',
  '1784449237352\u001b[2J',
  '-1',
  '0',
  '1e3',
  '1e+59',
  '1784449237352.5',
  'null',
];

const RAW_TIMESTAMPS: readonly string[] = ['12345678901234567890', '-1', '1.5', '1e21', '1784449237352', '1e+59'];

const EVENT_TYPES: readonly string[] = [
  'BOOK',
  'Book',
  'book ',
  ' book',
  'price-change',
  'pricechange',
  'price_changes',
  'book\u0000',
  'bo\u200bok',
  '',
  'last_trade',
  'tick_size_changed',
  'best-bid-ask',
  'order',
  'trade',
  'new_market',
  'market_resolved',
  'book',
  'price_change',
  'last_trade_price',
  'tick_size_change',
  'best_bid_ask',
  'PRICE_CHANGE',
  'LAST_TRADE_PRICE',
  '\uff22\uff2f\uff2f\uff2b',
  'book\u202e',
  '\u001b[2Jbook',
  ...PROTO_KEYS,
];

const STATUSES: readonly string[] = [
  'LIVE',
  'MATCHED',
  'CANCELED',
  'CANCELED_\u001b[2J',
  'CANCELED_MARKET_RESOLVED',
  'INVALID',
  'MINED',
  'CONFIRMED',
  'RETRYING',
  'FAILED',
  'TRADE_STATUS_MINED',
  'MATCHED_NOT_BROADCASTED',
  'matched',
  'x'.repeat(5000),
  '\u202eLIVE',
  'LI\u200bVE',
  '',
];

const ORDER_TYPES: readonly string[] = ['PLACEMENT', 'UPDATE', 'CANCELLATION', 'placement', '\u202ePLACEMENT', 'GTC', 'FOK', 'FAK', 'F\u200bOK', ''];

const CONTROL_TEXTS: readonly string[] = [
  'PONG',
  'pong',
  'PONG\n',
  ' PONG',
  'PONG\u0000',
  'INVALID OPERATION',
  'NO NEW ASSETS',
  '',
  '   ',
  '\ufeffPONG',
  'PING',
  '\u001b[2JPONG',
  'NO NEW ASSETS\u202e',
  'null',
  'true',
  '0',
  '"book"',
  '{}',
  '[]',
  '[[]]',
  '[{}]',
  '[null]',
  '{"event_type":"book"}',
];

const TEXT_CHARS: readonly string[] = ['{', '}', '[', ']', '"', ':', ',', '\\', ' ', '0', '9', '.', '-', 'e', 'a', ...UNICODE_PAYLOADS];

const PRICE_KEYS = new Set(['price', 'best_bid', 'best_ask', 'tick_size', 'old_tick_size', 'new_tick_size', 'last_trade_price', 'spread', 'min_order_size']);
const SIZE_KEYS = new Set(['size', 'original_size', 'size_matched', 'matched_amount']);
const TIME_KEYS = new Set(['timestamp', 'match_time', 'matchtime', 'created_at', 'last_update', 'expiration']);
const ID_KEYS = new Set([
  'asset_id',
  'market',
  'id',
  'condition_id',
  'winning_asset_id',
  'assets_ids',
  'asset_ids',
  'clob_token_ids',
  'hash',
  'taker_order_id',
  'order_id',
]);
/** Server strings that can reach a screen or NDJSON. */
const SHOWN_KEYS = new Set([
  'market',
  'timestamp',
  'question',
  'outcome',
  'outcomes',
  'slug',
  'status',
  'winning_outcome',
  'side',
  'order_type',
  'type',
  'id',
  'asset_id',
  'match_time',
  'matchtime',
  'trader_side',
  'transaction_hash',
  'fee_rate_bps',
  'event_type',
  'tick_size',
  'new_tick_size',
  'last_trade_price',
  'condition_id',
]);
const ARRAY_KEYS = new Set(['bids', 'asks', 'price_changes', 'changes', 'assets_ids', 'asset_ids', 'clob_token_ids', 'outcomes', 'maker_orders']);

// ---------------------------------------------------------------------------------------------
// Costly payloads, built once

/** The parser's bounds on levels a side and entries of a price_change, when it exports them. */
export function parserLimits(): { levels: number; changes: number } {
  const limits = fields as unknown as { MAX_LEVELS?: unknown; MAX_CHANGES?: unknown };
  const levels = typeof limits.MAX_LEVELS === 'number' ? limits.MAX_LEVELS : 10_001;
  const changes = typeof limits.MAX_CHANGES === 'number' ? limits.MAX_CHANGES : 4 * levels;
  return { levels, changes };
}

let heavyCache: Map<string, string> | null = null;

function heavyTexts(trackedId: string): Map<string, string> {
  if (heavyCache) return heavyCache;
  const cache = new Map<string, string>();
  const n = 100_000;
  const depth = 10_000;
  cache.set('deep_array', '['.repeat(depth) + ']'.repeat(depth));
  cache.set('deep_object', `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
  cache.set('deep_levels', `[${'{"price":'.repeat(depth)}"0.5"${'}'.repeat(depth)}]`);
  const price = (i: number) => {
    const s = (i / n).toFixed(6).replace(/0+$/, '');
    return s.endsWith('.') ? `${s}0` : s;
  };
  const same: string[] = [];
  const asc: string[] = [];
  for (let i = 0; i < n; i++) {
    same.push('{"price":"0.5","size":"1"}');
    asc.push(`{"price":"${price(i + 1)}","size":"${(i % 997) + 1}"}`);
  }
  const shuffle = new Prng(0x5eed);
  const rnd = shuffle.shuffled(asc);
  cache.set('levels_same', `[${same.join(',')}]`);
  cache.set('levels_ascending', `[${asc.join(',')}]`);
  cache.set('levels_descending', `[${asc.slice().reverse().join(',')}]`);
  cache.set('levels_shuffled', `[${rnd.join(',')}]`);
  const changes: string[] = [];
  for (let i = 0; i < n; i++) {
    changes.push(
      `{"asset_id":"${trackedId}","price":"${price(((i * 7919) % n) + 1)}","size":"${(i % 13) + 1}","side":"${i % 2 ? 'SELL' : 'BUY'}","hash":"","best_bid":"","best_ask":""}`,
    );
  }
  cache.set('changes_tracked', `[${changes.join(',')}]`);
  // At the parser's limits (levels a side, entries of a price_change, 4-decimal prices as the
  // venue's finest tick): the largest frames validation lets through.
  const { levels: maxLevels, changes: maxChanges } = parserLimits();
  const tick = (i: number) => `0.${String(i).padStart(4, '0')}`.replace(/0+$/, '');
  const ticks = Array.from({ length: 9999 }, (_, i) => tick(i + 1));
  const atLimit = (count: number, make: (i: number) => string) => `[${Array.from({ length: count }, (_, i) => make(i)).join(',')}]`;
  cache.set(
    'levels_limit_shuffled',
    atLimit(Math.min(maxLevels, ticks.length), (i) => `{"price":"${ticks[(i * 7919) % ticks.length]}","size":"${(i % 997) + 1}"}`),
  );
  cache.set(
    'levels_limit_ascending',
    atLimit(Math.min(maxLevels, ticks.length), (i) => `{"price":"${ticks[i]}","size":"1"}`),
  );
  const change = (price: string, size: string, side: string) =>
    `{"asset_id":"${trackedId}","price":"${price}","size":"${size}","side":"${side}","hash":"","best_bid":"","best_ask":""}`;
  cache.set(
    'changes_limit',
    atLimit(maxChanges, (i) => change(ticks[(i * 7919) % ticks.length]!, String((i % 13) + 1), i % 2 ? 'SELL' : 'BUY')),
  );
  // Every entry a new best bid (insertions at the front of the side), then the same prices deleted.
  cache.set(
    'changes_limit_front',
    atLimit(maxChanges, (i) => (i < ticks.length ? change(ticks[i]!, '1', 'BUY') : change(ticks[i % ticks.length]!, i % 2 ? '0' : '2', 'BUY'))),
  );
  cache.set('numbers', `[${Array.from({ length: n }, (_, i) => i).join(',')}]`);
  cache.set('nulls', `[${new Array(n).fill('null').join(',')}]`);
  cache.set('empty_objects', `[${new Array(n).fill('{}').join(',')}]`);
  heavyCache = cache;
  return cache;
}

// ---------------------------------------------------------------------------------------------
// Persistent updates on decoded JSON

const DELETE = Symbol('delete');

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  return typeof v === 'object' && v !== null;
}

/** Sets an own property, even `__proto__` (a plain assignment would change the prototype). */
function put(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  else obj[key] = value;
}

/** A shallow copy; spreading defines own properties, an own `__proto__` included. */
function copyObject(obj: Record<string, unknown>): Record<string, unknown> {
  return { ...obj };
}

function getAt(root: Json, path: Path): Json {
  let node = root;
  for (const k of path) node = (node as Record<Key, unknown>)[k];
  return node;
}

/** A copy of `root` with `fn` applied at `path` (copying only the containers on the path). */
function updateAt(root: Json, path: Path, fn: (value: Json) => Json | typeof DELETE, i = 0): Json | typeof DELETE {
  if (i === path.length) return fn(root);
  const k = path[i]!;
  if (Array.isArray(root)) {
    const copy = root.slice();
    const next = updateAt(root[k as number], path, fn, i + 1);
    if (next === DELETE) copy.splice(k as number, 1);
    else copy[k as number] = next;
    return copy;
  }
  const obj = root as Record<string, unknown>;
  const copy = copyObject(obj);
  const next = updateAt(obj[k as string], path, fn, i + 1);
  if (next === DELETE) delete copy[k as string];
  else put(copy, k as string, next);
  return copy;
}

interface Found {
  readonly path: Path;
  /** The object key the node sits under (inherited through arrays), null at the root. */
  readonly key: string | null;
  readonly value: Json;
}

/** Nodes matching `pred`, depth first, visiting at most `budget` nodes. */
function collect(root: Json, pred: (key: string | null, value: Json) => boolean, budget = 3000): Found[] {
  const out: Found[] = [];
  let visited = 0;
  const walk = (node: Json, path: Path, key: string | null) => {
    if (visited++ > budget) return;
    if (pred(key, node)) out.push({ path: path.slice(), key, value: node });
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length && visited <= budget; i++) {
        path.push(i);
        walk(node[i], path, key);
        path.pop();
      }
    } else if (isObject(node)) {
      for (const k of Object.keys(node)) {
        if (visited > budget) break;
        path.push(k);
        walk(node[k], path, k);
        path.pop();
      }
    }
  };
  walk(root, [], null);
  return out;
}

/** A random node: a random descent from the root, stopping early now and then. */
function descend(rng: Prng, root: Json, allowRoot = false): Found {
  const path: Path = [];
  let node = root;
  let key: string | null = null;
  while (isContainer(node)) {
    if ((path.length > 0 || allowRoot) && rng.chance(0.25)) break;
    if (Array.isArray(node)) {
      if (node.length === 0) break;
      const i = rng.int(node.length);
      path.push(i);
      node = node[i];
    } else {
      const keys = Object.keys(node);
      if (keys.length === 0) break;
      const k = rng.pick(keys);
      path.push(k);
      key = k;
      node = (node as Record<string, unknown>)[k];
    }
  }
  return { path, key, value: node };
}

// ---------------------------------------------------------------------------------------------
// The mutator

interface Ctx {
  readonly rng: Prng;
  /** A placeholder for raw JSON text (a number token JSON.stringify cannot write, deep nesting...). */
  raw(text: string): string;
  readonly ops: string[];
}

const RAW_MARK = /"@@FZRAW(\d+)@@"/g;

export class Mutator {
  private readonly rng: Prng;
  private readonly userRate: number;
  private readonly hugeRate: number;
  private readonly deepRate: number;
  private readonly textRate: number;
  private index = 0;
  private cursor = 0;
  private readonly live: readonly SeedFrame[];
  private readonly lifecycleSeeds: readonly SeedFrame[];
  private readonly marketPairs: readonly { market: string; ids: string[] }[];

  constructor(
    private readonly corpus: Corpus,
    seed: number,
    options: MutatorOptions = {},
  ) {
    this.rng = new Prng(seed);
    this.userRate = options.userRate ?? 0.02;
    this.hugeRate = options.hugeRate ?? 1 / 5000;
    this.deepRate = options.deepRate ?? 1 / 2000;
    this.textRate = options.textRate ?? 0.15;
    this.live = corpus.market.filter((f) => f.source.startsWith('live-'));
    this.lifecycleSeeds = corpus.market.filter((f) => isObject(f.value) && (f.value.event_type === 'new_market' || f.value.event_type === 'market_resolved'));
    // Token ids by market, from the books that name them (both outcomes of a binary market).
    const byMarket = new Map<string, Set<string>>();
    const tracked = new Set(corpus.assetIds);
    for (const f of corpus.market) {
      for (const found of collect(f.value, (key, v) => key === 'asset_id' && typeof v === 'string' && tracked.has(v))) {
        const parent = getAt(f.value, found.path.slice(0, -1));
        const market = isObject(parent) ? parent.market : undefined;
        const m = typeof market === 'string' ? market : isObject(f.value) && typeof f.value.market === 'string' ? f.value.market : null;
        if (m === null) continue;
        let set = byMarket.get(m);
        if (!set) byMarket.set(m, (set = new Set()));
        set.add(found.value as string);
      }
    }
    this.marketPairs = [...byMarket].map(([market, ids]) => ({ market, ids: [...ids] }));
    // Costly changes target a token whose book the live capture keeps (else they wait for a snapshot).
    const liveBook = this.live.length > 0 ? collect(this.live[0]!.value, (k, v) => k === 'asset_id' && typeof v === 'string')[0] : undefined;
    this.heavyId = (liveBook?.value as string | undefined) ?? corpus.assetIds[0] ?? '1';
  }

  private readonly heavyId: string;

  /** The next mutated frame. */
  next(): Mutant {
    const rng = this.rng;
    const index = this.index++;
    let seed: SeedFrame;
    if (this.corpus.user.length > 0 && rng.chance(this.userRate)) seed = rng.pick(this.corpus.user);
    else if (rng.chance(0.5) && this.live.length > 0) seed = this.live[this.cursor++ % this.live.length]!;
    else seed = rng.pick(this.corpus.market);

    const ops: string[] = [];
    const raws: string[] = [];
    const ctx: Ctx = {
      rng,
      ops,
      raw: (text) => {
        raws.push(text);
        return `@@FZRAW${raws.length - 1}@@`;
      },
    };
    const mild = rng.chance(0.45);
    let n = 1;
    while (n < 6 && rng.chance(0.4)) n++;
    let value: Json = seed.value;
    const textOps: number[] = [];
    for (let i = 0; i < n; i++) {
      if (value === undefined || (!mild && rng.chance(this.textRate))) textOps.push(i);
      else value = this.structural(ctx, value, seed.channel, mild);
    }
    let heavy: string | null = null;
    if (value !== undefined) {
      const costly = rng.chance(this.hugeRate) ? this.hugeArray(ctx, value) : rng.chance(this.deepRate) ? this.deepNest(ctx, value) : null;
      if (costly) [heavy, value] = [costly.op, costly.value];
    }
    let text = value === undefined ? seed.text : (JSON.stringify(value) ?? 'null');
    if (raws.length > 0) text = text.replace(RAW_MARK, (_, i: string) => raws[Number(i)]!);
    for (let i = 0; i < textOps.length; i++) text = this.textual(ctx, text);
    return { index, channel: seed.channel, source: seed.source, ops, text, heavy };
  }

  // -- structural mutations ----------------------------------------------------------------------

  private structural(ctx: Ctx, value: Json, channel: Channel, mild: boolean): Json {
    const rng = ctx.rng;
    if (mild) {
      // Changes a venue could make: the events stay valid, so books, audits and output all move.
      const op = rng.weighted<(ctx: Ctx, v: Json) => Json>([
        [40, (c, v) => this.nudge(c, v)],
        [5, (c, v) => this.shuffle(c, v)],
        [5, (c, v) => this.duplicate(c, v)],
        [4, (c, v) => this.shuffleKeys(c, v)],
        [8, (c, v) => this.splice(c, v)],
        [10, (c, v) => this.foreignId(c, v)],
        [channel === 'market' ? 6 : 0, (c) => this.lifecycle(c)],
        [10, (c, v) => this.unicode(c, v)],
      ]);
      return op(ctx, value);
    }
    const op = rng.weighted<(ctx: Ctx, v: Json) => Json>([
      [10, (c, v) => this.typeSwap(c, v)],
      [6, (c, v) => this.hugeNumber(c, v)],
      [8, (c, v) => this.keyed(c, v, 'price_range', PRICE_KEYS, PRICES)],
      [5, (c, v) => this.keyed(c, v, 'size_weird', SIZE_KEYS, SIZES)],
      [6, (c, v) => this.timestamp(c, v)],
      [7, (c, v) => this.proto(c, v)],
      [12, (c, v) => this.unicode(c, v)],
      [6, (c, v) => this.eventType(c, v)],
      [5, (c, v) => this.duplicate(c, v)],
      [5, (c, v) => this.shuffle(c, v)],
      [2, (c, v) => this.shuffleKeys(c, v)],
      [5, (c, v) => this.removeKey(c, v)],
      [6, (c, v) => this.splice(c, v)],
      [4, (c, v) => this.frameShape(c, v)],
      [10, (c, v) => this.nudge(c, v)],
      [channel === 'market' ? 3 : 0, (c) => this.lifecycle(c)],
      [channel === 'user' ? 10 : 0, (c, v) => this.userFields(c, v)],
    ]);
    return op(ctx, value);
  }

  private update(ctx: Ctx, root: Json, path: Path, name: string, fn: (v: Json) => Json | typeof DELETE): Json {
    ctx.ops.push(name);
    const out = updateAt(root, path, fn);
    return out === DELETE ? null : out;
  }

  /** string ↔ number ↔ bool ↔ null ↔ object ↔ array. */
  private typeSwap(ctx: Ctx, root: Json): Json {
    const rng = ctx.rng;
    const target = descend(rng, root, true);
    return this.update(ctx, root, target.path, `type_swap:${target.key ?? '(root)'}`, (v) => {
      const kinds = ['string', 'number', 'boolean', 'null', 'object', 'array'].filter((k) => k !== kindOf(v));
      switch (rng.pick(kinds)) {
        case 'string':
          return typeof v === 'number' || typeof v === 'boolean' ? String(v) : rng.pick(['', 'x', '0.5', 'BUY', JSON.stringify(v) ?? 'null']);
        case 'number': {
          const n = typeof v === 'string' ? Number(v) : Number.NaN;
          return Number.isFinite(n) ? n : rng.pick([0, 1, -1, 0.5, 1.5, 1784449237352, 2 ** 53 + 2]);
        }
        case 'boolean':
          return rng.chance(0.5);
        case 'null':
          return null;
        case 'object':
          return rng.chance(0.5) ? {} : { value: v };
        default:
          return rng.chance(0.5) ? [] : [v];
      }
    });
  }

  private hugeNumber(ctx: Ctx, root: Json): Json {
    const rng = ctx.rng;
    const numeric = collect(root, (k) => k !== null && (PRICE_KEYS.has(k) || SIZE_KEYS.has(k) || TIME_KEYS.has(k)));
    const target = numeric.length > 0 && rng.chance(0.8) ? rng.pick(numeric) : descend(rng, root);
    if (rng.chance(0.5)) {
      const raw = rng.pick(RAW_NUMBERS);
      return this.update(ctx, root, target.path, `huge_number:${target.key}=${raw.slice(0, 12)}`, () => ctx.raw(raw));
    }
    const s = rng.pick(WEIRD_NUMBER_STRINGS);
    return this.update(ctx, root, target.path, `huge_string:${target.key}="${s.slice(0, 12)}"`, () => s);
  }

  private keyed(ctx: Ctx, root: Json, name: string, keys: ReadonlySet<string>, values: readonly string[]): Json {
    const rng = ctx.rng;
    const found = collect(root, (k, v) => k !== null && keys.has(k) && !isContainer(v));
    if (found.length === 0) return this.typeSwap(ctx, root);
    const target = rng.pick(found);
    const v = rng.pick(values);
    return this.update(ctx, root, target.path, `${name}:${target.key}="${v.slice(0, 12)}"`, () => v);
  }

  private timestamp(ctx: Ctx, root: Json): Json {
    const rng = ctx.rng;
    const found = collect(root, (k) => k !== null && TIME_KEYS.has(k));
    if (found.length === 0) return this.typeSwap(ctx, root);
    const target = rng.pick(found);
    if (rng.chance(0.3)) {
      const raw = rng.pick(RAW_TIMESTAMPS);
      return this.update(ctx, root, target.path, `timestamp_raw:${target.key}=${raw}`, () => ctx.raw(raw));
    }
    const v = rng.pick(TIMESTAMPS);
    return this.update(ctx, root, target.path, `timestamp:${target.key}=${JSON.stringify(v)}`, () => v);
  }

  /** Prototype names as ids and keys. */
  private proto(ctx: Ctx, root: Json): Json {
    const rng = ctx.rng;
    const name = rng.pick(PROTO_KEYS);
    const mode = rng.int(4);
    if (mode === 0) {
      const ids = collect(root, (k, v) => k !== null && ID_KEYS.has(k) && typeof v === 'string');
      if (ids.length > 0) {
        // Token ids first: they key the engine's and the store's maps.
        const tokens = ids.filter((f) => f.key === 'asset_id');
        const target = tokens.length > 0 && rng.chance(0.6) ? rng.pick(tokens) : rng.pick(ids);
        return this.update(ctx, root, target.path, `proto_id:${target.key}=${name}`, () => name);
      }
    }
    const objects = collect(root, (_, v) => isObject(v));
    if (objects.length === 0) return this.typeSwap(ctx, root);
    const target = rng.pick(objects);
    if (mode === 1 || mode === 0) {
      const v = rng.pick<Json>([{ event_type: 'book' }, 'x', 1, null, [], { price: '0.5', size: '1' }]);
      return this.update(ctx, root, target.path, `proto_key_add:${name}`, (o) => {
        const copy = copyObject(o as Record<string, unknown>);
        put(copy, name, v);
        return copy;
      });
    }
    if (mode === 2) {
      return this.update(ctx, root, target.path, `proto_key_rename:${name}`, (o) => {
        const obj = o as Record<string, unknown>;
        const keys = Object.keys(obj);
        if (keys.length === 0) return obj;
        const from = rng.pick(keys);
        const copy: Record<string, unknown> = {};
        for (const k of keys) put(copy, k === from ? name : k, obj[k]);
        return copy;
      });
    }
    // An id list naming a prototype key beside real ids.
    const lists = collect(root, (k, v) => k !== null && (k === 'assets_ids' || k === 'asset_ids' || k === 'clob_token_ids') && Array.isArray(v));
    if (lists.length > 0) {
      const target = rng.pick(lists);
      return this.update(ctx, root, target.path, `proto_list:${name}`, (l) => [name, ...(l as unknown[])]);
    }
    return this.update(ctx, root, target.path, `proto_key_add:${name}`, (o) => {
      const copy = copyObject(o as Record<string, unknown>);
      put(copy, name, { [name]: name });
      return copy;
    });
  }

  /** Escape sequences, bidi and zero-width characters, separators, lone surrogates, NUL. */
  private unicode(ctx: Ctx, root: Json): Json {
    const rng = ctx.rng;
    const payload = rng.pick(UNICODE_PAYLOADS);
    if (rng.chance(0.08)) {
      const objects = collect(root, (_, v) => isObject(v) && Object.keys(v).length > 0);
      if (objects.length > 0) {
        const target = rng.pick(objects);
        return this.update(ctx, root, target.path, 'unicode_key', (o) => {
          const obj = o as Record<string, unknown>;
          const keys = Object.keys(obj);
          const from = rng.pick(keys);
          const copy: Record<string, unknown> = {};
          for (const k of keys) put(copy, k === from ? insertAt(rng, k, payload) : k, obj[k]);
          return copy;
        });
      }
    }
    const strings = collect(root, (k, v) => typeof v === 'string' && (k === null || !ID_KEYS.has(k) || rng.chance(0.3)));
    if (strings.length === 0) return this.typeSwap(ctx, root);
    const shown = strings.filter((s) => s.key !== null && SHOWN_KEYS.has(s.key));
    const target = shown.length > 0 && rng.chance(0.7) ? rng.pick(shown) : rng.pick(strings);
    const mode = rng.int(4);
    return this.update(ctx, root, target.path, `unicode:${target.key}`, (v) => {
      const s = v as string;
      if (mode === 0) return payload;
      if (mode === 1) return payload + s;
      if (mode === 2) return s + payload;
      return insertAt(rng, s, payload);
    });
  }

  private eventType(ctx: Ctx, root: Json): Json {
    const rng = ctx.rng;
    const events = collect(root, (k, v) => k === null && isObject(v));
    if (events.length === 0) return this.typeSwap(ctx, root);
    const target = rng.pick(events);
    if (rng.chance(0.1)) {
      return this.update(ctx, root, [...target.path, 'event_type'], 'event_type:(removed)', () => DELETE);
    }
    const t = rng.pick(EVENT_TYPES);
    return this.update(ctx, root, target.path, `event_type:${JSON.stringify(t)}`, (o) => {
      const copy = copyObject(o as Record<string, unknown>);
      put(copy, 'event_type', t);
      return copy;
    });
  }

  private arrays(root: Json): Found[] {
    return collect(root, (_, v) => Array.isArray(v) && v.length > 0);
  }

  private duplicate(ctx: Ctx, root: Json): Json {
    const rng = ctx.rng;
    const arrays = this.arrays(root);
    if (arrays.length === 0) return this.typeSwap(ctx, root);
    const target = rng.pick(arrays);
    const copies = rng.chance(0.2) ? rng.range(2, 50) : 1;
    return this.update(ctx, root, target.path, `duplicate:${target.key ?? '(root)'}x${copies}`, (a) => {
      const list = (a as unknown[]).slice();
      const element = list[rng.int(list.length)];
      for (let i = 0; i < copies; i++) list.splice(rng.int(list.length + 1), 0, element);
      return list;
    });
  }

  private shuffle(ctx: Ctx, root: Json): Json {
    const rng = ctx.rng;
    const arrays = this.arrays(root);
    if (arrays.length === 0) return this.typeSwap(ctx, root);
    const target = rng.pick(arrays);
    const mode = rng.int(3);
    return this.update(ctx, root, target.path, `${['shuffle', 'reverse', 'swap'][mode]}:${target.key ?? '(root)'}`, (a) => {
      const list = a as unknown[];
      if (mode === 0) return rng.shuffled(list);
      if (mode === 1) return list.slice().reverse();
      const copy = list.slice();
      const i = rng.int(copy.length);
      const j = rng.int(copy.length);
      [copy[i], copy[j]] = [copy[j], copy[i]];
      return copy;
    });
  }

  private shuffleKeys(ctx: Ctx, root: Json): Json {
    const rng = ctx.rng;
    const objects = collect(root, (_, v) => isObject(v));
    if (objects.length === 0) return this.typeSwap(ctx, root);
    const target = rng.pick(objects);
    return this.update(ctx, root, target.path, 'shuffle_keys', (o) => {
      const obj = o as Record<string, unknown>;
      const copy: Record<string, unknown> = {};
      for (const k of rng.shuffled(Object.keys(obj))) put(copy, k, obj[k]);
      return copy;
    });
  }

  private removeKey(ctx: Ctx, root: Json): Json {
    const rng = ctx.rng;
    const fields = collect(root, (k) => k !== null).filter((f) => typeof f.path[f.path.length - 1] === 'string');
    if (fields.length === 0) return this.typeSwap(ctx, root);
    const target = rng.pick(fields);
    return this.update(ctx, root, target.path, `remove_key:${target.key}`, () => DELETE);
  }

  /** A value another real frame has under the same key (other ids, other markets...). */
  private splice(ctx: Ctx, root: Json): Json {
    const rng = ctx.rng;
    const leaves = collect(root, (k, v) => k !== null && !isContainer(v) && this.corpus.valuesByKey.has(k));
    if (leaves.length === 0) return this.typeSwap(ctx, root);
    const target = rng.pick(leaves);
    const v = rng.pick(this.corpus.valuesByKey.get(target.key!)!);
    return this.update(ctx, root, target.path, `splice:${target.key}`, () => v);
  }

  /** Wrap, unwrap, merge with another frame, empty and nested arrays. */
  private frameShape(ctx: Ctx, root: Json): Json {
    const rng = ctx.rng;
    const other = rng.pick(this.corpus.market).value;
    const otherEvents = Array.isArray(other) ? other : other === undefined ? [] : [other];
    const events = Array.isArray(root) ? root : [root];
    const shapes: [string, () => Json][] = [
      ['wrap', () => [root]],
      ['unwrap', () => (Array.isArray(root) && root.length > 0 ? rng.pick(root) : root)],
      ['merge', () => rng.shuffled([...events, ...otherEvents])],
      ['append', () => [...events, ...otherEvents]],
      ['empty', () => []],
      ['empty_nested', () => [[]]],
      ['null_first', () => [null, ...events]],
      ['nested', () => [events]],
      ['empty_object', () => ({})],
      ['scalar', () => rng.pick<Json>([0, 'book', true, null])],
    ];
    const [name, make] = rng.pick(shapes);
    ctx.ops.push(`frame_shape:${name}`);
    return make();
  }

  /**
   * Another token id in place of one: a subscribed one, or one nobody subscribed to (every
   * price_change carries both outcomes of its market whatever was asked, §13.3).
   */
  private foreignId(ctx: Ctx, root: Json): Json {
    const rng = ctx.rng;
    const ids = collect(
      root,
      (k, v) => (k === 'asset_id' || k === 'assets_ids' || k === 'asset_ids' || k === 'winning_asset_id') && typeof v === 'string' && /^\d+$/.test(v),
    );
    if (ids.length === 0) return this.nudge(ctx, root);
    const target = rng.pick(ids);
    const id = target.value as string;
    const mode = rng.int(4);
    const next =
      mode === 0 && this.corpus.assetIds.length > 0
        ? rng.pick(this.corpus.assetIds)
        : mode === 1
          ? id.slice(0, -6) + String(rng.int(1e6)).padStart(6, '0')
          : mode === 2
            ? String(rng.range(1, 9)) + id.slice(1)
            : rng.pick(PROTO_KEYS);
    return this.update(ctx, root, target.path, `foreign_id:${target.key}`, () => next);
  }

  /** A plausible change (another valid price, size or side) so books keep moving. */
  private nudge(ctx: Ctx, root: Json): Json {
    const rng = ctx.rng;
    const found = collect(root, (k, v) => (k === 'price' || k === 'size' || k === 'side') && typeof v === 'string');
    if (found.length === 0) return this.splice(ctx, root);
    const target = rng.pick(found);
    let v: string;
    if (target.key === 'side') v = target.value === 'BUY' ? 'SELL' : 'BUY';
    else if (target.key === 'price') v = rng.chance(0.7) ? (rng.range(1, 99) / 100).toString() : (rng.range(1, 999) / 1000).toString();
    else v = rng.chance(0.3) ? '0' : (rng.range(1, 100000) / 100).toString();
    return this.update(ctx, root, target.path, `nudge:${target.key}=${v}`, () => v);
  }

  /** A real lifecycle announcement rewritten to name a watched market and its token ids. */
  private lifecycle(ctx: Ctx): Json {
    const rng = ctx.rng;
    if (this.lifecycleSeeds.length === 0 || this.marketPairs.length === 0) return rng.pick(this.corpus.market).value ?? null;
    const seed = rng.pick(this.lifecycleSeeds).value as Record<string, unknown>;
    const pair = rng.pick(this.marketPairs);
    const copy = copyObject(seed);
    put(copy, 'market', pair.market);
    put(copy, 'event_type', rng.chance(0.5) ? 'new_market' : 'market_resolved');
    const idsKey = rng.pick(['assets_ids', 'asset_ids', 'clob_token_ids']);
    for (const k of ['assets_ids', 'asset_ids', 'clob_token_ids']) delete copy[k];
    put(copy, idsKey, rng.chance(0.2) ? JSON.stringify(pair.ids) : pair.ids);
    if (copy.event_type === 'market_resolved' && rng.chance(0.7)) put(copy, 'winning_asset_id', rng.pick(pair.ids));
    ctx.ops.push(`lifecycle:${copy.event_type as string}`);
    return copy;
  }

  private userFields(ctx: Ctx, root: Json): Json {
    const rng = ctx.rng;
    const found = collect(root, (k, v) => (k === 'status' || k === 'type' || k === 'order_type') && !isContainer(v));
    if (found.length === 0) return this.unicode(ctx, root);
    const target = rng.pick(found);
    const v = target.key === 'status' ? rng.pick(STATUSES) : rng.pick(ORDER_TYPES);
    return this.update(ctx, root, target.path, `user_field:${target.key}=${JSON.stringify(v.slice(0, 16))}`, () => v);
  }

  // -- costly mutations -------------------------------------------------------------------------

  private hugeArray(ctx: Ctx, root: Json): { op: string; value: Json } {
    const rng = ctx.rng;
    const texts = heavyTexts(this.heavyId);
    const arrays = collect(root, (k, v) => k !== null && ARRAY_KEYS.has(k) && Array.isArray(v));
    let kind: string;
    let path: Path;
    if (arrays.length > 0 && rng.chance(0.85)) {
      const target = rng.pick(arrays);
      path = target.path;
      kind =
        target.key === 'price_changes' || target.key === 'changes'
          ? rng.pick(['changes_tracked', 'changes_limit', 'changes_limit_front', 'levels_same', 'nulls'])
          : rng.pick([
              'levels_same',
              'levels_ascending',
              'levels_descending',
              'levels_shuffled',
              'levels_limit_shuffled',
              'levels_limit_ascending',
              'numbers',
              'empty_objects',
            ]);
      kind = `${target.key}=${kind}`;
    } else {
      path = [];
      kind = `(root)=${rng.pick(['numbers', 'nulls', 'empty_objects'])}`;
    }
    const name = kind.slice(kind.indexOf('=') + 1);
    const raw = ctx.raw(texts.get(name)!);
    const op = `huge_array:${kind}`;
    ctx.ops.push(op);
    const out = updateAt(root, path, () => raw);
    return { op, value: out === DELETE ? null : out };
  }

  private deepNest(ctx: Ctx, root: Json): { op: string; value: Json } {
    const rng = ctx.rng;
    const texts = heavyTexts(this.heavyId);
    const arrays = collect(root, (k) => k === 'bids' || k === 'asks' || k === 'price_changes');
    const target = arrays.length > 0 && rng.chance(0.5) ? rng.pick(arrays) : descend(rng, root, true);
    const name = target.key === 'bids' || target.key === 'asks' ? 'deep_levels' : rng.pick(['deep_array', 'deep_object']);
    const raw = ctx.raw(texts.get(name)!);
    const op = `deep_nest:${target.key ?? '(root)'}=${name}`;
    ctx.ops.push(op);
    const out = updateAt(root, target.path, () => raw);
    return { op, value: out === DELETE ? null : out };
  }

  // -- text mutations ---------------------------------------------------------------------------

  private textual(ctx: Ctx, text: string): string {
    const rng = ctx.rng;
    const n = text.length;
    const at = n === 0 ? 0 : rng.int(n);
    const op = rng.weighted<string>([
      [6, 'bit_flip'],
      [5, 'byte_insert'],
      [4, 'byte_delete'],
      [3, 'truncate'],
      [2, 'dup_slice'],
      [8, 'escape_insert'],
      [3, 'dup_key'],
      [2, 'control_text'],
      [1, 'prefix'],
    ]);
    ctx.ops.push(op);
    switch (op) {
      case 'bit_flip': {
        if (n === 0) return String.fromCharCode(rng.int(65536));
        const code = text.charCodeAt(at) ^ (1 << rng.int(16));
        return text.slice(0, at) + String.fromCharCode(code) + text.slice(at + 1);
      }
      case 'byte_insert':
        return text.slice(0, at) + rng.pick(TEXT_CHARS) + text.slice(at);
      case 'byte_delete':
        return text.slice(0, at) + text.slice(at + rng.range(1, 8));
      case 'truncate':
        return text.slice(0, at);
      case 'dup_slice': {
        const len = rng.range(1, Math.min(64, Math.max(1, n)));
        const to = rng.int(n + 1);
        return text.slice(0, to) + text.slice(at, at + len) + text.slice(to);
      }
      case 'escape_insert': {
        // Right after `":"`: inside a string value, so the frame stays JSON.
        const from = text.indexOf('":"', at);
        const pos = from >= 0 ? from : text.indexOf('":"');
        if (pos < 0) return text + rng.pick(ESCAPE_TEXTS);
        const inserted = rng.pick(ESCAPE_TEXTS);
        return text.slice(0, pos + 3) + inserted + text.slice(pos + 3);
      }
      case 'dup_key': {
        const re = /"([A-Za-z_]+)":/g;
        re.lastIndex = at;
        const m = re.exec(text) ?? /"([A-Za-z_]+)":/.exec(text);
        if (!m) return text;
        const v = rng.pick(['"x"', '"0.5"', '"BUY"', '1', 'null', '[]', '{}', `"${PROTO_KEYS[0]}"`]);
        return `${text.slice(0, m.index)}"${m[1]}":${v},${text.slice(m.index)}`;
      }
      case 'control_text':
        return rng.pick(CONTROL_TEXTS);
      default:
        return rng.pick(['\ufeff', ' ', '\n', '\t', '\u0000']) + text;
    }
  }
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function insertAt(rng: Prng, s: string, payload: string): string {
  const at = rng.int(s.length + 1);
  return s.slice(0, at) + payload + s.slice(at);
}
