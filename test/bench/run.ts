/** `npm run bench`: every benchmark, printed as rates and ratios against in-process baselines. */
import { benchEndToEnd } from './e2e.js';
import { benchIngest } from './ingest.js';

// Ink draws nothing while CI is set (../shared/TOOLCHAIN.md); the render benchmark must draw.
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;

const only = process.argv[2];
if (!only || only === 'ingest') {
  benchIngest(Number(process.env.BENCH_LOOPS ?? 100));
  process.stdout.write('\n');
}
if (!only || only === 'e2e') {
  await benchEndToEnd(Number(process.env.BENCH_STEPS ?? 20_000));
  process.stdout.write('\n');
}
if (!only || only === 'render') {
  const { benchRender } = await import('./render.js');
  await benchRender();
}
