/** Book engine rules with literal events: snapshots, deltas, atomicity, crossing, audits. */
import { describe, expect, it } from 'vitest';
import { BookEngine, type Finding } from '../../src/book/engine.js';
import type { BookEvent, LevelChange, PriceChangeEvent } from '../../src/protocol/events.js';
import { engineFrom } from '../helpers/engine.js';
import { fixtureFrames, fixtureJson } from '../helpers/fixtures.js';

function book(assetId: string, bids: [string, string][], asks: [string, string][], extra: Partial<BookEvent> = {}): BookEvent {
  const bidLevels = bids.map(([price, size]) => ({ price, size }));
  const askLevels = asks.map(([price, size]) => ({ price, size }));
  return {
    kind: 'book',
    market: '0xaa',
    assetId,
    timestamp: '100',
    hash: '',
    bids: bidLevels,
    asks: askLevels,
    wire: { bids: bidLevels, asks: askLevels },
    ...extra,
  };
}

function change(timestamp: string, ...changes: Array<Partial<LevelChange> & Pick<LevelChange, 'side' | 'price' | 'size'>>): PriceChangeEvent {
  return {
    kind: 'price_change',
    generation: 'v2',
    market: '0xaa',
    timestamp,
    changes: changes.map((c) => ({ assetId: '101', ...c })),
  };
}

function levels(engine: BookEngine, id = '101') {
  const b = engine.assets.get(id)!.book!;
  return { bids: b.bids.levels.map((l) => `${l.price}@${l.size}`), asks: b.asks.levels.map((l) => `${l.price}@${l.size}`) };
}

