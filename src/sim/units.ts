/**
 * Exact integer arithmetic for the sim's prices and sizes, formatted to the venue's canonical
 * decimal spelling ("0.5", "1215.1", "83": no trailing zeros, POLYMARKET.md §4.1). The sim never
 * does decimal arithmetic in floating point.
 *
 * - prices: integer units of 0.0001 (the finest known tick), 1..9999; the mirror of p is 10000 - p;
 * - level sizes: integer cents (the capture's sizes carry at most two decimals);
 * - trade sizes: integer micro-shares (prints carry up to six decimals, "16.129031").
 */

export const PRICE_ONE = 10_000;

/** Canonical decimal of `value / 10^places` for a non-negative integer `value`. */
export function scaled(value: number, places: number): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`not a non-negative integer: ${value}`);
  const factor = 10 ** places;
  const whole = Math.floor(value / factor);
  let frac = String(value % factor).padStart(places, '0');
  let end = frac.length;
  while (end > 0 && frac.charCodeAt(end - 1) === 48) end--;
  frac = frac.slice(0, end);
  return frac === '' ? String(whole) : `${whole}.${frac}`;
}

export function formatPrice(units: number): string {
  return scaled(units, 4);
}

/** A price with at least three decimals: the spelling of `last_trade_price` ("0.610"). */
export function formatPrice3(units: number): string {
  const text = formatPrice(units);
  const dot = text.indexOf('.');
  const places = dot < 0 ? 0 : text.length - dot - 1;
  if (places >= 3) return text;
  return (dot < 0 ? `${text}.` : text) + '0'.repeat(3 - places);
}

export function formatSize(cents: number): string {
  // scaled(cents, 2), without its string padding and trimming (every level of every message).
  if (!Number.isSafeInteger(cents) || cents < 0) return scaled(cents, 2);
  const frac = cents % 100;
  const whole = (cents - frac) / 100;
  if (frac === 0) return String(whole);
  if (frac % 10 === 0) return `${whole}.${frac / 10}`;
  return `${whole}.${frac < 10 ? '0' : ''}${frac}`;
}

export function formatMicro(micro: number): string {
  return scaled(micro, 6);
}

/** Parses a decimal string into integer units of 10^-places; null when it does not fit exactly. */
export function parseScaled(text: string, places: number): number | null {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  const frac = (match[2] ?? '').replace(/0+$/, '');
  if (frac.length > places) return null;
  const value = Number(match[1]) * 10 ** places + Number(frac.padEnd(places, '0') || '0');
  return Number.isSafeInteger(value) ? value : null;
}

/** A price in (0, 1) on the 0.0001 grid, in units; null otherwise. */
export function parsePrice(text: string): number | null {
  const units = parseScaled(text, 4);
  return units !== null && units > 0 && units < PRICE_ONE ? units : null;
}

/** Tick sizes the venue knows (POLYMARKET.md §4.6), in price units. */
export const TICKS: ReadonlyMap<string, number> = new Map([
  ['0.1', 1000],
  ['0.01', 100],
  ['0.005', 50],
  ['0.0025', 25],
  ['0.001', 10],
  ['0.0001', 1],
]);
