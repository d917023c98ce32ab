/**
 * Ingest throughput of the real capture through parse + apply + audits, against plain JSON.parse
 * of the same lines in the same process. Target (issue #2): ratio ≥ 0.5.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BookEngine } from '../../src/book/engine.js';
import { splitFrames } from '../../src/feed/recording.js';
import { parseFrame, parseRestBook } from '../../src/protocol/parse-frame.js';
import { fmt, line, measure } from './harness.js';

// `npm run bench` runs from the package root; ../shared sits beside the checkout (as in CI).
const LIVE = resolve(process.env.POLYBOOK_SHARED ?? '../shared', 'fixtures/polymarket/live-2026-07-19-polysim') + '/';

export function benchIngest(loops = 100): void {
  const frames = splitFrames(readFileSync(`${LIVE}market-frames.jsonl`, 'utf8'));
  const restBook = parseRestBook(JSON.parse(readFileSync(`${LIVE}rest-book.json`, 'utf8')));
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
      if (withMeta && restBook.kind === 'book') {
        engine.setBookMeta(restBook.market, { minOrderSize: restBook.minOrderSize!, negRisk: restBook.negRisk! });
      }
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
