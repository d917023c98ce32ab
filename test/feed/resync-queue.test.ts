/**
 * The Resyncer's queue with a recording stand-in for the venue API: batches of at most 100 ids,
 * urgent (audit) requests ahead of a reconnect's hundreds, /book only for ids /books omitted,
 * and a 404 asked once.
 */
import { describe, expect, it } from 'vitest';
import { Resyncer } from '../../src/feed/resync.js';
import type { RestBook, VenueApi } from '../../src/feed/venue-api.js';
import type { BookEvent } from '../../src/protocol/events.js';

function bookOf(assetId: string): BookEvent {
  return { kind: 'book', market: '0xm', assetId, timestamp: '1', hash: '', bids: [], asks: [], wire: { bids: [], asks: [] } };
}

/** Answers /books for every id but `missing`, after `delayMs`; records every call. */
function stubApi(missing: ReadonlySet<string> = new Set(), delayMs = 5) {
  const calls: string[][] = [];
  const singles: string[] = [];
  const api = {
    books: async (ids: readonly string[]) => {
      calls.push([...ids]);
      await new Promise((r) => setTimeout(r, delayMs));
      return ids.filter((id) => !missing.has(id)).map(bookOf);
    },
    book: async (id: string): Promise<RestBook> => {
      singles.push(id);
      return missing.has(id) ? { kind: 'missing' } : { kind: 'book', book: bookOf(id) };
    },
  } as unknown as VenueApi;
  return { api, calls, singles };
}

describe('Resyncer queue', () => {
  it('a reconnect of 250 assets goes out as batches of 100; an audit request overtakes the rest', async () => {
    const { api, calls } = stubApi();
    const got: Array<[string, string]> = [];
    const r = new Resyncer(api, { book: (b, cause) => got.push([b.assetId, cause]), resolved: () => {} });
    const ids = Array.from({ length: 250 }, (_, i) => String(1000 + i));
    for (const id of ids) r.request(id, 'reconnect', 'bulk');
    await new Promise((resolve) => setImmediate(resolve));
    // The first batch is out; an audit finds a book wrong meanwhile.
    expect(r.request('1240', 'hash_mismatch', 'urgent')).toBe(true);
    await r.idle();
    expect(calls.map((c) => c.length)).toEqual([100, 100, 50]);
    expect(calls[1]![0]).toBe('1240');
    expect(got.filter(([id]) => id === '1240')).toEqual([['1240', 'hash_mismatch']]);
    expect(got).toHaveLength(250);
  });

  it('an audit for an asset whose routine fetch is in flight asks again once it lands', async () => {
    const { api, calls } = stubApi(new Set(), 20);
    const got: Array<[string, string]> = [];
    const r = new Resyncer(api, { book: (b, cause) => got.push([b.assetId, cause]), resolved: () => {} });
    r.request('7', 'reconnect', 'bulk');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(r.request('7', 'snapshot_disagreed', 'urgent')).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 80));
    await r.idle();
    expect(got).toEqual([
      ['7', 'reconnect'],
      ['7', 'snapshot_disagreed'],
    ]);
    expect(calls).toHaveLength(2);
  });

  it('ids /books omits are asked on /book; a 404 is resolved once and never asked again', async () => {
    const { api, singles } = stubApi(new Set(['9']));
    const resolved: string[] = [];
    const r = new Resyncer(api, { book: () => {}, resolved: (id) => resolved.push(id) });
    await r.seed(['8', '9'], 'bootstrap');
    expect(singles).toEqual(['9']);
    expect(resolved).toEqual(['9']);
    expect(r.request('9', 'stale', 'bulk')).toBe(false);
  });

  it('urgent requests for one asset are at most one per interval; bulk ones are deduplicated while queued', async () => {
    let now = 0;
    const { api, calls } = stubApi();
    const r = new Resyncer(api, { book: () => {}, resolved: () => {} }, { minIntervalMs: 5000, now: () => now });
    expect(r.request('1', 'bba_disagreed', 'urgent')).toBe(true);
    await r.idle();
    expect(r.request('1', 'bba_disagreed', 'urgent')).toBe(false);
    now = 6000;
    expect(r.request('1', 'bba_disagreed', 'urgent')).toBe(true);
    expect(r.request('2', 'stale', 'bulk')).toBe(true);
    expect(r.request('2', 'stale', 'bulk')).toBe(false);
    await r.idle();
    expect(calls).toEqual([['1'], ['1', '2']]);
  });

  it('a target that throws does not stop the queue', async () => {
    const { api } = stubApi();
    const failed: string[] = [];
    let first = true;
    const r = new Resyncer(api, {
      book: () => {
        if (first) {
          first = false;
          throw new Error('boom');
        }
      },
      resolved: () => {},
      failed: (id) => failed.push(id),
    });
    r.request('1', 'stale');
    await r.idle();
    r.request('2', 'stale');
    await r.idle();
    expect(failed).toEqual(['1']);
  });
});
