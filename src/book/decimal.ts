/**
 * Exact decimal strings without arithmetic.
 *
 * Prices and sizes travel as strings ("0.5", "0.50", ".48", "1215.10"). The hot path only needs to
 * validate them, give each one canonical spelling (so "0.5" and "0.50" are one level) and order
 * them; all of that is done on the characters, exactly, with no floating point and no big.js
 * allocation per message. Arithmetic (spread, mid, cumulative size) happens in `analytics.ts`
 * with big.js, on the few levels a screen shows.
 */

/** Outcome of reading a wire decimal: its canonical spelling, or why it is not a decimal. */
export type DecimalResult = string | DecimalError;

/** Why a string is not an acceptable non-negative decimal. */
export type DecimalError = typeof DecimalError[keyof typeof DecimalError];
export const DecimalError = { NotDecimal: 0, Negative: 1 } as const;

const ZERO = 48;
const NINE = 57;
const DOT = 46;
const MINUS = 45;

/**
 * Reads a non-negative plain decimal ("12", "0.5", ".48", "3.") and returns its canonical spelling:
 * no leading zeros in the integer part (but at least "0"), no trailing zeros in the fraction, no
 * dot without digits after it, no exponent. Returns a `DecimalError` for anything else.
 */
export function canonicalDecimal(text: string): DecimalResult {
  const n = text.length;
  if (n === 0) return DecimalError.NotDecimal;
  if (text.charCodeAt(0) === MINUS) {
    return scanDigits(text, 1) === null ? DecimalError.NotDecimal : DecimalError.Negative;
  }
  const shape = scanDigits(text, 0);
  if (shape === null) return DecimalError.NotDecimal;
  const { dot, firstSignificant, lastFractionNonZero } = shape;
  const intEnd = dot < 0 ? n : dot;
  // Fast path: already canonical (what the venue sends nearly always).
  const intCanonical = intEnd === 1 || (intEnd > 1 && text.charCodeAt(0) !== ZERO);
  const fracCanonical = dot < 0 || lastFractionNonZero === n - 1;
  if (intCanonical && fracCanonical) return text;
  const intPart = firstSignificant < intEnd ? text.slice(firstSignificant, intEnd) : '0';
  const frac = dot < 0 || lastFractionNonZero < 0 ? '' : text.slice(dot + 1, lastFractionNonZero + 1);
  return frac === '' ? intPart : `${intPart}.${frac}`;
}

interface DigitShape {
  /** Index of the dot, or -1. */
  readonly dot: number;
  /** Index of the first non-zero integer digit, or the integer part's end when there is none. */
  readonly firstSignificant: number;
  /** Index of the last non-zero fraction digit, or -1. */
  readonly lastFractionNonZero: number;
}

function scanDigits(text: string, start: number): DigitShape | null {
  const n = text.length;
  let dot = -1;
  let digits = 0;
  let firstSignificant = -1;
  let lastFractionNonZero = -1;
  for (let i = start; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === DOT) {
      if (dot >= 0) return null;
      dot = i;
    } else if (c >= ZERO && c <= NINE) {
      digits++;
      if (dot < 0) {
        if (firstSignificant < 0 && c !== ZERO) firstSignificant = i;
      } else if (c !== ZERO) {
        lastFractionNonZero = i;
      }
    } else {
      return null;
    }
  }
  if (digits === 0) return null;
  const intEnd = dot < 0 ? n : dot;
  return { dot, firstSignificant: firstSignificant < 0 ? intEnd : firstSignificant, lastFractionNonZero };
}

/** True when `canonicalDecimal` succeeded. */
export function isDecimal(result: DecimalResult): result is string {
  return typeof result === 'string';
}

/**
 * Orders two canonical decimals exactly: negative when a < b, 0 when equal, positive when a > b.
 * Canonical spellings have no leading zeros, so a longer integer part is a larger number; with
 * equal integer lengths the dots line up and a character comparison decides, missing fraction
 * digits counting as zeros.
 */
export function compareDecimal(a: string, b: string): number {
  if (a === b) return 0;
  let da = a.indexOf('.');
  let db = b.indexOf('.');
  if (da < 0) da = a.length;
  if (db < 0) db = b.length;
  if (da !== db) return da - db;
  const n = a.length > b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const ca = i < a.length ? a.charCodeAt(i) : i === da ? DOT : ZERO;
    const cb = i < b.length ? b.charCodeAt(i) : i === db ? DOT : ZERO;
    if (ca !== cb) return ca - cb;
  }
  return 0;
}

/** The canonical zero. */
export const ZERO_DECIMAL = '0';

/** Number of digits after the dot of a canonical decimal ("0.01" → 2, "5" → 0). */
export function decimalPlaces(canonical: string): number {
  const dot = canonical.indexOf('.');
  return dot < 0 ? 0 : canonical.length - dot - 1;
}
