/**
 * One asset's ladder with its spread row: slices the published levels to the rows the layout
 * allows, fits the columns, and tracks which levels flash.
 */
import { useMemo } from 'react';
import { Box, Text } from 'ink';
import type { LadderLevel } from '../src/book/analytics.js';
import type { AssetView } from '../store/types.js';
import { spreadText } from './book-text.js';
import { Ladder } from './ladder.js';
import { ladderGeometry } from './ladder-model.js';
import { toneStyle, useTheme, type Tone } from './theme.js';
import { useFlashes } from './use-flashes.js';

const NO_LEVELS: readonly LadderLevel[] = [];

export interface SpreadRowProps {
  /** spreadText(): "spread 1 tick (1.0¢)  mid 0.405  micro 0.4052", or why there is none. */
  readonly text: string;
  readonly tone: Tone;
  /** Columns before the text, to line up with the ladder's prices. */
  readonly indent: number;
}

export function SpreadRow({ text, tone, indent }: SpreadRowProps) {
  const theme = useTheme();
  return (
    <Text wrap="truncate">
      {' '.repeat(indent)}
      <Text {...toneStyle(theme, tone)}>{text}</Text>
    </Text>
  );
}

export interface BookPaneProps {
  readonly view: AssetView | undefined;
  /** Rows per side. */
  readonly levels: number;
  readonly width: number;
  readonly columnHeader: boolean;
  readonly spreadRow: boolean;
  /** Clock for the flashes. */
  readonly now: () => number;
}

export function BookPane({ view, levels, width, columnHeader, spreadRow, now }: BookPaneProps) {
  const theme = useTheme();
  const bids = view?.bids ?? NO_LEVELS;
  const asks = view?.asks ?? NO_LEVELS;
  const flashing = useFlashes(view?.assetId ?? null, bids, asks, now);
  const shownAsks = useMemo(() => asks.slice(0, levels), [asks, levels]);
  const shownBids = useMemo(() => bids.slice(0, levels), [bids, levels]);
  const tickSize = view?.tickSize ?? null;
  const geometry = useMemo(
    () => ladderGeometry(shownAsks, shownBids, width, tickSize, !theme.color),
    [shownAsks, shownBids, width, tickSize, theme.color],
  );
  const tone: Tone = !view || view.status === 'awaiting' ? 'dim' : view.crossed ? 'bad' : 'plain';
  const middle = spreadRow ? <SpreadRow text={spreadText(view)} tone={tone} indent={geometry.prefixWidth} /> : null;
  return (
    <Box flexDirection="column" width={width}>
      <Ladder
        asks={shownAsks}
        bids={shownBids}
        levels={levels}
        geometry={geometry}
        flashing={flashing}
        columnHeader={columnHeader}
        middle={middle}
      />
    </Box>
  );
}
