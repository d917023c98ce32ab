/** Bad input never throws and never reaches a book: each rejection reason, book unchanged. */
import { describe, expect, it } from 'vitest';
import { BookEngine } from '../../src/book/engine.js';
import { parseFrame } from '../../src/protocol/parse-frame.js';
import { FrameStats } from '../../src/protocol/frame-stats.js';

const SNAPSHOT =
  '[{"market":"0xaa","asset_id":"111","timestamp":"1","hash":"","bids":[{"price":"0.4","size":"10"},{"price":"0.45","size":"5"}],"asks":[{"price":"0.6","size":"7"},{"price":"0.55","size":"3"}],"tick_size":"0.01","event_type":"book"}]';

function pc(entries: string): string {
  return `{"market":"0xaa", "price_changes":[${entries}], "timestamp":"2", "event_type":"price_change"}`;
}

const GOOD = '{"asset_id":"111","price":"0.46","size":"9","side":"BUY","hash":"","best_bid":"0.46","best_ask":"0.55"}';

const cases: Array<[string, string, string]> = [
  ['malformed_json', 'truncated JSON', '{"market":"0xaa", "price_changes":[{"asset_id"'],
  ['malformed_json', 'plain text that is not a venue reply', 'HELLO'],
  ['not_an_object', 'a JSON number', '42'],
  ['not_an_object', 'an array of strings', '["book"]'],
  ['missing_field', 'no asset_id', pc('{"price":"0.46","size":"9","side":"BUY"}')],
  ['missing_field', 'no price_changes and no price', '{"market":"0xaa","asset_id":"111","timestamp":"2","event_type":"price_change"}'],
  ['missing_field', 'no event_type', '{"market":"0xaa","asset_id":"111"}'],
  ['bad_field_type', 'token id as a JSON number', pc('{"asset_id":111,"price":"0.46","size":"9","side":"BUY"}')],
  ['bad_decimal', 'non-decimal price', pc(`${GOOD}, {"asset_id":"111","price":"abc","size":"9","side":"BUY"}`)],
  ['bad_decimal', 'exponent price', pc('{"asset_id":"111","price":"4.6e-1","size":"9","side":"BUY"}')],
  ['bad_field_type', 'price as a number', pc('{"asset_id":"111","price":0.46,"size":"9","side":"BUY"}')],
  ['negative_size', 'negative size', pc(`${GOOD}, {"asset_id":"111","price":"0.47","size":"-1","side":"BUY"}`)],
  ['bad_side', 'side HOLD', pc(`${GOOD}, {"asset_id":"111","price":"0.47","size":"1","side":"HOLD"}`)],
  ['bad_side', 'empty side', pc('{"asset_id":"111","price":"0.47","size":"1","side":""}')],
  [
    'bad_status',
    'unknown trade status',
    '{"event_type":"trade","id":"t","status":"EXPLODED","market":"0xaa","asset_id":"111","side":"BUY","price":"0.5","size":"1"}',
  ],
  ['out_of_range', 'a price above 1', pc('{"asset_id":"111","price":"1.5","size":"1","side":"BUY"}')],
  ['too_many_digits', 'a 30 000-digit price', pc(`{"asset_id":"111","price":"0.${'1'.repeat(30_000)}","size":"1","side":"BUY"}`)],
  ['too_many_digits', 'a 30 000-digit size', pc(`{"asset_id":"111","price":"0.5","size":"${'9'.repeat(30_000)}","side":"BUY"}`)],
  ['bad_side', 'a side that only Unicode case rules make SELL', pc('{"asset_id":"111","price":"0.5","size":"1","side":"ſell"}')],
  ['bad_id', 'a token id that is not digits', pc('{"asset_id":"__proto__","price":"0.5","size":"1","side":"BUY"}')],
  ['bad_id', 'a token id carrying an escape sequence', pc('{"asset_id":"\\u001b]0;pwned\\u0007","price":"0.5","size":"1","side":"BUY"}')],
  [
    'bad_id',
    'a market that is not a condition id',
    '{"market":"constructor", "price_changes":[{"asset_id":"111","price":"0.5","size":"1","side":"BUY"}], "timestamp":"2", "event_type":"price_change"}',
  ],
  [
    'bad_timestamp',
    'a timestamp of 20 digits',
    '{"market":"0xaa", "price_changes":[{"asset_id":"111","price":"0.5","size":"1","side":"BUY"}], "timestamp":"99999999999999999999", "event_type":"price_change"}',
  ],
  [
    'bad_timestamp',
    'a timestamp that is not digits',
    '{"market":"0xaa", "price_changes":[{"asset_id":"111","price":"0.5","size":"1","side":"BUY"}], "timestamp":"soon", "event_type":"price_change"}',
  ],
  [
    'out_of_range',
    'a tick size of 0',
    '{"event_type":"tick_size_change","market":"0xaa","asset_id":"111","old_tick_size":"0.01","new_tick_size":"0","timestamp":"3"}',
  ],
  [
    'too_many_levels',
    'a book side of 100 001 levels',
    `{"event_type":"book","market":"0xaa","asset_id":"111","timestamp":"3","hash":"","bids":[${'{"price":"0.1","size":"1"},'.repeat(100_000)}{"price":"0.1","size":"1"}],"asks":[]}`,
  ],
  [
    'bad_decimal',
    'book level with a bad size',
    '{"event_type":"book","market":"0xaa","asset_id":"111","timestamp":"3","hash":"","bids":[{"price":"0.1","size":"x"}],"asks":[]}',
  ],
];

describe('malformed frames', () => {
  it.each(cases)('%s: %s', (reason, _what, frame) => {
    const engine = new BookEngine();
    for (const event of parseFrame(SNAPSHOT).events) engine.apply(event);
    const before = structuredClone(engine.assets.get('111')!.book!.snapshot());
    const parsed = parseFrame(frame);
    expect(parsed.events).toHaveLength(1);
    expect(parsed.events[0]).toMatchObject({ kind: 'invalid', reason });
    for (const event of parsed.events) engine.apply(event);
    expect(engine.assets.get('111')!.book!.snapshot()).toEqual(before);
  });

  it('an invalid event in an array does not stop its valid neighbours', () => {
    const frame = `[${SNAPSHOT.slice(1, -1)}, {"event_type":"book","market":"0xaa","asset_id":"222"}]`;
    const stats = new FrameStats();
    const parsed = parseFrame(frame);
    stats.record(parsed);
    expect(parsed.events.map((e) => e.kind)).toEqual(['book', 'invalid']);
    expect(stats.invalid).toBe(1);
    expect(stats.invalidReasons).toEqual({ missing_field: 1 });
    expect(stats.events).toEqual({ book: 1 });
  });

  it('the detail names the field', () => {
    const [event] = parseFrame(pc(`${GOOD}, {"asset_id":"111","price":"abc","size":"9","side":"BUY"}`)).events;
    expect(event).toEqual({
      kind: 'invalid',
      reason: 'bad_decimal',
      detail: 'price_changes[1].price is not a decimal: "abc"',
      eventType: 'price_change',
    });
  });
});
