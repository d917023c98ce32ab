/** The `?` overlay: every key, in as many rows as the screen has for it. */
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
  ['+ / -', 'ladder depth ±1'],
  ['] / [', 'ladder depth ±5'],
  ['p', 'pause drawing (data keeps flowing)'],
  ['?', 'this help (? or Esc closes it)'],
  ['q  Ctrl-C', 'quit'],
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
  if (rows <= 0) return null;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate" {...toneStyle(theme, 'accent')}>
        keys
      </Text>
      {shown.map(([key, what]) => (
        <Text key={key} wrap="truncate">
          {`  ${key.padEnd(15)}${what}`}
        </Text>
      ))}
    </Box>
  );
});
