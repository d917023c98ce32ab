/** One screen line made of toned pieces, cut at the terminal's edge rather than wrapped. */
import { Fragment, memo } from 'react';
import { Text } from 'ink';
import type { Line } from './health-text.js';
import { toneStyle, useTheme } from './theme.js';

export interface LineViewProps {
  readonly line: Line;
}

export const LineView = memo(function LineView({ line }: LineViewProps) {
  const theme = useTheme();
  return (
    <Text wrap="truncate">
      {line.map((group, g) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: groups are positional slots of one line
        <Fragment key={g}>
          {g > 0 ? '  ' : ''}
          {group.map((piece, p) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: pieces are positional slots of one group
            <Fragment key={p}>
              {p > 0 ? ' ' : ''}
              <Text {...toneStyle(theme, piece.tone)}>{piece.text + (!theme.color && piece.alert ? '!' : '')}</Text>
            </Fragment>
          ))}
        </Fragment>
      ))}
    </Text>
  );
});
