/**
 * Health of one WebSocket connection, as the store, the health bar and NDJSON report it.
 */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'stopped';

export interface ConnectionHealth {
  readonly id: string;
  readonly channel: 'market' | 'user';
  readonly state: ConnectionState;
  /** Connection alive and PONGs flowing, but no data past the silence limit (POLYMARKET.md §10). */
  readonly frozen: boolean;
  /** Reconnect attempt (1-based) and when it fires (epoch ms), while reconnecting. */
  readonly attempt: number;
  readonly nextRetryAt: number | null;
  /** Last PING→PONG round trip, ms. */
  readonly rttMs: number | null;
  /** Data frames per second over the last few seconds. */
  readonly messagesPerSec: number;
  /** Epoch ms of the last data for this connection's assets (PONG and broadcasts excluded). */
  readonly lastDataAt: number | null;
  /** Epoch ms when the current silence was last proven quiet (REST books equal ours), else null. */
  readonly quietVerifiedAt: number | null;
  readonly reconnects: number;
  readonly lastDisconnectCause: string | null;
  /** Assets (or markets, on the user channel) this connection carries. */
  readonly assets: number;
}

/** Counts frames in one-second buckets to report a recent rate. */
export class RateMeter {
  private readonly buckets: number[];
  private bucketStart = 0;
  private index = 0;

  constructor(
    private readonly seconds = 5,
    private readonly now: () => number = Date.now,
  ) {
    this.buckets = new Array<number>(seconds).fill(0);
  }

  tick(): void {
    this.roll();
    this.buckets[this.index]!++;
  }

  /** Frames per second over the window (the current partial second included). */
  rate(): number {
    this.roll();
    let total = 0;
    for (const n of this.buckets) total += n;
    return Math.round((total / this.seconds) * 10) / 10;
  }

  private roll(): void {
    const second = Math.floor(this.now() / 1000);
    if (this.bucketStart === 0) this.bucketStart = second;
    const elapsed = second - this.bucketStart;
    if (elapsed <= 0) return;
    for (let i = 0; i < Math.min(elapsed, this.seconds); i++) {
      this.index = (this.index + 1) % this.seconds;
      this.buckets[this.index] = 0;
    }
    this.bucketStart = second;
  }
}
