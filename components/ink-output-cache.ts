/**
 * Lets Ink's per-frame text caches live across frames.
 *
 * Ink 6 composes every frame in a fresh `Output` (ink/build/output.js): each line written is
 * tokenized into styled cells (a grapheme segmenter over every character, an object per cell),
 * and the results are cached in a `caches` object that belongs to that frame's Output, so the
 * next frame tokenizes the same lines again. On the book screen most lines are the same from one
 * frame to the next (rows of the ladder that did not move, tape rows that only shifted down), and
 * that tokenizing was about 60 % of `Output.get`, itself the largest cost of a frame
 * (test/bench/render.tsx). The three caches are pure functions of their key string (cells of a
 * line, width of a string, widest line of a text) and Ink only reads what they return, so one set
 * shared by every frame draws byte-for-byte the same frames.
 *
 * This reaches into Ink's internals, so it is defensive: it changes nothing unless Ink's Output
 * looks exactly as expected (a `get` method, a `caches` object with those three maps and methods),
 * and memory stays bounded (two generations of at most GENERATION lines each: a line unused for a
 * generation is dropped). The same patched `get` also keeps whole rows from frame to frame
 * (components/ink-row-memo.ts). POLYBOOK_INK_CACHE=0 turns both off.
 */
import { inkInternal } from './ink-internals.js';
import { type InkGet, type InkOutputLike, RowMemo } from './ink-row-memo.js';
import { type StyledChar, styledCharsByShape } from './ink-styled-chars.js';

/** Lines tokenized before the cache starts a new generation (a frame writes ~80). */
const GENERATION = 1000;

interface Caches {
  readonly widths: Map<string, number>;
  readonly blockWidths: Map<string, number>;
  readonly styledChars: Map<string, unknown[]>;
  getStyledChars(line: string): unknown[];
  getStringWidth(text: string): number;
  getWidestLine(text: string): number;
}

interface OutputClass {
  new (options: { width: number; height: number }): { caches: Caches };
  prototype: { get: (this: { caches: Caches }) => unknown };
}

function looksLikeCaches(value: unknown): value is Caches {
  const c = value as Partial<Caches> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    c.widths instanceof Map &&
    c.blockWidths instanceof Map &&
    c.styledChars instanceof Map &&
    typeof c.getStyledChars === 'function' &&
    typeof c.getStringWidth === 'function' &&
    typeof c.getWidestLine === 'function'
  );
}

/** Two generations of Ink's own caches, looked up newest first; what the older one had moves up. */
class SharedCaches implements Caches {
  private current: Caches;
  private previous: Caches;

  constructor(private readonly fresh: () => Caches) {
    this.current = fresh();
    this.previous = fresh();
  }

  get widths(): Map<string, number> {
    return this.current.widths;
  }

  get blockWidths(): Map<string, number> {
    return this.current.blockWidths;
  }

  get styledChars(): Map<string, unknown[]> {
    return this.current.styledChars;
  }

  /** Called once a frame: starts a new generation when this one is full. */
  turn(): void {
    if (this.current.styledChars.size + this.current.widths.size < GENERATION) return;
    this.previous = this.current;
    this.current = this.fresh();
  }

  getStyledChars(line: string): unknown[] {
    return this.lookup(
      line,
      (c) => c.styledChars,
      (c) => {
        // Most lines: only their shape is tokenized (components/ink-styled-chars.ts).
        const cells = styledCharsByShape(line, (shape) => this.inkStyledChars(shape) as StyledChar[]);
        if (cells === null) return c.getStyledChars(line);
        c.styledChars.set(line, cells);
        return cells;
      },
    );
  }

  /** Tokenized by Ink (a shape, kept as Ink keeps its lines). */
  private inkStyledChars(line: string): unknown[] {
    return this.lookup(
      line,
      (c) => c.styledChars,
      (c) => c.getStyledChars(line),
    );
  }

  getStringWidth(text: string): number {
    return this.lookup(
      text,
      (c) => c.widths,
      (c) => c.getStringWidth(text),
    );
  }

  getWidestLine(text: string): number {
    return this.lookup(
      text,
      (c) => c.blockWidths,
      (c) => c.getWidestLine(text),
    );
  }

  private lookup<V>(key: string, map: (c: Caches) => Map<string, V>, compute: (c: Caches) => V): V {
    const hit = map(this.current).get(key);
    if (hit !== undefined) return hit;
    const old = map(this.previous).get(key);
    if (old !== undefined) {
      map(this.current).set(key, old);
      return old;
    }
    // Ink's own method computes and stores it in the current generation.
    return compute(this.current);
  }
}

let installed: Promise<boolean> | null = null;

/** Shares Ink's Output caches across frames (once per process); false when Ink does not look as expected. */
export function shareInkOutputCaches(env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  if (env.POLYBOOK_INK_CACHE === '0') return Promise.resolve(false);
  installed ??= install();
  return installed;
}

async function install(): Promise<boolean> {
  try {
    // The package exports only its entry; Output is its sibling in the same build.
    const module = await inkInternal('output.js');
    const Output = module.default as OutputClass | undefined;
    if (typeof Output !== 'function' || typeof Output.prototype?.get !== 'function') return false;
    const fresh = () => new Output({ width: 0, height: 0 }).caches;
    if (!looksLikeCaches(fresh())) return false;
    const shared = new SharedCaches(fresh);
    const get = Output.prototype.get as unknown as InkGet;
    const rows = new RowMemo();
    Output.prototype.get = function sharedCachesGet(this: { caches: Caches }) {
      shared.turn();
      this.caches = shared;
      // Rows written as in a recent frame are not composed again (components/ink-row-memo.ts).
      return rows.draw(this as unknown as InkOutputLike, get);
    };
    return true;
  } catch {
    return false;
  }
}
