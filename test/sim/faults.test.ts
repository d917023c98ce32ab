import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startSimulator, type SimFrame, type Simulator, type SimOptions } from '../../src/sim/index.js';
import { allAssets, bookMeta, Client, eventsOf, mirror, sleep, subscribed, truthFingerprint, until } from './helpers.js';

let sim: Simulator | null = null;
async function start(options: SimOptions): Promise<Simulator> {
  sim = await startSimulator({ seed: 41, rate: 0, markets: 2, epochMs: 1_784_449_237_000, ...options });
  return sim;
}
afterEach(async () => {
  await sim?.close();
  sim = null;
});

describe('fault controls', () => {
  it('dropConnections terminates every client (1006) and connections() counts them', async () => {
    const s = await start({});
    const a = await subscribed(s, allAssets(s));
    const b = await Client.open(s.urls.ws_user);
    await until(() => s.connections() === 2);
    s.dropConnections();
    expect((await a.waitClose()).code).toBe(1006);
    expect((await b.waitClose()).code).toBe(1006);
    await until(() => s.connections() === 0);
  });

  it('stall stops data but PING is still answered; mutePong stops PONG', async () => {
    const s = await start({});
    const client = await subscribed(s, allAssets(s));
    s.stall(true);
    s.advance(100);
    client.send('PING');
    await client.waitFor((f) => f === 'PONG');
    expect(client.frames.slice(1)).toEqual(['PONG']);
    s.stall(false);
    s.mutePong(true);
    client.send('PING');
    s.advance(20);
    await client.count(3);
    await sleep(50);
    expect(client.frames.filter((f) => f === 'PONG')).toHaveLength(1);
    client.close();
  });

  it('sendMalformed sends bad JSON, a bad price, a negative size and a bad side; books stay right', async () => {
    const s = await start({});
    const client = await subscribed(s, allAssets(s), { custom_feature_enabled: true });
    let sent = 0;
    s.onFrame(() => sent++);
    s.advance(50);
    s.sendMalformed();
    s.advance(50);
    await client.count(1 + sent + 4);
    const reasons = eventsOf(client.frames).flatMap((e) => (e.kind === 'invalid' ? [e.reason] : []));
    expect(reasons).toEqual(['malformed_json', 'bad_decimal', 'negative_size', 'bad_side']);
    const engine = await mirror(s, client.frames);
    for (const asset of allAssets(s)) expect(engine.fingerprint(asset)).toBe(truthFingerprint(s, asset));
    client.close();
  });

  it('restartListener refuses connections while down and comes back on the same port', async () => {
    const s = await start({});
    const client = await subscribed(s, allAssets(s));
    const port = s.port;
    const back = s.restartListener(300);
    expect((await client.waitClose()).code).toBe(1006);
    const refused = await new Promise<string>((resolve) => {
      const ws = new WebSocket(s.urls.ws_market);
      ws.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      ws.on('open', () => resolve('open'));
    });
    expect(refused).toBe('ECONNREFUSED');
    await back;
    expect(s.port).toBe(port);
    const again = await subscribed(s, allAssets(s));
    expect(again.frames[0]!.startsWith('[')).toBe(true);
    again.close();
  });

  it('corruptBook changes the truth silently: the client diverges and its hash audit notices', async () => {
    const s = await start({});
    const asset = allAssets(s)[0]!;
    const client = await subscribed(s, allAssets(s), { custom_feature_enabled: true });
    const before = truthFingerprint(s, asset);
    s.corruptBook(asset);
    expect(truthFingerprint(s, asset)).not.toBe(before);
    await sleep(30);
    expect(client.frames).toHaveLength(1);
    expect((await mirror(s, client.frames)).fingerprint(asset)).toBe(before);
    let sent = 0;
    s.onFrame(() => sent++);
    s.advance(400);
    await client.count(1 + sent);
    const engine = await mirror(s, client.frames);
    // The next hash check fails, or the next book pair (after a trade) disagrees with the rebuilt book.
    const integrity = engine.assets.get(asset)!.integrity;
    expect(integrity.hash_mismatch + integrity.snapshots_disagreed).toBeGreaterThan(0);
    client.close();
  });

  it('duplicateInBurst re-sends price_change frames byte for byte', async () => {
    const s = await start({ faults: { duplicateInBurst: 1 } });
    const client = await subscribed(s, allAssets(s), { custom_feature_enabled: true });
    let sent = 0;
    s.onFrame(() => sent++);
    s.advance(30);
    await client.count(1 + sent);
    const changes = client.frames.slice(1).filter((f) => f.includes('"price_change"'));
    for (let i = 0; i < changes.length; i += 2) expect(changes[i + 1]).toBe(changes[i]);
    const engine = await mirror(s, client.frames);
    for (const asset of allAssets(s)) expect(engine.fingerprint(asset)).toBe(truthFingerprint(s, asset));
    client.close();
  });

  it('reorderInBurst shuffles a same-timestamp run but keeps the server-order hashes', async () => {
    const s = await start({ faults: { reorderInBurst: 1 } });
    const m = s.markets()[0]!;
    const client = await subscribed(
      s,
      m.tokens.map((t) => t.tokenId),
      { custom_feature_enabled: true },
    );
    const meta = await bookMeta(s);
    const sent: SimFrame[] = [];
    s.onFrame((f) => sent.push(f));
    s.resolveMarket(m.conditionId);
    await client.count(1 + sent.length);
    const burst = client.frames.slice(1, -1).map((f) => JSON.parse(f));
    const prices = burst.map((e) => Number(e.price_changes[0].price));
    // Server order removes A's bids best-first, then its asks: a shuffle breaks that order.
    expect(prices).not.toEqual([...prices].sort((x, y) => y - x));
    // The last hash the server sent for each token is that of the empty book, wherever it lands.
    const engine = await mirror(s, client.frames, meta);
    for (const t of m.tokens) {
      expect(engine.assets.get(t.tokenId)!.book!.bids.levels).toEqual([]);
      expect(engine.assets.get(t.tokenId)!.integrity.hash_mismatch).toBe(0);
      expect(engine.assets.get(t.tokenId)!.integrity.hash_verified).toBeGreaterThan(0);
    }
    client.close();
  });
});

