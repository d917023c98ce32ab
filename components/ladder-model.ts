/**
 * Column widths of the depth ladder for the levels on screen, and the text of one row. Pure, so
 * the exact layout is tested without Ink; the row component only adds colour.
 */
import type { LadderLevel } from '../src/book/analytics.js';
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

  const fullSize = Math.max(4, ...all.map((l) => formatSize(l.size, sizePlaces).length));
  const fullCum = Math.max(5, ...all.map((l) => formatSize(l.cumulative, cumPlaces).length));
  const roomy = width - (prefixWidth + priceWidth + 2 + fullSize + 2 + fullCum + 2);
  if (roomy >= 8) return { ...base, abbreviate: false, sizeWidth: fullSize, cumWidth: fullCum, gap: 2, barWidth: roomy };

  const shortSize = Math.max(4, ...all.map((l) => abbreviateSize(l.size).length));
  const shortCum = Math.max(5, ...all.map((l) => abbreviateSize(l.cumulative).length));
  const narrow = width - (prefixWidth + priceWidth + 1 + shortSize + 1 + shortCum + 1);
  if (narrow >= 3) return { ...base, abbreviate: true, sizeWidth: shortSize, cumWidth: shortCum, gap: 1, barWidth: narrow };
  const tiny = width - (prefixWidth + priceWidth + 1 + shortSize + 1);
  return { ...base, abbreviate: true, sizeWidth: shortSize, cumWidth: 0, gap: 1, barWidth: Math.max(0, tiny) };
}

/** Two geometries lay rows out identically (memoized rows compare with this). */
export function sameGeometry(a: LadderGeometry, b: LadderGeometry): boolean {
  if (a === b) return true;
  for (const key of Object.keys(a) as (keyof LadderGeometry)[]) if (a[key] !== b[key]) return false;
  return true;
}

/** A row after the prefix: price, size and cumulative columns, then the bar's length in cells. */
export function ladderRowParts(level: LadderLevel, g: LadderGeometry): { readonly text: string; readonly bar: number } {
  const gap = ' '.repeat(g.gap);
  const size = g.abbreviate ? abbreviateSize(level.size) : formatSize(level.size, g.sizePlaces);
  let text = padFraction(level.price, g.pricePlaces).padStart(g.priceWidth) + gap + size.padStart(g.sizeWidth);
  if (g.cumWidth > 0) {
    const cum = g.abbreviate ? abbreviateSize(level.cumulative) : formatSize(level.cumulative, g.cumPlaces);
    text += gap + cum.padStart(g.cumWidth);
  }
  if (g.barWidth <= 0) return { text, bar: 0 };
  return { text: text + gap, bar: barLength(level.cumulative, g.scale, g.barWidth) };
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
  if (g.barWidth > 0) text += gap + 'depth';
  return text;
}

/** The key a level flashes under (sides share prices in a crossed book). */
export function flashKey(side: 'bid' | 'ask', price: string): string {
  return `${side === 'bid' ? 'b' : 'a'}:${price}`;
}
