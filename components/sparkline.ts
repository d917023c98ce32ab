/**
 * Drawing a price history (store `history`) as text: a one-line sparkline (the board, the chart's
 * title) and a small block chart with its max and min on the left and trade prints marked. Pure
 * functions of the series, so the screen draws a series once per size and caches it by identity
 * (a series is a new array only when a point was added: store/history.ts).
 *
 * Series longer than the width are cut into as many consecutive runs as there are columns, each
 * drawn by its last point: the newest point is always the last column.
 */
import type { PriceSeries } from '../store/types.js';

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;
/** Without colour or Unicode blocks (the markers theme): five levels of ASCII. */
const ASCII_LEVELS = ['_', '.', '-', '=', '^'] as const;
/** Eighths of a cell for the chart's column tops; index 8 is a full cell. */
const EIGHTHS = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;
/** The chart's block characters (one to eight eighths of a cell). */
export const EIGHTHS_GLYPHS: readonly string[] = EIGHTHS.slice(1);
export const TRADE_MARK = '•';
export const TRADE_MARK_ASCII = '*';

/** One column: the price it shows, and the last trade print in it (or null). */
interface Column {
  readonly price: number;
  readonly trade: number | null;
}

/** At most `width` columns from the newest points of `series`, oldest first. */
function columns(series: PriceSeries, width: number): Column[] {
  const n = Math.min(width, series.length);
  const out: Column[] = [];
  for (let c = 0; c < n; c++) {
    // Column c covers points [from, to): equal runs, the last column ending at the newest point.
    const from = Math.floor((c * series.length) / n);
    const to = Math.floor(((c + 1) * series.length) / n);
    let trade: number | null = null;
    for (let i = from; i < to; i++) if (series[i]!.kind === 'trade') trade = series[i]!.price;
    out.push({ price: series[to - 1]!.price, trade });
  }
  return out;
}

function range(cols: readonly Column[]): { min: number; max: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const c of cols) {
    min = Math.min(min, c.price, c.trade ?? c.price);
    max = Math.max(max, c.price, c.trade ?? c.price);
  }
  return { min, max };
}

/** `value` on a scale of `steps` (0 .. steps − 1) between min and max; a flat series sits in the middle. */
function level(value: number, min: number, max: number, steps: number): number {
  if (max <= min) return Math.floor((steps - 1) / 2);
  return Math.max(0, Math.min(steps - 1, Math.round(((value - min) / (max - min)) * (steps - 1))));
}

function drawLine(series: PriceSeries, width: number, glyphs: readonly string[]): string {
  const w = Math.max(0, Math.floor(width));
  if (w === 0) return '';
  const cols = columns(series, w);
  const { min, max } = range(cols);
  let text = '';
  for (const c of cols) text += glyphs[level(c.price, min, max, glyphs.length)];
  // Newest on the right: a short series is padded on the left.
  return text.padStart(w);
}

/** The series as `width` cells of ▁▂▃▄▅▆▇█, newest on the right (spaces where there is no point yet). */
export function sparkline(series: PriceSeries, width: number): string {
  return drawLine(series, width, BLOCKS);
}

/** The same in ASCII (`_.-=^`), for the theme without colour or block characters. */
export function sparklineAscii(series: PriceSeries, width: number): string {
  return drawLine(series, width, ASCII_LEVELS);
}

/** A chart price label: three decimals (prices are in [0, 1]). */
export function chartLabel(price: number): string {
  return price.toFixed(3);
}

/** Columns the chart's labels take ("0.515 "). */
export const CHART_LABEL_WIDTH = 6;

/**
 * The series as `height` lines of `width` cells: the max price labelled on the top line, the min
 * on the bottom one, then columns filled up to their price in eighths of a cell; a column with a
 * trade print has `•` (ASCII `*`) at the print's price. Newest on the right. Nothing ([]) when the
 * size leaves no room or there is no point yet.
 */
export function priceChart(series: PriceSeries, width: number, height: number, ascii = false): string[] {
  const w = Math.floor(width);
  const h = Math.floor(height);
  const plot = w - CHART_LABEL_WIDTH;
  if (h < 1 || plot < 2 || series.length === 0) return [];
  const cols = columns(series, plot);
  const { min, max } = range(cols);
  const steps = h * 8;
  const tops = cols.map((c) => level(c.price, min, max, steps) + 1);
  const marks = cols.map((c) => (c.trade === null ? -1 : level(c.trade, min, max, h)));
  const pad = plot - cols.length;
  const lines: string[] = [];
  for (let row = 0; row < h; row++) {
    const fromBottom = h - 1 - row;
    const base = fromBottom * 8;
    let cells = ' '.repeat(pad);
    for (let i = 0; i < cols.length; i++) {
      if (marks[i] === fromBottom) {
        cells += ascii ? TRADE_MARK_ASCII : TRADE_MARK;
        continue;
      }
      const fill = Math.max(0, Math.min(8, tops[i]! - base));
      cells += ascii ? (fill >= 4 ? '#' : ' ') : EIGHTHS[fill];
    }
    const label = row === 0 ? chartLabel(max) : row === h - 1 ? chartLabel(min) : '';
    lines.push(label.padEnd(CHART_LABEL_WIDTH).slice(0, CHART_LABEL_WIDTH) + cells);
  }
  return lines;
}
