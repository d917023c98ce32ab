/** The replay status line: speed, progress, and whether playback is paused. */
import { memo } from 'react';
import { Text } from 'ink';
import { toneStyle, useTheme } from './theme.js';

/**
 * "REPLAY 10×  frame 120/900  [paused]"; "REPLAY ended  frame 900/900" once every frame is applied.
 * `speed` is the player's ("10x", "max").
 */
export function replayText(speed: string, frame: number, total: number, paused: boolean): string {
  if (total > 0 && frame >= total) return `REPLAY ended  frame ${frame}/${total}`;
  return `REPLAY ${speed.replace(/(\d)x$/, '$1×')}  frame ${frame}/${total}${paused ? '  [paused]' : ''}`;
}

export interface ReplayLineProps {
  readonly text: string;
}

export const ReplayLine = memo(function ReplayLine({ text }: ReplayLineProps) {
  const theme = useTheme();
  return (
    <Text wrap="truncate" {...toneStyle(theme, 'accent')}>
      {text}
    </Text>
  );
});
