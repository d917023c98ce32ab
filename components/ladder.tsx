/**
 * The depth ladder: asks above (best ask nearest the middle), bids below, the spread row between.
 * Rows are memoized on level identity, which the publisher keeps for unchanged levels.
 */
import { memo, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { LadderLevel } from '../src/book/analytics.js';
import { flashKey, ladderHeaderText, ladderRowParts, ladderRowText, sameGeometry, type LadderGeometry } from './ladder-model.js';
import { toneStyle, useTheme } from './theme.js';

export interface LadderRowProps {
  /** Keeps its identity while unchanged (store/publisher.ts), so the row skips re-rendering. */
  readonly level: LadderLevel;
  readonly side: 'bid' | 'ask';
  readonly geometry: LadderGeometry;
  /** The size changed a moment ago. */
  readonly flash: boolean;
}

function LadderRowView({ level, side, geometry, flash }: LadderRowProps) {
  const theme = useTheme();
  if (!theme.color) {
    return <Text wrap="truncate">{`${side === 'bid' ? 'B' : 'A'}${flash ? '*' : ' '}${ladderRowText(level, geometry)}`}</Text>;
  }
  // The bar is coloured spaces, not block characters: Ink measures every non-ASCII string through
  // a grapheme segmenter (string-width), which cost more than the rest of a frame together.
  const { text, bar } = ladderRowParts(level, geometry);
  return (
    <Text wrap="truncate">
      {' '}
      <Text {...toneStyle(theme, side, flash)}>{text}</Text>
      <Text backgroundColor={side === 'bid' ? 'green' : 'red'}>{' '.repeat(bar)}</Text>
    </Text>
  );
}

export const LadderRow = memo(
  LadderRowView,
  (a, b) => a.level === b.level && a.side === b.side && a.flash === b.flash && sameGeometry(a.geometry, b.geometry),
);

export interface LadderProps {
  /** Visible levels, best first. */
  readonly asks: readonly LadderLevel[];
  readonly bids: readonly LadderLevel[];
  /**
   * Rows per side at most. The shorter side is padded with blank rows to the longer one's length,
   * so the spread row sits in the middle.
   */
  readonly levels: number;
  readonly geometry: LadderGeometry;
  /** Flash keys (ladder-model `flashKey`) of levels whose size just changed. */
  readonly flashing: ReadonlySet<string>;
  readonly columnHeader: boolean;
  /** The row between asks and bids (spread, or a status message); omitted when null. */
  readonly middle: ReactNode;
}

export function Ladder({ asks, bids, levels, geometry, flashing, columnHeader, middle }: LadderProps) {
  const theme = useTheme();
  const shownAsks = asks.slice(0, levels).reverse();
  const shownBids = bids.slice(0, levels);
  const rows = Math.max(shownAsks.length, shownBids.length);
  return (
    <Box flexDirection="column">
      {columnHeader ? (
        <Text wrap="truncate" {...toneStyle(theme, 'dim')}>
          {ladderHeaderText(geometry)}
        </Text>
      ) : null}
      {blanks('ask-pad', rows - shownAsks.length)}
      {shownAsks.map((level) => (
        <LadderRow key={`a${level.price}`} level={level} side="ask" geometry={geometry} flash={flashing.has(flashKey('ask', level.price))} />
      ))}
      {middle}
      {shownBids.map((level) => (
        <LadderRow key={`b${level.price}`} level={level} side="bid" geometry={geometry} flash={flashing.has(flashKey('bid', level.price))} />
      ))}
      {blanks('bid-pad', rows - shownBids.length)}
    </Box>
  );
}

function blanks(prefix: string, count: number): ReactNode[] {
  const out: ReactNode[] = [];
  for (let i = 0; i < count; i++) out.push(<Box key={`${prefix}${i}`} height={1} />);
  return out;
}
