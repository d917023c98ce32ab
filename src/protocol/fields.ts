/**
 * Field readers for raw wire objects. Each one either returns a checked value or throws a
 * `Rejection`, which the frame parser turns into an `invalid` event: one bad field rejects its
 * whole event, and nothing escapes the parser.
 */
import { canonicalDecimal, DecimalError } from '../book/decimal.js';
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

/**
 * Where a field sits, for error details: `key`, or `list[index].key` inside an array. Built only
 * when a field is rejected, so the hot path allocates no path strings.
 */
function fieldName(key: string, list: string | undefined, index: number): string {
  return list === undefined ? key : `${list}[${index}].${key}`;
}

function show(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A required string field (token ids must arrive as strings: a JSON number has lost digits). */
export function str(raw: Raw, key: string, list?: string, index = 0): string {
  const value = raw[key];
  if (typeof value === 'string') return value;
  const at = fieldName(key, list, index);
  if (value === undefined || value === null) throw new Rejection('missing_field', `${at} is missing`);
  throw new Rejection('bad_field_type', `${at} must be a string, got ${show(value)}`);
}

/** An optional string field; numbers are accepted and kept as their JSON text. */
export function optStr(raw: Raw, key: string): string | null {
  const value = raw[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** A timestamp: a string of digits as sent, or a JSON number turned into one; "" when absent. */
export function timestamp(raw: Raw, key = 'timestamp'): string {
  const value = raw[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return '';
}

/** A required non-negative decimal, in canonical spelling. */
export function dec(raw: Raw, key: string, list?: string, index = 0): Dec {
  const value = raw[key];
  if (typeof value !== 'string') {
    const at = fieldName(key, list, index);
    if (value === undefined || value === null) throw new Rejection('missing_field', `${at} is missing`);
    throw new Rejection('bad_field_type', `${at} must be a decimal string, got ${show(value)}`);
  }
  return checkedDecimal(value, key, list, index);
}

/** An optional decimal: null when absent or "" (the venue's spelling of "no value"). */
export function optDec(raw: Raw, key: string, list?: string, index = 0): Dec | null {
  const value = raw[key];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
    // Gamma-style numbers: JSON text of a finite number is a decimal unless it has an exponent.
    return checkedDecimal(String(value), key, list, index);
  }
  if (typeof value !== 'string') {
    throw new Rejection('bad_field_type', `${fieldName(key, list, index)} must be a decimal string, got ${show(value)}`);
  }
  return checkedDecimal(value, key, list, index);
}

function checkedDecimal(value: string, key: string, list: string | undefined, index: number): Dec {
  const result = canonicalDecimal(value);
  if (typeof result === 'string') return result;
  const at = fieldName(key, list, index);
  if (result === DecimalError.Negative) throw new Rejection('negative_size', `${at} is negative: ${show(value)}`);
  throw new Rejection('bad_decimal', `${at} is not a decimal: ${show(value)}`);
}

/** BUY or SELL (upper-cased first, as the official TS SDK does: POLYMARKET.md §4). */
export function side(raw: Raw, key = 'side', list?: string, index = 0): Side {
  const value = raw[key];
  if (value === 'BUY' || value === 'SELL') return value;
  const at = fieldName(key, list, index);
  if (typeof value === 'string') {
    const upper = value.toUpperCase();
    if (upper === 'BUY' || upper === 'SELL') return upper;
  }
  if (value === undefined || value === null) throw new Rejection('missing_field', `${at} is missing`);
  throw new Rejection('bad_side', `${at} must be BUY or SELL, got ${show(value)}`);
}

/** An optional side: null when absent or "". */
export function optSide(raw: Raw, key = 'side'): Side | null {
  const value = raw[key];
  if (value === undefined || value === null || value === '') return null;
  return side(raw, key);
}

/** A required array field. */
export function arr(raw: Raw, key: string): readonly unknown[] {
  const value = raw[key];
  if (Array.isArray(value)) return value;
  const at = key;
  if (value === undefined || value === null) throw new Rejection('missing_field', `${at} is missing`);
  throw new Rejection('bad_field_type', `${at} must be an array, got ${show(value)}`);
}

/** An array of strings, tolerating Gamma's JSON-in-a-string encoding (POLYMARKET.md §9). */
export function stringList(raw: Raw, key: string): readonly string[] {
  let value = raw[key];
  if (typeof value === 'string') {
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
}

/** `{price, size}` levels; prices and sizes must be non-negative decimals. */
export function levels(raw: Raw, key: string): ParsedLevels {
  const list = arr(raw, key);
  const canonical: Level[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const level = element(list[i], key, i);
    canonical[i] = { price: dec(level, 'price', key, i), size: dec(level, 'size', key, i) };
  }
  // Every element was just checked to be an object with string price and size.
  return { canonical, wire: list as readonly Level[] };
}
