/**
 * `polybook replay <file>`: applies a recording as fast as it can and prints one JSON document
 * (frames, events by type, rejected events, and every book with its integrity record).
 */
import { stat } from 'node:fs/promises';
import { BookEngine } from '../book/engine.js';
import { bookReports, type BookReport } from '../book/report.js';
import { readFrames } from '../feed/recording.js';
import { FrameStats } from '../protocol/frame-stats.js';
import { parseFrame } from '../protocol/parse-frame.js';
import { loadBookMeta, loadRecordingMeta } from './book-meta.js';
import { CliError, fileProblem } from './errors.js';

export interface ReplaySummary {
  readonly frames: number;
  readonly events: Record<string, number>;
  readonly invalid: number;
  readonly invalid_reasons: Record<string, number>;
  readonly unknown: number;
  /** Events (or price_change entries) for assets no book or subscription named: not kept. */
  readonly ignored: number;
  readonly control: Record<string, number>;
  readonly books: BookReport[];
}

/** Reads a whole recording (the interactive replay needs the frame count up front). */
export async function readRecording(path: string): Promise<string[]> {
  await assertReadableFile(path);
  const frames: string[] = [];
  try {
    for await (const text of readFrames(path)) frames.push(text);
  } catch (error) {
    throw new CliError('cli.unreadable', `cannot read ${path}: ${fileProblem(error)}`);
  }
  return frames;
}

/** Applies every frame of a recording and summarizes the result. */
export async function replayToSummary(path: string, bookMeta: readonly string[] = []): Promise<ReplaySummary> {
  await assertReadableFile(path);
  const engine = new BookEngine();
  await loadRecordingMeta(engine, path);
  await loadBookMeta(engine, bookMeta);
  const stats = new FrameStats();
  try {
    for await (const text of readFrames(path)) {
      const frame = parseFrame(text);
      stats.record(frame);
      engine.applyFrame(frame.events);
    }
  } catch (error) {
    throw new CliError('cli.unreadable', `cannot read ${path}: ${fileProblem(error)}`);
  }
  engine.flush();
  return {
    frames: stats.frames,
    events: stats.events,
    invalid: stats.invalid,
    invalid_reasons: stats.invalidReasons,
    unknown: stats.unknown,
    ignored: engine.ignored,
    control: stats.control,
    books: bookReports(engine),
  };
}

async function assertReadableFile(path: string): Promise<void> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  } catch (error) {
    throw new CliError('cli.unreadable', `cannot read ${path}: ${fileProblem(error)}`);
  }
}