describe('book engine', () => {
  it('a snapshot replaces the book, sorted best first', () => {
    const engine = new BookEngine();
    engine.apply(
      book(
        '101',
        [
          ['0.4', '1'],
          ['0.45', '2'],
        ],
        [
          ['0.6', '3'],
          ['0.55', '4'],
        ],
      ),
    );
    engine.apply(book('101', [['0.3', '5']], []));
    expect(levels(engine)).toEqual({ bids: ['0.3@5'], asks: [] });
  });

  it('deltas set absolute sizes; size 0 deletes; "0.5" and "0.50" are one level', () => {
    const engine = new BookEngine();
    engine.apply(book('101', [['0.5', '10']], [['0.6', '3']]));
    engine.apply(change('101', { side: 'BUY', price: '0.5', size: '7' }, { side: 'BUY', price: '0.45', size: '1' }));
    engine.apply(change('102', { side: 'SELL', price: '0.6', size: '0' }, { side: 'SELL', price: '0.7', size: '2.5' }));
    expect(levels(engine)).toEqual({ bids: ['0.5@7', '0.45@1'], asks: ['0.7@2.5'] });
    // the parser canonicalizes "0.50" → "0.5" before it reaches the engine
    engineFrom(
      [
        '{"market":"0xaa","price_changes":[{"asset_id":"101","price":"0.50","size":"3.10","side":"BUY","hash":""}],"timestamp":"103","event_type":"price_change"}',
      ],
      engine,
    );
    expect(levels(engine).bids).toEqual(['0.5@3.1', '0.45@1']);
  });

  it('a delta before any snapshot is not applied and is counted', () => {
    const engine = new BookEngine();
    engine.track(['101']);
    const findings: Finding[] = [];
    engine.onFinding = (f) => findings.push(f);
    engine.apply(change('1', { side: 'BUY', price: '0.5', size: '1' }));
    expect(engine.assets.get('101')!.book).toBeNull();
    expect(engine.assets.get('101')!.integrity.awaiting_snapshot).toBe(1);
    expect(findings.map((f) => f.kind)).toEqual(['awaiting_snapshot']);
  });

  it('a stale book takes no deltas until a fresh snapshot, which is not audited against it', () => {
    const engine = new BookEngine();
    engine.apply(book('101', [['0.5', '10']], [['0.6', '3']]));
    engine.markStale('101');
    engine.apply(change('101', { side: 'BUY', price: '0.51', size: '1' }));
    expect(levels(engine).bids).toEqual(['0.5@10']);
    expect(engine.assets.get('101')!.integrity.awaiting_snapshot).toBe(1);
    engine.apply(book('101', [['0.52', '4']], [['0.6', '3']]));
    expect(engine.assets.get('101')!.stale).toBe(false);
    expect(engine.assets.get('101')!.integrity).toMatchObject({ snapshots_agreed: 0, snapshots_disagreed: 0 });
  });

  it('a newer bid that crosses removes the stale asks it crosses, and says so', () => {
    const engine = new BookEngine();
    engine.apply(
      book(
        '101',
        [['0.5', '10']],
        [
          ['0.55', '1'],
          ['0.6', '3'],
          ['0.7', '4'],
        ],
      ),
    );
    engine.apply(change('101', { side: 'BUY', price: '0.6', size: '2' }));
    expect(levels(engine)).toEqual({ bids: ['0.6@2', '0.5@10'], asks: ['0.7@4'] });
    const asset = engine.assets.get('101')!;
    expect(asset.integrity.crossed).toBe(1);
    expect(asset.cleaned).toBe(1);
    expect(asset.crossed).toBe(false);
  });

  it('a newer ask that locks the book removes the bids at its price', () => {
    const engine = new BookEngine();
    engine.apply(
      book(
        '101',
        [
          ['0.5', '10'],
          ['0.4', '1'],
        ],
        [['0.6', '3']],
      ),
    );
    engine.apply(change('101', { side: 'SELL', price: '0.5', size: '2' }));
    expect(levels(engine)).toEqual({ bids: ['0.4@1'], asks: ['0.5@2', '0.6@3'] });
  });

  it('a crossed snapshot is flagged and counted, not silently fixed', () => {
    const engine = new BookEngine();
    engine.apply(book('101', [['0.6', '1']], [['0.55', '1']]));
    expect(engine.assets.get('101')!.crossed).toBe(true);
    expect(engine.assets.get('101')!.integrity.crossed).toBe(1);
    expect(levels(engine)).toEqual({ bids: ['0.6@1'], asks: ['0.55@1'] });
  });

  it('a resent snapshot that differs from the rebuilt book is counted as a disagreement', () => {
    const engine = new BookEngine();
    engine.apply(book('101', [['0.5', '10']], [['0.6', '3']]));
    engine.apply(book('101', [['0.5', '10']], [['0.6', '3']]));
    engine.apply(book('101', [['0.5', '11']], [['0.6', '3']]));
    expect(engine.assets.get('101')!.integrity).toMatchObject({ snapshots_agreed: 1, snapshots_disagreed: 1 });
  });

  it('inline best bid/ask is audited once per same-timestamp burst, at its end', () => {
    const engine = new BookEngine();
    engine.apply(book('101', [['0.5', '10']], [['0.6', '3']]));
    // Inside a burst the venue's top can run ahead of the removals (POLYMARKET.md §4.2).
    engine.apply(change('101', { side: 'BUY', price: '0.55', size: '1', bestBid: '0.55', bestAsk: '0.58' }));
    engine.apply(change('101', { side: 'SELL', price: '0.58', size: '2', bestBid: '0.55', bestAsk: '0.58' }));
    engine.apply(change('102', { side: 'BUY', price: '0.4', size: '1', bestBid: '0.56', bestAsk: '0.58' }));
    engine.flush();
    expect(engine.assets.get('101')!.integrity).toMatchObject({ bba_agreed: 1, bba_disagreed: 1 });
  });

  it('an empty side agrees with the venue\'s "0"/"1"', () => {
    const engine = new BookEngine();
    engine.apply(book('101', [['0.5', '10']], [['0.6', '3']]));
    engineFrom(
      [
        '{"market":"0xaa", "price_changes":[{"asset_id":"101", "price":"0.5", "size":"0", "side":"BUY", "hash":"", "best_bid":"0", "best_ask":"0.6"}, {"asset_id":"101", "price":"0.6", "size":"0", "side":"SELL", "hash":"", "best_bid":"0", "best_ask":"1"}], "timestamp":"101", "event_type":"price_change"}',
      ],
      engine,
    );
    engine.flush();
    expect(levels(engine)).toEqual({ bids: [], asks: [] });
    expect(engine.assets.get('101')!.integrity).toMatchObject({ bba_agreed: 1, bba_disagreed: 0 });
  });

  it('legacy v1 session: the Jan-2025 book verifies with the 6-field hash and its update applies', () => {
    const engine = engineFrom(fixtureFrames('synthetic-legacy-session-2025-01.jsonl'));
    engine.flush();
    const id = '54774190602932495681624596813895280541057113822779394733336244613748178149294';
    const asset = engine.assets.get(id)!;
    expect(asset.book!.bids.sizeAt('0.644')).toBeUndefined();
    expect(asset.book!.bids.levels[0]).toEqual({ price: '0.645', size: '15.74' });
    expect(asset.integrity.hash_verified).toBeGreaterThanOrEqual(1);
    expect(asset.integrity.hash_mismatch).toBe(0);
  });

  it('legacy v0 flat updates apply to a book', () => {
    const event = fixtureJson('nautilus-2024-2025/ws_price_change.json') as Record<string, string>;
    const engine = new BookEngine();
    engine.apply(book(event.asset_id!, [['0.5', '1']], [['0.52', '7']], { market: event.market! }));
    engineFrom([JSON.stringify(event)], engine);
    expect(levels(engine, event.asset_id!)).toEqual({ bids: ['0.5@1'], asks: ['0.514@21574.08', '0.52@7'] });
  });

  it('resolution: the zero-size burst empties the book, market_resolved marks it resolved', () => {
    const engine = new BookEngine();
    engine.apply(book('101', [['0.5', '10']], [['0.6', '3']]));
    engine.apply(change('200', { side: 'BUY', price: '0.5', size: '0' }, { side: 'SELL', price: '0.6', size: '0' }));
    engine.apply({
      kind: 'market_resolved',
      market: '0xaa',
      id: '1',
      question: 'Q?',
      slug: 'q',
      assetIds: ['101', '202'],
      outcomes: ['Yes', 'No'],
      winningAssetId: '101',
      winningOutcome: 'Yes',
      timestamp: '201',
    });
    expect(levels(engine)).toEqual({ bids: [], asks: [] });
    expect(engine.assets.get('101')!.lifecycle).toBe('resolved');
    expect(engine.markets.get('0xaa')!.outcomes).toEqual(['Yes', 'No']);
  });

  it('tick_size_change and last_trade_price update the asset', () => {
    const engine = new BookEngine();
    engine.apply(book('101', [['0.5', '10']], [['0.6', '3']], { tickSize: '0.01' }));
    engine.apply({ kind: 'tick_size_change', market: '0xaa', assetId: '101', oldTickSize: '0.01', newTickSize: '0.001', timestamp: '1' });
    engine.apply({
      kind: 'last_trade_price',
      market: '0xaa',
      assetId: '101',
      price: '0.6',
      size: '3',
      side: 'BUY',
      feeRateBps: '0',
      timestamp: '2',
      transactionHash: null,
    });
    expect(engine.assets.get('101')!.tickSize).toBe('0.001');
    expect(engine.assets.get('101')!.lastTrade).toEqual({ price: '0.6', size: '3', side: 'BUY', timestamp: '2' });
  });
});

