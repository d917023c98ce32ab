/**
 * Rows of an Ink frame that are written exactly as in a recent frame are not composed again.
 *
 * Ink 6's `Output.get` (ink/build/output.js) builds every frame from scratch: a grid of
 * width × height cell objects, every written line's styled cells copied into it, then each row
 * turned back into a string cell by cell (`styledCharsToString`, which diffs the styles of every
 * pair of neighbouring cells, allocating as it goes). That last step alone was ~40 % of a 120×40
 * frame, and a third of the rows (the chart, the header, the column header, the health line) are
 * the same from one frame to the next.
 *
 * A row's string depends only on the frame's width and on the lines written into that row, in
 * order, each with its column (Ink composes rows independently: a line never spills into the next
 * row). So the rows whose writes are the same as in a recent frame take that frame's string, and
 * the others are composed by Ink's own `get`, called on an output holding only those rows: every
 * string on screen is still made by Ink. Anything this does not model (a clip from an
 * `overflow="hidden"` box, a position that is not a whole non-negative number, a transformed line
 * that breaks into more lines) hands the whole frame to Ink's `get` unchanged.
 */

/** What Ink's Output holds when `get` runs (ink/build/output.js). */
export interface InkOutputLike {
  readonly width: number;
  readonly height: number;
  readonly operations: readonly InkOperation[];
  caches: unknown;
}

export type InkOperation =
  | { readonly type: 'write'; readonly x: number; readonly y: number; readonly text: string; readonly transformers: readonly Transformer[] }
  | { readonly type: 'clip' | 'unclip' };

type Transformer = (line: string, index: number) => string;

export interface InkFrame {
  readonly output: string;
  readonly height: number;
}

/** Ink's own `Output.prototype.get`. */
export type InkGet = (this: InkOutputLike) => InkFrame;

/** One written line: its column, and its text after the transformers (the row's own write). */
interface Piece {
  readonly x: number;
  readonly line: string;
}

/**
 * Rows kept before a new generation starts (a frame has ~40); two generations are kept, a row unused
 * for a whole generation is dropped: at most ~4,000 rows (a few MB at 120 columns with colour).
 */
const GENERATION = 2000;

export class RowMemo {
  private current = new Map<string, string>();
  private previous = new Map<string, string>();
  /** Rows taken from the memo and rows composed by Ink, since the start (tests, diagnostics). */
  hits = 0;
  misses = 0;

  /** The frame `get` would return for `output`, composing only the rows not seen recently. */
  draw(output: InkOutputLike, get: InkGet): InkFrame {
    const rows = piecesByRow(output);
    if (rows === null) return get.call(output);
    const keys = rows.map((pieces) => rowKey(output.width, pieces));
    const strings: (string | undefined)[] = keys.map((key) => this.lookup(key));
    const missing: number[] = [];
    for (let y = 0; y < strings.length; y++) if (strings[y] === undefined) missing.push(y);
    if (missing.length > 0) {
      const operations: InkOperation[] = [];
      missing.forEach((y, i) => {
        for (const piece of rows[y]!) operations.push({ type: 'write', x: piece.x, y: i, text: piece.line, transformers: [] });
      });
      const composed = get.call({ width: output.width, height: missing.length, operations, caches: output.caches }).output.split('\n');
      // One string per row asked for; anything else and Ink's own frame is the answer.
      if (composed.length !== missing.length) return get.call(output);
      missing.forEach((y, i) => {
        strings[y] = composed[i]!;
        this.current.set(keys[y]!, composed[i]!);
      });
      this.misses += missing.length;
    }
    this.hits += output.height - missing.length;
    if (this.current.size >= GENERATION) {
      this.previous = this.current;
      this.current = new Map();
    }
    return { output: strings.join('\n'), height: output.height };
  }

  private lookup(key: string): string | undefined {
    const hit = this.current.get(key);
    if (hit !== undefined) return hit;
    const old = this.previous.get(key);
    if (old !== undefined) this.current.set(key, old);
    return old;
  }
}

/**
 * The lines each row gets, in the order Ink writes them, transformers applied as Ink applies them
 * (line by line, with the line's index in its text); null when the output does something this does
 * not model.
 */
export function piecesByRow(output: InkOutputLike): Piece[][] | null {
  const { width, height } = output;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) return null;
  const rows: Piece[][] = Array.from({ length: height }, () => []);
  for (const op of output.operations) {
    if (op.type !== 'write') return null;
    const { x, y, text, transformers } = op;
    if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0) return null;
    const lines = text.split('\n');
    // Ink stops at the first line below the frame (output.js: a missing row ends the text).
    const shown = Math.min(lines.length, height - y);
    for (let index = 0; index < shown; index++) {
      let line = lines[index]!;
      for (const transformer of transformers) line = transformer(line, index);
      if (line.includes('\n')) return null;
      rows[y + index]!.push({ x, line });
    }
  }
  return rows;
}

/** A row's identity: the width and its pieces (a column has no `\u0001`, a line no `\n`). */
function rowKey(width: number, pieces: readonly Piece[]): string {
  let key = `${width}\n`;
  for (const piece of pieces) key += `${piece.x}\u0001${piece.line}\n`;
  return key;
}
