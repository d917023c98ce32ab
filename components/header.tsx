/**
 * The full layout's two header lines: what is on screen (question — outcome) with the book's
 * status, then one tab per watched asset.
 */
import { Fragment, memo } from 'react';
import { Box, Text } from 'ink';
import type { Badge } from './book-text.js';
import { AlertBanner } from './alert-banner.js';
import { toneStyle, useTheme, type Tone } from './theme.js';

export interface Tab {
  readonly text: string;
  readonly selected: boolean;
}

/**
 * Tab labels numbered 1–9, the selected one in brackets, windowed to keep it in `width`. Linear
 * in the number of labels, and only the window's tabs are built: at 5,000 watched assets a
 * window recomputed by slicing was most of a frame's CPU.
 */
export function fitTabs(labels: readonly string[], selected: number, width: number): Tab[] {
  // A tab is its label, "n " before the first nine, and brackets or spaces around it.
  const widthOf = (i: number) => labels[i]!.length + (i < 9 ? 2 : 0) + 2;
  let from = 0;
  let to = labels.length;
  // The window's width: its tabs and a space between each; "… " before it once it starts later.
  let sum = -1;
  for (let i = 0; i < to; i++) sum += widthOf(i) + 1;
  const size = () => sum + (from > 0 ? 2 : 0);
  while (to - from > 1 && size() > width) {
    if (to - 1 > selected) sum -= widthOf(--to) + 1;
    else sum -= widthOf(from++) + 1;
  }
  const tabs: Tab[] = from > 0 ? [{ text: '…', selected: false }] : [];
  for (let i = from; i < to; i++) {
    const name = i < 9 ? `${i + 1} ${labels[i]}` : labels[i]!;
    tabs.push(i === selected ? { text: `[${name}]`, selected: true } : { text: ` ${name} `, selected: false });
  }
  return tabs;
}

export interface HeaderProps {
  /** "question — outcome", or the title / abbreviated token id while none is known. */
  readonly title: string;
  readonly badge: Badge;
  readonly tickSize: string | null;
  /** Drawing is paused (`p`). */
  readonly paused: boolean;
  readonly tabs: readonly Tab[];
  /** The alert banner's text: drawn instead of the tabs while an alert is recent. */
  readonly alert?: string | null;
  /** "ends in 1:02:03" / "next roll in 2:41", or null. */
  readonly clock?: string | null;
  /** Shown in place of the tabs while it lasts (a roll, a saved watchlist, ...); an alert comes first. */
  readonly notice?: { readonly text: string; readonly tone: Tone } | null;
}

/** Memoized: the screen keeps a header's props identical while they are equal (components/share.ts). */
export const Header = memo(function Header({ title, badge, tickSize, paused, tabs, alert, clock = null, notice = null }: HeaderProps) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <Box>
        <Box flexGrow={1} flexShrink={1}>
          <Text wrap="truncate" bold={theme.color}>
            {title}
          </Text>
        </Box>
        <Box flexShrink={0}>
          <Text>
            {'  '}
            <Text {...toneStyle(theme, badge.tone)}>{badge.text}</Text>
            {tickSize === null ? '' : `  tick ${tickSize}`}
            {clock === null ? '' : `  ${clock}`}
            {paused ? '  ' : ''}
            {paused ? <Text {...toneStyle(theme, 'warn', true)}>PAUSED</Text> : ''}
            <Text {...toneStyle(theme, 'dim')}>{'  ? help'}</Text>
          </Text>
        </Box>
      </Box>
      {alert ? (
        <AlertBanner text={alert} />
      ) : notice ? (
        <Text wrap="truncate" {...toneStyle(theme, notice.tone, true)}>
          {theme.color ? ` ${notice.text} ` : `>> ${notice.text}`}
        </Text>
      ) : (
        <Text wrap="truncate">
          {tabs.map((tab, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: tabs are drawn in a fixed order; the position is the identity
            <Fragment key={i}>
              {i > 0 ? ' ' : ''}
              <Text {...(tab.selected ? toneStyle(theme, 'accent', true) : toneStyle(theme, 'dim'))}>{tab.text}</Text>
            </Fragment>
          ))}
        </Text>
      )}
    </Box>
  );
});
