/**
 * The terminal UI's entry point, injected into the CLI (src/cli/tui-request.ts): draws the screen
 * until the user quits (q, Ctrl-C) or the request's signal aborts, then unmounts, which restores
 * the terminal (raw mode off, cursor back). Never calls process.exit: the CLI decides that.
 */
import { render, type RenderOptions } from 'ink';
import type { RenderTui, TuiRequest } from '../src/cli/tui-request.js';
import { App } from './app.js';
import { OrdersApp } from './orders-screen.js';

/** Streams to draw on instead of the process's (tests). */
export type TuiStreams = Pick<RenderOptions, 'stdout' | 'stdin' | 'stderr'>;

export async function renderTuiOn(request: TuiRequest, streams: TuiStreams = {}): Promise<void> {
  if (request.signal.aborted) return;
  const instance = render(<App store={request.store} replay={request.replay} title={request.title} />, {
    ...streams,
    // The store publishes at most `fps` times a second; Ink's own throttle sits above that so each
    // publish is drawn at once instead of waiting out a misaligned throttle window (up to a frame).
    maxFps: Math.min(120, request.fps * 2),
    // Ctrl-C is a key like q: the App exits through Ink, and the CLI's own SIGINT handling stays intact.
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const onAbort = () => instance.unmount();
  request.signal.addEventListener('abort', onAbort, { once: true });
  try {
    await instance.waitUntilExit();
  } finally {
    request.signal.removeEventListener('abort', onAbort);
    instance.cleanup();
  }
}

export const renderTui: RenderTui = (request) => renderTuiOn(request);

/** The orders screen (`polybook orders` on a terminal), with the same lifecycle as `renderTui`. */
export const renderOrders: RenderTui = async (request) => {
  if (request.signal.aborted) return;
  const instance = render(<OrdersApp store={request.store} />, { maxFps: request.fps, exitOnCtrlC: false, patchConsole: false });
  const onAbort = () => instance.unmount();
  request.signal.addEventListener('abort', onAbort, { once: true });
  try {
    await instance.waitUntilExit();
  } finally {
    request.signal.removeEventListener('abort', onAbort);
    instance.cleanup();
  }
};
