/**
 * `npm run soak -- --faults 1000`: a long run against the simulator with random faults. After each
 * fault the client must heal: every book equal to the simulator's truth. Prints books checked,
 * books equal to truth, faults injected and reconnects; exits 1 if any book differed or any
 * subscription was lost. Not part of `npm test` (it takes minutes).
 */
import { parseArgs } from 'node:util';
import { startSimulator } from '../../src/sim/index.js';
import { converged, startClient, tokensOf } from '../helpers/sim-client.js';

const { values } = parseArgs({
  options: { faults: { type: 'string', default: '200' }, seed: { type: 'string', default: '42' }, markets: { type: 'string', default: '4' } },
});
const faults = Number(values.faults);
const seed = Number(values.seed);

let state = seed >>> 0 || 1;
function random(): number {
  state = (state * 1664525 + 1013904223) >>> 0;
  return state / 2 ** 32;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<number> {
  const sim = await startSimulator({ seed, markets: Number(values.markets), rate: 0, faults: { reorderInBurst: 0.5, duplicateInBurst: 0.1 } });
  const ids = tokensOf(sim);
  const client = startClient(sim, ids, { silenceMs: 300, pongTimeoutMs: 250 });
  const counts: Record<string, number> = {};
  let checked = 0;
  let equal = 0;
  const flow = async (steps: number) => {
    for (let i = 0; i < steps; i += 10) {
      sim.advance(10);
      await sleep(1);
    }
  };
  const check = async () => {
    checked += ids.length;
    try {
      await converged(sim, client, ids, 10_000);
      equal += ids.length;
    } catch (error) {
      process.stderr.write(`${(error as Error).message}\n`);
    }
  };
  await check();
  const kinds = ['drop', 'stall', 'mute-pong', 'malformed', 'restart', 'burst'] as const;
  for (let i = 0; i < faults; i++) {
    const kind = kinds[Math.floor(random() * kinds.length)]!;
    counts[kind] = (counts[kind] ?? 0) + 1;
    switch (kind) {
      case 'drop':
        sim.dropConnections();
        break;
      case 'stall':
        sim.stall(true);
        await flow(20);
        await sleep(450);
        sim.stall(false);
        break;
      case 'mute-pong':
        sim.mutePong(true);
        await sleep(400);
        sim.mutePong(false);
        break;
      case 'malformed':
        sim.sendMalformed();
        break;
      case 'restart':
        await sim.restartListener(50 + Math.floor(random() * 300));
        break;
      case 'burst':
        await flow(200);
        break;
    }
    await flow(10 + Math.floor(random() * 40));
    await check();
    if ((i + 1) % 50 === 0) process.stderr.write(`soak: ${i + 1}/${faults} faults, ${equal}/${checked} books equal\n`);
  }
  const lost = ids.filter((id) => !client.feed.assets().includes(id));
  const reconnects = client.feed.connections().reduce((n, c) => n + c.health().reconnects, 0);
  await client.stop();
  await sim.close();
  const summary = {
    books_checked: checked,
    books_equal_to_truth: equal,
    faults_injected: faults,
    faults_by_kind: counts,
    reconnects,
    invalid_frames_skipped: client.binding.stats.invalid,
    subscriptions_lost: lost.length,
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  return equal === checked && lost.length === 0 ? 0 : 1;
}

process.exitCode = await main();
