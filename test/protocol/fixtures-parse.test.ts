/** Every real (and documented) frame in ../shared parses into typed events, none invalid. */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FeedEvent } from '../../src/protocol/events.js';
import { parseFrame, parseRestBook } from '../../src/protocol/parse-frame.js';
import { FIXTURES, fixtureFrames, fixtureJson, fixtureText } from '../helpers/fixtures.js';

function eventsOf(frames: readonly string[]): FeedEvent[] {
  return frames.flatMap((frame) => parseFrame(frame).events);
}

function kinds(events: readonly FeedEvent[]): string[] {
  return events.map((e) => e.kind);
}

/** Minimal CSV reader for the DB dump (quoted fields, doubled quotes). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  const cell = /("(?:[^"]|"")*"|[^,\n]*)(,|\n|$)/g;
  let row: string[] = [];
  for (const match of text.matchAll(cell)) {
    const raw = match[1]!;
    row.push(raw.startsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw);
    if (match[2] !== ',') {
      if (row.length > 1) rows.push(row);
      row = [];
      if (match[2] === '') break;
    }
  }
  return rows;
}

describe('real and documented frames', () => {
  it('the live 2026-07-19 capture: 900 frames, no invalid, no unknown', () => {
    const frames = fixtureFrames('live-2026-07-19-polysim/market-frames.jsonl');
    expect(frames).toHaveLength(900);
    const events = eventsOf(frames);
    const counts: Record<string, number> = {};
    for (const kind of kinds(events)) counts[kind] = (counts[kind] ?? 0) + 1;
    expect(counts).toEqual({ book: 24, price_change: 864, last_trade_price: 11 });
    expect(frames.map((f) => parseFrame(f).control).filter((c) => c !== null)).toEqual(['EMPTY', 'PONG']);
  });

  it.each(['synthetic-legacy-session-2025-01.jsonl', 'doc-examples.server-frames.jsonl'])('%s: no invalid or unknown', (name) => {
    const events = eventsOf(fixtureFrames(name));
    expect(events.length).toBeGreaterThan(0);
    expect(kinds(events).filter((k) => k === 'invalid' || k === 'unknown')).toEqual([]);
  });

  const jsonFiles = ['nautilus-2024-2025', 'aaimek-2025-01'].flatMap((dir) =>
    readdirSync(`${FIXTURES}${dir}`)
      .filter((name) => name.endsWith('.json') && !name.startsWith('rest_'))
      .map((name) => `${dir}/${name}`),
  );

  it.each(jsonFiles)('%s parses as a WebSocket event', (name) => {
    const events = parseFrame(JSON.stringify(fixtureJson(name))).events;
    expect(events).toHaveLength(1);
    expect(['invalid', 'unknown']).not.toContain(events[0]!.kind);
  });

  it('every row of the Jan-2025 legacy DB dump parses as a v1 price_change', () => {
    const rows = csvRows(fixtureText('aaimek-2025-01/price_change_messages_db_dump.csv')).slice(1);
    expect(rows.length).toBeGreaterThan(3800);
    for (const [, assetId, market, time, hash, changes] of rows) {
      const frame = JSON.stringify([
        {
          asset_id: assetId,
          changes: JSON.parse(changes!),
          event_type: 'price_change',
          hash,
          market,
          timestamp: String(Date.parse(time!.replace(' ', 'T').replace(' +0100', '+01:00'))),
        },
      ]);
      const [event] = parseFrame(frame).events;
      expect(event?.kind, frame.slice(0, 200)).toBe('price_change');
    }
  });

  it.each(['live-2026-07-19-polysim/rest-book.json', 'nautilus-2024-2025/rest_book.json'])('REST body %s parses as a book', (name) => {
    const book = parseRestBook(fixtureJson(name));
    expect(book.kind).toBe('book');
  });
});

describe('normalized shapes', () => {
  const live = fixtureFrames('live-2026-07-19-polysim/market-frames.jsonl');

  it('initial dump: an array of books, sorted best first, tick size and last trade price kept', () => {
    const { control, events } = parseFrame(live[0]!);
    expect(control).toBeNull();
    expect(events).toHaveLength(2);
    const up = events[0]!;
    if (up.kind !== 'book') throw new Error('expected a book');
    expect(up.assetId).toBe('12935926064588426924078449947177910958215776269411501731627440228801766632772');
    expect(up.bids[0]).toEqual({ price: '0.38', size: '207.98' });
    expect(up.bids.at(-1)).toEqual({ price: '0.01', size: '14884.14' });
    expect(up.asks[0]!.price).toBe('0.39');
    expect(up.tickSize).toBe('0.01');
    expect(up.lastTradePrice).toBe('0.610');
    expect(up.hash).toBe('8e1479dc9676c70eb8ed19197d4f640c57aa308c');
  });

  it('v2 price_change: one change per entry, with hash and the venue top', () => {
    expect(parseFrame(live[2]!).events).toEqual([
      {
        kind: 'price_change',
        generation: 'v2',
        market: '0xab772601f501b265bfe8982eb61d5347ef9945de314bfdf4ac0189c288ffb0b3',
        timestamp: '1784449237208',
        changes: [
          {
            assetId: '17924629579804316786455515989238352689210911545477836576430679697715946894553',
            side: 'BUY',
            price: '0.61',
            size: '54.58',
            hash: 'a84f1574a741b17502b4662b1ae1593cb78f8ba7',
            bestBid: '0.61',
            bestAsk: '0.62',
          },
          {
            assetId: '12935926064588426924078449947177910958215776269411501731627440228801766632772',
            side: 'SELL',
            price: '0.39',
            size: '54.58',
            hash: '8e1479dc9676c70eb8ed19197d4f640c57aa308c',
            bestBid: '0.38',
            bestAsk: '0.39',
          },
        ],
      },
    ]);
  });

  it('v2 empty sides ("0" bid, "1" ask, or "") read as null', () => {
    const frame =
      '{"market":"0x1","price_changes":[{"asset_id":"1","price":"0.5","size":"0","side":"BUY","hash":"h","best_bid":"0","best_ask":"1"},{"asset_id":"2","price":"0.5","size":"0","side":"SELL","hash":"h","best_bid":"","best_ask":""}],"timestamp":"5","event_type":"price_change"}';
    const [event] = parseFrame(frame).events;
    if (event?.kind !== 'price_change') throw new Error('expected price_change');
    expect(event.changes.map((c) => [c.bestBid, c.bestAsk])).toEqual([
      [null, null],
      [null, null],
    ]);
  });

  it('v1 legacy price_change: top-level asset id and hash, changes[]', () => {
    const [event] = parseFrame(fixtureFrames('synthetic-legacy-session-2025-01.jsonl')[2]!).events;
    expect(event).toEqual({
      kind: 'price_change',
      generation: 'v1',
      market: '0xd987b38ecf3bdf4cb69734004c51238875411e0924dd0e9b30e3b31e623c4f00',
      timestamp: '1737487191055',
      hash: 'd7186e8abc4ed70e41e6cb6abf65b4c20150dfe3',
      changes: [
        {
          assetId: '54774190602932495681624596813895280541057113822779394733336244613748178149294',
          side: 'BUY',
          price: '0.644',
          size: '0',
        },
      ],
    });
  });

  it('v0 flat price_change', () => {
    const [event] = parseFrame(JSON.stringify(fixtureJson('nautilus-2024-2025/ws_price_change.json'))).events;
    expect(event).toMatchObject({
      kind: 'price_change',
      generation: 'v0',
      changes: [{ side: 'SELL', price: '0.514', size: '21574.08', hash: 'bf32b3746fff40c76c98021b7f3f07261169dd26' }],
    });
  });

  it('docs spell prices ".48": canonical "0.48"', () => {
    const [event] = parseFrame(fixtureFrames('doc-examples.server-frames.jsonl')[0]!).events;
    if (event?.kind !== 'book') throw new Error('expected a book');
    expect(event.bids.map((l) => l.price)).toEqual(['0.5', '0.49', '0.48']);
  });

  it('user channel: order and trade, match_time or matchtime', () => {
    const order = parseFrame(JSON.stringify(fixtureJson('nautilus-2024-2025/ws_order_placement.json'))).events[0];
    expect(order).toMatchObject({ kind: 'order', type: 'PLACEMENT', side: 'BUY', price: '0.513', originalSize: '5', sizeMatched: '0' });
    const mined = parseFrame(JSON.stringify(fixtureJson('nautilus-2024-2025/ws_user_trade1.json'))).events[0];
    expect(mined).toMatchObject({ kind: 'trade', status: 'MINED', matchTime: '1725868859', size: '1096.87' });
    const docs = parseFrame(fixtureFrames('doc-examples.server-frames.jsonl')[8]!).events[0];
    expect(docs).toMatchObject({ kind: 'trade', status: 'MATCHED', matchTime: '1672290701' });
  });

  it('lifecycle events keep question, outcomes and the winner', () => {
    const resolved = parseFrame(fixtureFrames('doc-examples.server-frames.jsonl')[6]!).events[0];
    expect(resolved).toMatchObject({
      kind: 'market_resolved',
      outcomes: ['Yes', 'No'],
      winningOutcome: 'Yes',
      winningAssetId: '76043073756653678226373981964075571318267289248134717369284518995922789326425',
    });
  });

  it.each([
    ['PONG', 'PONG'],
    ['', 'EMPTY'],
    ['INVALID OPERATION', 'INVALID OPERATION'],
    ['NO NEW ASSETS', 'NO NEW ASSETS'],
  ])('text frame %j is recognised as %s', (text, control) => {
    expect(parseFrame(text)).toEqual({ control, events: [] });
  });

  it('an unknown event type is counted as unknown, not an error', () => {
    expect(parseFrame('{"event_type":"agg_orderbook","market":"0x1"}').events).toEqual([{ kind: 'unknown', eventType: 'agg_orderbook' }]);
  });
});
