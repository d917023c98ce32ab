/**
 * `--book-meta <rest-book.json>...`: REST `/book` (or `/books`) bodies that supply the inputs of
 * the venue's hash the WebSocket never carries (`min_order_size`, `neg_risk`, POLYMARKET.md §6.1).
 * And a recording's own side file (`<file>.meta.json`, written by `watch --record`), read with no
 * flag at all.
 */
import { readFile as readFileCallback } from 'node:fs';
import { promisify } from 'node:util';
import type { BookEngine } from '../book/engine.js';
import { metaPathFor, parseMeta } from '../feed/recording-meta.js';
import { parseRestBook } from '../protocol/parse-frame.js';
import { CliError, fileProblem } from './errors.js';

// Not node:fs/promises: loading it (its FileHandle machinery) is a measurable share of a short
// replay's start-up (issue #10); one read of a small file needs none of it.
const readFile = promisify(readFileCallback);

/**
 * Applies `<recording>.meta.json` when it exists: the hash inputs, and the subscribed assets (only
 * they are tracked, as in the live session). Returns whether there was one.
 */
export async function loadRecordingMeta(engine: BookEngine, recording: string): Promise<boolean> {
  const path = metaPathFor(recording);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new CliError('cli.bookMeta', `cannot read ${path}: ${fileProblem(error)}`);
  }
  let meta: ReturnType<typeof parseMeta>;
  try {
    meta = parseMeta(text);
  } catch (error) {
    throw new CliError('cli.bookMeta', `${path}: ${(error as Error).message}`);
  }
  if (meta.assets.length > 0) engine.track(meta.assets.map((a) => a.assetId));
  for (const m of meta.markets) engine.setBookMeta(m.market, { minOrderSize: m.minOrderSize, negRisk: m.negRisk });
  for (const a of meta.assets) if (a.market && a.tickSize) engine.learnTickSize(a.assetId, a.market, a.tickSize);
  return true;
}

export async function loadBookMeta(engine: BookEngine, paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    let body: unknown;
    try {
      body = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      const why = error instanceof SyntaxError ? 'not valid JSON' : fileProblem(error);
      throw new CliError('cli.bookMeta', `cannot read --book-meta ${path}: ${why}`);
    }
    for (const item of Array.isArray(body) ? body : [body]) {
      const book = parseRestBook(item);
      if (book.kind !== 'book' || book.minOrderSize === undefined || book.negRisk === undefined) {
        throw new CliError('cli.bookMeta', `--book-meta ${path}: not a REST /book body with min_order_size and neg_risk`);
      }
      engine.setBookMeta(
        book.market,
        { minOrderSize: book.minOrderSize, negRisk: book.negRisk },
        book.tickSize === undefined ? undefined : { assetId: book.assetId, tickSize: book.tickSize },
      );
    }
  }
}