describe('periodic faults from options', () => {
  it('malformedEverySec and stallAfterSec act on their own', async () => {
    const s = await start({ rate: 200, faults: { malformedEverySec: 0.1, stallAfterSec: 0.3 } });
    const client = await subscribed(s, allAssets(s));
    await until(() => eventsOf(client.frames).some((e) => e.kind === 'invalid'), 2000, 'malformed frames');
    // Frozen 0.3 s after subscribing: data stops, PING is still answered.
    await sleep(400);
    const frozenAt = client.frames.length;
    await sleep(100);
    expect(client.frames.length).toBe(frozenAt);
    client.send('PING');
    await client.waitFor((f) => f === 'PONG');
    expect(client.frames.length).toBe(frozenAt + 1);
    // A new connection is fresh again: it gets its dump.
    const fresh = await subscribed(s, allAssets(s));
    expect(fresh.frames[0]!.startsWith('[')).toBe(true);
    for (const c of [client, fresh]) c.close();
  });

  it('dropEverySec terminates connections periodically', async () => {
    const s = await start({ rate: 50, faults: { dropEverySec: 0.2 } });
    const client = await subscribed(s, allAssets(s));
    expect((await client.waitClose(2000)).code).toBe(1006);
  });

  it('restartEverySec bounces the listener', async () => {
    const s = await start({ rate: 50, faults: { restartEverySec: 0.3 } });
    const client = await subscribed(s, allAssets(s));
    expect((await client.waitClose(2000)).code).toBe(1006);
    let again: Client | null = null;
    for (let i = 0; i < 40 && !again; i++) {
      again = await subscribed(s, allAssets(s)).catch(() => null);
      if (!again) await sleep(50);
    }
    expect(again).not.toBeNull();
    again!.close();
  });

  it('noPong never answers PING', async () => {
    const s = await start({ faults: { noPong: true } });
    const client = await subscribed(s, allAssets(s));
    client.send('PING');
    s.advance(10);
    await client.count(2);
    await sleep(50);
    expect(client.frames).not.toContain('PONG');
    client.close();
  });
});
