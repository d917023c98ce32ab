/**
 * Exact decimal arithmetic without allocating a big.js object per operation, for the sums and
 * differences a published view needs many of (cumulative sizes, depth, spread, mid). It relies on
 * the bounds the parser enforces (src/protocol/fields.ts): sizes have at most 12 integer digits and
 * 8 decimals, prices at most 4 decimals. A sum is kept as an integer part and a fraction scaled by
 * 10^8, both exact in a double (integers below 2^53); anything outside the bounds returns null and
 * the caller falls back to big.js. Divisions (microprice, imbalance) stay with big.js.
 */

const FRACTION_DIGITS = 8;
const SCALE = 1e8;
const MAX_INTEGER_DIGITS = 15;
const ZERO = 48;

/** A running exact sum of canonical decimals. */
export class DecimalSum {
  private integer = 0;
  private fraction = 0;

  /** Adds a canonical decimal; false (and nothing added) when it is beyond the exact bounds. */
  add(decimal: string): boolean {
    const dot = decimal.indexOf('.');
    const intEnd = dot < 0 ? decimal.length : dot;
    const decimals = dot < 0 ? 0 : decimal.length - dot - 1;
    if (intEnd > MAX_INTEGER_DIGITS || decimals > FRACTION_DIGITS) return false;
    let integer = 0;
    for (let i = 0; i < intEnd; i++) integer = integer * 10 + (decimal.charCodeAt(i) - ZERO);
    let fraction = 0;
    for (let i = 0; i < FRACTION_DIGITS; i++) fraction = fraction * 10 + (i < decimals ? decimal.charCodeAt(dot + 1 + i) - ZERO : 0);
    this.integer += integer;
    this.fraction += fraction;
    if (this.fraction >= SCALE) {
      const carry = Math.floor(this.fraction / SCALE);
      this.integer += carry;
      this.fraction -= carry * SCALE;
    }
    return Number.isSafeInteger(this.integer);
  }

  isZero(): boolean {
    return this.integer === 0 && this.fraction === 0;
  }

  /** Canonical spelling: no trailing zeros, no exponent. */
  toString(): string {
    return scaledText(this.integer, this.fraction, FRACTION_DIGITS);
  }
}

/** `integer` and a fraction of `places` digits, as a canonical decimal. */
function scaledText(integer: number, fraction: number, places: number): string {
  if (fraction === 0) return String(integer);
  let digits = String(fraction).padStart(places, '0');
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === ZERO) end--;
  digits = digits.slice(0, end);
  return `${integer}.${digits}`;
}

/** Prices scaled by 10^4 (the finest tick), exact; null when a price has more decimals. */
export const PRICE_PLACES = 4;
const PRICE_SCALE = 1e4;

export function priceUnits(price: string): number | null {
  const dot = price.indexOf('.');
  const intEnd = dot < 0 ? price.length : dot;
  const decimals = dot < 0 ? 0 : price.length - dot - 1;
  if (intEnd > 6 || decimals > PRICE_PLACES) return null;
  let units = 0;
  for (let i = 0; i < intEnd; i++) units = units * 10 + (price.charCodeAt(i) - ZERO);
  for (let i = 0; i < PRICE_PLACES; i++) units = units * 10 + (i < decimals ? price.charCodeAt(dot + 1 + i) - ZERO : 0);
  return units;
}

/** Price units back to a canonical decimal (negative values keep their sign). */
export function unitsText(units: number): string {
  const sign = units < 0 ? '-' : '';
  const abs = Math.abs(units);
  return sign + scaledText(Math.floor(abs / PRICE_SCALE), abs % PRICE_SCALE, PRICE_PLACES);
}

/** Half of price units, as a decimal (a mid may need one more place than its prices). */
export function halfUnitsText(units: number): string {
  const doubled = units * 5; // units / 2 at one more decimal place
  const scale = PRICE_SCALE * 10;
  return scaledText(Math.floor(doubled / scale), doubled % scale, PRICE_PLACES + 1);
}

/** `numerator / denominator` rounded half-even to `places` decimals (both non-negative integers). */
export function ratioText(numerator: number, denominator: number, places: number): string | null {
  const factor = 10 ** places;
  const scaled = numerator * factor;
  if (!Number.isSafeInteger(scaled) || denominator <= 0) return null;
  let quotient = Math.floor(scaled / denominator);
  const remainder = scaled - quotient * denominator;
  if (2 * remainder > denominator || (2 * remainder === denominator && quotient % 2 === 1)) quotient++;
  return scaledText(Math.floor(quotient / factor), quotient % factor, places);
}

/** A plain decimal ("12.5", "-0.25") as digits and a count of decimals; null when it is not one. */
function digitsOf(decimal: string): { readonly value: bigint; readonly decimals: number } | null {
  if (decimal.length > 40 || !/^-?\d+(\.\d+)?$/.test(decimal)) return null;
  const dot = decimal.indexOf('.');
  const decimals = dot < 0 ? 0 : decimal.length - dot - 1;
  return { value: BigInt(dot < 0 ? decimal : decimal.slice(0, dot) + decimal.slice(dot + 1)), decimals };
}

/**
 * `numerator / denominator` of plain decimals (either may be negative), rounded half-even to
 * `places` decimals, exact with BigInt; null when either is not a plain decimal of at most 40
 * characters or the denominator is 0. big.js's division allocates and loops per digit; this is a
 * few BigInt operations.
 */
export function divideRounded(numerator: string, denominator: string, places: number): string | null {
  const n = digitsOf(numerator);
  const d = digitsOf(denominator);
  if (n === null || d === null || d.value === 0n) return null;
  // n / d × 10^places = n.value × 10^(places + d.decimals − n.decimals) / d.value
  const shift = places + d.decimals - n.decimals;
  let top = n.value;
  let bottom = d.value;
  if (shift >= 0) top *= 10n ** BigInt(shift);
  else bottom *= 10n ** BigInt(-shift);
  const negative = top < 0n !== bottom < 0n && top !== 0n;
  if (top < 0n) top = -top;
  if (bottom < 0n) bottom = -bottom;
  let quotient = top / bottom;
  const remainder = top - quotient * bottom;
  if (2n * remainder > bottom || (2n * remainder === bottom && quotient % 2n === 1n)) quotient++;
  if (quotient === 0n) return '0';
  const factor = 10n ** BigInt(places);
  const integer = (quotient / factor).toString();
  const fraction = quotient % factor;
  const text = fraction === 0n ? integer : `${integer}.${fraction.toString().padStart(places, '0').replace(/0+$/, '')}`;
  return negative ? `-${text}` : text;
}
