/** `npm run bench`: every benchmark, printed as rates and ratios against in-process baselines. */
import { benchEndToEnd } from './e2e.js';
import { benchIngest } from './ingest.js';

benchIngest(Number(process.env.BENCH_LOOPS ?? 100));
process.stdout.write('\n');
await benchEndToEnd(Number(process.env.BENCH_STEPS ?? 20_000));
