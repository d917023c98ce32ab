import { describe, expect, it } from 'vitest';
import { startSimulator, type SimOptions } from '../../src/sim/index.js';
import { allAssets, subscribed } from './helpers.js';

/** What one client sees of a sim run for `steps` steps, plus the market list. */
async function session(options: SimOptions, steps: number): Promise<{ markets: unknown; frames: string[] }> {
  const sim = await startSimulator({ rate: 0, markets: 3, epochMs: 1_784_449_237_000, ...options });
  try {
    let sent = 0;
    sim.onFrame(() => sent++);
    const client = await subscribed(sim, allAssets(sim), { custom_feature_enabled: true });
    sim.advance(steps);
    await client.count(1 + sent);
    client.close();
    return { markets: sim.markets(), frames: client.frames };
  } finally {
    await sim.close();
  }
}

describe('determinism', () => {
  it('the same seed gives the same markets, ids and bytes', async () => {
    const a = await session({ seed: 99 }, 500);
    const b = await session({ seed: 99 }, 500);
    expect(b.markets).toEqual(a.markets);
    expect(b.frames.length).toBeGreaterThan(500);
    expect(b.frames).toEqual(a.frames);
  });

  it('another seed gives other markets', async () => {
    const a = await session({ seed: 1 }, 10);
    const b = await session({ seed: 2 }, 10);
    expect(b.markets).not.toEqual(a.markets);
  });

  it('fault draws do not shift the market sequence', async () => {
    const plain = await session({ seed: 7 }, 300);
    const faulty = await session({ seed: 7, faults: { duplicateInBurst: 0.3 } }, 300);
    const unique = (frames: string[]): string[] => frames.filter((f, i) => f !== frames[i - 1]);
    expect(unique(faulty.frames)).toEqual(unique(plain.frames));
    expect(faulty.frames.length).toBeGreaterThan(plain.frames.length);
  });
});
