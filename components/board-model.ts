/**
 * The board (`b`): one row per watched asset, as plain strings. Only the rows on screen are built
 * (a window around the selection), so a frame costs what it draws, not the number of assets.
 */
import type { AssetView, PolybookState } from '../store/types.js';
import { boardSparkline } from './board-spark.js';
import { abbreviateId, decimalPlaces, padFraction, shiftDecimal, signed, truncate } from './format.js';
import type { Tone } from './theme.js';

export interface BoardRowModel {
  /** The asset id: the row's identity while the board scrolls. */
  readonly key: string;
  readonly text: string;
  readonly selected: boolean;
  /** Not live (stale, REST-only, reconnecting, waiting, resolved): drawn dimmed. */
  readonly dim: boolean;
  readonly tone: Tone;
}

export interface BoardModel {
  readonly header: string;
  readonly rows: readonly BoardRowModel[];
  /** "12–31 of 60" when the board scrolls, else null. */
  readonly position: string | null;
  readonly width: number;
}

/** First mids seen per asset (when the store has no history for it): the session's start price. */
export class StartPrices {
  private readonly first = new Map<string, number>();

  /**
   * The session's first mid of the asset: its history's first point that is not backfill (the
   * backfilled day predates the session), else the first mid seen here; remembered once found.
   */
  startOf(assetId: string, state: PolybookState, mid: number | null): number | null {
    const seen = this.first.get(assetId);
    if (seen !== undefined) return seen;
    const start = state.history.get(assetId)?.find((point) => point.kind !== 'backfill')?.price ?? mid;
    if (start === null) return null;
    // Bounded: one entry per asset drawn; forgotten when the map outgrows the watchlist twice over.
    if (this.first.size > 2 * state.order.length + 64) this.first.clear();
    this.first.set(assetId, start);
    return start;
  }
}

interface Column {
  readonly title: string;
  readonly width: number;
  readonly right: boolean;
  readonly cell: (r: RowData) => string;
}

interface RowData {
  readonly view: AssetView | undefined;
  readonly id: string;
  readonly places: number;
  readonly change: string;
  readonly spark: string;
  readonly ends: string;
  readonly mark: string;
}

function price(value: string | null | undefined, places: number): string {
  return value == null ? '—' : padFraction(value, places);
}

