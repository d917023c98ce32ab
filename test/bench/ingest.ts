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
import { fmt, line, measure } from './harness.js';
import { auditTotals, entriesPerPriceChange, legacySession, liveSession, multiEntrySession, type Session } from './sessions.js';

export async function benchIngest(loops = 100): Promise<void> {
  benchLive(loops);
  const sessions = [await legacySession(), await multiEntrySession()];
  process.stdout.write('\ningest: generated sessions (seed 23, fixed epoch, rate 0 + advance; every market\'s REST metadata known)\n');
  for (const session of sessions) benchSession(session);
}

function benchLive(loops: number): void {
  const live = liveSession();
  const frames = live.frames;
  let eventsPerLoop = 0;
  for (const frame of frames) eventsPerLoop += parseFrame(frame).events.length;
  const totalFrames = frames.length * loops;
  const totalEvents = eventsPerLoop * loops;

  let sink = 0;
  const baseline = measure('JSON.parse', totalEvents, () => {
    for (let l = 0; l < loops; l++) {
      for (const frame of frames) {
        const c = frame.charCodeAt(0);
        if (c === 123 || c === 91) sink += JSON.parse(frame) === null ? 0 : 1;
      }
    }
  });

  const pipeline = (withMeta: boolean) => () => {
    for (let l = 0; l < loops; l++) {
      const engine = new BookEngine();
      if (withMeta) for (const [market, meta] of live.meta) engine.setBookMeta(market, meta);
      for (const frame of frames) {
        const events = parseFrame(frame).events;
        for (let i = 0; i < events.length; i++) engine.apply(events[i]!);
      }
      engine.flush();
      sink += engine.assets.size;
    }
  };
  const full = measure('parse+apply+audits', totalEvents, pipeline(false));
  const hashed = measure('parse+apply+audits+venue hash', totalEvents, pipeline(true));

  process.stdout.write(`ingest: live capture ×${loops} (${fmt(totalFrames)} frames, ${fmt(totalEvents)} events)\n`);
  line('baseline: JSON.parse of the same lines', `${fmt(baseline.perSec)} events/s`);
  line('parse + apply + audits', `${fmt(full.perSec)} events/s   ratio ${(full.perSec / baseline.perSec).toFixed(2)} (target ≥ 0.50)`);
  line('… plus venue-hash verification (--book-meta)', `${fmt(hashed.perSec)} events/s   ratio ${(hashed.perSec / baseline.perSec).toFixed(2)}`);
  if (sink === -1) process.stdout.write('\n');
}

/** One generated session: JSON.parse, then parse + applyFrame + audits without and with its metadata. */
function benchSession(session: Session): void {
  const frames = session.frames;
  let events = 0;
  for (const frame of frames) events += parseFrame(frame).events.length;
  const entries = entriesPerPriceChange(frames).sort((a, b) => a - b);
  const atLeast3 = entries.filter((n) => n >= 3).length;
  const audit = auditTotals(session);

  let sink = 0;
  const baseline = measure('JSON.parse', events, () => {
    for (const frame of frames) {
      const c = frame.charCodeAt(0);
      if (c === 123 || c === 91) sink += JSON.parse(frame) === null ? 0 : 1;
    }
  });
  const pipeline = (withMeta: boolean) => () => {
    const engine = new BookEngine();
    if (withMeta) for (const [market, meta] of session.meta) engine.setBookMeta(market, meta);
    for (const frame of frames) engine.applyFrame(parseFrame(frame).events);
    engine.flush();
    sink += engine.assets.size;
  };
  const full = measure('parse+apply+audits', events, pipeline(false));
  const hashed = measure('parse+apply+audits+venue hash', events, pipeline(true));

  const median = entries[entries.length >> 1] ?? 0;
  process.stdout.write(
    `${session.name}: ${fmt(frames.length)} frames, ${fmt(events)} events, ${fmt(entries.length)} price_change ` +
      `(entries min ${entries[0] ?? 0}, median ${median}, ${((100 * atLeast3) / Math.max(1, entries.length)).toFixed(0)} % with 3+); ` +
      `hashes with metadata: ${fmt(audit.verified)} verified, ${fmt(audit.mismatched)} mismatched, ${fmt(audit.unverifiable)} unverifiable\n`,
  );
  line('baseline: JSON.parse of the same lines', `${fmt(baseline.perSec)} events/s`);
  line('parse + apply + audits', `${fmt(full.perSec)} events/s   ratio ${(full.perSec / baseline.perSec).toFixed(2)} (goal ≥ 0.50)`);
  line('… plus venue-hash verification (metadata)', `${fmt(hashed.perSec)} events/s   ratio ${(hashed.perSec / baseline.perSec).toFixed(2)} (goal ≥ 0.40)`);
  if (sink === -1) process.stdout.write('\n');
}
