/**
 * What the sim answers CLOB `GET /prices-history` from (POLYMARKET.md §8): per market, a bounded
 * ring of its own prices (token A's mid as the book changes, or a trade's price, at most one point
 * per SAMPLE_MS of sim time), and before the market was created a made-up past: a day of one point
 * a minute, a walk that ends at the market's first mid, drawn from its condition id so it is the
 * same for the same seed, and computed when asked (a 5,000-market sim keeps no past in memory).
 *
 * Prices are in units of 0.0001 of token A; token B's are their mirror (10000 − p).
 */
import { PRICE_ONE } from './units.js';

/** Live points are at least this far apart (sim ms); /prices-history buckets by minutes anyway. */
export const SAMPLE_MS = 5000;
/** Live points kept per market: 512 × 5 s ≈ 42 minutes. */
export const RECORD_CAPACITY = 512;
/** The made-up past: a day before the market's creation, one point a minute. */
const PAST_POINTS = 24 * 60;
const MINUTE_MS = 60_000;

export interface PricePointUnits {
  /** Epoch ms. */
  readonly t: number;
  /** Token A's price in units of 0.0001. */
  readonly p: number;
}

/** A tiny seeded generator (mulberry32) over a 32-bit FNV-1a hash of a string. */
function generator(key: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  let state = h;
  return () => {
    let t = (state = (state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class PriceRecord {
  private times: Float64Array | null = null;
  private prices: Uint16Array | null = null;
  private start = 0;
  private count = 0;
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(
    /** Seeds the made-up past (the condition id). */
    private readonly key: string,
    /** Epoch ms the market was created: the past ends just before it. */
    private readonly createdAt: number,
    /** Token A's price at creation. */
    private readonly firstPrice: number,
  ) {}

  /** Whether a point at `t` (epoch ms) would be recorded: the last one is SAMPLE_MS old or more. */
  due(t: number): boolean {
    return t - this.lastAt >= SAMPLE_MS;
  }

  /** Records token A's price at `t` (epoch ms) unless the last point is closer than SAMPLE_MS. */
  note(t: number, price: number): void {
    if (!this.due(t) || price <= 0 || price >= PRICE_ONE) return;
    this.lastAt = t;
    // Allocated at the first point: a market that never moves costs nothing.
    this.times ??= new Float64Array(RECORD_CAPACITY);
    this.prices ??= new Uint16Array(RECORD_CAPACITY);
    const at = (this.start + this.count) % RECORD_CAPACITY;
    this.times[at] = t;
    this.prices[at] = Math.round(price);
    if (this.count < RECORD_CAPACITY) this.count++;
    else this.start = (this.start + 1) % RECORD_CAPACITY;
  }

  /** Every point from `from` to `to` (epoch ms, inclusive), oldest first: the past, then the record. */
  points(from: number, to: number): PricePointUnits[] {
    const out: PricePointUnits[] = [];
    if (from < this.createdAt) {
      for (const point of this.past()) if (point.t >= from && point.t <= to) out.push(point);
    }
    for (let i = 0; i < this.count; i++) {
      const at = (this.start + i) % RECORD_CAPACITY;
      const t = this.times![at]!;
      if (t >= from && t <= to) out.push({ t, p: this.prices![at]! });
    }
    return out;
  }

  /** The made-up day before creation: a walk backwards from the first price, in the 2–98 % band. */
  private past(): PricePointUnits[] {
    const next = generator(this.key);
    const out: PricePointUnits[] = new Array(PAST_POINTS);
    let p = this.firstPrice;
    for (let i = PAST_POINTS - 1; i >= 0; i--) {
      out[i] = { t: this.createdAt - (PAST_POINTS - i) * MINUTE_MS, p };
      p = Math.min(9800, Math.max(200, p + Math.round((next() - 0.5) * 120)));
    }
    return out;
  }
}
