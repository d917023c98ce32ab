/** Runs the CLI in process with captured output. */
import { runCli } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';

export interface Captured {
  readonly io: CliIo;
  readonly out: () => string;
  readonly err: () => string;
  readonly abort: () => void;
}

/** A writable that appends what is written to a string. */
export function sink(append: (text: string) => void): { write: (text: string) => boolean } {
  return {
    write: (text: string) => {
      append(text);
      return true;
    },
  };
}

export function capture(isTTY = false): Captured {
  let out = '';
  let err = '';
  const stop = new AbortController();
  return {
    io: {
      stdout: Object.assign(
        sink((s) => (out += s)),
        { isTTY },
      ) as unknown as CliIo['stdout'],
      stderr: sink((s) => (err += s)) as unknown as NodeJS.WritableStream,
      signal: stop.signal,
    },
    out: () => out,
    err: () => err,
    abort: () => stop.abort(),
  };
}

export async function cli(argv: readonly string[], c: Captured = capture()): Promise<{ code: number; out: string; err: string }> {
  const code = await runCli(argv, c.io);
  return { code, out: c.out(), err: c.err() };
}
