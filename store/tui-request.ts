/**
 * The contract between the CLI (src/) and the terminal UI (components/): the bin hands the UI's
 * `renderTui` to the CLI, so src/ never imports React. The UI reads the store only.
 */
import type { PolybookStore } from './store.js';

/** Controls of an interactive replay (space pauses, `.` steps one frame while paused). */
export interface ReplayControls {
  togglePause(): void;
  step(): void;
  isPaused(): boolean;
  /** "1x", "10x", "max". */
  readonly speed: string;
  /** Frames applied so far and in total, for the status line. */
  progress(): { readonly frame: number; readonly total: number };
}

/** A market found by the in-app search (`/`), as the screen lists it. Sanitized text. */
export interface MarketChoice {
  /** Opaque to the screen: handed back to `add`. */
  readonly key: string;
  readonly question: string;
  readonly outcomes: readonly string[];
  /** Epoch ms, or null. */
  readonly endsAt: number | null;
}

/**
 * What the screen may do to the session's markets while it runs (`/` search and add, `x` remove,
 * `w` save the watchlist). Absent where the session cannot change (replay, demo without Gamma).
 */
export interface MarketsControl {
  search(text: string): Promise<readonly MarketChoice[]>;
  /** Subscribes the market's outcomes on the open connection; they appear as tabs. */
  add(choice: MarketChoice): Promise<void>;
  /** Unsubscribes these assets and drops their tabs. */
  remove(assetIds: readonly string[]): void;
  /** Writes the session's markets as the config file's watchlist; resolves to the file's path. */
  saveWatchlist(): Promise<string>;
}

/** The config's `theme`: colours, no colour (markers), or colour-blind safe (blue / orange). */
export type ThemeName = 'default' | 'no-color' | 'cb';

/** How the screen looks and uses the terminal. */
export interface ScreenOptions {
  /** The config's `theme`; NO_COLOR, FORCE_COLOR=0 and TERM=dumb mean no colour whatever it says. */
  readonly theme?: ThemeName;
  /** False: draw in the normal screen and leave the last frame there on exit (`--no-alt-screen`). */
  readonly altScreen?: boolean;
}

export interface TuiRequest {
  readonly store: PolybookStore;
  /** Aborted on SIGINT/SIGTERM: the UI unmounts and the promise resolves. */
  readonly signal: AbortSignal;
  /** Frames drawn per second at most. */
  readonly fps: number;
  /** Present when replaying a recording. */
  readonly replay?: ReplayControls;
  /** Shown in the header before any market label is known (e.g. "demo", "replay file.jsonl"). */
  readonly title?: string;
  /** Theme and alternate screen; absent: the defaults (default theme, alternate screen). */
  readonly screen?: ScreenOptions;
  /** Present when markets can be added and removed while running. */
  readonly markets?: MarketsControl;
}

/** Draws the screen until the user quits or `signal` aborts. */
export type RenderTui = (request: TuiRequest) => Promise<void>;
