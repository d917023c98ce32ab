/**
 * Levels as the book keeps them: two aligned columns, prices and sizes, best first (BookSide is
 * one). The functions that read a book side (analytics, fingerprints, venue-hash JSON) take
 * either this or a plain `Level[]` (a parsed snapshot, a REST book, a test's literal).
 */
import type { Level } from '../protocol/events.js';

export interface LevelColumns {
  readonly prices: readonly string[];
  readonly sizes: readonly string[];
}

/** What a book-reading function accepts: columns, or level objects. */
export type Levels = LevelColumns | readonly Level[];

/** `levels` as columns: BookSide's own arrays as they are; an array of levels copied once. */
export function columnsOf(levels: Levels): LevelColumns {
  if (!Array.isArray(levels)) return levels as LevelColumns;
  const list = levels as readonly Level[];
  const prices: string[] = new Array(list.length);
  const sizes: string[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    prices[i] = list[i]!.price;
    sizes[i] = list[i]!.size;
  }
  return { prices, sizes };
}
