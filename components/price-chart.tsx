/**
 * The price chart under the ladder: a title line, then the chart's lines (components/sparkline.ts).
 * `chartModel` builds its plain model from a series, cached by the series' identity (a series is a
 * new array only when a point was added), so a frame where the history did not move does no work
 * proportional to its length. And it is redrawn at most once a second: each new point reshapes
 * every line of the chart, and Ink tokenizes each changed line again, cell by cell (block
 * characters go through its grapheme segmenter), which at the frame rate would cost more than the
 * ladder; a chart a second old says the same thing.
 */
import { memo, useMemo } from 'react';
import { Box, Text, Transform } from 'ink';
import type { PriceSeries } from '../store/types.js';
import { clockTime } from './format.js';
import { chartLabel, EIGHTHS_GLYPHS, priceChart, TRADE_MARK, TRADE_MARK_ASCII } from './sparkline.js';
import { toneStyle, useTheme } from './theme.js';

export interface ChartModel {
  /** "price since 11:02:07  last 0.515  • trade", or why there is nothing to draw. */
  readonly title: string;
  /** The chart, `rows` lines of `width` cells; empty while there is no point. */
  readonly lines: readonly string[];
  readonly width: number;
}

const models = new WeakMap<PriceSeries, { readonly key: string; readonly model: ChartModel }>();
const EMPTY: PriceSeries = [];

/** A chart is redrawn from a newer series at most this often (same asset, same size). */
export const CHART_REDRAW_MS = 1000;

/** The last chart drawn: kept while it is younger than CHART_REDRAW_MS. */
let last: { readonly asset: string | null; readonly key: string; readonly at: number; readonly model: ChartModel } | null = null;

/**
 * The chart of `asset`'s `series` at `time` (the screen's clock), redrawn at most once every
 * CHART_REDRAW_MS (a series that grew from none is drawn at once).
 */
export function assetChart(asset: string | null, series: PriceSeries | undefined, width: number, rows: number, ascii: boolean, time: number): ChartModel {
  const key = `${width}x${rows}${ascii ? 'a' : ''}`;
  if (
    last &&
    last.asset === asset &&
    last.key === key &&
    time >= last.at &&
    time - last.at < CHART_REDRAW_MS &&
    (last.model.lines.length > 0 || !series?.length)
  )
    return last.model;
  const model = chartModel(series, width, rows, ascii);
  if (last?.model !== model) last = { asset, key, at: time, model };
  return model;
}

/** The chart of `series` in `width` × (1 + `rows`) cells; `ascii` for the theme without colour. */
export function chartModel(series: PriceSeries | undefined, width: number, rows: number, ascii: boolean): ChartModel {
  const s = series ?? EMPTY;
  const key = `${width}x${rows}${ascii ? 'a' : ''}`;
  const cached = models.get(s);
  if (cached && cached.key === key) return cached.model;
  const first = s[0];
  const last = s.at(-1);
  const trades = s.some((p) => p.kind === 'trade');
  const title =
    first && last
      ? `price since ${clockTime(first.t)}  last ${chartLabel(last.price)}${trades ? `  ${ascii ? TRADE_MARK_ASCII : TRADE_MARK} trade` : ''}`
      : 'price: no history yet';
  const model: ChartModel = { title, lines: priceChart(s, width, rows, ascii), width };
  models.set(s, { key, model });
  return model;
}

export interface PriceChartProps {
  readonly title: string;
  readonly lines: readonly string[];
  readonly width: number;
}

/**
 * The chart's glyphs as ASCII letters, for Ink to lay out: Ink measures the text of every text
 * node on every frame (render-node-to-output.js, `widestLine`), and a string with anything but
 * printable ASCII goes through a grapheme segmenter, which for the chart's ~900 block characters
 * cost more than the rest of the frame's text together. Each glyph is one column wide, as is its
 * letter, so the layout is the same; `chartGlyphs` puts the glyphs back line by line as Ink writes
 * them (a <Transform> runs after the layout). Uppercase A–H and T: never in a price label (digits
 * and a point) nor in the colour codes around each line (ESC [ digits ; m).
 */
const LETTER_OF = new Map<string, string>([...EIGHTHS_GLYPHS.map((g, i) => [g, String.fromCharCode(65 + i)] as const), [TRADE_MARK, 'T']]);
const GLYPH_OF = new Map<string, string>([...LETTER_OF].map(([glyph, letter]) => [letter, glyph]));

/**
 * `lines` with the chart's glyphs as their letters, joined; null when they hold anything else that
 * is not printable ASCII, or a letter already (then they are drawn as they are).
 */
export function chartLetters(lines: readonly string[]): string | null {
  let out = '';
  for (const [i, line] of lines.entries()) {
    if (i > 0) out += '\n';
    for (const c of line) {
      const letter = LETTER_OF.get(c);
      if (letter !== undefined) out += letter;
      else if (c >= ' ' && c <= '~' && !GLYPH_OF.has(c)) out += c;
      else return null;
    }
  }
  return out;
}

const glyphLines = new Map<string, string>();

/** One line of chartLetters() (with its colour codes) back in the chart's glyphs. */
export function chartGlyphs(line: string): string {
  let glyphs = glyphLines.get(line);
  if (glyphs === undefined) {
    glyphs = line.replace(/[A-HT]/g, (letter) => GLYPH_OF.get(letter)!);
    // The chart's few lines of the last redraws, not every line ever drawn.
    if (glyphLines.size >= 64) glyphLines.clear();
    glyphLines.set(line, glyphs);
  }
  return glyphs;
}

/** The chart as laid out already: its title dimmed, its lines in one text node. */
export const PriceChart = memo(function PriceChart({ title, lines, width }: PriceChartProps) {
  const theme = useTheme();
  const letters = useMemo(() => (lines.some((l) => l.length > width) ? null : chartLetters(lines)), [lines, width]);
  const chart = (text: string) => (
    <Text wrap="truncate" {...toneStyle(theme, 'accent')}>
      {text}
    </Text>
  );
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate" {...toneStyle(theme, 'dim')}>
        {title}
      </Text>
      {lines.length === 0 ? null : letters === null ? chart(lines.join('\n')) : <Transform transform={chartGlyphs}>{chart(letters)}</Transform>}
    </Box>
  );
});
