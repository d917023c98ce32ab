/**
 * How many rows and columns each part of the screen gets, from the terminal size alone. The frame
 * uses at most `rows - 1` lines: Ink clears the whole terminal on every frame once its output is
 * as tall as the terminal (ink/build/ink.js, `lastOutputHeight >= stdout.rows`), which flickers
 * and loses the top lines.
 */

export interface Size {
  readonly columns: number;
  readonly rows: number;
}

/** Where the trade tape goes: beside the ladder on wide terminals, under it, or nowhere. */
export type TapePlacement = 'side' | 'below' | 'none';

export interface Layout {
  readonly mode: 'full' | 'compact';
  readonly width: number;
  /** Lines the frame may use. */
  readonly height: number;
  /** Ladder levels per side. */
  readonly levels: number;
  readonly ladderWidth: number;
  /** Full layout: two header lines, a column header over the ladder, a stats row, two health lines. */
  readonly headerRows: number;
  readonly columnHeader: boolean;
  readonly statsRow: boolean;
  readonly healthRows: number;
  /** Compact layout: one status line instead of header and health bar. */
  readonly statusRow: boolean;
  readonly spreadRow: boolean;
  readonly replayRow: boolean;
  readonly tape: TapePlacement;
  readonly tapeWidth: number;
  /** Trade lines under the tape's title. */
  readonly tapeRows: number;
  /** Lines between header and footer (where the help overlay goes). */
  readonly bodyRows: number;
  /**
   * Full layout: lines of the price chart under the ladder (and the tape below it), from the rows
   * they leave; 0 = no chart. Its title line comes on top of these.
   */
  readonly chartRows: number;
  /**
   * Full layout at SPLIT_COLUMNS and wider: the ladder's width is shared by two ladders (the two
   * outcomes of the market) or by the ladder and the board.
   */
  readonly split: boolean;
}

export const FULL_MIN_ROWS = 16;
export const FULL_MIN_COLUMNS = 60;
/** From this width the tape sits beside the ladder. */
export const SIDE_TAPE_COLUMNS = 100;
/** From this width two ladders (or the ladder and the board) stand side by side. */
export const SPLIT_COLUMNS = 160;
const MAX_TAPE_BELOW = 10;
const MIN_LEVELS_WITH_TAPE = 5;
/** The chart shows with at least this many lines (besides its title), at most MAX_CHART_ROWS. */
export const MIN_CHART_ROWS = 3;
export const MAX_CHART_ROWS = 8;
/** The chart takes rows off the ladder only while the ladder keeps this many levels a side. */
export const MIN_LEVELS_WITH_CHART = 8;

/**
 * Lines of the price chart in a full layout with `avail` rows for ladder levels: the rows the
 * ladder does not need at its depth, or rows taken off a tall ladder that keeps MIN_LEVELS_WITH_CHART
 * a side; 0 when that leaves fewer than MIN_CHART_ROWS.
 */
function chartRowsFor(avail: number, depth: number): number {
  const unused = avail - 2 * Math.min(depth, Math.floor(avail / 2));
  const rows = Math.min(MAX_CHART_ROWS, Math.max(avail - 2 * MIN_LEVELS_WITH_CHART, unused) - 1);
  return rows >= MIN_CHART_ROWS ? rows : 0;
}

/** `chart`: there is a price history to draw, so a full layout may give the chart rows (`chartRows`). */
export function computeLayout(size: Size, depth: number, replay: boolean, chart = false): Layout {
  const width = Math.max(1, Math.floor(size.columns));
  const height = Math.max(0, Math.floor(size.rows) - 1);
  const wanted = Math.max(0, depth);
  if (size.rows >= FULL_MIN_ROWS && size.columns >= FULL_MIN_COLUMNS) return full(width, height, wanted, replay, chart);
  return compact(width, height, wanted, replay);
}

/** The full layout says it is a replay in its header: no row of its own (`replay` is for the compact one). */
function full(width: number, height: number, depth: number, _replay: boolean, chart: boolean): Layout {
  const headerRows = 2;
  const healthRows = 2;
  const fixed = headerRows + healthRows + 1 /* columns */ + 1 /* spread */ + 1 /* stats */;
  const chartRows = chart ? chartRowsFor(Math.max(0, height - fixed), depth) : 0;
  const avail = Math.max(0, height - fixed - (chartRows > 0 ? 1 + chartRows : 0));
  let levels = Math.min(depth, Math.floor(avail / 2));
  let tape: TapePlacement = 'none';
  let tapeWidth = 0;
  let tapeRows = 0;
  let ladderWidth = width;
  if (width >= SIDE_TAPE_COLUMNS) {
    tape = 'side';
    tapeWidth = Math.min(44, Math.floor(width * 0.3));
    ladderWidth = width - tapeWidth - 1;
    tapeRows = 2 * levels + 1;
  } else {
    const withTape = Math.min(depth, Math.floor((avail - 5) / 2));
    if (avail - 2 * levels < 3 && withTape >= MIN_LEVELS_WITH_TAPE) levels = withTape;
    tapeRows = Math.min(MAX_TAPE_BELOW, avail - 2 * levels - 1);
    if (tapeRows >= 1) {
      tape = 'below';
      tapeWidth = width;
    } else {
      tapeRows = 0;
    }
  }
  const ladderRows = 1 + 2 * levels + 1;
  const bodyRows = ladderRows + 1 + (tape === 'below' ? 1 + tapeRows : 0);
  return {
    mode: 'full',
    width,
    height,
    levels,
    ladderWidth,
    headerRows,
    columnHeader: true,
    statsRow: true,
    healthRows,
    statusRow: false,
    spreadRow: true,
    replayRow: false,
    tape,
    tapeWidth,
    tapeRows,
    bodyRows: bodyRows + (chartRows > 0 ? 1 + chartRows : 0),
    chartRows,
    split: width >= SPLIT_COLUMNS,
  };
}

function compact(width: number, height: number, depth: number, replay: boolean): Layout {
  const statusRow = height >= 1;
  const replayRow = replay && height >= 3;
  const rest = height - (statusRow ? 1 : 0) - (replayRow ? 1 : 0);
  const spreadRow = rest >= 1;
  const levels = Math.max(0, Math.min(depth, Math.floor((rest - 1) / 2)));
  return {
    mode: 'compact',
    width,
    height,
    levels,
    ladderWidth: width,
    headerRows: 0,
    columnHeader: false,
    statsRow: false,
    healthRows: 0,
    statusRow,
    spreadRow,
    replayRow,
    tape: 'none',
    tapeWidth: 0,
    tapeRows: 0,
    bodyRows: (spreadRow ? 1 : 0) + 2 * levels,
    chartRows: 0,
    split: false,
  };
}
