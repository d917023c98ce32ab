/**
 * Column widths of the depth ladder for the levels on screen, and the text of one row. Pure, so
 * the exact layout is tested without Ink; the row component only adds colour.
 */
import type { LadderLevel } from '../store/types.js';
import { abbreviateSize, barLength, decimalPlaces, formatSize, padFraction } from './format.js';

export interface LadderGeometry {
  /** Columns before the price: 1, or 2 with markers ("A*", "B "). */
  readonly prefixWidth: number;
  readonly pricePlaces: number;
  readonly priceWidth: number;
  /** Sizes as "14.9k" rather than "14,884.14" (narrow terminals). */
  readonly abbreviate: boolean;
  readonly sizePlaces: number;
  readonly sizeWidth: number;
  readonly cumPlaces: number;
  /** 0 when the cumulative column was dropped for lack of room. */
  readonly cumWidth: number;
  readonly gap: number;
  readonly barWidth: number;
  /** Cumulative size a full bar stands for: the deepest visible cumulative of either side. */
  readonly scale: number;
}

export const BAR = '█';

/** The width of an abbreviated size (abbreviateSize()). */
const SHORT_WIDTH = 6;

/** Fits price, size, cumulative and bar columns into `width` for the visible levels. */
export function ladderGeometry(
  asks: readonly LadderLevel[],
  bids: readonly LadderLevel[],
  width: number,
  tickSize: string | null,
  markers: boolean,
): LadderGeometry {
  const all = [...asks, ...bids];
  const prefixWidth = markers ? 2 : 1;
  const pricePlaces = Math.max(tickSize ? decimalPlaces(tickSize) : 0, ...all.map((l) => decimalPlaces(l.price)));
  const priceWidth = Math.max(5, ...all.map((l) => padFraction(l.price, pricePlaces).length));
  const sizePlaces = Math.max(0, ...all.map((l) => decimalPlaces(l.size)));
  const cumPlaces = Math.max(0, ...all.map((l) => decimalPlaces(l.cumulative)));
  const scale = Math.max(0, Number(asks.at(-1)?.cumulative ?? 0), Number(bids.at(-1)?.cumulative ?? 0));
  const base = { prefixWidth, pricePlaces, priceWidth, sizePlaces, cumPlaces, scale };

  // Fixed minimum widths ("99,999.99", "999,999.99", room for two decimals even while none is
  // shown), so a size that reaches 1,000 or 10,000, or one with cents, does not move the columns;
  // only sizes of 100,000 and more (or with more decimals) widen them.
  const fullSize = Math.max(formatSize('99999', Math.max(2, sizePlaces)).length, ...all.map((l) => formatSize(l.size, sizePlaces).length));
  const fullCum = Math.max(formatSize('999999', Math.max(2, cumPlaces)).length, ...all.map((l) => formatSize(l.cumulative, cumPlaces).length));
  const roomy = width - (prefixWidth + priceWidth + 2 + fullSize + 2 + fullCum + 2);
  if (roomy >= 8) return { ...base, abbreviate: false, sizeWidth: fullSize, cumWidth: fullCum, gap: 2, barWidth: roomy };

  // An abbreviated size is at most 6 characters ("14.9k", "12.346"): a fixed column.
  const shortSize = Math.max(SHORT_WIDTH, ...all.map((l) => abbreviateSize(l.size).length));
  const shortCum = Math.max(SHORT_WIDTH, ...all.map((l) => abbreviateSize(l.cumulative).length));
  const narrow = width - (prefixWidth + priceWidth + 1 + shortSize + 1 + shortCum + 1);
  if (narrow >= 3) return { ...base, abbreviate: true, sizeWidth: shortSize, cumWidth: shortCum, gap: 1, barWidth: narrow };
  const tiny = width - (prefixWidth + priceWidth + 1 + shortSize + 1);
  return { ...base, abbreviate: true, sizeWidth: shortSize, cumWidth: 0, gap: 1, barWidth: Math.max(0, tiny) };
}

/**
 * A row after the prefix in three columns: price and size (`head`), the cumulative size with the
 * gaps around it (`cum`, empty when dropped), and the bar's length in cells. The screen draws each
 * column as its own text, so a level that did not change keeps its `head` string from frame to
 * frame even while the cumulatives below it move (components/ladder.tsx).
 */
export function ladderRowColumns(level: LadderLevel, g: LadderGeometry): { readonly head: string; readonly cum: string; readonly bar: number } {
  const gap = ' '.repeat(g.gap);
  const size = g.abbreviate ? abbreviateSize(level.size) : formatSize(level.size, g.sizePlaces);
  const head = padFraction(level.price, g.pricePlaces).padStart(g.priceWidth) + gap + size.padStart(g.sizeWidth);
  let cum = '';
  if (g.cumWidth > 0) cum = gap + (g.abbreviate ? abbreviateSize(level.cumulative) : formatSize(level.cumulative, g.cumPlaces)).padStart(g.cumWidth);
  if (g.barWidth <= 0) return { head, cum, bar: 0 };
  return { head, cum: cum + gap, bar: barLength(level.cumulative, g.scale, g.barWidth) };
}

/** A row after the prefix: price, size and cumulative columns, then the bar's length in cells. */
export function ladderRowParts(level: LadderLevel, g: LadderGeometry): { readonly text: string; readonly bar: number } {
  const { head, cum, bar } = ladderRowColumns(level, g);
  return { text: head + cum, bar };
}

/** A row's text after the prefix with the bar drawn in block characters. */
export function ladderRowText(level: LadderLevel, g: LadderGeometry): string {
  const { text, bar } = ladderRowParts(level, g);
  return text + BAR.repeat(bar);
}

