/**
 * Every real capture in ../shared replays clean: no invalid event, no hash mismatch, no top-of-book
 * or snapshot disagreement; where the REST metadata is known, the venue's hashes verify.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayToSummary } from '../../src/cli/replay-summary.js';
import { FIXTURES, LIVE_FRAMES, LIVE_REST_BOOK } from '../helpers/fixtures.js';

const captures = [
  ...readdirSync(`${FIXTURES}2026-more`)
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => `2026-more/${f}`),
  'live-2026-07-19-polysim/market-frames.jsonl',
  'synthetic-legacy-session-2025-01.jsonl',
];

describe('real captures replay clean', () => {
  it.each(captures)('%s', async (relative) => {
    const summary = await replayToSummary(`${FIXTURES}${relative}`);
    expect(summary.invalid).toBe(0);
    expect(summary.unknown).toBe(0);
    for (const book of summary.books) {
      expect(book.integrity).toMatchObject({ hash_mismatch: 0, bba_disagreed: 0, snapshots_disagreed: 0, awaiting_snapshot: 0 });
    }
  });

  it('with their REST metadata, the 2026 captures verify every hash they carry', async () => {
    const pytest = await replayToSummary(`${FIXTURES}2026-more/pytest-2026-05-08.jsonl`, [`${FIXTURES}2026-more/pytest-2026-05-08.book-meta.json`]);
    expect(pytest.books.map((b) => b.integrity)).toEqual([expect.objectContaining({ hash_verified: 2, hash_unverifiable: 0, hash_mismatch: 0 })]);
    const live = await replayToSummary(LIVE_FRAMES, [LIVE_REST_BOOK]);
    for (const book of live.books) expect(book.integrity).toMatchObject({ hash_verified: 22, hash_unverifiable: 0, hash_mismatch: 0 });
  });

  it('the complement outcome in a one-token session is counted as ignored, not reported', async () => {
    const summary = await replayToSummary(`${FIXTURES}2026-more/trimmed-2026-08-01.jsonl`);
    expect(summary.books).toHaveLength(1);
    expect(summary.ignored).toBe(1);
  });
});
