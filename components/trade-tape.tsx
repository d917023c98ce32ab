/** The trade tape: newest first, local time of the venue timestamp, side, price, size. */
import { Fragment, memo } from 'react';
import { Box, Text } from 'ink';
import type { TradeView } from '../store/types.js';
import { abbreviateSize, clockTime, decimalPlaces, formatSize, limitPlaces, padFraction } from './format.js';
import { toneStyle, useTheme, type Tone } from './theme.js';

export interface TapeLine {
  /** The trade's identity on the tape, whatever its position (the rows move down as trades come). */
  readonly key: string;
  readonly text: string;
  readonly tone: Tone;
}

/** Trade sizes carry 6 decimals on the wire; more than 2 is noise on a tape. */
const TAPE_SIZE_PLACES = 2;

/** After a fill of the user's own (`watch --orders`, `mine`). */
export const OWN_FILL_MARK = ' ◆';

/**
 * Aligned lines for the trades shown; sizes abbreviated when the full ones do not fit `width`.
 * Trades in `mine` (the user's own fills) end with OWN_FILL_MARK.
 */
export function tapeLines(trades: readonly TradeView[], width: number, tickSize: string | null, mine?: ReadonlySet<TradeView>): TapeLine[] {
  const pricePlaces = Math.max(tickSize ? decimalPlaces(tickSize) : 0, ...trades.map((t) => decimalPlaces(t.price)));
  const shown = trades.map((t) => (t.size === null ? null : limitPlaces(t.size, TAPE_SIZE_PLACES)));
  const sizePlaces = Math.max(0, ...shown.map((s) => (s === null ? 0 : decimalPlaces(s))));
  const prices = trades.map((t) => padFraction(t.price, pricePlaces));
  const priceWidth = Math.max(0, ...prices.map((p) => p.length));
  const full = shown.map((s) => (s === null ? '—' : formatSize(s, sizePlaces)));
  const marked = mine !== undefined && trades.some((t) => mine.has(t));
  const fixed = 8 + 1 + 4 + 1 + priceWidth + 1 + (marked ? OWN_FILL_MARK.length : 0);
  const fits = fixed + Math.max(0, ...full.map((s) => s.length)) <= width;
  const sizes = fits ? full : shown.map((s) => (s === null ? '—' : abbreviateSize(s)));
  const sizeWidth = Math.max(0, ...sizes.map((s) => s.length));
  const seen = new Map<string, number>();
  return trades
    .map((t, i) => {
      const side = t.side === 'BUY' ? 'BUY ' : t.side === 'SELL' ? 'SELL' : '  ? ';
      const own = marked && mine!.has(t);
      const text = `${clockTime(t.timestamp)} ${side} ${prices[i]!.padStart(priceWidth)} ${sizes[i]!.padStart(sizeWidth)}${own ? OWN_FILL_MARK : ''}`;
      // Counted from the oldest shown, so a new trade on top leaves the keys below it as they were.
      const id = `${own ? 'own:' : ''}${t.timestamp}:${t.price}:${t.size}:${t.side}`;
      return { id, text, tone: (t.side === 'BUY' ? 'bid' : t.side === 'SELL' ? 'ask' : 'plain') as Tone };
    })
    .reverse()
    .map(({ id, text, tone }) => {
      const n = seen.get(id) ?? 0;
      seen.set(id, n + 1);
      return { key: `${id}#${n}`, text, tone };
    })
    .reverse();
}

export interface TapeViewProps {
  /** tapeLines() of the trades shown. */
  readonly lines: readonly TapeLine[];
  readonly width: number;
}

/** The tape's title and lines, as laid out already. */
export const TapeView = memo(function TapeView({ lines, width }: TapeViewProps) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate" {...toneStyle(theme, 'dim')}>
        {lines.length === 0 ? 'trades: none yet' : 'trades'}
      </Text>
      {lines.length > 0 ? (
        // One text node for all rows (nested rows add no layout nodes; see ladder.tsx), runs of
        // rows with the same tone as one nested text.
        <Text>
          {runs(lines).map((run, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: runs are positional rows of one text node
            <Fragment key={i}>
              {i > 0 ? '\n' : null}
              <TapeRun tone={run.tone} text={run.text} />
            </Fragment>
          ))}
        </Text>
      ) : null}
    </Box>
  );
});

/** Consecutive lines of one tone, joined. */
function runs(lines: readonly TapeLine[]): { tone: Tone; text: string }[] {
  const out: { tone: Tone; text: string }[] = [];
  for (const line of lines) {
    const last = out.at(-1);
    if (last && last.tone === line.tone) last.text += `\n${line.text}`;
    else out.push({ tone: line.tone, text: line.text });
  }
  return out;
}

const TapeRun = memo(function TapeRun({ tone, text }: { readonly tone: Tone; readonly text: string }) {
  const theme = useTheme();
  return <Text {...toneStyle(theme, tone)}>{text}</Text>;
});

export interface TradeTapeProps {
  /** Newest first; the tape shows the first `rows`. */
  readonly trades: readonly TradeView[];
  readonly rows: number;
  readonly width: number;
  readonly tickSize: string | null;
}

/** The tape drawn from trades on its own (the screen draws `TapeView` from its model). */
export function TradeTape({ trades, rows, width, tickSize }: TradeTapeProps) {
  return <TapeView lines={tapeLines(trades.slice(0, rows), width, tickSize)} width={width} />;
}
