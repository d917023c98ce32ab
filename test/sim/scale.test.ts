import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eventText, type Out } from '../../src/sim/frames.js';
import { MAX_MARKETS, spacedJson, startSimulator, type SimOptions } from '../../src/sim/index.js';
import { Rng } from '../../src/sim/rng.js';
import { MarketSimulation } from '../../src/sim/simulation.js';
import { eventsOf, subscribed } from './helpers.js';

const EPOCH = 1_784_449_237_000;

/** A digest of everything a seeded, advance-only session broadcasts, and of its REST truth after it. */
async function digest(options: SimOptions, steps: number): Promise<{ frames: number; sha1: string }> {
  const sim = await startSimulator({ seed: 7, markets: 3, rate: 0, epochMs: EPOCH, ...options });
  try {
    const hash = createHash('sha1');
    let frames = 0;
    sim.onFrame((f) => {
      hash.update(`${f.kind} ${f.audience} ${f.text}\n`);
      frames++;
    });
    sim.advance(steps);
    // The fields markets() gained later (endDate, seriesSlug for `sim --window`) are not in the old digests.
    hash.update(JSON.stringify(sim.markets().map(({ endDate: _end, seriesSlug: _series, ...market }) => market)));
    for (const m of sim.markets()) for (const t of m.tokens) hash.update(JSON.stringify(sim.truthBook(t.tokenId)));
    return { frames, sha1: hash.digest('hex') };
  } finally {
    await sim.close();
  }
}

describe('scale', () => {
  it('serves 2,500 markets: 5,000 distinct ids, a 200-asset dump, delivery counted', async () => {
    const sim = await startSimulator({ markets: 2500, rate: 0, seed: 11, epochMs: EPOCH });
    try {
      const ids = sim.markets().flatMap((m) => m.tokens.map((t) => t.tokenId));
      expect(new Set(ids).size).toBe(5000);
      const client = await subscribed(sim, ids.slice(4800));
      const dump = JSON.parse(client.frames[0]!) as { asset_id: string }[];
      expect(dump.map((b) => b.asset_id)).toEqual(ids.slice(4800));
      expect(sim.marketDelivery().frames).toBeGreaterThanOrEqual(1);
      expect(sim.marketDelivery().chars).toBeGreaterThanOrEqual(client.frames[0]!.length);
      client.close();
    } finally {
      await sim.close();
    }
  });

  it(`accepts up to ${MAX_MARKETS} markets and no more`, async () => {
    await expect(startSimulator({ markets: MAX_MARKETS + 1 })).rejects.toThrow(RangeError);
  });

  it('keeps the bytes of seeded sessions (digests taken before the scale work)', async () => {
    expect(await digest({}, 2000)).toEqual({ frames: 2827, sha1: 'e55d7af2bf883c5e2aa2011b6312718261c7dd44' });
    expect(await digest({ legacy: true }, 2000)).toEqual({ frames: 2000, sha1: '41e25c2aab2fe73137bbe3917985b0e4444a1f17' });
  });

  it('the direct writers spell what the generic serializers would', () => {
    for (const legacy of [false, true]) {
      const outs: Out[] = [];
      const sim = new MarketSimulation({ rng: new Rng(5), markets: 6, rate: 0, epochMs: EPOCH, realtime: false, legacy }, (o) => outs.push(...o));
      sim.advance(3000);
      const ts = String(EPOCH + 999_999);
      for (const m of sim.markets) {
        for (const t of [0, 1] as const) {
          expect(m.dumpJson(t)).toBe(JSON.stringify(m.dumpBody(t)));
          expect(m.midStreamBookText(t, ts)).toBe(eventText(m.midStreamBook(t, ts), legacy));
          for (const side of ['BUY', 'SELL'] as const) {
            expect(m.book.levelsJson(t, side)).toBe(JSON.stringify(m.book.levels(t, side)));
            expect(m.book.levelsSpacedJson(t, side)).toBe(spacedJson(m.book.levels(t, side)));
          }
        }
      }
      const changes = outs.filter((o) => o.kind === 'price_change');
      expect(changes.length).toBeGreaterThan(2000);
      for (const o of changes) expect(legacy ? JSON.stringify(JSON.parse(o.text)) : spacedJson(JSON.parse(o.text))).toBe(o.text);
    }
  });

  it('stepGapMs packs one market’s messages into shared timestamps, deterministically', async () => {
    await expect(startSimulator({ rate: 10, stepGapMs: 1 })).rejects.toThrow(RangeError);
    const run = async (): Promise<string[]> => {
      const sim = await startSimulator({ seed: 3, markets: 2, rate: 0, epochMs: EPOCH, stepGapMs: 0.05 });
      const frames: string[] = [];
      sim.onFrame((f) => frames.push(f.text));
      sim.advance(400);
      await sim.close();
      return frames;
    };
    const a = await run();
    expect(await run()).toEqual(a);
    let repeats = 0;
    let previous = '';
    for (const event of eventsOf(a)) {
      if (event.kind !== 'price_change') continue;
      const key = `${event.market}/${event.timestamp}`;
      if (key === previous) repeats++;
      previous = key;
    }
    expect(repeats).toBeGreaterThan(100);
  });
});
