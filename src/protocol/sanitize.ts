/**
 * The one sanitizer at the edge: every string a server can influence (questions, outcomes, slugs,
 * statuses, close reasons, error details) passes through it before it can reach a screen, stderr,
 * a log, a recording's side file or NDJSON. A terminal must not be steered by server text: no
 * control characters (C0, DEL, C1 — which include ESC and CSI, so no cursor moves, retitled panes
 * or cleared screens), no format characters (zero-width spaces and joiners, every bidi control,
 * U+061C included, the BOM, soft hyphens), no line or paragraph separators, no lone surrogates.
 * Tabs and line breaks become spaces; the rest is dropped. Lengths are bounded by the callers.
 */

// Cc: controls; Cf: format characters (zero-width, bidi, BOM); Cs: lone surrogates.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Cs}]/gu;
// Tab, LF, VT, FF, CR, NEL, and the Unicode line and paragraph separators read as breaks.
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;

export function sanitizeText(text: string): string {
  return text.replace(BREAKS, ' ').replace(UNSAFE, '');
}

/** Questions and labels are cut here: one terminal row, with room to spare. */
export const MAX_LABEL = 300;

/** Server text for a terminal: sanitized and cut to `max` characters (with "…"). */
export function label(text: string | null, max = MAX_LABEL): string | null {
  if (text === null) return null;
  const clean = sanitizeText(text);
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** True when `text` holds nothing the sanitizer would change (tests and the fuzzer check output with it). */
export function isSafeText(text: string): boolean {
  return sanitizeText(text) === text;
}

/**
 * For a tmux status line, where `#(…)`, `#[…]` and `#{…}` are commands, styles and formats: every
 * `#` doubled, after sanitizing.
 */
export function tmuxSafe(text: string): string {
  return sanitizeText(text).replaceAll('#', '##');
}
