/**
 * The terminal UI's entry points, injected into the CLI (src/cli/tui-request.ts): each draws a
 * screen until the user quits (q, Ctrl-C) or the request's signal aborts, then unmounts, which
 * restores the terminal (raw mode off, cursor back, the alternate screen left:
 * components/terminal.ts). Never calls process.exit: the CLI decides.
 */
// First: Ink must not see CI while it loads, or it draws nothing on a real terminal (tty-env.ts).
import { restoreCiEnv } from './tty-env.js';
import type { ReactElement } from 'react';
import { render, type RenderOptions } from 'ink';
import type { RenderTui, TuiRequest } from '../store/tui-request.js';
import { App } from './app.js';
import { shareInkOutputCaches } from './ink-output-cache.js';
import { OrdersApp } from './orders-screen.js';
import { loadInkInstances, ScreenTerminal } from './terminal.js';

restoreCiEnv();

// Before any screen draws: lines that did not change since the last frame are not tokenized again
// (components/ink-output-cache.ts), and a resize can make Ink redraw the whole frame
// (components/terminal.ts). Started here and awaited by the first screen rather than awaited at the
// top level: the bundle loads this file as CommonJS, with a code cache (bin/bundle.mjs).
let inkPatched = false;
const patchingInk = Promise.all([shareInkOutputCaches(), loadInkInstances()]).then(() => {
  inkPatched = true;
});

/** Streams to draw on instead of the process's (tests). */
export type TuiStreams = Pick<RenderOptions, 'stdout' | 'stdin' | 'stderr'>;

/** Ink's options for a screen drawn at `fps` frames a second at most (the benchmark uses them too). */
export function inkOptions(fps: number): Pick<RenderOptions, 'maxFps' | 'exitOnCtrlC' | 'patchConsole'> {
  return {
    // The screen paces its own frames (components/frame-clock.ts); Ink's throttle sits above that
    // so each frame is drawn at once instead of waiting out a misaligned throttle window.
    maxFps: Math.min(120, fps * 2),
    // Ctrl-C is a key like q: the App exits through Ink, and the CLI's own SIGINT handling stays intact.
    exitOnCtrlC: false,
    patchConsole: false,
  };
}

/** Mounts the element `draw` makes until it exits or `signal` aborts. */
async function drawUntilDone(draw: (terminal: ScreenTerminal) => ReactElement, request: TuiRequest, streams: TuiStreams): Promise<void> {
  // Only the first screen of a process can come before the patches are in (a microtask or two).
  if (!inkPatched) await patchingInk;
  if (request.signal.aborted) return;
  const terminal = ScreenTerminal.open(
    { stdout: streams.stdout ?? process.stdout, stdin: streams.stdin ?? process.stdin },
    request.screen?.altScreen !== false,
  );
  terminal.enter();
  try {
    const instance = render(draw(terminal), { ...streams, ...inkOptions(request.fps) });
    const onAbort = () => instance.unmount();
    request.signal.addEventListener('abort', onAbort, { once: true });
    try {
      await instance.waitUntilExit();
    } finally {
      request.signal.removeEventListener('abort', onAbort);
      instance.cleanup();
    }
  } finally {
    terminal.leave();
  }
}

export function renderTuiOn(request: TuiRequest, streams: TuiStreams = {}): Promise<void> {
  return drawUntilDone(
    (terminal) => (
      <App
        store={request.store}
        replay={request.replay}
        title={request.title}
        fps={request.fps}
        {...(request.screen?.theme ? { theme: request.screen.theme } : {})}
        onSuspend={() => terminal.suspend()}
        {...(request.markets ? { markets: request.markets } : {})}
      />
    ),
    request,
    streams,
  );
}

export const renderTui: RenderTui = (request) => renderTuiOn(request);

/** The orders screen (`polybook orders` on a terminal). */
export const renderOrders: RenderTui = (request) => drawUntilDone(() => <OrdersApp store={request.store} />, request, {});
