/**
 * Pure string formatting for the screen. Prices and sizes arrive as exact canonical decimal
 * strings; everything here is string work, except `abbreviateSize`, `limitPlaces` and `barLength`,
 * which are display approximations ("14.9k", "2.44", a bar of 12 cells) where a float is exact
 * enough.
 */

/** Digits after the decimal point ("0.01" → 2, "5" → 0). */
export function decimalPlaces(value: string): number {
  const dot = value.indexOf('.');
  return dot < 0 ? 0 : value.length - dot - 1;
}

/** Pads the fraction with zeros to at least `places` digits ("0.4", 2 → "0.40"); never cuts. */
export function padFraction(value: string, places: number): string {
  const have = decimalPlaces(value);
  if (have >= places) return value;
  return (have === 0 ? `${value}.` : value) + '0'.repeat(places - have);
}

/** Thousands separators in the integer part ("1234567.5" → "1,234,567.5"). */
export function withThousands(value: string): string {
  const sign = value.startsWith('-') ? '-' : '';
  const body = sign ? value.slice(1) : value;
  const dot = body.indexOf('.');
  const int = dot < 0 ? body : body.slice(0, dot);
  const frac = dot < 0 ? '' : body.slice(dot);
  return sign + int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + frac;
}

/**
 * At most `places` decimals: unchanged when the value has no more, else rounded for display
 * (trade sizes arrive with 6 decimals; the tape shows 2).
 */
export function limitPlaces(value: string, places: number): string {
  const n = Number(value);
  return decimalPlaces(value) <= places || !Number.isFinite(n) ? value : n.toFixed(places);
}

/** A size in full: fraction padded to `places`, thousands separated. */
export function formatSize(value: string, places = 0): string {
  return withThousands(padFraction(value, places));
}

/** A size in at most 6 characters: "14884.14" → "14.9k", "2500000" → "2.5M", "12.345678" → "12.346". */
export function abbreviateSize(value: string): string {
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  const abs = Math.abs(n);
  if (abs < 999.5) {
    if (value.length <= 6) return value;
    const intDigits = String(Math.trunc(abs)).length + (n < 0 ? 1 : 0);
    return trimZeros(n.toFixed(Math.max(0, 5 - intDigits)));
  }
  for (const [unit, scale] of [
    ['k', 1e3],
    ['M', 1e6],
    ['B', 1e9],
  ] as const) {
    const scaled = abs / scale;
    if (scaled < 99.95) return `${n < 0 ? '-' : ''}${trimZeros(scaled.toFixed(1))}${unit}`;
    if (scaled < 999.5) return `${n < 0 ? '-' : ''}${scaled.toFixed(0)}${unit}`;
  }
  return `${n < 0 ? '-' : ''}${(abs / 1e12).toFixed(0)}T`;
}

function trimZeros(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}

/** Number of bar cells for `value` out of `max` over `width` cells (at least 1 when value > 0). */
export function barLength(value: string, max: number, width: number): number {
  const n = Number(value);
  if (!(n > 0) || !(max > 0) || width <= 0) return 0;
  return Math.max(1, Math.min(width, Math.round((n / max) * width)));
}

/** Moves the decimal point right by `places` ("0.01", 2 → "1"; "0.005", 2 → "0.5"). */
export function shiftDecimal(value: string, places: number): string {
  const sign = value.startsWith('-') ? '-' : '';
  const body = sign ? value.slice(1) : value;
  const dot = body.indexOf('.');
  const int = dot < 0 ? body : body.slice(0, dot);
  const frac = (dot < 0 ? '' : body.slice(dot + 1)).padEnd(places, '0');
  const newInt = (int + frac.slice(0, places)).replace(/^0+(?=\d)/, '');
  const newFrac = frac.slice(places).replace(/0+$/, '');
  const out = newFrac ? `${newInt}.${newFrac}` : newInt;
  return out === '0' ? out : sign + out;
}

/** A price difference in cents with at least one decimal ("0.01" → "1.0¢", "0.005" → "0.5¢"). */
export function formatCents(value: string): string {
  return `${padFraction(shiftDecimal(value, 2), 1)}¢`;
}

/** "1" → "1 tick", "2" → "2 ticks", "1.5" → "1.5 ticks". */
export function formatTicks(value: string): string {
  return `${value} ${value === '1' || value === '-1' ? 'tick' : 'ticks'}`;
}

/** "+0.2345" for a positive signed decimal, unchanged otherwise. */
export function signed(value: string): string {
  return value.startsWith('-') || /^0(\.0*)?$/.test(value) ? value : `+${value}`;
}

/** An elapsed time in one unit: "0s", "12s", "2m", "3h", "4d". */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

/** Long ids shortened to their ends: "1293…2772". */
export function abbreviateId(id: string): string {
  if (id.length <= 10) return id;
  // Kept: every frame names every watched asset's tab (5,000 of them at venue scale), and the
  // same string each time lets the tab labels be compared, not rebuilt.
  let short = abbreviated.get(id);
  if (short === undefined) {
    if (abbreviated.size >= ABBREVIATED_LIMIT) abbreviated.clear();
    short = `${id.slice(0, 4)}…${id.slice(-4)}`;
    abbreviated.set(id, short);
  }
  return short;
}
const ABBREVIATED_LIMIT = 20_000;
const abbreviated = new Map<string, string>();

/** Local wall-clock HH:MM:SS of an epoch-ms string ("--:--:--" when unusable). */
export function clockTime(epochMs: string | number): string {
  const n = typeof epochMs === 'number' ? epochMs : epochMs === '' ? NaN : Number(epochMs);
  if (!Number.isFinite(n)) return '--:--:--';
  const d = new Date(n);
  const two = (v: number) => String(v).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** Cuts `text` to `width` characters, marking the cut with "…". */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text;
  return width === 1 ? '…' : `${text.slice(0, width - 1)}…`;
}
