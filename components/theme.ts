/**
 * Colour or markers. With NO_COLOR set (any value, as the brief asks; https://no-color.org) the
 * screen uses no colour or style at all, and every meaning colour carried gets a text marker
 * instead (B/A side prefixes, `*` for a flashing level, `!` after a bad counter, [brackets] for
 * the selected tab).
 */
import { createContext, useContext } from 'react';
import type { TextProps } from 'ink';

export interface Theme {
  /** False under NO_COLOR: plain text with markers. */
  readonly color: boolean;
}

/** What a piece of text means; the theme decides how that looks. */
export type Tone = 'bid' | 'ask' | 'ok' | 'warn' | 'bad' | 'accent' | 'dim' | 'plain';

export function themeFromEnv(env: NodeJS.ProcessEnv = process.env): Theme {
  return { color: env.NO_COLOR === undefined };
}

const STYLES: Record<Tone, TextProps> = {
  bid: { color: 'green' },
  ask: { color: 'red' },
  ok: { color: 'green' },
  warn: { color: 'yellow', bold: true },
  bad: { color: 'red', bold: true },
  accent: { color: 'cyan', bold: true },
  dim: { dimColor: true },
  plain: {},
};

/** Text props for a tone: colours and styles, or nothing at all without colour. */
export function toneStyle(theme: Theme, tone: Tone, inverse = false): TextProps {
  if (!theme.color) return {};
  return inverse ? { ...STYLES[tone], inverse: true } : STYLES[tone];
}

export const ThemeContext = createContext<Theme>(themeFromEnv());

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
