/**
 * Server-provided text reaches a terminal: strip every control character (C0, DEL, C1, which
 * includes ESC and CSI) so a market question cannot move the cursor, retitle the window or hide
 * text. Newlines and tabs become spaces; other controls are dropped.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const BREAKS = /[\t\n]/g;

export function sanitizeText(text: string): string {
  return text.replace(BREAKS, ' ').replace(CONTROL, '');
}

/** `sanitizeText` for optional values. */
export function sanitizeOpt(text: string | null | undefined): string | null {
  return text === null || text === undefined ? null : sanitizeText(text);
}
