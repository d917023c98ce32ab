/**
 * Field readers for raw wire objects, each checking its field against the shape the venue sends
 * and nothing looser: token ids are digit strings, condition ids `0x` + hex, timestamps epoch
 * digits, prices in [0, 1] with a few decimals, sizes with a bounded number of digits, sides
 * BUY/SELL. Each reader returns a checked value or throws a `Rejection`, which the frame parser
 * turns into an `invalid` event: one bad field rejects its whole event, nothing escapes the parser,
 * and no input can make a later stage do unbounded work (a 30 000-digit price, a million levels).
 */
import { canonicalDecimal, DecimalError } from '../decimal.js';
import type { Dec, InvalidReason, Level, Side } from './events.js';

/** Thrown by the readers below; caught per event in `parse-frame.ts`. */
export class Rejection {
  constructor(
    readonly reason: InvalidReason,
    readonly detail: string,
  ) {}
}

/** A raw JSON object from the wire. */
export type Raw = Record<string, unknown>;

export function isRaw(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Token ids are 75–78-digit decimal strings in real data (POLYMARKET.md §0, §13.6). */
const TOKEN_ID = /^\d{1,100}$/;
/** Condition ids: `0x` + 64 hex in real data; trimmed captures shorten them. */
const CONDITION_ID = /^0x[0-9a-fA-F]{1,128}$/;
/** Epoch milliseconds (13 digits today); 16 digits is far beyond any real clock. */
const TIMESTAMP_DIGITS = 16;

/** 1–16 ASCII digits: what /^\d{1,16}$/ accepts, as a loop (every event carries a timestamp). */
function isEpochDigits(value: string): boolean {
  const n = value.length;
  if (n === 0 || n > TIMESTAMP_DIGITS) return false;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
/** The venue's hashes are 40 hex digits; docs examples carry placeholders like "0x0....". */
const MAX_HASH = 128;
/**
 * Prices: the finest tick is 0.0001 (§4.6; the 2026 ticks 0.005 and 0.0025 need no more), so a
 * price has at most 4 decimals, and a book side at most 10 001 distinct prices.
 */
const PRICE_DECIMALS = 4;
/** Sizes: shares or pUSD, up to 6 decimals on the wire ("16.129031"). */
const SIZE_INTEGER_DIGITS = 12;
const SIZE_DECIMALS = 8;
/** One side of a book on the finest tick holds at most 10 001 prices. */
export const MAX_LEVELS = 10_001;
/** Entries of one price_change: every level of one side of both outcomes, and then some. */
export const MAX_CHANGES = 2 * MAX_LEVELS;

/**
 * Where a field sits, for error details: `key`, or `list[index].key` inside an array. Built only
 * when a field is rejected, so the hot path allocates no path strings.
 */
function fieldName(key: string, list: string | undefined, index: number): string {
  return list === undefined ? key : `${list}[${index}].${key}`;
}

/** A short, JSON-quoted view of a rejected value (sanitized where the detail is built). */
export function show(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value.length > 60 ? value.slice(0, 60) : value) : String(JSON.stringify(value));
  } catch {
    text = typeof value;
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function missingOrWrong(value: unknown, at: string, what: string): Rejection {
  if (value === undefined || value === null) return new Rejection('missing_field', `${at} is missing`);
  return new Rejection('bad_field_type', `${at} must be ${what}, got ${show(value)}`);
}

/** A required string field. */
export function str(raw: Raw, key: string, list?: string, index = 0): string {
  const value = raw[key];
  if (typeof value === 'string') return value;
  throw missingOrWrong(value, fieldName(key, list, index), 'a string');
}

/** An optional string field; numbers are accepted and kept as their JSON text. */
export function optStr(raw: Raw, key: string): string | null {
  return optStrOf(raw[key]);
}

export function optStrOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/**
 * Ids that passed each check. A market's frames name the same ids over and over, and the same text
 * always gets the same answer: the last two are compared first (a price_change names both outcomes
 * of its market in turn), then a small direct-mapped table indexed by the id's last characters (a
 * session of many markets interleaves them: 87 % of a generated legacy session's ids missed the
 * last two). The regex takes 77 digit steps and a Map would hash all 77 characters; a slot costs
 * four character reads and one compare. The kept instance is returned, so equal ids share one
 * string and the engine's Map lookups by it hash it once. Bounded: a colliding id replaces the slot.
 */
const RECENT_ID_SLOTS = 1024;

class RecentIds {
  private a = '';
  private b = '';
  private readonly slots: string[] = new Array<string>(RECENT_ID_SLOTS).fill('');

  known(value: string): string | null {
    if (value === this.a) return this.a;
    if (value === this.b) return this.b;
    const kept = this.slots[slotOf(value)]!;
    if (kept !== value) return null;
    this.b = this.a;
    this.a = kept;
    return kept;
  }

  add(value: string): string {
    this.slots[slotOf(value)] = value;
    this.b = this.a;
    this.a = value;
    return value;
  }
}

/** A slot from the last four characters (random digits or hex in real ids); 0 for shorter text. */
function slotOf(value: string): number {
  const n = value.length;
  if (n < 4) return 0;
  return (value.charCodeAt(n - 1) * 1031 + value.charCodeAt(n - 2) * 257 + value.charCodeAt(n - 3) * 31 + value.charCodeAt(n - 4)) & (RECENT_ID_SLOTS - 1);
}

const recentTokenIds = new RecentIds();
const recentConditionIds = new RecentIds();

/** A token id: a string of digits (a JSON number has lost digits already). */
export function tokenId(raw: Raw, key = 'asset_id', list?: string, index = 0): string {
  return tokenIdOf(raw[key], key, list, index);
}

/**
 * The `…Of` readers take the value itself: the hot parsers read each field with a literal name
 * (`entry.price`), a load V8 inlines for the one shape JSON.parse gives every entry, where
 * `raw[key]` inside a shared reader is a megamorphic keyed load (a quarter of a price_change's
 * parse time, measured). `key` names the field only for a rejection's detail.
 */
export function tokenIdOf(value: unknown, key = 'asset_id', list?: string, index = 0): string {
  if (typeof value === 'string') {
    const known = recentTokenIds.known(value);
    if (known !== null) return known;
    if (TOKEN_ID.test(value)) return recentTokenIds.add(value);
  }
  if (typeof value === 'string') throw new Rejection('bad_id', `${fieldName(key, list, index)} is not a token id: ${show(value)}`);
  throw missingOrWrong(value, fieldName(key, list, index), 'a token id string');
}

export function isTokenIdText(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_ID.test(value);
}

/** A condition id, `0x` + hex. */
export function conditionId(raw: Raw, key = 'market'): string {
  return conditionIdOf(raw[key], key);
}

export function conditionIdOf(value: unknown, key = 'market'): string {
  if (typeof value === 'string') {
    const known = recentConditionIds.known(value);
    if (known !== null) return known;
    if (CONDITION_ID.test(value)) return recentConditionIds.add(value);
  }
  if (typeof value === 'string') throw new Rejection('bad_id', `${key} is not a condition id: ${show(value)}`);
  throw missingOrWrong(value, key, 'a condition id string');
}

export function isConditionIdText(value: unknown): value is string {
  return typeof value === 'string' && CONDITION_ID.test(value);
}

function checkedTimestamp(value: unknown, at: string): string | undefined {
  if (typeof value === 'string' && isEpochDigits(value)) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (value === undefined || value === null) return undefined;
  throw new Rejection('bad_timestamp', `${at} is not an epoch timestamp: ${show(value)}`);
}

/** A required timestamp (epoch digits as sent; a JSON integer is kept as its text). */
export function requiredTimestampOf(value: unknown, key = 'timestamp'): string {
  const checked = checkedTimestamp(value, key);
  if (checked === undefined) throw new Rejection('missing_field', `${key} is missing`);
  return checked;
}

/** An optional timestamp: "" when absent or "" on the wire; anything else must be digits. */
export function timestamp(raw: Raw, key = 'timestamp'): string {
  return timestampOf(raw[key], key);
}

export function timestampOf(value: unknown, key = 'timestamp'): string {
  if (value === '') return '';
  return checkedTimestamp(value, key) ?? '';
}

/** What a decimal field holds, which bounds it. */
export type DecimalKind = 'price' | 'level' | 'size' | 'tick';

/** Why a decimal does not fit its kind, or null when it does. Canonical input. */
function decimalProblem(result: string, kind: DecimalKind): [InvalidReason, string] | null {
  const dot = result.indexOf('.');
  const integerDigits = dot < 0 ? result.length : dot;
  const decimals = dot < 0 ? 0 : result.length - dot - 1;
  if (kind === 'size') {
    return integerDigits > SIZE_INTEGER_DIGITS || decimals > SIZE_DECIMALS ? ['too_many_digits', 'has more digits than a size can'] : null;
  }
  if (decimals > PRICE_DECIMALS) return ['too_many_digits', 'has more decimals than a price can'];
  // In [0, 1]: an integer part of one digit, and "1" only as 1 exactly.
  if (integerDigits > 1 || (result.charCodeAt(0) !== 48 && result !== '1')) return ['out_of_range', 'is above 1'];
  // A level or a tick lies strictly between 0 and 1 ("0" and "1" are the empty-side markers).
  if ((kind === 'tick' || kind === 'level') && (result === '0' || result === '1'))
    return ['out_of_range', `is not a ${kind === 'tick' ? 'tick size' : 'price level'}`];
  return null;
}

/**
 * The spellings the venue sends nearly always, checked in one pass with no allocation: a price
 * "0.d" to "0.dddd" without a trailing zero; a size of digits without leading zeros and at most one
 * dot, no trailing zero after it, within the size bounds. Anything else takes the full path. Two
 * functions, not one with a kind switch: a book's levels call both ~100 times each.
 */
function isCommonCanonical(value: string, kind: DecimalKind): boolean {
  return kind === 'size' ? isCommonSize(value) : isCommonPrice(value);
}

export function isCommonPrice(value: string): boolean {
  const n = value.length;
  if (n < 3 || n > 2 + PRICE_DECIMALS || value.charCodeAt(0) !== 48 || value.charCodeAt(1) !== 46) return false;
  for (let i = 2; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return value.charCodeAt(n - 1) !== 48;
}

export function isCommonSize(value: string): boolean {
  const n = value.length;
  if (n === 0) return false;
  let dot = -1;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c === 46) {
      if (dot >= 0 || i === 0) return false;
      dot = i;
    } else if (c < 48 || c > 57) {
      return false;
    }
  }
  const intDigits = dot < 0 ? n : dot;
  if (intDigits > SIZE_INTEGER_DIGITS || (intDigits > 1 && value.charCodeAt(0) === 48)) return false;
  if (dot < 0) return true;
  return n - dot - 1 >= 1 && n - dot - 1 <= SIZE_DECIMALS && value.charCodeAt(n - 1) !== 48;
}

/** Checks and canonicalizes; the field's name is built only when it is rejected. */
function checkedDecimal(value: string, kind: DecimalKind, key: string, list: string | undefined, index: number): Dec {
  if (isCommonCanonical(value, kind)) return value;
  const result = canonicalDecimal(value);
  if (typeof result === 'string') {
    const problem = decimalProblem(result, kind);
    if (problem === null) return result;
    throw new Rejection(problem[0], `${fieldName(key, list, index)} ${problem[1]}: ${show(value)}`);
  }
  const at = fieldName(key, list, index);
  if (result === DecimalError.Negative) throw new Rejection('negative_size', `${at} is negative: ${show(value)}`);
  throw new Rejection('bad_decimal', `${at} is not a decimal: ${show(value)}`);
}

/** A required decimal of `kind`, in canonical spelling. */
export function dec(raw: Raw, key: string, kind: DecimalKind, list?: string, index = 0): Dec {
  return decOf(raw[key], key, kind, list, index);
}

export function decOf(value: unknown, key: string, kind: DecimalKind, list?: string, index = 0): Dec {
  if (typeof value !== 'string') throw missingOrWrong(value, fieldName(key, list, index), 'a decimal string');
  return checkedDecimal(value, kind, key, list, index);
}

/** An optional decimal: null when absent or "" (the venue's spelling of "no value"). */
export function optDec(raw: Raw, key: string, kind: DecimalKind, list?: string, index = 0): Dec | null {
  return optDecOf(raw[key], key, kind, list, index);
}

export function optDecOf(value: unknown, key: string, kind: DecimalKind, list?: string, index = 0): Dec | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
    // Gamma-style numbers: the JSON text of a finite number is a decimal unless it has an exponent.
    return checkedDecimal(String(value), kind, key, list, index);
  }
  if (typeof value !== 'string') {
    throw new Rejection('bad_field_type', `${fieldName(key, list, index)} must be a decimal string, got ${show(value)}`);
  }
  return checkedDecimal(value, kind, key, list, index);
}

