/** Defaults shared by the command line and the session, in a module that loads nothing. */

/** No data this long makes an asset quiet; with REST its book is then proven (0 = never). */
export const DEFAULT_QUIET_AFTER_MS = 30_000;

/** Ladder levels per side in NDJSON book lines when `--depth` is not given. */
export const PIPE_DEPTH = 10;

/**
 * On the screen without `--depth`: the most levels the ladder may grow to; it fills the pane up to
 * this, and the store publishes only what is shown (components/screen-controller.ts).
 */
export const SCREEN_DEPTH = 200;

/** `--depth` in `--help`. */
export const DEPTH_HELP = 'ladder levels per side: on screen at most this many (default: as many as fit), piped this many (default 10)';

/** How long `--once` waits for every asset's first book by default. */
export const ONCE_TIMEOUT_MS = 15_000;
