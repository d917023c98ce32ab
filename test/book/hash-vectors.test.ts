/** ../shared/fixtures/polymarket/hash-vectors.json: every vector reproduces with our hash code. */
import { describe, expect, it } from 'vitest';
import { BookEngine } from '../../src/book/engine.js';
import { threeDecimals } from '../../src/book/hash-audit.js';
import { currentPreimage, legacyPreimage, levelsJsonInOrder, sha1Hex } from '../../src/book/venue-hash.js';
import { parseFrame, parseRestBook } from '../../src/protocol/parse-frame.js';
import type { BookEvent } from '../../src/protocol/events.js';
import { engineFrom } from '../helpers/engine.js';
import { fixtureFrames, fixtureJson } from '../helpers/fixtures.js';

interface Vector {
  readonly name: string;
  readonly kind: string;
  readonly sha1: string;
  readonly preimage?: string;
  readonly asset_id?: string;
  readonly hidden_inputs?: { min_order_size: string; neg_risk: boolean };
  readonly fields?: string[];
}

const vectors = (fixtureJson('hash-vectors.json') as { vectors: Vector[] }).vectors;

function asBook(event: unknown): BookEvent {
  const book = event as BookEvent;
  if (book.kind !== 'book') throw new Error('expected a book');
  return book;
}

function preimageOf(book: BookEvent, inputs: { minOrderSize: string; negRisk: boolean; tickSize: string; lastTradePrice: string }): string {
  return currentPreimage(book.market, book.assetId, book.timestamp, levelsJsonInOrder(book.wire.bids), levelsJsonInOrder(book.wire.asks), inputs);
}

describe('hash vectors', () => {
  it('has the vectors this test expects', () => {
    expect(vectors.length).toBe(6);
  });

  for (const vector of vectors.filter((v) => v.preimage !== undefined)) {
    it(`${vector.name}: our preimage from the parsed fields is byte-identical`, () => {
      const body = JSON.parse(vector.preimage!) as Record<string, unknown>;
      const book = asBook(parseRestBook(body));
      const preimage = preimageOf(book, {
        minOrderSize: String(body.min_order_size),
        negRisk: body.neg_risk as boolean,
        tickSize: String(body.tick_size),
        lastTradePrice: String(body.last_trade_price),
      });
      expect(preimage).toBe(vector.preimage);
      expect(sha1Hex(preimage)).toBe(vector.sha1);
    });
  }

  it('live REST /book body verifies from its own fields', () => {
    const vector = vectors.find((v) => v.name.startsWith('live REST'))!;
    const body = fixtureJson('live-2026-07-19-polysim/rest-book.json') as Record<string, string | boolean>;
    const book = asBook(parseRestBook(body));
    expect(book.hash).toBe(vector.sha1);
    const inputs = { minOrderSize: book.minOrderSize!, negRisk: book.negRisk!, tickSize: book.tickSize!, lastTradePrice: book.lastTradePrice! };
    expect(sha1Hex(preimageOf(book, inputs))).toBe(vector.sha1);
  });

  for (const vector of vectors.filter((v) => v.name.startsWith('live WS initial book'))) {
    it(`live WS dump ${vector.asset_id!.slice(0, 8)}…: verifies with the hidden REST inputs`, () => {
      const dump = parseFrame(fixtureFrames('live-2026-07-19-polysim/market-frames.jsonl')[0]!).events.map(asBook);
      const book = dump.find((b) => b.assetId === vector.asset_id)!;
      const inputs = {
        minOrderSize: vector.hidden_inputs!.min_order_size,
        negRisk: vector.hidden_inputs!.neg_risk,
        tickSize: book.tickSize!,
        lastTradePrice: book.lastTradePrice!,
      };
      expect(sha1Hex(preimageOf(book, inputs))).toBe(vector.sha1);
      // And through the engine: with the meta, the dump counts as verified.
      const engine = new BookEngine();
      engine.setBookMeta(book.market, { minOrderSize: inputs.minOrderSize, negRisk: inputs.negRisk });
      engineFrom([fixtureFrames('live-2026-07-19-polysim/market-frames.jsonl')[0]!], engine);
      expect(engine.assets.get(book.assetId)!.integrity.hash_verified).toBe(1);
    });
  }

  it('legacy Jan-2025 WS book verifies with the 6-field formula', () => {
    const vector = vectors.find((v) => v.name.includes('LEGACY'))!;
    const book = asBook(parseFrame(JSON.stringify(fixtureJson('aaimek-2025-01/ws_book_legacy.json'))).events[0]);
    const preimage = legacyPreimage(book.market, book.assetId, book.timestamp, levelsJsonInOrder(book.wire.bids), levelsJsonInOrder(book.wire.asks));
    expect(sha1Hex(preimage)).toBe(vector.sha1);
  });

  it('a wrong hidden input does not verify (the check can fail)', () => {
    const body = fixtureJson('live-2026-07-19-polysim/rest-book.json') as Record<string, string>;
    const book = asBook(parseRestBook(body));
    const inputs = { minOrderSize: '5', negRisk: false, tickSize: '0.01', lastTradePrice: '0.611' };
    expect(sha1Hex(preimageOf(book, inputs))).not.toBe(book.hash);
  });

  it('the hidden last trade price is spelled with three decimals', () => {
    expect(['0.38', '0.4', '1', '0.385', '0.3855'].map(threeDecimals)).toEqual(['0.380', '0.400', '1.000', '0.385', '0.3855']);
  });
});
