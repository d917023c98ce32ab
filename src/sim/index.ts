/**
 * polybook's local Polymarket: market and user WebSockets, CLOB REST and Gamma on one loopback
 * port, protocol-faithful per ../../shared/protocol/POLYMARKET.md (see README.md here).
 *
 *   const sim = await startSimulator({ port: 0, seed: 7 });
 *   // sim.urls.ws_market, sim.urls.rest, sim.markets(), sim.truthBook(id), sim.resolveMarket(...)
 *   await sim.close();
 */
import type { FaultOptions } from './faults.js';
import { captureMarkets, loadCapture, CaptureFeed } from './capture.js';
import { Rng } from './rng.js';
import { MarketSimulation } from './simulation.js';
import { RunningSimulator } from './simulator.js';
import type { SimOptions, Simulator } from './types.js';
import { TEST_CREDENTIALS } from './user-auth.js';

export type * from './types.js';
export { TEST_CREDENTIALS, AUTH_FAILED_CODE, AUTH_FAILED_REASON, type UserCredentials } from './user-auth.js';
export { NO_ORDERBOOK } from './rest.js';
export { spacedJson } from './wire-json.js';

export const SIM_DEFAULTS = {
  host: '127.0.0.1',
  port: 0,
  seed: 1,
  markets: 3,
  rate: 20,
  idleTimeoutMs: 30_000,
} as const;

/** Generated markets at most: 10,000 assets, twice what a 5,000-asset client session needs. */
export const MAX_MARKETS = 5000;

function check(ok: boolean, message: string): void {
  if (!ok) throw new RangeError(message);
}

function checkFaults(f: FaultOptions): void {
  for (const key of ['dropEverySec', 'stallAfterSec', 'malformedEverySec', 'restartEverySec'] as const) {
    const v = f[key];
    check(v === undefined || (Number.isFinite(v) && v > 0), `faults.${key} must be a positive number of seconds`);
  }
  for (const key of ['duplicateInBurst', 'reorderInBurst'] as const) {
    const v = f[key];
    check(v === undefined || (Number.isFinite(v) && v >= 0 && v <= 1), `faults.${key} must be a probability in [0, 1]`);
  }
  for (const key of ['stallAboveAssets', 'quietMarkets'] as const) {
    const v = f[key];
    check(v === undefined || (Number.isInteger(v) && v >= 0), `faults.${key} must be a non-negative integer`);
  }
}

/** Starts a simulator and resolves once it listens (see `Simulator`). */
export async function startSimulator(options: SimOptions = {}): Promise<Simulator> {
  const seed = options.seed ?? SIM_DEFAULTS.seed;
  const markets = options.markets ?? SIM_DEFAULTS.markets;
  const rate = options.rate ?? SIM_DEFAULTS.rate;
  const port = options.port ?? SIM_DEFAULTS.port;
  const idleTimeoutMs = options.idleTimeoutMs ?? SIM_DEFAULTS.idleTimeoutMs;
  const faults = options.faults ?? {};
  check(Number.isInteger(seed), 'seed must be an integer');
  check(Number.isInteger(markets) && markets >= 0 && markets <= MAX_MARKETS, `markets must be an integer in [0, ${MAX_MARKETS}]`);
  check(Number.isFinite(rate) && rate >= 0 && rate <= 100_000, 'rate must be a number in [0, 100000]');
  check(Number.isInteger(port) && port >= 0 && port <= 65_535, 'port must be an integer in [0, 65535]');
  check(Number.isFinite(idleTimeoutMs) && idleTimeoutMs > 0, 'idleTimeoutMs must be positive');
  check(options.stepGapMs === undefined || (Number.isFinite(options.stepGapMs) && options.stepGapMs > 0), 'stepGapMs must be a positive number');
  check(options.stepGapMs === undefined || rate === 0, 'stepGapMs applies to rate 0 only');
  check(options.windowSec === undefined || (Number.isFinite(options.windowSec) && options.windowSec >= 1), 'windowSec must be at least 1 second');
  check(options.windowSec === undefined || options.replay === undefined, 'windowSec needs generated markets, not a replay');
  checkFaults(faults);

  const rng = new Rng(seed);
  const capture = options.replay === undefined ? null : await loadCapture(options.replay);
  let running: RunningSimulator | null = null;
  const sim = new MarketSimulation(
    {
      rng,
      markets: capture ? 0 : markets,
      rate: capture ? 0 : rate,
      epochMs: options.epochMs ?? Date.now(),
      // With rate 0 only advance() moves time, so a seed and an epoch reproduce every byte.
      realtime: capture !== null || rate > 0,
      legacy: options.legacy === true,
      ...(options.stepGapMs !== undefined && { stepGapMs: options.stepGapMs }),
      ...(options.windowSec !== undefined && { windowMs: Math.round(options.windowSec * 1000) }),
    },
    (outs) => running?.broadcast(outs),
  );
  if (capture) for (const m of captureMarkets(capture)) sim.adopt(m);
  running = new RunningSimulator({
    sim,
    capture: capture ? new CaptureFeed(capture) : null,
    rng,
    faults,
    credentials: options.userCredentials ?? TEST_CREDENTIALS,
    idleTimeoutMs,
  });
  await running.start(options.host ?? SIM_DEFAULTS.host, port);
  return running;
}
