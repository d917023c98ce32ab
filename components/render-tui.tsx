/**
 * The terminal UI's entry points, injected into the CLI (src/cli/tui-request.ts): each draws a
 * screen until the user quits (q, Ctrl-C) or the request's signal aborts, then unmounts, which
 * restores the terminal (raw mode off, cursor back). Never calls process.exit: the CLI decides.
 */
import type { ReactElement } from 'react';
import { render, type RenderOptions } from 'ink';
import type { RenderTui, TuiRequest } from '../src/cli/tui-request.js';
import { App } from './app.js';
import { OrdersApp } from './orders-screen.js';

/** Streams to draw on instead of the process's (tests). */
export type TuiStreams = Pick<RenderOptions, 'stdout' | 'stdin' | 'stderr'>;

/** Mounts `element` until it exits or `signal` aborts. */
async function drawUntilDone(element: ReactElement, request: TuiRequest, streams: TuiStreams): Promise<void> {
  if (request.signal.aborted) return;
  const instance = render(element, {
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

export function renderTuiOn(request: TuiRequest, streams: TuiStreams = {}): Promise<void> {
  return drawUntilDone(<App store={request.store} replay={request.replay} title={request.title} />, request, streams);
}

export const renderTui: RenderTui = (request) => renderTuiOn(request);

/** The orders screen (`polybook orders` on a terminal). */
export const renderOrders: RenderTui = (request) => drawUntilDone(<OrdersApp store={request.store} />, request, {});