/** Time left to `endsAt`: "45s", "12m05s", "3h12m", "4d3h"; "ended"; "—" when unknown. */
export function timeLeft(endsAt: number | null, now: number): string {
  if (endsAt === null) return '—';
  const s = Math.floor((endsAt - now) / 1000);
  if (s <= 0) return 'ended';
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(s / 86_400)}d${Math.floor((s % 86_400) / 3600)}h`;
}

/** The integrity mark (✓ a venue hash reproduced, ✗ a mismatch, ? cannot tell) and the status when not live. */
export function boardMark(view: AssetView | undefined): string {
  if (!view) return '? WAIT';
  const c = view.integrity;
  const mark = c.hash_mismatch > 0 || c.snapshots_disagreed > 0 ? '✗' : c.hash_verified > 0 ? '✓' : '?';
  const status: Record<AssetView['status'], string> = {
    awaiting: 'WAIT',
    rest: 'REST',
    live: '',
    quiet: 'QUIET',
    reconnecting: 'RECON',
    stale: 'STALE',
    resolved: 'RSLVD',
  };
  const word = view.crossed ? 'CROSS' : view.pair?.disagrees ? 'PAIR' : status[view.status];
  return word ? `${mark} ${word}` : mark;
}

/** Mid change in cents, display only ("+1.5¢", "-0.3¢", "0.0¢"). */
function changeText(mid: number | null, start: number | null): string {
  if (mid === null || start === null) return '—';
  const cents = Math.round((mid - start) * 1000) / 10;
  const text = cents.toFixed(1);
  return `${text === '-0.0' ? '0.0' : signed(text)}¢`;
}

const SPARK_MAX = 16;
const SPARK_MIN = 6;

/** The columns that fit `width`, dropping the least needed first (spark, end, last, change, market). */
function columns(width: number): Column[] {
  const cell = (title: string, w: number, right: boolean, f: (r: RowData) => string): Column => ({ title, width: w, right, cell: f });
  const outcome = cell('outcome', 8, false, (r) => r.view?.outcome ?? abbreviateId(r.id));
  const bid = cell('bid', 6, true, (r) => price(r.view?.analytics.bestBid, r.places));
  const ask = cell('ask', 6, true, (r) => price(r.view?.analytics.bestAsk, r.places));
  const last = cell('last', 6, true, (r) => price(r.view?.lastTrade?.price, r.places));
  const spread = cell('spread', 6, true, (r) => {
    const s = r.view?.analytics.spread;
    return s == null ? '—' : `${padFraction(shiftDecimal(s, 2), 1)}¢`;
  });
  const change = cell('chg', 7, true, (r) => r.change);
  const ends = cell('ends', 6, true, (r) => r.ends);
  const mark = cell('mark', 7, false, (r) => r.mark);
  const fixed = [outcome, bid, ask, spread, mark];
  const optional = [change, last, ends];
  const used = (cols: readonly Column[]) => 2 + cols.reduce((n, c) => n + c.width + 1, 0);
  let chosen = [...fixed, ...optional];
  // The market's name takes what is left, at least 8 columns, and the sparkline up to 16.
  while (chosen.length > fixed.length && used(chosen) + 8 > width) chosen = chosen.slice(0, -1);
  const room = width - used(chosen);
  const sparkWidth = room >= 8 + SPARK_MIN + 1 ? Math.min(SPARK_MAX, Math.floor((room - 1) / 3)) : 0;
  const marketWidth = Math.max(0, room - (sparkWidth > 0 ? sparkWidth + 1 : 0) - 1);
  const market = cell('market', marketWidth, false, (r) => r.view?.question ?? '');
  const spark = cell('mid', sparkWidth, false, (r) => r.spark);
  const order = [outcome, ...(marketWidth >= 4 ? [market] : []), bid, ask];
  if (chosen.includes(last)) order.push(last);
  order.push(spread);
  if (chosen.includes(change)) order.push(change);
  if (sparkWidth > 0) order.push(spark);
  if (chosen.includes(ends)) order.push(ends);
  order.push(mark);
  return order;
}

function cellText(text: string, c: Column): string {
  const cut = truncate(text, c.width);
  return c.right ? cut.padStart(c.width) : cut.padEnd(c.width);
}

export interface BoardInput {
  readonly state: PolybookState;
  readonly selected: string | null;
  readonly width: number;
  /** Lines for the board, its header included. */
  readonly rows: number;
  readonly time: number;
  readonly starts: StartPrices;
  /** No colour: the sparkline in ASCII. */
  readonly markers?: boolean;
}

export function boardModel(input: BoardInput): BoardModel {
  const { state, width } = input;
  const order = state.order;
  const cols = columns(width);
  const visible = Math.max(0, input.rows - 1);
  const index = input.selected === null ? 0 : Math.max(0, order.indexOf(input.selected));
  const top = Math.max(0, Math.min(index - Math.floor(visible / 2), order.length - visible));
  const position = order.length > visible && visible > 0 ? `${top + 1}–${Math.min(order.length, top + visible)} of ${order.length}` : null;
  // Where the board is in a long list: in the market column's title when it fits, else at the end.
  const inTitle = position !== null && cols.some((c) => c.title === 'market' && c.width >= position.length + 8);
  const title = (c: Column) => (c.title === 'market' && inTitle ? `market  ${position}` : c.title);
  const header = `  ${cols.map((c) => (c.right ? title(c).padStart(c.width) : title(c).padEnd(c.width))).join(' ')}`;
  const spark = cols.find((c) => c.title === 'mid');
  const rows: BoardRowModel[] = [];
  for (let i = top; i < Math.min(order.length, top + visible); i++) {
    const id = order[i]!;
    const view = state.assets.get(id);
    const places = view?.tickSize ? decimalPlaces(view.tickSize) : 2;
    const mid = view?.analytics.mid == null ? null : Number(view.analytics.mid);
    const data: RowData = {
      view,
      id,
      places,
      change: changeText(mid, input.starts.startOf(id, state, mid)),
      spark: spark ? boardSparkline(state.history.get(id), spark.width, input.markers === true) : '',
      ends: timeLeft(view?.endsAt ?? null, input.time),
      mark: boardMark(view),
    };
    const selected = id === input.selected;
    const live = view !== undefined && (view.status === 'live' || view.status === 'quiet');
    const text = `${selected ? '> ' : '  '}${cols.map((c) => cellText(c.cell(data), c)).join(' ')}`;
    const bad = view !== undefined && (view.crossed || view.integrity.hash_mismatch > 0);
    rows.push({ key: id, text: truncate(text.trimEnd(), width), selected, dim: !live, tone: bad ? 'bad' : 'plain' });
  }
  const head = position !== null && !inTitle && header.trimEnd().length + 2 + position.length <= width ? `${header.trimEnd()}  ${position}` : header.trimEnd();
  return { header: truncate(head, width), rows, position, width };
}
