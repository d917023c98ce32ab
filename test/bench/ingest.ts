/**
 * Ingest throughput of the real capture through parse + apply + audits, against plain JSON.parse
 * of the same lines in the same process. Target (issue #2): ratio ≥ 0.5.
 *
 * Then the same for generated sessions (sessions.ts: v1 legacy markets; current-format frames of
 * 3+ entries), each with every market's REST metadata known so venue-hash verification runs:
 * goals ≥ 0.5 of JSON.parse without the metadata, ≥ 0.4 with it.
 */
import { BookEngine } from '../../src/book/engine.js';
import { parseFrame } from '../../src/protocol/parse-frame.js';
import { fmt, line, pairedRatios } from './harness.js';
import { auditTotals, entriesPerPriceChange, legacySession, liveSession, multiEntrySession, type Session } from './sessions.js';

export async function benchIngest(loops = 100): Promise<void> {
  benchLive(loops);
  const sessions = [await legacySession(), await multiEntrySession()];
  process.stdout.write("\ningest: generated sessions (seed 23, fixed epoch, rate 0 + advance; every market's REST metadata known)\n");
  for (const session of sessions) benchSession(session);
}

/** JSON.parse of every JSON line: the baseline every ratio is against. */
function parseAll(frames: readonly string[], loops: number): () => void {
  return () => {
    let sink = 0;
    for (let l = 0; l < loops; l++) {
      for (const frame of frames) {
        const c = frame.charCodeAt(0);
        if (c === 123 || c === 91) sink += JSON.parse(frame) === null ? 0 : 1;
      }
    }
    if (sink === -1) process.stdout.write('\n');
  };
}

/** What `replay --format json` does per frame: parse, apply the frame, audit; then flush. */
function ingestAll(session: Session, loops: number, withMeta: boolean): () => void {
  return () => {
    for (let l = 0; l < loops; l++) {
      const engine = new BookEngine();
      if (withMeta) for (const [market, meta] of session.meta) engine.setBookMeta(market, meta);
      for (const frame of session.frames) engine.applyFrame(parseFrame(frame).events);
      engine.flush();
    }
  };
}

/** Paired CPU-time ratios (harness.ts `pairedRatios`): without and with the venue-hash metadata. */
function ratios(session: Session, loops: number): { events: number; perSec: number; plain: number; hashed: number } {
  let eventsPerLoop = 0;
  for (const frame of session.frames) eventsPerLoop += parseFrame(frame).events.length;
  const events = eventsPerLoop * loops;
  const {
    baselineSeconds,
    ratios: [plain, hashed],
  } = pairedRatios(parseAll(session.frames, loops), [ingestAll(session, loops, false), ingestAll(session, loops, true)]);
  return { events, perSec: events / baselineSeconds, plain: plain!, hashed: hashed! };
}

function benchLive(loops: number): void {
  const live = liveSession();
  const r = ratios(live, loops);
  process.stdout.write(`ingest: live capture ×${loops} (${fmt(live.frames.length * loops)} frames, ${fmt(r.events)} events; CPU time, rounds paired)\n`);
  line('baseline: JSON.parse of the same lines', `${fmt(r.perSec)} events/s`);
  line('parse + apply + audits', `ratio ${r.plain.toFixed(2)} (target ≥ 0.50)`);
  line('… plus venue-hash verification (--book-meta)', `ratio ${r.hashed.toFixed(2)} (target ≥ 0.40)`);
}

/** One generated session: the same ratios, and what it holds. */
function benchSession(session: Session): void {
  const frames = session.frames;
  const entries = entriesPerPriceChange(frames).sort((a, b) => a - b);
  const atLeast3 = entries.filter((n) => n >= 3).length;
  const audit = auditTotals(session);
  const r = ratios(session, 1);
  const median = entries[entries.length >> 1] ?? 0;
  process.stdout.write(
    `${session.name}: ${fmt(frames.length)} frames, ${fmt(r.events)} events, ${fmt(entries.length)} price_change ` +
      `(entries min ${entries[0] ?? 0}, median ${median}, ${((100 * atLeast3) / Math.max(1, entries.length)).toFixed(0)} % with 3+); ` +
      `hashes with metadata: ${fmt(audit.verified)} verified, ${fmt(audit.mismatched)} mismatched, ${fmt(audit.unverifiable)} unverifiable\n`,
  );
  line('baseline: JSON.parse of the same lines', `${fmt(r.perSec)} events/s`);
  line('parse + apply + audits', `ratio ${r.plain.toFixed(2)} (goal ≥ 0.50)`);
  line('… plus venue-hash verification (metadata)', `ratio ${r.hashed.toFixed(2)} (goal ≥ 0.40)`);
}
