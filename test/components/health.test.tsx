/** The health bar and the book status badge, as exact lines, from fixed health records. */
import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { bookBadge, spreadText, statsText } from '../../components/book-text.js';
import { HealthBar } from '../../components/health-bar.js';
import { connectionLine, integrityLine, pickHealth, shortConnection } from '../../components/health-text.js';
import { ThemeContext } from '../../components/theme.js';
import { emptyIntegrity } from '../../src/book/integrity.js';
import type { ConnectionHealth } from '../../store/types.js';
import { ASKS, BIDS, NOW, assetView, health, lines } from './helpers.js';

function bar(record: ConnectionHealth | null, color = true, integrity = emptyIntegrity(), cleaned = 0): string[] {
  const { lastFrame, unmount } = render(
    <ThemeContext.Provider value={{ color }}>
      <HealthBar connection={connectionLine(record, NOW, 1, 'no connection')} integrity={integrityLine(integrity, cleaned)} />
    </ThemeContext.Provider>,
  );
  const out = lines(lastFrame());
  unmount();
  return out;
}

const CLEAN = 'integrity  snap 0✓ 0✗  tob 0✓ 0✗  hash 0✓ 0? 0✗';

describe('health bar', () => {
  it('reports a live connection: RTT, message rate, data age, reconnects', () => {
    expect(bar(health())).toEqual(['live  rtt 42ms  12.5 msg/s  data 1s ago  reconnects 0', CLEAN]);
  });

  it('counts down to the next reconnect attempt and names the cause', () => {
    const record = health({
      state: 'reconnecting',
      attempt: 2,
      nextRetryAt: NOW + 3200,
      rttMs: null,
      lastDataAt: NOW - 12_000,
      reconnects: 1,
      lastDisconnectCause: 'timeout',
    });
    expect(bar(record)).toEqual(['reconnecting #2 in 4s  rtt —  12.5 msg/s  data 12s ago  reconnects 1  cause timeout', CLEAN]);
  });

  it('says frozen when pongs flow but data does not, and stopped when it gave up', () => {
    expect(bar(health({ frozen: true, messagesPerSec: 0, lastDataAt: NOW - 45_000 }))[0]).toBe('frozen  rtt 42ms  0 msg/s  data 45s ago  reconnects 0');
    expect(bar(health({ frozen: true, messagesPerSec: 0, lastDataAt: NOW - 45_000 }), false)[0]).toBe('frozen!  rtt 42ms  0 msg/s  data 45s ago  reconnects 0');
    expect(bar(health({ state: 'stopped', lastDisconnectCause: 'closed by server', reconnects: 3 }))[0]).toBe(
      'stopped  rtt 42ms  12.5 msg/s  data 1s ago  reconnects 3  cause closed by server',
    );
    expect(bar(health({ state: 'connecting', lastDataAt: null, rttMs: null }))[0]).toBe('connecting…  rtt —  12.5 msg/s  no data yet  reconnects 0');
    expect(bar(null)[0]).toBe('no connection');
  });

  it('makes integrity disagreements and hash mismatches stand out (a ! without colour)', () => {
    const counters = {
      ...emptyIntegrity(),
      snapshots_agreed: 3,
      snapshots_disagreed: 1,
      bba_agreed: 120,
      hash_verified: 5,
      hash_unverifiable: 2,
      hash_mismatch: 1,
      crossed: 2,
    };
    expect(bar(health(), false, counters, 1)[1]).toBe('integrity  snap 3✓ 1✗!  tob 120✓ 0✗  hash 5✓ 2? 1✗!  crossed 2  uncrossed 1');
    expect(bar(health(), false)[1]).toBe(CLEAN);
  });

  it('reports the market connection in the worst state, never the user channel', () => {
    const live = health({ id: 'a' });
    const down = health({ id: 'b', state: 'reconnecting', attempt: 1 });
    const user = health({ id: 'u', channel: 'user', state: 'stopped' });
    expect(pickHealth({ a: live, b: down, u: user })).toBe(down);
    expect(pickHealth({ a: live, u: user })).toBe(live);
    expect(pickHealth({ u: user })).toBeNull();
    expect(shortConnection(live, NOW, 'x').text).toBe('live 42ms');
    expect(shortConnection(down, NOW, 'x').text).toBe('reconnecting #1');
  });
});

