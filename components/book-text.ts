/**
 * The words the screen says about one book: its status badge, the spread row and the stats row.
 * Pure functions of the published view, so their exact text is tested without Ink.
 */
import type { AssetView } from '../store/types.js';
import { abbreviateId, clockTime, decimalPlaces, formatAge, formatCents, formatSize, formatTicks, padFraction, signed } from './format.js';
import type { Tone } from './theme.js';

/** Ticks from the best price for the depth figures: the publisher's default (store/publisher.ts). */
export const DEPTH_TICKS = 5;

export interface Badge {
  readonly text: string;
  readonly tone: Tone;
}

/**
 * The book's state in a word or two. Quiet (no data for a while) comes from the session, which
 * proves a quiet book against REST: "quiet, verified at 12:00:01" once it has, "QUIET 45s" until.
 * `connected`: a market connection is live, else the silence is the connection's story.
 */
export function bookBadge(view: AssetView | undefined, connected: boolean, now: number): Badge {
  if (!view || view.status === 'awaiting') return { text: 'waiting for snapshot…', tone: 'dim' };
  if (view.status === 'resolved') return { text: view.winner === null ? 'RESOLVED' : view.winner ? 'RESOLVED — won' : 'RESOLVED — lost', tone: 'accent' };
  const age = view.receivedAt > 0 ? now - view.receivedAt : null;
  if (view.status === 'stale') return { text: age === null ? 'STALE' : `STALE ${formatAge(age)}`, tone: 'warn' };
  if (view.status === 'reconnecting') return { text: age === null ? 'RECONNECTING' : `RECONNECTING ${formatAge(age)}`, tone: 'warn' };
  // A REST snapshot: right when fetched, but nothing keeps it current until the WebSocket's comes.
  if (view.status === 'rest') return { text: age === null ? 'REST' : `REST ${formatAge(age)}`, tone: 'warn' };
  if (view.crossed) return { text: 'CROSSED', tone: 'bad' };
  // Yes and No mirror each other; a gap beyond a tick means one of the two books is off.
  if (view.pair?.disagrees) return { text: `PAIR OFF ${view.pair.gap}`, tone: 'warn' };
  if (view.status === 'quiet' && connected) {
    if (view.quietVerifiedAt !== null) return { text: `quiet, verified at ${clockTime(view.quietVerifiedAt)}`, tone: 'ok' };
    return { text: view.quietSince === null ? 'QUIET' : `QUIET ${formatAge(now - view.quietSince)}`, tone: 'warn' };
  }
  return { text: 'live', tone: 'ok' };
}

/** A book drawn dimmed with its badge, never in live colours: nothing keeps it current right now. */
export function dimmedStatus(view: AssetView | undefined): boolean {
  return view !== undefined && (view.status === 'stale' || view.status === 'rest' || view.status === 'reconnecting');
}

function priceText(value: string | null, tickSize: string | null): string {
  if (value === null) return '—';
  return padFraction(value, tickSize ? decimalPlaces(tickSize) : 0);
}

/** The row between asks and bids. */
export function spreadText(view: AssetView | undefined): string {
  if (!view || view.status === 'awaiting') return 'waiting for snapshot…';
  const a = view.analytics;
  if (a.spread === null) {
    if (a.bestBid === null && a.bestAsk === null) return view.status === 'resolved' ? 'market resolved, book empty' : 'empty book';
    return a.bestAsk === null ? 'no asks' : 'no bids';
  }
  const cents = formatCents(a.spread);
  const spread = a.spreadTicks === null ? cents : `${formatTicks(a.spreadTicks)} (${cents})`;
  const parts = [`spread ${spread}`, `mid ${priceText(a.mid, view.tickSize)}`];
  if (a.microprice !== null) parts.push(`micro ${priceText(a.microprice, view.tickSize)}`);
  return (view.crossed ? 'CROSSED  ' : '') + parts.join('  ');
}

/** The row between asks and bids: spreadText() and its tone. */
export function middleRow(view: AssetView | undefined): { readonly text: string; readonly tone: 'dim' | 'bad' | 'plain' } {
  return { text: spreadText(view), tone: !view || view.status === 'awaiting' || dimmedStatus(view) ? 'dim' : view.crossed ? 'bad' : 'plain' };
}

/** Display price, imbalance and near-touch depth. */
export function statsText(view: AssetView | undefined): string {
  if (!view || view.status === 'awaiting') return '';
  const a = view.analytics;
  const depthLabel = view.tickSize === null ? 'depth' : `depth ±${DEPTH_TICKS} ticks`;
  return [
    `display ${priceText(a.displayPrice, view.tickSize)}`,
    `imbalance ${a.imbalance === null ? '—' : signed(a.imbalance)}`,
    `${depthLabel} bid ${formatSize(a.depthBid)} / ask ${formatSize(a.depthAsk)}`,
  ].join('  ');
}

/**
 * Header label: "question — outcome"; before those are known, `fallback` (the request's title)
 * and the abbreviated token id ("demo — 1293…2772").
 */
export function assetTitle(view: AssetView | undefined, fallback: string, assetId: string): string {
  const head = view?.question ?? fallback;
  return `${head} — ${view?.outcome ?? abbreviateId(assetId)}`;
}
