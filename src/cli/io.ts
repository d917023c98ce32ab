/** What a command is given to run: its streams, its stop signal and, when linked, the screen. */
import type { RenderTui } from '../../store/tui-request.js';

/** Where commands write and how they stop; tests pass their own. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean; writableNeedDrain?: boolean };
  readonly stderr: NodeJS.WritableStream;
  /** What `replay -` reads; absent where there is none. */
  readonly stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Aborts on SIGINT/SIGTERM (or when a test says so). */
  readonly signal: AbortSignal;
  /** Draws the screen for a session until it ends; absent where no UI is linked. */
  readonly renderTui?: RenderTui;
  /** Draws the orders screen (user channel); absent where no UI is linked. */
  readonly renderOrders?: RenderTui;
  /**
   * Resolves once the screen's code is loaded (what `renderTui` loads before it draws its first
   * frame, at once); absent where loading it costs nothing worth waiting for.
   */
  readonly screenLoaded?: () => Promise<void>;
}
