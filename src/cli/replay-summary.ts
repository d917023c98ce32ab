/**
 * `polybook replay <file>`: applies a recording (a file, or `-` for standard input) as fast as it
 * can and prints one JSON document (frames, events by type, rejected events, and every book with
 * its integrity record).
 */
import { stat as statCallback } from 'node:fs';
import { promisify } from 'node:util';
import { BookEngine } from '../book/engine.js';
import { bookReports, type BookReport } from '../book/report.js';
import { readFrames } from '../feed/recording.js';
import type { ParsedFrame } from '../protocol/events.js';
import { FrameStats } from '../protocol/frame-stats.js';
import { parseFrame } from '../protocol/parse-frame.js';
import { loadBookMeta, loadRecordingMeta } from './book-meta.js';
import { CliError, fileProblem } from './errors.js';

/** Not node:fs/promises' stat: see book-meta.ts. */
const stat = promisify(statCallback);

/** What `replay -` reads. */
export type ReplayStdin = NodeJS.ReadableStream & { isTTY?: boolean };

/** `-` is standard input. */
export const STDIN = '-';

function nameOf(path: string): string {
  return path === STDIN ? 'standard input' : path;
}

/**
 * A frame the venue could have sent: one of its text replies (PONG, INVALID OPERATION, …, not an
 * empty line) or JSON with at least one event that was not rejected (`[]`, the venue's empty
 * dump, included). A file with none is not a recording.
 */
export function isValidFrame(frame: ParsedFrame): boolean {
  if (frame.control !== null) return frame.control !== 'EMPTY';
  return frame.events.length === 0 || frame.events.some((e) => e.kind !== 'invalid');
}

/** One line, exit 1: nothing in the input was a frame. */
function noValidFrame(path: string, lines: number): CliError {
  const what =
    lines === 0
      ? `${nameOf(path)} is empty: no frame to replay`
      : `${nameOf(path)}: none of its ${lines} line${lines === 1 ? ' is a' : 's is a'} valid frame (a recording holds one WebSocket text frame per line, as watch --record writes)`;
  return new CliError('replay.noFrames', what, 1);
}

/** Standard input, split into frames as `readFrames` splits a file. */
async function* stdinFrames(stdin: ReplayStdin | undefined): AsyncGenerator<string> {
  if (!stdin) throw new CliError('cli.usage', 'replay -: there is no standard input here');
  if (stdin.isTTY) throw new CliError('cli.usage', 'replay -: standard input is a terminal; pipe a recording in (polybook replay - < session.jsonl)');
  const strip = (line: string) => (line.endsWith('\r') ? line.slice(0, -1) : line);
  const decoder = new TextDecoder();
  let rest = '';
  for await (const chunk of stdin as AsyncIterable<Buffer | string>) {
    const text = rest + (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    const lines = text.split('\n');
    rest = lines.pop()!;
    for (const line of lines) yield strip(line);
  }
  rest += decoder.decode();
  if (rest.length > 0) yield strip(rest);
}

/** The frames of a recording file, or of standard input for `-`. */
async function* framesOf(path: string, stdin: ReplayStdin | undefined): AsyncGenerator<string> {
  if (path === STDIN) {
    yield* stdinFrames(stdin);
    return;
  }
  yield* readFrames(path);
}

/** Reads errors as one line; CliErrors (standard input is a terminal) pass through. */
function readProblem(path: string, error: unknown): CliError {
  return error instanceof CliError ? error : new CliError('cli.unreadable', `cannot read ${nameOf(path)}: ${fileProblem(error)}`);
}

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

/**
 * Reads a whole recording (the interactive replay needs the frame count up front); `-` reads
 * standard input. One with no valid frame is an error (exit 1).
 */
export async function readRecording(path: string, stdin?: ReplayStdin): Promise<string[]> {
  await assertReadableFile(path);
  const frames: string[] = [];
  let valid = 0;
  try {
    for await (const text of framesOf(path, stdin)) {
      frames.push(text);
      if (valid === 0 && isValidFrame(parseFrame(text))) valid++;
    }
  } catch (error) {
    throw readProblem(path, error);
  }
  if (valid === 0) throw noValidFrame(path, frames.length);
  return frames;
}

/**
 * Applies every frame of a recording (`-`: standard input, which has no side file) and summarizes
 * the result. One with no valid frame is an error (exit 1).
 */
export async function replayToSummary(path: string, bookMeta: readonly string[] = [], stdin?: ReplayStdin): Promise<ReplaySummary> {
  await assertReadableFile(path);
  const engine = new BookEngine();
  if (path !== STDIN) await loadRecordingMeta(engine, path);
  await loadBookMeta(engine, bookMeta);
  const stats = new FrameStats();
  let valid = 0;
  try {
    for await (const text of framesOf(path, stdin)) {
      const frame = parseFrame(text);
      stats.record(frame);
      if (isValidFrame(frame)) valid++;
      engine.applyFrame(frame.events);
    }
  } catch (error) {
    throw readProblem(path, error);
  }
  if (valid === 0) throw noValidFrame(path, stats.frames);
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
  if (path === STDIN) return;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  } catch (error) {
    throw new CliError('cli.unreadable', `cannot read ${path}: ${fileProblem(error)}`);
  }
}
