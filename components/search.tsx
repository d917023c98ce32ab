/**
 * The market search (`/`) drawn over the book: the query being typed, Gamma's markets found (the
 * chosen one highlighted), what went wrong if anything, and the keys. Plain props from
 * components/search-state.ts.
 */
import { memo } from 'react';
import { Box, Text } from 'ink';
import type { SearchModel } from './search-state.js';
import { toneStyle, useTheme } from './theme.js';

export const SearchPanel = memo(function SearchPanel({ model, width }: { readonly model: SearchModel; readonly width: number }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate" bold={theme.color}>
        {model.prompt}
      </Text>
      {model.rows.map((row) => (
        <Text key={row.key} wrap="truncate" {...(row.selected ? toneStyle(theme, 'accent', true) : {})}>
          {row.selected ? (theme.color ? '  ' : '> ') : '  '}
          {row.selected && !theme.color ? `[${row.text}]` : row.text}
        </Text>
      ))}
      {model.message !== null ? (
        <Text wrap="truncate" {...toneStyle(theme, 'warn')}>
          {model.message}
        </Text>
      ) : null}
      <Text wrap="truncate" {...toneStyle(theme, 'dim')}>
        {model.hint}
      </Text>
    </Box>
  );
});
