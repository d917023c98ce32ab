/**
 * The alert banner: for a few seconds after an `--alert` fires, one line with the newest alert
 * (when, which outcome, what made it true, the rule) takes the place of the tab row (full layout)
 * or the status line (compact). It reads only the newest alert, so a frame costs the same however
 * many have fired.
 */
import { memo } from 'react';
import { Text } from 'ink';
import type { AlertView } from '../store/types.js';
import { clockTime } from './format.js';
import { toneStyle, useTheme } from './theme.js';

/** How long the banner stays after an alert fires. */
export const BANNER_MS = 5000;

/**
 * The banner's text for the newest alert while it is recent, else null: "ALERT 12:00:01 Yes ·
 * ask 0.39 <= 0.4 · rule Yes: ask <= 0.4 (+2 more)". `alerts` are newest first.
 */
export function bannerText(alerts: readonly AlertView[], time: number): string | null {
  const newest = alerts[0];
  if (!newest || time - newest.at >= BANNER_MS || newest.at - time > BANNER_MS) return null;
  let more = 0;
  for (let i = 1; i < alerts.length && time - alerts[i]!.at < BANNER_MS; i++) more++;
  const who = newest.outcome ? `${newest.outcome} · ` : '';
  return `ALERT ${clockTime(newest.at)} ${who}${newest.text} · rule ${newest.rule}${more > 0 ? ` (+${more} more)` : ''}`;
}

export interface AlertBannerProps {
  /** bannerText(): already sanitized (store/alerts.ts). */
  readonly text: string;
}

/** Memoized: the model keeps the text identical while the same alert is shown. */
export const AlertBanner = memo(function AlertBanner({ text }: AlertBannerProps) {
  const theme = useTheme();
  // Without colour the banner must still stand out: marked as NO_COLOR's alerts are ("!").
  return (
    <Text wrap="truncate" {...toneStyle(theme, 'warn', true)}>
      {theme.color ? ` ${text} ` : `!! ${text}`}
    </Text>
  );
});
