/**
 * The health bar's words: which connection to report, its state, and the book's integrity
 * counters. Pure; each piece carries a tone, and `alert` pieces (disagreements, mismatches) get a
 * "!" when there is no colour to make them stand out.
 */
import type { IntegrityCounters } from '../store/types.js';
import type { ConnectionHealth } from '../store/types.js';
import { clockTime, formatAge } from './format.js';
import type { Tone } from './theme.js';

export interface Piece {
  readonly text: string;
  readonly tone: Tone;
  readonly alert?: boolean;
}

/** Pieces of a group are joined by one space, groups by two. */
export type Line = readonly (readonly Piece[])[];

const SEVERITY = { stopped: 4, reconnecting: 3, frozen: 2, connecting: 1, live: 0 } as const;

function severity(h: ConnectionHealth): number {
  if (h.state === 'live' && h.frozen) return SEVERITY.frozen;
  return SEVERITY[h.state];
}

/** The market connection worth showing: the one in the worst state (first wins ties). */
export function pickHealth(records: Readonly<Record<string, ConnectionHealth>>): ConnectionHealth | null {
  let worst: ConnectionHealth | null = null;
  for (const h of Object.values(records)) {
    if (h.channel !== 'market') continue;
    if (worst === null || severity(h) > severity(worst)) worst = h;
  }
  return worst;
}

/** "live", "reconnecting #2 in 4s", "frozen", "stopped", "connecting…". */
export function connectionState(h: ConnectionHealth, now: number): Piece {
  switch (h.state) {
    case 'live':
      return h.frozen ? { text: 'frozen', tone: 'bad', alert: true } : { text: 'live', tone: 'ok' };
    case 'connecting':
      return { text: 'connecting…', tone: 'warn' };
    case 'stopped':
      return { text: 'stopped', tone: 'bad', alert: true };
    case 'reconnecting': {
      const wait = h.nextRetryAt === null ? '' : ` in ${Math.max(0, Math.ceil((h.nextRetryAt - now) / 1000))}s`;
      return { text: `reconnecting #${h.attempt}${wait}`, tone: 'warn' };
    }
  }
}

/** The compact status line's connection word: the state, with the RTT while live. */
export function shortConnection(h: ConnectionHealth | null, now: number, fallback: string): Piece {
  if (h === null) return { text: fallback, tone: 'dim' };
  const state = connectionState(h, now);
  return state.text === 'live' && h.rttMs !== null ? { ...state, text: `live ${Math.round(h.rttMs)}ms` } : state;
}

/** Connection state, RTT, message rate, data age, reconnects (and the last cause while down). */
export function connectionLine(h: ConnectionHealth | null, now: number, connections: number, fallback: string): Line {
  if (h === null) return [[{ text: fallback, tone: 'dim' }]];
  const line: Piece[][] = [
    [connectionState(h, now)],
    [{ text: h.rttMs === null ? 'rtt —' : `rtt ${Math.round(h.rttMs)}ms`, tone: 'plain' }],
    [{ text: `${h.messagesPerSec} msg/s`, tone: 'plain' }],
    [{ text: h.lastDataAt === null ? 'no data yet' : `data ${formatAge(now - h.lastDataAt)} ago`, tone: 'plain' }],
    [{ text: `reconnects ${h.reconnects}`, tone: h.reconnects > 0 ? 'warn' : 'plain' }],
  ];
  // A silence proven harmless from REST (not a freeze): say when it was last proven.
  if (h.state === 'live' && !h.frozen && h.quietVerifiedAt !== null) line.push([{ text: `quiet, verified at ${clockTime(h.quietVerifiedAt)}`, tone: 'ok' }]);
  if (h.state !== 'live' && h.lastDisconnectCause) line.push([{ text: `cause ${h.lastDisconnectCause}`, tone: 'dim' }]);
  if (connections > 1) line.push([{ text: `${connections} connections`, tone: 'dim' }]);
  return line;
}

function good(n: number, mark: string): Piece {
  return { text: `${n}${mark}`, tone: n > 0 ? 'ok' : 'plain' };
}

function bad(n: number, mark: string): Piece {
  return n > 0 ? { text: `${n}${mark}`, tone: 'bad', alert: true } : { text: `${n}${mark}`, tone: 'plain' };
}

/**
 * Snapshots agreed/disagreed, top of book agreed/disagreed, hash verified/unverifiable/mismatch,
 * then crossings and uncrossings when there were any.
 */
export function integrityLine(c: IntegrityCounters, cleaned: number, resync: { readonly cause: string; readonly at: number } | null = null, now = 0): Line {
  const line: Piece[][] = [
    [{ text: 'integrity', tone: 'dim' }],
    [
      { text: 'snap', tone: 'dim' },
      good(c.snapshots_agreed, '✓'),
      bad(c.snapshots_disagreed, '✗'),
      ...(c.snapshots_refreshed > 0 ? [{ text: `${c.snapshots_refreshed}↻`, tone: 'plain' as const }] : []),
    ],
    [{ text: 'tob', tone: 'dim' }, good(c.bba_agreed, '✓'), bad(c.bba_disagreed, '✗')],
    [{ text: 'hash', tone: 'dim' }, good(c.hash_verified, '✓'), { text: `${c.hash_unverifiable}?`, tone: 'plain' }, bad(c.hash_mismatch, '✗')],
  ];
  // REST proofs of quiet books, and REST books refused for not reproducing their own hash.
  if (c.quiet_verified + c.quiet_resynced > 0) line.push([{ text: 'quiet', tone: 'dim' }, good(c.quiet_verified, '✓'), bad(c.quiet_resynced, '✗')]);
  if (c.rest_untrusted > 0) line.push([{ text: `rest untrusted ${c.rest_untrusted}`, tone: 'warn', alert: true }]);
  if (c.crossed > 0) line.push([{ text: `crossed ${c.crossed}`, tone: 'warn' }]);
  if (cleaned > 0) line.push([{ text: `uncrossed ${cleaned}`, tone: 'warn' }]);
  // Why the book was last refetched from REST: routine causes plain, audit failures stand out.
  if (resync) {
    const routine = resync.cause === 'bootstrap' || resync.cause === 'reconnect';
    line.push([{ text: `resync ${resync.cause} ${formatAge(Math.max(0, now - resync.at))} ago`, tone: routine ? 'dim' : 'warn', alert: !routine }]);
  }
  return line;
}

/** A line as plain text (with "!" after alerts when `markers`), for tests and width checks. */
export function lineText(line: Line, markers: boolean): string {
  return line.map((group) => group.map((p) => p.text + (markers && p.alert ? '!' : '')).join(' ')).join('  ');
}
