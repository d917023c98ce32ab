/**
 * End-to-end ingest from the simulator: frames/s a polybook client (MarketFeed → parse → engine →
 * store) receives and applies, against a raw `ws` client that only receives and JSON.parses the
 * same stream, measured in the same run. The simulator generates and sends in this process too, so
 * both figures include its cost; the ratio says what polybook adds on top of receiving.
 */
import WebSocket from 'ws';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { startClient, tokensOf } from '../helpers/sim-client.js';
import { fmt, line } from './harness.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Drives `steps` of order flow in slices (the outbox sends between slices) until `received()` reaches `target` frames. */
async function pump(sim: Simulator, steps: number, received: () => number, target: () => number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let done = 0; done < steps; done += 50) {
    sim.advance(50);
    await new Promise((r) => setImmediate(r));
  }
  while (received() < target()) await sleep(1);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Frames/s a client receives while the simulator runs `steps` of flow (after a 200 ms settle). */
async function measureClient(sim: Simulator, steps: number, onFrame: (count: () => void) => void): Promise<number> {
  let sent = 0;
  let received = 0;
  const off = sim.onFrame(() => sent++);
  onFrame(() => received++);
  await sleep(200);
  received = 0;
  sent = 0;
  const seconds = await pump(
    sim,
    steps,
    () => received,
    () => sent,
  );
  off();
  return received / seconds;
}

async function rawClient(sim: Simulator, ids: string[], steps: number): Promise<number> {
  const socket = new WebSocket(sim.urls.ws_market);
  let sink = 0;
  await new Promise((r) => socket.once('open', r));
  socket.send(JSON.stringify({ assets_ids: ids, type: 'market', custom_feature_enabled: true }));
  const rate = await measureClient(sim, steps, (count) =>
    socket.on('message', (data) => {
      const text = data.toString();
      if (text.charCodeAt(0) === 123 || text.charCodeAt(0) === 91) sink += JSON.parse(text) ? 1 : 0;
      count();
    }),
  );
  socket.terminate();
  return sink < 0 ? 0 : rate;
}

async function polybookClient(sim: Simulator, ids: string[], steps: number): Promise<number> {
  const client = startClient(sim, ids, { silenceMs: 0 });
  const rate = await measureClient(sim, steps, (count) => client.feed.on('frame', count));
  await client.stop();
  return rate;
}

export async function benchEndToEnd(steps = 20_000): Promise<void> {
  const sim = await startSimulator({ seed: 5, markets: 4, rate: 0 });
  const ids = tokensOf(sim);
  const raw: number[] = [];
  const ours: number[] = [];
  for (let round = 0; round < 3; round++) {
    raw.push(await rawClient(sim, ids, steps));
    ours.push(await polybookClient(sim, ids, steps));
  }
  await sim.close();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  process.stdout.write(`end to end from the simulator (${fmt(steps)} flow steps per run, median of 3)\n`);
  line('baseline: raw ws receive + JSON.parse', `${fmt(median(raw))} frames/s`);
  line('polybook client: feed → parse → engine → store', `${fmt(median(ours))} frames/s   ratio ${(median(ours) / median(raw)).toFixed(2)}`);
}
