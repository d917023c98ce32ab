/**
 * The depth ladder: asks above (best ask nearest the middle), bids below, the spread row between,
 * drawn from a LadderModel (components/ladder-model.ts).
 *
 * Each half of the ladder is a row of three Ink text nodes, one per column: price and size, the
 * cumulative size, the depth bar. Ink tokenizes every line it writes, cell by cell, and that is
 * the largest cost of a frame; lines that are the same string as in the last frame are not
 * tokenized again (components/ink-output-cache.ts). A change at one level moves the cumulative of
 * every level behind it and, through the scale, every bar; kept in columns of their own, the
 * price-and-size lines of the levels that did not change stay the same strings, and a bar is one of
 * a few dozen strings (its length) that recur from frame to frame. Three text nodes a half instead
 * of one per row keep Yoga's layout small too. Rows are already cut to the width, so nothing wraps.
 */
import { memo, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { BAR, type LadderModel, type LadderRowModel, type MiddleRowModel } from './ladder-model.js';
import { barColour, toneStyle, useTheme } from './theme.js';

export const SpreadRow = memo(function SpreadRow({ row }: { readonly row: MiddleRowModel }) {
  const theme = useTheme();
  return (
    <Text wrap="truncate">
      {' '.repeat(row.indent)}
      <Text {...toneStyle(theme, row.tone)}>{row.text}</Text>
    </Text>
  );
});

interface HalfProps {
  /** Blank lines above the rows, and below them. */
  readonly before: number;
  readonly rows: readonly LadderRowModel[];
  readonly after: number;
  readonly side: 'bid' | 'ask';
  /** The book is not live: grey, not the side's colour. */
  readonly dim: boolean;
}

/**
 * One column's lines: `cell` of each row, `blank` for the padding lines. Runs of plain lines are
 * joined into one string, so a column is a handful of text nodes, not one per line.
 */
function column(p: HalfProps, cell: (row: LadderRowModel) => ReactNode, blank: string): ReactNode[] {
  const out: ReactNode[] = [];
  let run = '';
  const total = p.before + p.rows.length + p.after;
  for (let i = 0; i < total; i++) {
    if (i > 0) run += '\n';
    const row = i >= p.before && i < p.before + p.rows.length ? p.rows[i - p.before]! : null;
    const content = row ? cell(row) : blank;
    if (typeof content === 'string') run += content;
    else {
      if (run !== '') out.push(run);
      run = '';
      out.push(content);
    }
  }
  if (run !== '' || out.length === 0) out.push(run);
  return out;
}

const Half = memo(function Half(p: HalfProps) {
  const theme = useTheme();
  if (!theme.color) {
    // Without colour: side markers, `*` on a changed level, the bar in block characters.
    return (
      <Box>
        <Text>{column(p, (r) => `${r.side === 'bid' ? 'B' : 'A'}${r.flash ? '*' : ' '}${r.head}`, ' ')}</Text>
        <Text>{column(p, (r) => r.cum, '')}</Text>
        <Text>{column(p, (r) => BAR.repeat(r.bar), '')}</Text>
      </Box>
    );
  }
  // A changed level flashes in inverse video; each column has the side's colour. The bar is
  // coloured spaces, not block characters: Ink measures every non-ASCII string through a grapheme
  // segmenter (string-width), which cost more than the rest of a frame together. Ink colours a
  // top-level text line by line, so each bar line is one of a few strings (its length).
  const tone = p.dim ? 'dim' : p.side;
  const flashing = (text: string, r: LadderRowModel) =>
    r.flash && text !== '' ? (
      <Text key={r.key} inverse>
        {text}
      </Text>
    ) : (
      text
    );
  return (
    <Box paddingLeft={1}>
      <Text {...toneStyle(theme, tone)}>{column(p, (r) => flashing(r.head, r), ' ')}</Text>
      <Text {...toneStyle(theme, tone)}>{column(p, (r) => flashing(r.cum, r), '')}</Text>
      <Text backgroundColor={barColour(theme, p.side, p.dim)}>{column(p, (r) => ' '.repeat(r.bar), '')}</Text>
    </Box>
  );
});

const ColumnHeader = memo(function ColumnHeader({ text }: { readonly text: string }) {
  const theme = useTheme();
  return (
    <Text wrap="truncate" {...toneStyle(theme, 'dim')}>
      {text}
    </Text>
  );
});

export interface LadderProps {
  readonly model: LadderModel;
}

export const Ladder = memo(function Ladder({ model }: LadderProps) {
  const rows = Math.max(model.asks.length, model.bids.length);
  return (
    <Box flexDirection="column">
      {model.header !== null ? <ColumnHeader text={model.header} /> : null}
      {rows > 0 ? <Half before={model.padAsks} rows={model.asks} after={0} side="ask" dim={model.dim} /> : null}
      {model.middle ? <SpreadRow row={model.middle} /> : null}
      {rows > 0 ? <Half before={0} rows={model.bids} after={model.padBids} side="bid" dim={model.dim} /> : null}
    </Box>
  );
});
