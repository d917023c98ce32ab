/**
 * A connection's send queue. `ws` sending in a tight loop never yields to the event loop
 * (TOOLCHAIN.md gotcha 8), so frames go out in bounded batches with setImmediate between them,
 * and wait while the socket's buffer is full. A client that stops reading is cut off rather than
 * buffered forever.
 */
import WebSocket from 'ws';

const BATCH = 256;
const HIGH_WATER = 4 * 1024 * 1024;
/** Frames a slow client may have queued before it is terminated. */
const MAX_QUEUED = 200_000;

/** Frames and characters a channel handed to its sockets (`ws.send`), for observability. */
export interface DeliveryCount {
  frames: number;
  chars: number;
}

export class Outbox {
  private queue: string[] = [];
  private head = 0;
  private scheduled = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly counted: DeliveryCount | null = null,
  ) {}

  get pending(): number {
    return this.queue.length - this.head;
  }

  push(text: string): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.queue.push(text);
    if (this.pending > MAX_QUEUED) {
      this.ws.terminate();
      this.queue = [];
      this.head = 0;
      return;
    }
    this.schedule();
  }

  private schedule(delayMs = 0): void {
    if (this.scheduled) return;
    this.scheduled = true;
    if (delayMs > 0) setTimeout(this.drain, delayMs);
    else setImmediate(this.drain);
  }

  private readonly drain = (): void => {
    this.scheduled = false;
    if (this.ws.readyState !== WebSocket.OPEN) {
      this.queue = [];
      this.head = 0;
      return;
    }
    let sent = 0;
    while (this.head < this.queue.length && sent < BATCH) {
      if (this.ws.bufferedAmount > HIGH_WATER) {
        this.schedule(5);
        return;
      }
      const text = this.queue[this.head++]!;
      this.ws.send(text);
      sent++;
      if (this.counted) {
        this.counted.frames++;
        this.counted.chars += text.length;
      }
    }
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
      return;
    }
    // A queue that never empties would keep every sent frame alive: drop the sent prefix now and then.
    if (this.head > 8192) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    this.schedule();
  };
}
