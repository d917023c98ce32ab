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

/** CPU seconds (user + system) `fn` takes: other processes on a noisy machine inflate wall time, not this. */
export function cpuSeconds(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

/**
 * Runs a baseline and candidates in turn, round after round (after a warm-up each), timing CPU;
 * for each candidate the median over rounds of (baseline time ÷ candidate time) of the same round:
 * a throughput ratio that a drift of the machine's speed touches alike on both sides.
 */
export function pairedRatios(baseline: () => void, candidates: readonly (() => void)[], rounds = 9): { baselineSeconds: number; ratios: number[] } {
  baseline();
  for (const fn of candidates) fn();
  const base: number[] = [];
  const ratios: number[][] = candidates.map(() => []);
  for (let r = 0; r < rounds; r++) {
    const b = cpuSeconds(baseline);
    base.push(b);
    for (const [i, fn] of candidates.entries()) ratios[i]!.push(b / cpuSeconds(fn));
  }
  const median = (xs: number[]) => xs.sort((a, c) => a - c)[Math.floor(xs.length / 2)]!;
  return { baselineSeconds: median(base), ratios: ratios.map(median) };
}

/**
 * Extra work over a baseline, compared with a reference's extra work, paired round by round: each
 * round times (in CPU seconds) the baseline `a`, the reference `b` and every candidate `c` in turn,
 * and yields (c − a) ÷ (b − a) for that round; the figure is the median over rounds. The
 * difference is small next to `a` (a few hundred ns a frame over a few µs), so a drift of the
 * machine's speed between rounds would swamp a ratio of medians taken over separate rounds; within
 * a round the three see the same machine. Order rotates by round so no function always runs first.
 */
export function pairedWorkRatios(
  baseline: () => void,
  reference: () => void,
  candidates: readonly (() => void)[],
  rounds = 15,
): { baselineSeconds: number; referenceSeconds: number; candidateSeconds: number[]; ratios: number[] } {
  const fns = [baseline, reference, ...candidates];
  for (const fn of fns) fn();
  const times: number[][] = fns.map(() => []);
  const ratios: number[][] = candidates.map(() => []);
  for (let r = 0; r < rounds; r++) {
    const round: number[] = new Array(fns.length).fill(0);
    for (let k = 0; k < fns.length; k++) {
      const i = (k + r) % fns.length;
      round[i] = cpuSeconds(fns[i]!);
      times[i]!.push(round[i]!);
    }
    const a = round[0]!;
    const b = round[1]!;
    for (let c = 0; c < candidates.length; c++) ratios[c]!.push((round[c + 2]! - a) / (b - a));
  }
  const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  const [base, ref, ...rest] = times.map(median);
  return { baselineSeconds: base!, referenceSeconds: ref!, candidateSeconds: rest, ratios: ratios.map(median) };
}
