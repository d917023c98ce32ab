/** The replay status line: speed, progress, and whether playback is paused. */
import { memo } from 'react';
import { Text } from 'ink';
import { toneStyle, useTheme } from './theme.js';

/** "REPLAY 10x  frame 120/900  [paused]". */
export function replayText(speed: string, frame: number, total: number, paused: boolean): string {
  return `REPLAY ${speed}  frame ${frame}/${total}${paused ? '  [paused]' : ''}`;
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
