/** Feeds frames through the real parser into a real engine. */
import { BookEngine } from '../../src/book/engine.js';
import { parseFrame, parseRestBook } from '../../src/protocol/parse-frame.js';

export function engineFrom(frames: readonly string[], engine = new BookEngine()): BookEngine {
  for (const frame of frames) engine.applyFrame(parseFrame(frame).events);
  return engine;
}

/** Supplies min_order_size / neg_risk / tick size from a REST /book body. */
export function withRestMeta(engine: BookEngine, body: unknown): BookEngine {
  const book = parseRestBook(body);
  if (book.kind !== 'book' || book.minOrderSize === undefined || book.negRisk === undefined) throw new Error('not a REST book');
  engine.setBookMeta(book.market, { minOrderSize: book.minOrderSize, negRisk: book.negRisk });
  return engine;
}
