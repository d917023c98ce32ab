/** The board (`b`): every watched asset on one row; the selected one inverse (`>` without colour). */
import { memo } from 'react';
import { Box, Text } from 'ink';
import type { BoardModel, BoardRowModel } from './board-model.js';
import { toneStyle, useTheme } from './theme.js';

const BoardRow = memo(function BoardRow({ row }: { readonly row: BoardRowModel }) {
  const theme = useTheme();
  const style = row.selected ? toneStyle(theme, 'accent', true) : row.dim ? toneStyle(theme, 'dim') : toneStyle(theme, row.tone);
  return (
    <Text wrap="truncate" {...style}>
      {row.text}
    </Text>
  );
});

export const Board = memo(function Board({ model }: { readonly model: BoardModel }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" width={model.width}>
      <Text wrap="truncate" {...toneStyle(theme, 'dim')}>
        {model.header}
      </Text>
      {model.rows.length === 0 ? <Text> no assets yet</Text> : model.rows.map((row) => <BoardRow key={row.key} row={row} />)}
    </Box>
  );
});
