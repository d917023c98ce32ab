/** `npm run bench`: every benchmark, printed as rates and ratios against in-process baselines. */
import { benchIngest } from './ingest.js';

benchIngest(Number(process.env.BENCH_LOOPS ?? 100));