/** The column titles, aligned with `ladderRowText`. */
export function ladderHeaderText(g: LadderGeometry): string {
  const gap = ' '.repeat(g.gap);
  let text = ' '.repeat(g.prefixWidth) + 'price'.padStart(g.priceWidth) + gap + 'size'.padStart(g.sizeWidth);
  if (g.cumWidth > 0) text += gap + 'total'.padStart(g.cumWidth);
  if (g.barWidth > 0) text += `${gap}depth`;
  return text;
}

/** The key a level flashes under (sides share prices in a crossed book). */
export function flashKey(side: 'bid' | 'ask', price: string): string {
  return `${side === 'bid' ? 'b' : 'a'}:${price}`;
}

/** One ladder row as the screen draws it: its columns after the side prefix (ladderRowColumns). */
export interface LadderRowModel {
  /** Side and price: the row's identity while the ladder moves. */
  readonly key: string;
  readonly side: 'bid' | 'ask';
  /** Price and size. */
  readonly head: string;
  /** Cumulative size with its gaps, or "". */
  readonly cum: string;
  /** Bar cells. */
  readonly bar: number;
  readonly flash: boolean;
}

/** The row between asks and bids. */
export interface MiddleRowModel {
  /** spreadText(): "spread 1 tick (1.0¢)  mid 0.405  micro 0.4052", or why there is none. */
  readonly text: string;
  readonly tone: 'dim' | 'bad' | 'plain';
  /** Columns before the text, to line up with the ladder's prices. */
  readonly indent: number;
}

/** A whole ladder as plain data: what the ladder component draws, compared frame to frame. */
export interface LadderModel {
  /** Column titles, or null without the header row. */
  readonly header: string | null;
  /** Worst ask first (the best ask sits next to the middle row). */
  readonly asks: readonly LadderRowModel[];
  readonly bids: readonly LadderRowModel[];
  /** Blank rows above the asks and below the bids, so the middle row stays in the middle. */
  readonly padAsks: number;
  readonly padBids: number;
  readonly middle: MiddleRowModel | null;
  /** Drawn dimmed, never in live colours: the book is stale, REST-only or reconnecting. */
  readonly dim: boolean;
}

/**
 * The rows of a ladder: `levels` per side at most from the published levels (best first), fitted
 * to `width`. `flashing` holds the flash keys of levels whose size just changed.
 */
export function ladderModel(
  asks: readonly LadderLevel[],
  bids: readonly LadderLevel[],
  options: {
    readonly levels: number;
    readonly width: number;
    readonly tickSize: string | null;
    readonly markers: boolean;
    readonly flashing: ReadonlySet<string>;
    readonly columnHeader: boolean;
    /** The middle row, or null to leave it out. */
    readonly middle: Omit<MiddleRowModel, 'indent'> | null;
    /** Draw it dimmed (dimmedStatus()). */
    readonly dim?: boolean;
    /**
     * `watch --orders`: the user's resting orders, marker text ("◆25") by flash key of their level;
     * a marker column then sits between the cumulative size and the bar.
     */
    readonly own?: ReadonlyMap<string, string>;
  },
): LadderModel {
  const shownAsks = asks.slice(0, options.levels);
  const shownBids = bids.slice(0, options.levels);
  const ownWidth = ownColumnWidth(shownAsks, shownBids, options.own);
  // The column's room comes off the bar (and a gap, for when there is no bar to put it before).
  const g = ladderGeometry(shownAsks, shownBids, options.width - (ownWidth > 0 ? ownWidth + 2 : 0), options.tickSize, options.markers);
  const lead = g.barWidth > 0 ? '' : ' '.repeat(g.gap);
  const row = (level: LadderLevel, side: 'bid' | 'ask'): LadderRowModel => {
    const { head, cum, bar } = ladderRowColumns(level, g);
    const key = flashKey(side, level.price);
    const mark = ownWidth > 0 ? lead + (options.own!.get(key) ?? '').padEnd(ownWidth) : '';
    return { key, side, head, cum: cum + mark, bar, flash: options.flashing.has(key) };
  };
  const header = options.columnHeader ? ladderHeaderText(g) : null;
  const rows = Math.max(shownAsks.length, shownBids.length);
  return {
    header: header !== null && ownWidth > 0 ? ownHeader(header, g, ownWidth) : header,
    asks: shownAsks.map((l) => row(l, 'ask')).reverse(),
    bids: shownBids.map((l) => row(l, 'bid')),
    padAsks: rows - shownAsks.length,
    padBids: rows - shownBids.length,
    middle: options.middle ? { ...options.middle, indent: g.prefixWidth } : null,
    dim: options.dim === true,
  };
}

/** Width of the own-orders column: its widest marker and a space; 0 when no shown level has one. */
function ownColumnWidth(asks: readonly LadderLevel[], bids: readonly LadderLevel[], own: ReadonlyMap<string, string> | undefined): number {
  if (!own || own.size === 0) return 0;
  let widest = 0;
  for (const l of asks) widest = Math.max(widest, own.get(flashKey('ask', l.price))?.length ?? 0);
  for (const l of bids) widest = Math.max(widest, own.get(flashKey('bid', l.price))?.length ?? 0);
  return widest === 0 ? 0 : Math.max(widest, 4) + 1;
}

/** The column titles with "mine" over the own-orders column (before "depth", or at the end). */
function ownHeader(header: string, g: LadderGeometry, ownWidth: number): string {
  const title = 'mine'.padEnd(ownWidth);
  return g.barWidth > 0 && header.endsWith('depth') ? `${header.slice(0, -'depth'.length)}${title}depth` : `${header}${' '.repeat(g.gap)}${title}`.trimEnd();
}
