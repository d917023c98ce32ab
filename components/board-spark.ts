/**
 * The board's sparkline column: the price history's own drawing (components/sparkline.ts, shared
 * with the chart under the ladder), in ASCII without colour. Each series is drawn once per width
 * and style: a series is a new array whenever a point is added, so a frame where an asset's
 * history did not move costs a map lookup, never work proportional to the history's length.
 */
import type { PriceSeries } from '../store/types.js';
import { sparkline, sparklineAscii } from './sparkline.js';

const drawn = new WeakMap<PriceSeries, { readonly width: number; readonly ascii: boolean; readonly text: string }>();

/** The series as a sparkline `width` cells wide ('' without a history). */
export function boardSparkline(series: PriceSeries | undefined, width: number, ascii = false): string {
  if (series === undefined || series.length === 0 || width <= 0) return '';
  const cached = drawn.get(series);
  if (cached && cached.width === width && cached.ascii === ascii) return cached.text;
  const text = ascii ? sparklineAscii(series, width) : sparkline(series, width);
  drawn.set(series, { width, ascii, text });
  return text;
}