/** An optional venue hash, as sent ("" when absent); bounded, compared, never shown. */
export function hashFieldOf(value: unknown, key = 'hash'): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string' && value.length <= MAX_HASH) return value;
  throw new Rejection('bad_field_type', `${key} must be a hash string, got ${show(value)}`);
}

/**
 * BUY or SELL. Other spellings are upper-cased first, as the official TS SDK does (§4), but only
 * ASCII letters: Unicode case rules would turn "ſell" into SELL.
 */
export function side(raw: Raw, key = 'side', list?: string, index = 0): Side {
  return sideOf(raw[key], key, list, index);
}

export function sideOf(value: unknown, key = 'side', list?: string, index = 0): Side {
  if (value === 'BUY' || value === 'SELL') return value;
  const at = fieldName(key, list, index);
  if (typeof value === 'string' && /^[A-Za-z]{3,4}$/.test(value)) {
    const upper = value.toUpperCase();
    if (upper === 'BUY' || upper === 'SELL') return upper;
  }
  if (value === undefined || value === null) throw new Rejection('missing_field', `${at} is missing`);
  throw new Rejection('bad_side', `${at} must be BUY or SELL, got ${show(value)}`);
}

/** An optional side: null when absent or "". */
export function optSideOf(value: unknown, key = 'side'): Side | null {
  if (value === undefined || value === null || value === '') return null;
  return sideOf(value, key);
}

