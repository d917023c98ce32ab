/**
 * `npm run bench`: every benchmark, printed as rates and ratios against in-process baselines.
 * `npm run bench -- <ingest|e2e|render|peer|scale>` runs one; `--seconds N` shortens the scale run
 * (BENCH_SCALE_VIA=argv|config picks how its 5,000 ids reach the watch process; default: argv when
 * they fit).
 */
import { benchEndToEnd } from './e2e.js';
import { benchIngest } from './ingest.js';
import { benchPeer } from './peer.js';
import { benchScale, SCALE_DEFAULTS } from './scale.js';

// Ink draws nothing while CI is set (../shared/TOOLCHAIN.md); the render benchmark must draw.
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;

const args = process.argv.slice(2);
const secondsAt = args.indexOf('--seconds');
const seconds = secondsAt < 0 ? Number(process.env.BENCH_SCALE_SECONDS ?? SCALE_DEFAULTS.seconds) : Number(args[secondsAt + 1]);
if (!Number.isInteger(seconds) || seconds < 2) throw new RangeError('--seconds must be a whole number ≥ 2');
const only = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--seconds');

if (!only || only === 'ingest') {
  await benchIngest(Number(process.env.BENCH_LOOPS ?? 100));
  process.stdout.write('\n');
}
if (!only || only === 'peer') {
  await benchPeer(Number(process.env.BENCH_PEER_LOOPS ?? 50));
  process.stdout.write('\n');
}
if (!only || only === 'e2e') {
  await benchEndToEnd(Number(process.env.BENCH_STEPS ?? 20_000));
  process.stdout.write('\n');
}
if (!only || only === 'render') {
  const { benchRender } = await import('./render.js');
  await benchRender();
  process.stdout.write('\n');
}
if (!only || only === 'startup') {
  const { benchStartup } = await import('./startup.js');
  await benchStartup();
  process.stdout.write('\n');
}
if (!only || only === 'scale') {
  const via = process.env.BENCH_SCALE_VIA ?? SCALE_DEFAULTS.via;
  if (via !== 'auto' && via !== 'argv' && via !== 'config') throw new RangeError('BENCH_SCALE_VIA must be auto, argv or config');
  await benchScale({ ...SCALE_DEFAULTS, seconds, via });
  process.stdout.write('\n');
  const { benchScaleScreen } = await import('./scale-screen.js');
  await benchScaleScreen({ ...SCALE_DEFAULTS, seconds });
}
