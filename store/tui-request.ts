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
}

/** Draws the screen until the user quits or `signal` aborts. */
export type RenderTui = (request: TuiRequest) => Promise<void>;
