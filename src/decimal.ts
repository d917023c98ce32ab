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
export type DecimalError = (typeof DecimalError)[keyof typeof DecimalError];
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
  let i = 0;
  const negative = text.charCodeAt(0) === MINUS;
  if (negative) i = 1;
  // One pass, no allocation: where the dot is, where the integer part's significant digits start,
  // and where the fraction's last non-zero digit is.
  let dot = -1;
  let digits = 0;
  let firstSignificant = -1;
  let lastFractionNonZero = -1;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= ZERO && c <= NINE) {
      digits++;
      if (dot < 0) {
        if (firstSignificant < 0 && c !== ZERO) firstSignificant = i;
      } else if (c !== ZERO) {
        lastFractionNonZero = i;
      }
    } else if (c === DOT && dot < 0) {
      dot = i;
    } else {
      return DecimalError.NotDecimal;
    }
  }
  if (digits === 0) return DecimalError.NotDecimal;
  if (negative) return DecimalError.Negative;
  const intEnd = dot < 0 ? n : dot;
  // Fast path: already canonical (what the venue sends nearly always).
  const intCanonical = intEnd === 1 ? dot !== 0 : intEnd > 1 && firstSignificant === 0;
  const fracCanonical = dot < 0 || lastFractionNonZero === n - 1;
  if (intCanonical && fracCanonical) return text;
  const intPart = firstSignificant >= 0 ? text.slice(firstSignificant, intEnd) : '0';
  const frac = dot < 0 || lastFractionNonZero < 0 ? '' : text.slice(dot + 1, lastFractionNonZero + 1);
  return frac === '' ? intPart : `${intPart}.${frac}`;
}

/**
 * Orders two canonical decimals exactly: negative when a < b, 0 when equal, positive when a > b.
 * Canonical spellings have no leading zeros, so a longer integer part is a larger number; with
 * equal integer lengths the dots line up, and the strings' own order is the numbers' order, but
 * for missing fraction digits, which count as zeros ("0.1" and "0.10" are equal, should a
 * non-canonical spelling come here): that can only differ where one string begins the other.
 */
export function compareDecimal(a: string, b: string): number {
  if (a === b) return 0;
  // "0.…" (every price) has its dot at 1: no search for it (the crossed check runs per update).
  let da = a.charCodeAt(1) === DOT && a.charCodeAt(0) !== DOT ? 1 : a.indexOf('.');
  let db = b.charCodeAt(1) === DOT && b.charCodeAt(0) !== DOT ? 1 : b.indexOf('.');
  if (da < 0) da = a.length;
  if (db < 0) db = b.length;
  if (da !== db) return da - db;
  if (a < b) return b.length > a.length && b.startsWith(a) && onlyZeros(b, a.length) ? 0 : -1;
  return a.length > b.length && a.startsWith(b) && onlyZeros(a, b.length) ? 0 : 1;
}

/** Whether `text` from `from` on is only zeros and a dot (digits a shorter spelling left out). */
function onlyZeros(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== ZERO && c !== DOT) return false;
  }
  return true;
}

/** Number of digits after the dot of a canonical decimal ("0.01" → 2, "5" → 0). */
export function decimalPlaces(canonical: string): number {
  const dot = canonical.indexOf('.');
  return dot < 0 ? 0 : canonical.length - dot - 1;
}

/** 10^(9 − k) for a fraction of k digits (k = 0 … 9). */
const FRACTION_SCALE = [1e9, 1e8, 1e7, 1e6, 1e5, 1e4, 1e3, 1e2, 10, 1];

/**
 * An exact integer sort key for a canonical decimal with at most 6 integer and 9 fraction digits
 * (every Polymarket price): value × 10⁹, below 2⁵³ so it is an exact integer in a double. NaN for
 * anything longer, whose callers fall back to `compareDecimal`. Integer compares are ~10× cheaper
 * than character compares in the book's binary search.
 */
export function priceKey(canonical: string): number {
  const n = canonical.length;
  // As in compareDecimal: a price's dot is at 1, found without a search (a book's every level).
  let dot = canonical.charCodeAt(1) === DOT && canonical.charCodeAt(0) !== DOT ? 1 : canonical.indexOf('.');
  if (dot < 0) dot = n;
  if (dot > 6 || n - dot - 1 > 9) return Number.NaN;
  let int = 0;
  for (let i = 0; i < dot; i++) int = int * 10 + (canonical.charCodeAt(i) - ZERO);
  // The fraction's digits as an integer, scaled once: no division per digit.
  let frac = 0;
  for (let i = dot + 1; i < n; i++) frac = frac * 10 + (canonical.charCodeAt(i) - ZERO);
  return int * 1e9 + frac * FRACTION_SCALE[Math.max(0, n - dot - 1)]!;
}
