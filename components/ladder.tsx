/**
 * The depth ladder: asks above (best ask nearest the middle), bids below, the spread row between.
 * Rows are memoized on level identity, which the publisher keeps for unchanged levels.
 *
 * Each half of the ladder is ONE Ink text node whose rows are nested (virtual) text: Ink gives every
 * <Text> outside another Text its own Yoga node, and laying out ~40 row nodes cost a quarter of a
 * frame (test/bench/render.tsx). Rows are already cut to the width, so nothing wraps.
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

/** One row as nested text; the parent <Text> holds the rows (see the file comment). */
function LadderRowView({ level, side, geometry, flash }: LadderRowProps) {
  const theme = useTheme();
  if (!theme.color) {
    return <Text>{`${side === 'bid' ? 'B' : 'A'}${flash ? '*' : ' '}${ladderRowText(level, geometry)}`}</Text>;
  }
  // The bar is coloured spaces, not block characters: Ink measures every non-ASCII string through
  // a grapheme segmenter (string-width), which cost more than the rest of a frame together.
  const { text, bar } = ladderRowParts(level, geometry);
  return (
    <Text>
      {' '}
      <Text {...toneStyle(theme, side, flash)}>{text}</Text>
      {bar > 0 ? <Text backgroundColor={side === 'bid' ? 'green' : 'red'}>{' '.repeat(bar)}</Text> : null}
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
  const row = (level: LadderLevel, side: 'ask' | 'bid') => (
    <LadderRow key={`${side[0]}${level.price}`} level={level} side={side} geometry={geometry} flash={flashing.has(flashKey(side, level.price))} />
  );
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
      {rows > 0 ? <Text>{lines(rows - shownAsks.length, shownAsks.map((level) => row(level, 'ask')), 0)}</Text> : null}
      {middle}
      {rows > 0 ? <Text>{lines(0, shownBids.map((level) => row(level, 'bid')), rows - shownBids.length)}</Text> : null}
    </Box>
  );
}


/** `before` blank lines, the rows, `after` blank lines: exactly that many lines of nested text. */
function lines(before: number, rows: readonly ReactNode[], after: number): ReactNode[] {
  const out: ReactNode[] = [];
  const total = before + rows.length + after;
  for (let i = 0; i < total; i++) {
    if (i > 0) out.push('\n');
    out.push(i >= before && i < before + rows.length ? rows[i - before] : ' ');
  }
  return out;
}
