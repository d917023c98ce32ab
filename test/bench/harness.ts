/**
 * Tiny benchmark harness: runs a baseline and candidates alternately in one process and reports
 * medians and ratios (never asserted: speed is printed, not tested).
 */
export interface Measured {
  readonly name: string;
  /** Units processed per second (median over rounds). */
  readonly perSec: number;
}

/** Runs `fn` (which processes `units` units) `rounds` times after a warm-up; median units/s. */
export function measure(name: string, units: number, fn: () => void, rounds = 7): Measured {
  fn();
  const rates: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = process.hrtime.bigint();
    fn();
    const ns = Number(process.hrtime.bigint() - start);
    rates.push((units * 1e9) / ns);
  }
  rates.sort((a, b) => a - b);
  return { name, perSec: rates[Math.floor(rates.length / 2)]! };
}

export function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function line(label: string, value: string): void {
  process.stdout.write(`  ${label.padEnd(44)} ${value}\n`);
}

/**
 * Runs every function once per round, in turn (A B C A B C …, after one warm-up run each), so a
 * drift of the machine's speed touches all alike; median seconds per run of each.
 */
export function interleaved(fns: readonly (() => void)[], rounds = 9): number[] {
  for (const fn of fns) fn();
  const times: number[][] = fns.map(() => []);
  for (let r = 0; r < rounds; r++) {
    fns.forEach((fn, i) => {
      const start = process.hrtime.bigint();
      fn();
      times[i]!.push(Number(process.hrtime.bigint() - start) / 1e9);
    });
  }
  return times.map((ts) => ts.sort((a, b) => a - b)[Math.floor(ts.length / 2)]!);
}
