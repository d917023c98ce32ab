/**
 * `--book-meta <rest-book.json>...`: REST `/book` (or `/books`) bodies that supply the inputs of
 * the venue's hash the WebSocket never carries (`min_order_size`, `neg_risk`, POLYMARKET.md §6.1).
 */
import { readFile } from 'node:fs/promises';
import type { BookEngine } from '../book/engine.js';
import { parseRestBook } from '../protocol/parse-frame.js';
import { CliError, fileProblem } from './errors.js';

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