describe('assets forgotten while looked up often', () => {
  it('an untracked asset is gone for good: its next event is ignored, not applied to the old state', () => {
    const engine = new BookEngine();
    engine.track(['101', '102']);
    engine.apply(book('101', [['0.4', '10']], [['0.6', '10']]));
    engine.apply(book('102', [['0.3', '5']], [['0.7', '5']]));
    // Both just looked up (the engine keeps its last lookups close); then 101 is dropped.
    engine.apply(change('200', { assetId: '101', side: 'BUY', price: '0.41', size: '1' }, { assetId: '102', side: 'BUY', price: '0.31', size: '1' }));
    expect(levels(engine, '101').bids).toEqual(['0.41@1', '0.4@10']);
    engine.untrack(['101']);
    const ignoredBefore = engine.ignored;
    engine.apply(change('300', { assetId: '101', side: 'BUY', price: '0.42', size: '2' }));
    expect(engine.assets.has('101')).toBe(false);
    expect(engine.ignored).toBe(ignoredBefore + 1);
    expect(levels(engine, '102').bids).toEqual(['0.31@1', '0.3@5']);
    // Tracked again: a fresh state from its next snapshot, nothing of the old one.
    engine.track(['101']);
    engine.apply(book('101', [['0.45', '3']], [['0.55', '3']]));
    expect(levels(engine, '101').bids).toEqual(['0.45@3']);
  });
});