/** A required array field of at most `max` elements. */
export function arrOf(value: unknown, key: string, max: number): readonly unknown[] {
  if (Array.isArray(value)) {
    if (value.length > max) throw new Rejection('too_many_levels', `${key} has ${value.length} entries (at most ${max})`);
    return value;
  }
  throw missingOrWrong(value, key, 'an array');
}

/** An array of strings, tolerating Gamma's JSON-in-a-string encoding (POLYMARKET.md §9). */
export function stringList(raw: Raw, key: string): readonly string[] {
  let value = raw[key];
  if (typeof value === 'string') {
    if (value.length > 1 << 20) return [];
    try {
      value = JSON.parse(value);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string => typeof v === 'string');
}

/** An object element of an array. */
export function element(value: unknown, list: string, index: number): Raw {
  if (isRaw(value)) return value;
  throw new Rejection('bad_field_type', `${list}[${index}] must be an object, got ${show(value)}`);
}

/** Validated levels: canonical (for the book) and as sent (for the venue hash). */
export interface ParsedLevels {
  readonly canonical: Level[];
  readonly wire: readonly Level[];
  /**
   * Every price is in the venue's common spelling "0.d…" (no trailing zero), where JavaScript's
   * string order is numeric order: the sort check then needs no decimal comparison.
   */
  readonly commonPrices: boolean;
}

/** `{price, size}` levels: prices in [0, 1], sizes bounded, at most `MAX_LEVELS` of them. */
export function levels(value: unknown, key: string): ParsedLevels {
  const list = arrOf(value, key, MAX_LEVELS);
  const canonical: Level[] = new Array(list.length);
  let commonPrices = true;
  for (let i = 0; i < list.length; i++) {
    const level = element(list[i], key, i);
    // The common spellings inline (a resent book is ~100 levels); anything else takes `dec`.
    const price = level.price;
    const size = level.size;
    const common = typeof price === 'string' && isCommonPrice(price);
    if (!common) commonPrices = false;
    canonical[i] = {
      price: common ? price : decOf(price, 'price', 'level', key, i),
      size: typeof size === 'string' && isCommonSize(size) ? size : decOf(size, 'size', 'size', key, i),
    };
  }
  // Every element was just checked to be an object with string price and size.
  return { canonical, wire: list as readonly Level[], commonPrices };
}
