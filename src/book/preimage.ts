/**
 * The venue hash of one book state under several candidate inputs, without building a preimage per
 * candidate: the common prefix (head and both sides, all but the tail of hidden inputs) is hashed
 * once, and each candidate only copies that SHA-1 state and hashes its short tail. A grid search
 * over 999 hidden prices then hashes the book once, not 999 times, and a check allocates no
 * preimage strings (at 5,000 assets those were a third of everything the process allocated).
 *
 * Every string hashed is ASCII by the parser's checks (hex ids, digit ids and timestamps,
 * canonical decimals), so JSON needs no escaping.
 *
 * What a check costs, timed inside the engine on the real capture (a ~3.4 KB book): writing the
 * sides ~4 µs, one-shot SHA-1 of the whole preimage with its tail ~3 µs, and making a SHA-1 state
 * of the body ~10 µs (a bench of that call alone says ~2.4 µs; in the engine it is not), after
 * which each tail costs well under 1 µs. So the first few candidates hash the whole preimage in
 * one call each, and only a longer search (the grid) pays for the kept state.
 */
import type { Hash } from 'node:crypto';
import type { Level } from '../protocol/events.js';
import type { LevelColumns, Levels } from './levels.js';
import type { HashInputs } from './venue-hash.js';
import { hashWork } from './venue-hash.js';

type CreateHash = (algorithm: string) => Hash;
type OneShot = (algorithm: string, data: Uint8Array, encoding: 'hex') => string;
let createHash: CreateHash | null = null;
// One-shot `crypto.hash` (Node ≥ 20.12) skips the Hash object.
let oneShot: OneShot | undefined;
let loaded = false;
/** An empty SHA-1 state, copied to start each kept prefix state (never updated itself). */
let emptySha1: Hash | null = null;

/** Little-endian words of the constant parts of a level: `{"price":"`, `","size":"`, `"}`. */
const PRICE_0 = word('{"pr');
const PRICE_1 = word('ice"');
const SIZE_0 = word('","s');
const SIZE_1 = word('ize"');
const COLON_QUOTE = 0x3a | (0x22 << 8); // :"
const QUOTE_CLOSE = 0x22 | (0x7d << 8); // "}
const ASKS = bytes(',"asks":');
const HEAD_TIMESTAMP = bytes('","timestamp":"');
const HEAD_REST = bytes('","hash":"","bids":');
const TAIL_MIN = bytes(',"min_order_size":"');
const TAIL_TICK = bytes('","tick_size":"');
const TAIL_TRUE = bytes('","neg_risk":true,"last_trade_price":"');
const TAIL_FALSE = bytes('","neg_risk":false,"last_trade_price":"');
const TAIL_END = bytes('"}');
const LEGACY_END = bytes('}');
/**
 * Candidates hashed in one call each before the check makes a SHA-1 state of its prefix. On the
 * real capture a relearn after a trade takes two to four candidates: with the state made at the
 * third, those checks took 26 µs; hashing each in one call, 15–19 µs.
 */
const ONE_SHOT_CANDIDATES = 4;

function word(text: string): number {
  return (text.charCodeAt(0) | (text.charCodeAt(1) << 8) | (text.charCodeAt(2) << 16) | (text.charCodeAt(3) << 24)) >>> 0;
}

