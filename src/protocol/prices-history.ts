/**
 * CLOB `GET /prices-history` bodies (POLYMARKET.md §8): `{"history":[{"t":<unix s>,"p":<number>}]}`.
 * The points are only ever drawn (a chart), so they are numbers, not decimals. Hostile input is
 * bounded and filtered: a body that is not that shape is `null`; a point with a time or price out
 * of range is dropped, not guessed at; at most MAX_HISTORY_POINTS are kept (the newest).
 */
import { isRaw } from './fields.js';

/** One backfilled point: epoch ms and a price in [0, 1]. */
export interface HistoryPoint {
  readonly t: number;
  readonly p: number;
}

/** A week at one point a minute is 10 080; nothing a chart draws needs more. */
export const MAX_HISTORY_POINTS = 10_080;

/** 2001-09-09 .. 2286: unix seconds with 10 digits (anything else is not a venue time). */
const MIN_SECONDS = 1_000_000_000;
const MAX_SECONDS = 9_999_999_999;

function seconds(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{10}(\.\d{1,6})?$/.test(value) ? Number(value) : Number.NaN;
  return Number.isFinite(n) && n >= MIN_SECONDS && n <= MAX_SECONDS ? n : null;
}

function price(value: unknown): number | null {
  // The venue sends numbers; a decimal string (a proxy's re-encoding) is read the same way.
  const n =
    typeof value === 'number' ? value : typeof value === 'string' && /^(0(\.\d{1,8})?|1(\.0{1,8})?|\.\d{1,8})$/.test(value) ? Number(value) : Number.NaN;
  return Number.isFinite(n) && n >= 0 && n <= 1 ? n : null;
}

/**
 * The points of a body, oldest first (the venue sends them in order; out-of-order input is sorted),
 * times in epoch ms; `null` when the body is not `{"history": [...]}`.
 */
export function parsePricesHistory(body: unknown): HistoryPoint[] | null {
  if (!isRaw(body)) return null;
  const list = body.history;
  if (!Array.isArray(list)) return null;
  // Only the newest MAX_HISTORY_POINTS entries are looked at: a million-entry body costs no more.
  const start = Math.max(0, list.length - MAX_HISTORY_POINTS);
  const out: HistoryPoint[] = [];
  let sorted = true;
  for (let i = start; i < list.length; i++) {
    const item: unknown = list[i];
    if (!isRaw(item)) continue;
    const t = seconds(item.t);
    const p = price(item.p);
    if (t === null || p === null) continue;
    const point = { t: Math.round(t * 1000), p };
    if (out.length > 0 && point.t < out[out.length - 1]!.t) sorted = false;
    out.push(point);
  }
  if (!sorted) out.sort((a, b) => a.t - b.t);
  return out;
}
