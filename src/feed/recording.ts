/**
 * Recordings: one WebSocket text frame per line, exactly as received (the format of the captures
 * in ../shared/fixtures). An empty line is an empty text frame; a trailing newline ends the file
 * and is not a frame. The venue's JSON never contains a raw newline, so lines are frames.
 */
import { createReadStream } from 'node:fs';

/** Reads a recording frame by frame without holding the whole file in memory. */
export async function* readFrames(path: string): AsyncGenerator<string> {
  let rest = '';
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const chunk of stream as AsyncIterable<string>) {
    let text = rest + chunk;
    let start = 0;
    let nl = text.indexOf('\n', start);
    while (nl >= 0) {
      yield stripCr(text.slice(start, nl));
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    rest = text.slice(start);
    text = '';
  }
  if (rest.length > 0) yield stripCr(rest);
}

/** Splits an in-memory recording into frames (same rules as `readFrames`). */
export function splitFrames(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map(stripCr);
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