describe('book status', () => {
  it('marks stale, quiet, resolved, crossed and awaiting books', () => {
    expect(bookBadge(assetView({ status: 'stale', receivedAt: NOW - 12_000 }), false, NOW)).toEqual({ text: 'STALE 12s', tone: 'warn' });
    expect(bookBadge(assetView({ status: 'quiet', quietSince: NOW - 45_000 }), true, NOW)).toEqual({ text: 'QUIET 45s', tone: 'warn' });
    const verifiedAt = new Date(2026, 6, 19, 11, 59, 58).getTime();
    expect(bookBadge(assetView({ status: 'quiet', quietSince: NOW - 45_000, quietVerifiedAt: verifiedAt }), true, NOW)).toEqual({
      text: 'quiet, verified at 11:59:58',
      tone: 'ok',
    });
    expect(bookBadge(assetView({ receivedAt: NOW - 45_000 }), true, NOW).text).toBe('live');
    // Silence while disconnected is the connection's story, not the book's.
    expect(bookBadge(assetView({ status: 'quiet', quietSince: NOW - 45_000 }), false, NOW).text).toBe('live');
    expect(bookBadge(assetView({ status: 'resolved' }), true, NOW).text).toBe('RESOLVED');
    expect(bookBadge(assetView({ status: 'rest', receivedAt: NOW - 3000 }), false, NOW)).toEqual({ text: 'REST 3s', tone: 'warn' });
    expect(bookBadge(assetView({ status: 'reconnecting', receivedAt: NOW - 8000 }), false, NOW)).toEqual({ text: 'RECONNECTING 8s', tone: 'warn' });
    expect(bookBadge(assetView({ status: 'resolved', winner: true }), true, NOW).text).toBe('RESOLVED — won');
    expect(bookBadge(assetView({ status: 'resolved', winner: false }), true, NOW).text).toBe('RESOLVED — lost');
    expect(bookBadge(assetView({ crossed: true }), true, NOW)).toEqual({ text: 'CROSSED', tone: 'bad' });
    expect(bookBadge(assetView({ status: 'awaiting' }), true, NOW).text).toBe('waiting for snapshot…');
    expect(bookBadge(undefined, true, NOW).text).toBe('waiting for snapshot…');
  });

  it('writes spread and stats rows from the analytics', () => {
    const view = assetView({ bids: BIDS, asks: ASKS });
    expect(spreadText(view)).toBe('spread 1 tick (1.0¢)  mid 0.405  micro 0.406796');
    expect(statsText(view)).toBe('display 0.405  imbalance +0.6261  depth ±5 ticks bid 16,767.96 / ask 3,855.5');
    const wide = assetView({ bids: [['0.3', '10']], asks: [['0.5', '30']], tickSize: null });
    expect(spreadText(wide)).toBe('spread 20.0¢  mid 0.4  micro 0.35');
    expect(statsText(wide)).toBe('display 0.4  imbalance -0.5  depth bid 10 / ask 30');
    expect(statsText(assetView({ status: 'awaiting' }))).toBe('');
  });
});

describe('resync in the health bar', () => {
  it('shows why and when the book was last refetched from REST; audit causes stand out', async () => {
    const { integrityLine, lineText } = await import('../../components/health-text.js');
    const { emptyIntegrity } = await import('../../src/book/integrity.js');
    const c = emptyIntegrity();
    expect(lineText(integrityLine(c, 0, { cause: 'hash_mismatch', at: 1000 }, 13_000), true)).toBe(
      'integrity  snap 0✓ 0✗  tob 0✓ 0✗  hash 0✓ 0? 0✗  resync hash_mismatch 12s ago!',
    );
    expect(lineText(integrityLine(c, 0, { cause: 'reconnect', at: 1000 }, 2000), true)).toMatch(/resync reconnect 1s ago$/);
    expect(lineText(integrityLine(c, 0), true)).not.toContain('resync');
  });
});
