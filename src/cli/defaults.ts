/** Defaults shared by the command line and the session, in a module that loads nothing. */

/** No data this long makes an asset quiet; with REST its book is then proven (0 = never). */
export const DEFAULT_QUIET_AFTER_MS = 30_000;

/** How long `--once` waits for every asset's first book by default. */
export const ONCE_TIMEOUT_MS = 15_000;
