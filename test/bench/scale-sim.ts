/**
 * Child process of the scale bench: a generated simulator (`startSimulator`, the same one
 * `polybook sim` runs), its first stdout line `{"urls", "assets", "startup_ms"}`, then one stats
 * line a second: price_change messages generated, frames handed to market sockets and still
 * queued, REST requests per route, and its own CPU and RSS. Stops on SIGTERM/SIGINT.
 *
 *   node dist/test/bench/scale-sim.js --markets 2500 --rate 1000 --seed 11
 */
import { performance } from 'node:perf_hooks';
import { startSimulator } from '../../src/sim/index.js';

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at < 0 ? fallback : Number(process.argv[at + 1]);
  if (!Number.isFinite(value)) throw new RangeError(`--${name} must be a number`);
  return value;
}

const began = performance.now();
const sim = await startSimulator({ markets: flag('markets', 2500), rate: flag('rate', 1000), seed: flag('seed', 11), port: 0 });
const startupMs = performance.now() - began;
const assets = sim.markets().flatMap((m) => m.tokens.map((t) => t.tokenId));
process.stdout.write(`${JSON.stringify({ urls: sim.urls, assets, startup_ms: Math.round(startupMs) })}\n`);

let priceChanges = 0;
let frames = 0;
sim.onFrame((frame) => {
  frames++;
  if (frame.kind === 'price_change') priceChanges++;
});
const timer = setInterval(() => {
  const cpu = process.cpuUsage();
  const delivered = sim.marketDelivery();
  const stats = {
    t_ms: Math.round(performance.now()),
    price_change: priceChanges,
    frames,
    delivered: delivered.frames,
    delivered_chars: delivered.chars,
    queued: delivered.queued,
    connections: sim.connections(),
    rest: sim.restRequests(),
    books_sizes: sim.booksRequestSizes(),
    cpu_us: cpu.user + cpu.system,
    rss: process.memoryUsage().rss,
  };
  process.stdout.write(`${JSON.stringify(stats)}\n`);
}, 1000);

const stop = (): void => {
  clearInterval(timer);
  void sim.close().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
