/**
 * Colour or markers, and which colours. With NO_COLOR set (any value, as the brief asks;
 * https://no-color.org), FORCE_COLOR=0, TERM=dumb or the config's `theme: "no-color"`, the screen
 * uses no colour or style at all, and every meaning colour carried gets a text marker instead (B/A
 * side prefixes, `*` for a flashing level, `!` after a bad counter, [brackets] for the selected
 * tab). The `cb` palette is colour-blind safe: bids blue, asks orange (Okabe–Ito), never red
 * against green.
 */
import { createContext, useContext } from 'react';
import type { TextProps } from 'ink';
import type { ThemeName } from '../store/tui-request.js';

export interface Theme {
  /** False under NO_COLOR (and the like): plain text with markers. */
  readonly color: boolean;
  /** The colours, when there are any; `default` when absent. */
  readonly palette?: 'default' | 'cb';
}

/** What a piece of text means; the theme decides how that looks. */
export type Tone = 'bid' | 'ask' | 'ok' | 'warn' | 'bad' | 'accent' | 'dim' | 'plain';

/** Whether the environment rules colour out, whatever the theme says. */
export function colourRuledOut(env: NodeJS.ProcessEnv): boolean {
  return env.NO_COLOR !== undefined || env.FORCE_COLOR === '0' || env.TERM === 'dumb';
}

export function themeFromEnv(env: NodeJS.ProcessEnv = process.env, name: ThemeName = 'default'): Theme {
  if (colourRuledOut(env) || name === 'no-color') return { color: false };
  return { color: true, palette: name === 'cb' ? 'cb' : 'default' };
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

/** Okabe–Ito: sky blue, orange, vermillion, yellow; told apart by every common colour blindness. */
const CB_BLUE = '#56B4E9';
const CB_ORANGE = '#E69F00';
const CB_STYLES: Record<Tone, TextProps> = {
  ...STYLES,
  bid: { color: CB_BLUE },
  ask: { color: CB_ORANGE },
  ok: { color: CB_BLUE },
  warn: { color: '#F0E442', bold: true },
  bad: { color: '#D55E00', bold: true },
};

/** Text props for a tone: colours and styles, or nothing at all without colour. */
export function toneStyle(theme: Theme, tone: Tone, inverse = false): TextProps {
  if (!theme.color) return {};
  const style = (theme.palette === 'cb' ? CB_STYLES : STYLES)[tone];
  return inverse ? { ...style, inverse: true } : style;
}

/** The background of a side's depth bar; grey for a book drawn dimmed (not live). */
export function barColour(theme: Theme, side: 'bid' | 'ask', dim = false): string {
  if (dim) return 'gray';
  if (theme.palette === 'cb') return side === 'bid' ? CB_BLUE : CB_ORANGE;
  return side === 'bid' ? 'green' : 'red';
}

export const ThemeContext = createContext<Theme>(themeFromEnv());

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
