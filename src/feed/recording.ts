/**
 * Recordings: one WebSocket text frame per line, exactly as received (the format of the captures
 * in ../shared/fixtures). An empty line is an empty text frame; a trailing newline ends the file
 * and is not a frame. The venue's JSON never contains a raw newline, so lines are frames.
 */
import { close, open, read } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const CHUNK_BYTES = 1 << 20;

/**
 * Reads a recording frame by frame without holding the whole file in memory. Plain fs.open/read
 * (decoded as a utf8 read stream decodes): `createReadStream` pulls in fs/promises and the stream
 * machinery, a measurable share of a short replay's start-up (issue #10).
 */
export async function* readFrames(path: string): AsyncGenerator<string> {
  const fd = await new Promise<number>((resolve, reject) => open(path, 'r', (error, fd) => (error ? reject(error) : resolve(fd))));
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    const next = () => new Promise<number>((resolve, reject) => read(fd, buffer, 0, CHUNK_BYTES, null, (error, n) => (error ? reject(error) : resolve(n))));
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for (let n = await next(); n > 0; n = await next()) {
      let text = rest + decoder.write(buffer.subarray(0, n));
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
    rest += decoder.end();
    if (rest.length > 0) yield stripCr(rest);
  } finally {
    close(fd, () => {});
  }
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