function bytes(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

/**
 * The preimage is written as bytes into one buffer that every check reuses: no string per side,
 * no concatenation for SHA-1 to flatten, so a check allocates nothing that outlives it (at 5,000
 * assets, building those strings was a third of everything the process allocated, and what a
 * burst's checks left behind was promoted garbage). Short strings are copied by a plain loop:
 * prices and sizes are a few characters, where a call into the buffer's native writer costs more.
 */
export class PreimageHash {
  /**
   * One buffer for every instance (a check writes and hashes it synchronously, from `begin` to
   * its last candidate, so checks never interleave): an engine made per session or per test costs
   * no 16 KB allocation.
   */
  private static shared = new Uint8Array(16 * 1024);
  private static sharedView = new DataView(PreimageHash.shared.buffer);
  private get buf(): Uint8Array {
    return PreimageHash.shared;
  }
  private get view(): DataView {
    return PreimageHash.sharedView;
  }
  /** Bytes in the prefix: head, both sides, all but the tail of hidden inputs. */
  private length = 0;
  /** The SHA-1 state after the prefix, made on the second candidate of a check (most need one) or the first of a search. */
  private prefix: Hash | null = null;
  /** Candidates this check has hashed. */
  private counted = 0;
  /** How many of this check's candidates still hash the whole preimage in one call (see `begin`). */
  private oneShots = ONE_SHOT_CANDIDATES;
  /** Characters in the prefix (what one full preimage costs beyond its tail). */
  bodyLength = 0;

  /** How many candidates this check has hashed so far. */
  get candidates(): number {
    return this.counted;
  }

  /**
   * The part of the preimage before the timestamp, `{"market":"…","asset_id":"…`, as bytes: the
   * same for every check of an asset, so the audit keeps it per asset (~150 bytes) and a check
   * copies it instead of re-reading 143 characters of ids.
   */
  static head(market: string, assetId: string): Uint8Array {
    const text = `{"market":"${market}","asset_id":"${assetId}`;
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
    return out;
  }

  /**
   * Starts a check of one book state; the candidates follow. `head`: `PreimageHash.head` of the
   * asset. `searching`: many candidates are expected (the grid, or the check after one where
   * nothing matched), so even the first one hashes from the kept prefix state rather than in one call.
   */
  begin(head: Uint8Array, timestamp: string, bids: Levels, asks: Levels, wire: boolean, searching = false): void {
    this.length = 0;
    this.raw(head);
    this.raw(HEAD_TIMESTAMP);
    this.text(timestamp);
    this.raw(HEAD_REST);
    this.side(bids, wire);
    this.raw(ASKS);
    this.side(asks, wire);
    this.prefix = null;
    this.counted = 0;
    this.oneShots = searching ? 0 : ONE_SHOT_CANDIDATES;
    this.bodyLength = this.length;
  }

  /** SHA-1 hex of the legacy (6-field) preimage: the prefix, closed. */
  legacy(): string {
    this.raw(LEGACY_END);
    return this.finish();
  }

  /** SHA-1 hex of the current (10-field) preimage: the prefix, then these inputs. */
  current(inputs: HashInputs): string {
    return this.currentWith(inputs.minOrderSize, inputs.tickSize, inputs.negRisk, inputs.lastTradePrice);
  }

  /** `current` without an inputs object: a search tries many hidden prices under one meta. */
  currentWith(minOrderSize: string, tickSize: string, negRisk: boolean, lastTradePrice: string): string {
    this.raw(TAIL_MIN);
    this.text(minOrderSize);
    this.raw(TAIL_TICK);
    this.text(tickSize);
    this.raw(negRisk ? TAIL_TRUE : TAIL_FALSE);
    this.text(lastTradePrice);
    this.raw(TAIL_END);
    return this.finish();
  }

  /**
   * Hashes the prefix and the tail just written after it, then drops the tail. The first
   * candidates hash the whole preimage in one call (no hash objects); after them (from the first,
   * in a search), the prefix's SHA-1 state is made once and copied for each tail.
   */
  private finish(): string {
    const body = this.bodyLength;
    const end = this.length;
    this.length = body;
    hashWork.calls++;
    hashWork.chars += end - body;
    this.counted++;
    if (this.oneShots > 0) {
      this.oneShots--;
      hashWork.chars += body;
      return hashBytes(this.buf.subarray(0, end));
    }
    if (this.prefix === null) {
      createHash ??= process.getBuiltinModule('node:crypto').createHash;
      // A copy of one empty SHA-1 state costs less than making a new one (algorithm lookup).
      emptySha1 ??= createHash('sha1');
      const prefix = emptySha1.copy();
      prefix.update(this.buf.subarray(0, body));
      this.prefix = prefix;
      hashWork.chars += body;
    }
    return this.prefix.copy().update(this.buf.subarray(body, end)).digest('hex');
  }

  /**
   * One side as JSON, in the venue's order: `wire` levels as sent, else best-first levels written
   * worst first. Written as bytes, the constant parts inline: a resent legacy book is ~100 levels
   * a side, and this loop was the check's largest cost after SHA-1 itself.
   */
  private side(levels: Levels, wire: boolean): void {
    this.room(2);
    this.buf[this.length++] = 0x5b; // [
    if (Array.isArray(levels)) {
      const list = levels as readonly Level[];
      const n = list.length;
      for (let k = 0; k < n; k++) {
        const level = list[wire ? k : n - 1 - k]!;
        this.level(level.price, level.size, k > 0);
      }
    } else {
      const { prices, sizes } = levels as LevelColumns;
      const n = prices.length;
      for (let k = 0; k < n; k++) {
        const i = wire ? k : n - 1 - k;
        this.level(prices[i]!, sizes[i]!, k > 0);
      }
    }
    this.room(1);
    this.buf[this.length++] = 0x5d; // ]
  }

  /** `{"price":"…","size":"…"}`, after a comma unless it is the first. One bounds check. */
  private level(price: string, size: string, comma: boolean): void {
    const np = price.length;
    const ns = size.length;
    const buf = this.room(np + ns + 24);
    const view = this.view;
    let at = this.length;
    if (comma) buf[at++] = 0x2c; // ,
    view.setUint32(at, PRICE_0, true);
    view.setUint32(at + 4, PRICE_1, true);
    view.setUint16(at + 8, COLON_QUOTE, true);
    at += 10;
    for (let i = 0; i < np; i++) buf[at++] = price.charCodeAt(i);
    view.setUint32(at, SIZE_0, true);
    view.setUint32(at + 4, SIZE_1, true);
    view.setUint16(at + 8, COLON_QUOTE, true);
    at += 10;
    for (let i = 0; i < ns; i++) buf[at++] = size.charCodeAt(i);
    view.setUint16(at, QUOTE_CLOSE, true);
    this.length = at + 2;
  }

  private room(extra: number): Uint8Array {
    if (this.length + extra > this.buf.length) {
      const grown = new Uint8Array(Math.max(this.buf.length * 2, this.length + extra));
      grown.set(this.buf.subarray(0, this.length));
      PreimageHash.shared = grown;
      PreimageHash.sharedView = new DataView(grown.buffer);
    }
    return this.buf;
  }

  /** A constant piece; a plain loop, as `set` costs a call into the runtime for ten bytes. */
  private raw(part: Uint8Array): void {
    const n = part.length;
    const buf = this.room(n);
    let at = this.length;
    for (let i = 0; i < n; i++) buf[at++] = part[i]!;
    this.length = at;
  }

  /** ASCII text (the parser's checks guarantee it); latin1 as the prefix state hashes it. */
  private text(s: string): void {
    const n = s.length;
    const buf = this.room(n);
    let at = this.length;
    for (let i = 0; i < n; i++) buf[at++] = s.charCodeAt(i);
    this.length = at;
  }
}

function hashBytes(data: Uint8Array): string {
  if (!loaded) {
    const crypto = process.getBuiltinModule('node:crypto');
    createHash ??= crypto.createHash;
    oneShot = (crypto as { hash?: OneShot }).hash;
    loaded = true;
  }
  return oneShot ? oneShot('sha1', data, 'hex') : createHash!('sha1').update(data).digest('hex');
}
