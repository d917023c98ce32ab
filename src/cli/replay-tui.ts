/**
 * `polybook replay <file>` on a terminal: plays the recording into the same screen as `watch`, at
 * its recorded pace (`--speed N` or `max`); space pauses, `.` steps one frame while paused.
 */
import { basename } from 'node:path';
import { BookEngine } from '../book/engine.js';
import { RecordingPlayer } from '../feed/recording-player.js';
import { parseFrame } from '../protocol/parse-frame.js';
import { FrameGovernor } from '../../store/frame-governor.js';
import { BookPublisher } from '../../store/publisher.js';
import { PriceHistory } from '../../store/history.js';
import { createPolybookStore, setDepth } from '../../store/store.js';
import { loadBookMeta, loadRecordingMeta } from './book-meta.js';
import { readRecording, STDIN, type ReplayStdin } from './replay-summary.js';
import type { RenderTui, ScreenOptions } from '../../store/tui-request.js';

export interface ReplayTuiOptions {
  readonly speed: number | 'max';
  readonly depth: number;
  readonly fps: number;
  readonly bookMeta: readonly string[];
  readonly cpuBudget: number;
  readonly screen?: ScreenOptions;
}

export async function runReplayTui(path: string, options: ReplayTuiOptions, renderTui: RenderTui, signal: AbortSignal, stdin?: ReplayStdin): Promise<void> {
  const frames = await readRecording(path, stdin);
  const engine = new BookEngine();
  if (path !== STDIN) await loadRecordingMeta(engine, path);
  await loadBookMeta(engine, options.bookMeta);
  const store = createPolybookStore();
  setDepth(store, options.depth);
  const publisher = new BookPublisher(engine, store, { intervalMs: 1000 / options.fps });
  // The chart draws the replayed mids and prints as they play (times of the playback).
  new PriceHistory(store).attach(publisher);
  const player = new RecordingPlayer(
    frames,
    (text) => {
      publisher.handleFrame(parseFrame(text).events);
    },
    { speed: options.speed },
  );
  void player.done.then(() => {
    engine.flush();
    publisher.publishNow();
  });
  player.start();
  const governor = new FrameGovernor(publisher, { maxFps: options.fps, budget: options.cpuBudget });
  governor.start();
  try {
    await renderTui({
      store,
      signal,
      fps: options.fps,
      replay: player,
      title: `replay ${path === STDIN ? 'stdin' : basename(path)}`,
      ...(options.screen ? { screen: options.screen } : {}),
    });
  } finally {
    governor.stop();
    player.stop();
    publisher.close();
  }
}
