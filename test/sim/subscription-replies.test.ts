/**
 * What a subscription is answered with, as the venue does in 2026 (POLYMARKET.md §13.6, §13.13):
 * the dump of the NEW known live assets as one compact array ending in "\n" (no empty frame after
 * it), a bare `[]` when none of them is known and live, and nothing at all for assets the
 * connection already has.
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { Client, dumpElement, roundTrip, until } from './helpers.js';

const UNKNOWN = '12345678901234567890123456789012345678901234567890123456789012345678901234567';

let sim: Simulator;
let a: string;
let b: string;
let resolvedTokens: string[];
beforeAll(async () => {
  sim = await startSimulator({ seed: 13, rate: 0, markets: 3, epochMs: 1_784_449_237_000 });
  sim.advance(100);
  [a, b] = sim.markets()[0]!.tokens.map((t) => t.tokenId) as [string, string];
  const gone = sim.markets()[2]!;
  sim.resolveMarket(gone.conditionId);
  resolvedTokens = gone.tokens.map((t) => t.tokenId);
});
afterAll(async () => sim.close());

/** The exact dump frame the venue sends for `assets` now. */
function dumpOf(assets: readonly string[]): string {
  return `${JSON.stringify(assets.map((id) => dumpElement(sim.truthBook(id)!)))}\n`;
}

async function first(frame: unknown): Promise<Client> {
  const client = await Client.open(sim.urls.ws_market);
  client.send(frame);
  return client;
}

describe('subscription replies', () => {
  it('answers a first subscription of unknown ids with the two bytes "[]" in a text frame', async () => {
    const ws = new WebSocket(sim.urls.ws_market);
    await new Promise((resolve) => ws.once('open', resolve));
    const received: { text: string; binary: boolean }[] = [];
    ws.on('message', (data, isBinary) => received.push({ text: data.toString(), binary: isBinary }));
    ws.send(JSON.stringify({ assets_ids: [UNKNOWN, '42'], type: 'market' }));
    ws.send('PING');
    await until(() => received.length >= 2);
    expect(received).toEqual([
      { text: '[]', binary: false },
      { text: 'PONG', binary: false },
    ]);
    ws.terminate();
  });

  it('answers "[]" for resolved tokens too, and for an operation:"subscribe" first frame', async () => {
    const client = await first({ operation: 'subscribe', assets_ids: resolvedTokens });
    await roundTrip(client);
    expect(client.frames).toEqual(['[]', 'PONG']);
    client.close();
  });

  it('a mix of known and unknown gets the dump of the known ones only: compact, ending in "\\n", no empty frame', async () => {
    const client = await first({ assets_ids: [UNKNOWN, b, resolvedTokens[0], a], type: 'market' });
    await roundTrip(client);
    expect(client.frames).toEqual([dumpOf([b, a]), 'PONG']);
    sim.advance(20);
    await roundTrip(client);
    expect(client.frames.slice(2, -1).length).toBeGreaterThan(0);
    expect(client.frames.slice(2, -1).every((f) => f.startsWith('{'))).toBe(true);
    client.close();
  });

  it('a dynamic subscribe is answered the same way: "[]", or the dump of its new known assets', async () => {
    const client = await first({ assets_ids: [], type: 'market' });
    client.send({ operation: 'subscribe', assets_ids: [UNKNOWN] });
    client.send({ operation: 'subscribe', assets_ids: [UNKNOWN, a, '42'] });
    await roundTrip(client);
    expect(client.frames).toEqual(['[]', dumpOf([a]), 'PONG']);
    client.close();
  });

  it('ignores a duplicate subscribe: nothing at all when every asset is already held, the new ones otherwise', async () => {
    const client = await first({ assets_ids: [a, UNKNOWN], type: 'market' });
    await roundTrip(client);
    expect(client.frames).toEqual([dumpOf([a]), 'PONG']);
    client.send({ operation: 'subscribe', assets_ids: [a] });
    client.send({ operation: 'subscribe', assets_ids: [UNKNOWN, a] });
    await roundTrip(client);
    expect(client.frames.slice(2)).toEqual(['PONG']);
    client.send({ operation: 'subscribe', assets_ids: [a, b, b] });
    await roundTrip(client);
    expect(client.frames.slice(3)).toEqual([dumpOf([b]), 'PONG']);
    client.close();
  });

  it('only unsubscribe then subscribe yields a fresh snapshot', async () => {
    const client = await first({ assets_ids: [a], type: 'market' });
    await roundTrip(client);
    sim.advance(50);
    await roundTrip(client);
    const before = client.frames.length;
    client.send({ operation: 'unsubscribe', assets_ids: [a] });
    client.send({ operation: 'subscribe', assets_ids: [a] });
    await roundTrip(client);
    expect(client.frames.slice(before)).toEqual([dumpOf([a]), 'PONG']);
    client.close();
  });

  it('initial_dump:false answers neither a dump nor "[]"', async () => {
    for (const assets of [[a], [UNKNOWN]]) {
      const client = await first({ assets_ids: assets, type: 'market', initial_dump: false });
      await roundTrip(client);
      expect(client.frames).toEqual(['PONG']);
      client.close();
    }
  });
});
