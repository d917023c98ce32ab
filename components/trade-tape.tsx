/** The trade tape: newest first, local time of the venue timestamp, side, price, size. */
import { Box, Text } from 'ink';
import type { TradeView } from '../store/types.js';
import { abbreviateSize, clockTime, decimalPlaces, formatSize, limitPlaces, padFraction } from './format.js';
import { toneStyle, useTheme, type Tone } from './theme.js';

export interface TapeLine {
  readonly key: string;
  readonly text: string;
  readonly tone: Tone;
}

/** Trade sizes carry 6 decimals on the wire; more than 2 is noise on a tape. */
const TAPE_SIZE_PLACES = 2;

/** Aligned lines for the trades shown; sizes abbreviated when the full ones do not fit `width`. */
export function tapeLines(trades: readonly TradeView[], width: number, tickSize: string | null): TapeLine[] {
  const pricePlaces = Math.max(tickSize ? decimalPlaces(tickSize) : 0, ...trades.map((t) => decimalPlaces(t.price)));
  const shown = trades.map((t) => (t.size === null ? null : limitPlaces(t.size, TAPE_SIZE_PLACES)));
  const sizePlaces = Math.max(0, ...shown.map((s) => (s === null ? 0 : decimalPlaces(s))));
  const prices = trades.map((t) => padFraction(t.price, pricePlaces));
  const priceWidth = Math.max(0, ...prices.map((p) => p.length));
  const full = shown.map((s) => (s === null ? '—' : formatSize(s, sizePlaces)));
  const fixed = 8 + 1 + 4 + 1 + priceWidth + 1;
  const fits = fixed + Math.max(0, ...full.map((s) => s.length)) <= width;
  const sizes = fits ? full : shown.map((s) => (s === null ? '—' : abbreviateSize(s)));
  const sizeWidth = Math.max(0, ...sizes.map((s) => s.length));
  return trades.map((t, i) => {
    const side = t.side === 'BUY' ? 'BUY ' : t.side === 'SELL' ? 'SELL' : '  ? ';
    const text = `${clockTime(t.timestamp)} ${side} ${prices[i]!.padStart(priceWidth)} ${sizes[i]!.padStart(sizeWidth)}`;
    return { key: `${i}:${t.timestamp}:${t.price}`, text, tone: t.side === 'BUY' ? 'bid' : t.side === 'SELL' ? 'ask' : 'plain' };
  });
}

export interface TradeTapeProps {
  /** Newest first; the tape shows the first `rows`. */
  readonly trades: readonly TradeView[];
  readonly rows: number;
  readonly width: number;
  readonly tickSize: string | null;
}

export function TradeTape({ trades, rows, width, tickSize }: TradeTapeProps) {
  const theme = useTheme();
  const lines = tapeLines(trades.slice(0, rows), width, tickSize);
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate" {...toneStyle(theme, 'dim')}>
        {lines.length === 0 ? 'trades: none yet' : 'trades'}
      </Text>
      {lines.length > 0 ? (
        // One text node for all rows (nested rows add no layout nodes; see ladder.tsx).
        <Text>
          {lines.map((line, i) => (
            <Text key={line.key} {...toneStyle(theme, line.tone)}>
              {(i > 0 ? '\n' : '') + line.text}
            </Text>
          ))}
        </Text>
      ) : null}
    </Box>
  );
}
