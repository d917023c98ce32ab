/**
 * The sim's timeline. Generated events are placed on a virtual timeline (milliseconds since
 * `epochMs`) drawn from the seeded stream, so a seed and an epoch reproduce every timestamp and
 * hash; in real-time mode the driver releases them when the wall clock reaches them, so stamps
 * stay close to real time. Stamps never go backwards.
 */
import { performance } from 'node:perf_hooks';

export class SimClock {
  /** Virtual milliseconds since `epochMs` of the latest stamp handed out. */
  private cursor = 0;
  private readonly startReal = performance.now();

  constructor(
    readonly epochMs: number,
    /** Whether "now" follows the wall clock (false: only `at` moves time, for tests). */
    private readonly realtime: boolean,
  ) {}

  /** Wall-clock milliseconds since the sim started. */
  elapsedReal(): number {
    return performance.now() - this.startReal;
  }

  /** Claims virtual time `offset` (or the latest stamp, if later) and returns it. */
  at(offset: number): number {
    if (offset > this.cursor) this.cursor = offset;
    return this.cursor;
  }

  /** Virtual time of an event triggered now (a fault, an API call). */
  now(): number {
    return this.at(this.realtime ? this.elapsedReal() : this.cursor);
  }

  /** The venue's timestamp spelling: epoch milliseconds as a decimal string. */
  stamp(offset: number): string {
    return String(Math.floor(this.epochMs + offset));
  }
}
