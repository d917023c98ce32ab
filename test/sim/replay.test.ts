import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { CAPTURE, captureLines, Client, sleep } from './helpers.js';

describe('--replay of the real 2026-07-19 capture', () => {
  const lines = captureLines();
  const dump = JSON.parse(lines[0]!) as { asset_id: string; hash: string; market: string }[];
  const [up, down] = dump.map((b) => b.asset_id);
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ replay: CAPTURE });
  });
  afterAll(async () => sim.close());

  it('describes the captured market', () => {
    const [m] = sim.markets();
    expect(sim.markets()).toHaveLength(1);
    expect(m!.conditionId).toBe(dump[0]!.market);
    expect(m!.tokens.map((t) => t.tokenId)).toEqual([up, down]);
  });

  it('serves the dump, then every recorded frame at the recorded pace (PONGs answered live, not replayed)', async () => {
    const both = await Client.open(sim.urls.ws_market);
    const one = await Client.open(sim.urls.ws_market);
    const started = Date.now();
    both.send({ assets_ids: [up, down], type: 'market' });
    one.send({ assets_ids: [down], type: 'market' });
    const expected = lines.filter((l) => l !== 'PONG');
    await both.count(expected.length, 8000);
    const elapsed = Date.now() - started;
    expect(both.frames).toEqual(expected);
    // The capture spans about two seconds of venue time.
    const first = Number(JSON.parse(lines[2]!).timestamp);
    const last = Math.max(...lines.filter((l) => l.startsWith('{')).map((l) => Number(JSON.parse(l).timestamp)));
    expect(elapsed).toBeGreaterThanOrEqual(last - first - 100);

    // A single-asset subscriber gets a one-book dump and only the frames about its asset.
    await sleep(50);
    const filtered = JSON.parse(one.frames[0]!);
    expect(filtered.map((b: { asset_id: string }) => b.asset_id)).toEqual([down]);
    expect(JSON.stringify(filtered[0])).toBe(JSON.stringify(dump[1]));
    const mine = expected.slice(2).filter((l) => l === '' || l.includes(down!));
    expect(one.frames.slice(2)).toEqual(mine);
    expect(one.frames.slice(2).some((l) => l.includes('"event_type":"book"') && !l.includes(down!))).toBe(false);
    both.send('PING');
    await both.waitFor((f) => f === 'PONG');
    for (const c of [both, one]) c.close();
  });

  it('answers "[]" for assets the capture does not hold, and nothing for ones already held', async () => {
    const client = await Client.open(sim.urls.ws_market);
    client.send({ assets_ids: ['42'], type: 'market' });
    client.send({ operation: 'subscribe', assets_ids: ['42'] });
    client.send('PING');
    await client.waitFor((f) => f === 'PONG');
    expect(client.frames).toEqual(['[]', 'PONG']);
    client.close();
  });

  it('answers REST /book with the opening book, whose hash is the captured one', async () => {
    const body = await (await fetch(`${sim.urls.rest}/book?token_id=${up}`)).json();
    expect(body.hash).toBe(dump[0]!.hash);
    const other = await (await fetch(`${sim.urls.rest}/book?token_id=${down}`)).json();
    expect(other.hash).toBe(dump[1]!.hash);
    expect(body.min_order_size).toBe('5');
  });

  it('refuses generator-only controls', () => {
    expect(() => sim.resolveMarket(dump[0]!.market)).toThrow(/replay/);
  });
});
