/** The `?` overlay: every key, then what each part of the screen means, in as many rows as the screen has. */
import { memo } from 'react';
import { Box, Text } from 'ink';
import { toneStyle, useTheme } from './theme.js';

/** Keys and what they do, in the order the help lists them. */
export const KEYS: readonly (readonly [string, string])[] = [
  ['Tab / →', 'next asset'],
  ['Shift-Tab / ←', 'previous asset'],
  ['1–9', 'jump to asset'],
  ['o', 'other outcome of this market'],
  ['m', 'mirror: this outcome drawn from the other’s book'],
  ['+ / -', 'ladder depth ±1 (it fills the pane up to this)'],
  ['] / [', 'ladder depth ±5'],
  ['p', 'pause drawing (data keeps flowing)'],
  ['b', 'board: every watched asset on one row (b or Esc returns)'],
  ['↑ / ↓  PgUp PgDn', 'board: select (elsewhere: previous / next asset)'],
  ['Enter', 'board: open the selected asset’s ladder'],
  ['/', 'watch: search Gamma and add a market (Enter search, ↑↓ choose, Enter add, Esc)'],
  ['x', 'watch: remove the market on screen (unsubscribed)'],
  ['w', 'watch: save the watched markets as the config’s watchlist'],
  ['?', 'this help (? or Esc closes it)'],
  ['Ctrl-Z', 'suspend to the shell (fg resumes)'],
  ['q  Ctrl-C', 'quit'],
];

/** What the screen's words and marks mean, after the keys. */
export const GLOSSARY: readonly (readonly [string, string])[] = [
  ['spread', 'best ask − best bid, in ticks and cents'],
  ['mid / micro', 'midpoint; size-weighted mid (leans to the thinner side)'],
  ['display', 'the price Polymarket shows: mid, or last trade when the spread is wide'],
  ['imbalance', '(bid − ask size) / total over the ladder: + more bids'],
  ['depth ±5 ticks', 'size within 5 ticks of the best bid / ask'],
  ['snap n✓ n✗', 'resent snapshots that matched / differed from our book (n↻ legacy refreshes)'],
  ['tob n✓ n✗', 'venue best bid/ask that matched / differed from ours'],
  ['hash ✓ ? ✗', 'venue book hash reproduced / could not be checked / did not match'],
  ['board mark', '✓ hash verified  ? cannot tell  ✗ mismatch; then the status when not live'],
  ['dimmed ladder', 'stale, REST-only or reconnecting: not kept current (see the badge)'],
  ['live · STALE · REST', 'book status: live feed; predates a disconnect; a REST book, no snapshot yet'],
  ['QUIET · PAIR OFF', 'no data for a while; the two outcomes disagree by more than a tick'],
  ['ends in · next roll in', 'time to the market’s end; with --follow, to the move to the next window'],
];

export const REPLAY_KEYS: readonly (readonly [string, string])[] = [
  ['space', 'replay: pause / resume'],
  ['.', 'replay: step one frame (paused)'],
];

export interface HelpProps {
  readonly replay: boolean;
  /** Lines available, the title included. */
  readonly rows: number;
}

export const Help = memo(function Help({ replay, rows }: HelpProps) {
  const theme = useTheme();
  const keys = replay ? [...KEYS, ...REPLAY_KEYS] : KEYS;
  const shown = keys.slice(0, Math.max(0, rows - 1));
  // The glossary under its own title, as far as the rows go.
  const glossary = GLOSSARY.slice(0, Math.max(0, rows - 1 - shown.length - 1));
  if (rows <= 0) return null;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate" {...toneStyle(theme, 'accent')}>
        keys
      </Text>
      {shown.map(([key, what]) => (
        <Text key={key} wrap="truncate">
          {`  ${key.padEnd(19)}${what}`}
        </Text>
      ))}
      {glossary.length > 0 ? (
        <Text wrap="truncate" {...toneStyle(theme, 'accent')}>
          what it says
        </Text>
      ) : null}
      {glossary.map(([term, what]) => (
        <Text key={term} wrap="truncate">
          {`  ${term.padEnd(19)}${what}`}
        </Text>
      ))}
    </Box>
  );
});
