/**
 * The simulator's only source of randomness: mulberry32, seeded. Nothing in the sim's logic may
 * call Math.random, so one seed reproduces the same markets, ids and event sequence.
 *
 * Independent concerns (market catalog, order flow, faults, user channel) draw from separate
 * streams (`derive`), so turning a fault on does not change the market's own sequence.
 */

/** Mixes a seed and a label into a new 32-bit seed (splitmix32 finalizer). */
export function mixSeed(seed: number, label: number): number {
  let z = (seed + Math.imul(label + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

export class Rng {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    if (list.length === 0) throw new Error('pick from an empty list');
    return list[Math.floor(this.next() * list.length)]!;
  }

  /** Exponentially distributed with the given mean (inter-arrival times). */
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** Number of failures before the first success, capped: "mostly near the top of the book". */
  geometric(p: number, cap: number): number {
    let n = 0;
    while (n < cap && !this.chance(p)) n++;
    return n;
  }

  /** Shuffles in place (Fisher-Yates) and returns the list. */
  shuffle<T>(list: T[]): T[] {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = list[i]!;
      list[i] = list[j]!;
      list[j] = tmp;
    }
    return list;
  }

  /** `n` lowercase hex digits. */
  hex(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += '0123456789abcdef'[Math.floor(this.next() * 16)];
    return out;
  }

  /** `n` decimal digits, the first one non-zero. */
  digits(n: number): string {
    let out = String(this.int(1, 9));
    for (let i = 1; i < n; i++) out += String(Math.floor(this.next() * 10));
    return out;
  }

  /** An independent stream for another concern. */
  derive(label: number): Rng {
    return new Rng(mixSeed(this.seed, label));
  }
}
