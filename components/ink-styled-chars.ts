/**
 * Ink's styled cells of a line, tokenizing only its shape.
 *
 * Ink turns every line it writes into styled cells (ink/build/output.js `getStyledChars`:
 * @alcalzone/ansi-tokenize runs a grapheme segmenter over the whole line, then copies the active
 * styles into every cell), ~1.7 µs a character here; the lines that change on the book screen
 * (a level's size, a cumulative, the stats and integrity counters) are new strings every frame, and
 * tokenizing them was the largest cost left in composing a frame.
 *
 * Such a line is mostly runs of printable ASCII between colour codes, and its cells depend on the
 * runs only through their characters: every printable ASCII character is a grapheme of its own, one
 * column wide, in the styles the codes before it left active. So the line's shape (each run of
 * printable ASCII replaced by one `x`, codes and any other characters kept) is tokenized by Ink,
 * once per shape, and each `x` cell stands for its run's characters in its styles. Printable ASCII
 * characters all have the same grapheme break property, so the shape has the same grapheme
 * boundaries as the line, except where a run's first or last character joins a neighbour (a
 * combining mark after it): then the shape's cell is not a bare `x`, and Ink tokenizes the line
 * itself. So does any line with a control character or an escape that is not a colour code.
 */

/** A cell as Ink's tokenizer makes it. */
export interface StyledChar {
  readonly type: 'char';
  readonly value: string;
  readonly fullWidth: boolean;
  readonly styles: readonly unknown[];
}

/** The line with each run of printable ASCII as one `x`, and the runs; null: not only runs, codes and printable characters. */
export function lineShape(line: string): { readonly shape: string; readonly runs: readonly string[] } | null {
  let shape = '';
  const runs: string[] = [];
  let runStart = -1;
  const endRun = (at: number) => {
    if (runStart < 0) return;
    runs.push(line.slice(runStart, at));
    shape += 'x';
    runStart = -1;
  };
  for (let i = 0; i < line.length; ) {
    const c = line.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e) {
      if (runStart < 0) runStart = i;
      i++;
    } else if (c === 0x1b) {
      // A colour code (SGR): ESC [ digits and semicolons m, as the tokenizer reads it.
      if (line.charCodeAt(i + 1) !== 0x5b) return null;
      let end = i + 2;
      for (; end < line.length; end++) {
        const d = line.charCodeAt(end);
        if (d === 0x6d) break;
        if (d !== 0x3b && (d < 0x30 || d > 0x39)) return null;
      }
      if (end >= line.length) return null;
      endRun(i);
      shape += line.slice(i, end + 1);
      i = end + 1;
    } else if (c >= 0xa0) {
      endRun(i);
      shape += line[i];
      i++;
    } else return null;
  }
  endRun(line.length);
  return { shape, runs };
}

/**
 * The cells of `line`, from the cells `tokenize` gives for its shape (Ink's own getStyledChars);
 * null when the line is not made only of printable characters and colour codes, or a run's edge
 * joins a neighbouring character into one grapheme.
 */
export function styledCharsByShape(line: string, tokenize: (shape: string) => readonly StyledChar[]): StyledChar[] | null {
  const parts = lineShape(line);
  if (parts === null || parts.runs.length === 0) return null;
  const out: StyledChar[] = [];
  let run = 0;
  for (const cell of tokenize(parts.shape)) {
    if (cell.value === 'x') {
      const text = parts.runs[run++];
      if (text === undefined || cell.fullWidth) return null;
      for (let i = 0; i < text.length; i++) out.push({ ...cell, value: text[i]!, styles: [...cell.styles] });
    } else if (cell.value.includes('x')) return null;
    else out.push({ ...cell, styles: [...cell.styles] });
  }
  return run === parts.runs.length ? out : null;
}
