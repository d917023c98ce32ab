/**
 * One resilient WebSocket connection to a Polymarket channel: subscription on open, text `PING`
 * every 10 s, a PONG watchdog, a data-silence ("frozen") watchdog, and reconnects with exponential
 * backoff and jitter, one attempt in flight at a time. Broken connections are terminated, not
 * closed (ws README, "How to detect and close broken connections").
 *
 * Events: 'frame' (text exactly as received, PONG included), 'open' (reopened: boolean),
 * 'down' (cause: string) when a live connection drops, 'health' (ConnectionHealth) on every change
 * and once a second, 'fatal' (FeedError) when retrying cannot help (rejected auth, max attempts).
 */
import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
import { sanitizeText } from '../protocol/sanitize.js';
import { FeedError } from './errors.js';
import { RateMeter, type ConnectionHealth, type ConnectionState } from './health.js';

export interface ConnectionOptions {
  readonly id: string;
  readonly channel: 'market' | 'user';
  readonly url: string;
  /** Frames to send right after each open (the subscription), in order. */
  readonly openFrames: () => readonly string[];
  /** Assets (or markets) carried, for health. */
  readonly carried: () => number;
  readonly pingIntervalMs?: number;
  readonly pongTimeoutMs?: number;
  /** No data this long while PONGs flow ⇒ frozen ⇒ reconnect. 0 disables. */
  readonly silenceMs?: number;
  readonly backoff?: BackoffOptions;
  /** Give up after this many consecutive failed attempts (default: never). */
  readonly maxAttempts?: number;
  /**
   * Whether every text frame but PONG counts as data for the silence watchdog (default). The
   * market feed turns this off and calls `noteData()` only for data naming one of the
   * connection's assets: lifecycle broadcasts and PONGs do not keep a frozen socket alive (§13).
   */
  readonly dataFromFrames?: boolean;
  /**
   * Asked once the silence limit has passed: `frozen` reconnects; `quiet` means the silence was
   * proven harmless (the books still equal the venue's), so the watchdog starts over; `pending`
   * waits for that proof, at most one more silence period.
   */
  readonly silenceCheck?: (silentForMs: number) => SilenceVerdict;
  /** Decides whether a close is fatal (e.g. rejected auth); `answered`: any frame or PONG came back. */
  readonly fatalClose?: (code: number, reason: string, answered: boolean) => string | null;
  readonly now?: () => number;
  readonly random?: () => number;
}

export type SilenceVerdict = 'frozen' | 'quiet' | 'pending';

const DEFAULTS = {
  pingIntervalMs: 10_000,
  pongTimeoutMs: 30_000,
  silenceMs: 90_000,
  maxAttempts: Number.POSITIVE_INFINITY,
};

/**
 * The initial dump grows with the asset count; one scraper needed 32 MiB for thousands of assets
 * on one socket (POLYMARKET.md §3.6). At 200 assets a connection the dump is a few MiB: 32 MiB
 * is ample, and a larger frame (a hostile or broken server) closes the socket with 1009 instead of
 * being buffered and parsed.
 */
export const MAX_PAYLOAD = 32 * 1024 * 1024;

/** A server that accepts the TCP connection but never completes the upgrade gives up this soon. */
const HANDSHAKE_TIMEOUT_MS = 15_000;

/** What a connection emits (listener arguments, by event name). */
export interface ConnectionEvents {
  /** A text frame exactly as received (PONG included). */
  frame: [text: string];
  /** Subscribed; `reopened` after a reconnect. */
  open: [reopened: boolean];
  /** A live connection dropped. */
  down: [cause: string];
  health: [health: ConnectionHealth];
  /** Retrying cannot help (rejected auth, max attempts); the connection has stopped. */
  fatal: [error: FeedError];
}

export class FeedConnection extends EventEmitter<ConnectionEvents> {
  private readonly o: Required<Omit<ConnectionOptions, 'fatalClose' | 'silenceCheck'>> & Pick<ConnectionOptions, 'fatalClose' | 'silenceCheck'>;
  private socket: WebSocket | null = null;
  private state: ConnectionState = 'stopped';
  private stopped = true;
  private attempt = 0;
  private reconnects = 0;
  private opens = 0;
  private nextRetryAt: number | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private tickTimer: ReturnType<typeof setInterval> | null = null;
  private openedAt = 0;
  private lastPingAt = 0;
  private pingOutstandingSince: number | null = null;
  private lastDataAt: number | null = null;
  /** When the last silence was proven quiet (the watchdog counts from here or the last data). */
  private quietAt: number | null = null;
  private rttMs: number | null = null;
  private frozen = false;
  private answered = false;
  private cause: string | null = null;
  private lastDisconnectCause: string | null = null;
  private readonly rate: RateMeter;
  private lastHealthAt = 0;

  constructor(options: ConnectionOptions) {
    super();
    this.o = {
      ...DEFAULTS,
      backoff: DEFAULT_BACKOFF,
      now: Date.now,
      random: Math.random,
      dataFromFrames: true,
      ...options,
    } as FeedConnection['o'];
    this.rate = new RateMeter(5, this.o.now);
  }

  get id(): string {
    return this.o.id;
  }

  /** The connection's state now (connecting, live, reconnecting, stopped). */
  get currentState(): ConnectionState {
    return this.state;
  }

  /** True while the socket is open and subscribed. */
  get isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN && this.state === 'live';
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.attempt = 0;
    this.connect();
  }

  /** Closes for good; resolves once the socket is gone. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearRetry();
    const socket = this.socket;
    if (socket && socket.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.terminate();
      });
    }
    this.setState('stopped');
  }

  /** Sends a text frame if the connection is open; returns whether it was sent. */
  send(text: string): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(text);
    return true;
  }

  /**
   * Data for this connection arrived (see `dataFromFrames`). Health is what arrives, not time
   * open: only now does the reconnect attempt counter start over, so a server that accepts and
   * stays silent runs into `maxAttempts`, and a connection that delivered before it dropped is
   * retried at once rather than after an ever longer backoff.
   */
  noteData(): void {
    this.attempt = 0;
    this.lastDataAt = this.o.now();
    this.quietAt = null;
    if (this.frozen) {
      this.frozen = false;
      this.emitHealth();
    }
  }

  /** Terminates the socket (the reconnect logic takes over). */
  terminate(cause: string): void {
    this.cause ??= cause;
    this.socket?.terminate();
  }

  health(): ConnectionHealth {
    return {
      id: this.o.id,
      channel: this.o.channel,
      state: this.state,
      frozen: this.frozen,
      attempt: this.state === 'reconnecting' ? this.attempt : 0,
      nextRetryAt: this.state === 'reconnecting' ? this.nextRetryAt : null,
      rttMs: this.rttMs,
      messagesPerSec: this.rate.rate(),
      lastDataAt: this.lastDataAt,
      quietVerifiedAt: this.quietAt,
      reconnects: this.reconnects,
      lastDisconnectCause: this.lastDisconnectCause,
      assets: this.o.carried(),
    };
  }

  private connect(): void {
    this.nextRetryAt = null;
    this.setState('connecting');
    this.cause = null;
    this.frozen = false;
    this.quietAt = null;
    this.answered = false;
    this.pingOutstandingSince = null;
    const socket = new WebSocket(this.o.url, {
      maxPayload: MAX_PAYLOAD,
      // No longer than the PONG timeout: an upgrade that never comes is a dead server like any other.
      handshakeTimeout: Math.min(HANDSHAKE_TIMEOUT_MS, this.o.pongTimeoutMs),
      perMessageDeflate: false,
    });
    this.socket = socket;
    socket.on('open', () => this.onOpen(socket));
    socket.on('message', (data, isBinary) => {
      if (this.socket === socket) this.onMessage(isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString());
    });
    socket.on('error', (error) => {
      // ws quotes the server in some messages ("Unexpected server response: …"): sanitized too.
      this.cause ??= sanitizeText(error.message || (error as NodeJS.ErrnoException).code || 'socket error').slice(0, 120);
    });
    // The close reason is server text that reaches the health bar: no control characters.
    socket.on('close', (code, reason) => this.onClose(socket, code, sanitizeText(reason.toString()).slice(0, 120)));
  }

  private onOpen(socket: WebSocket): void {
    if (this.socket !== socket) return;
    const now = this.o.now();
    this.openedAt = now;
    this.lastPingAt = now;
    this.opens++;
    if (this.opens > 1) this.reconnects++;
    // The subscription must go first: a PING before it gets close 1008 (POLYMARKET.md §2.3).
    for (const frame of this.o.openFrames()) socket.send(frame);
    this.setState('live');
    this.emit('open', this.opens > 1);
    const every = Math.max(10, Math.min(1000, Math.floor(this.o.pingIntervalMs / 2)));
    this.tickTimer = setInterval(() => this.tick(), every);
  }

  private onMessage(text: string): void {
    const now = this.o.now();
    this.answered = true;
    if (text === 'PONG') {
      if (this.pingOutstandingSince !== null) this.rttMs = now - this.pingOutstandingSince;
      this.pingOutstandingSince = null;
      // On a channel where silence is normal (the user channel), an answer is the health sign.
      if (this.o.dataFromFrames) this.attempt = 0;
      this.emitHealth();
    } else {
      this.rate.tick();
      if (this.o.dataFromFrames) this.noteData();
    }
    this.emit('frame', text);
  }

  private tick(): void {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    const now = this.o.now();
    if (this.pingOutstandingSince !== null && now - this.pingOutstandingSince > this.o.pongTimeoutMs) {
      this.terminate(`no PONG for ${Math.round((now - this.pingOutstandingSince) / 1000)}s`);
      return;
    }
    if (this.o.silenceMs > 0 && this.silent(now)) return;
    if (now - this.lastPingAt >= this.o.pingIntervalMs) {
      this.lastPingAt = now;
      this.pingOutstandingSince ??= now;
      socket.send('PING');
    }
    if (now - this.lastHealthAt >= 1000) this.emitHealth();
  }

  /**
   * The data-silence watchdog: the venue is known to go silent while still answering PING
   * (POLYMARKET.md §10). Returns true when it terminated the socket.
   */
  private silent(now: number): boolean {
    const since = Math.max(this.lastDataAt ?? this.openedAt, this.quietAt ?? 0);
    const silentFor = now - since;
    if (silentFor <= this.o.silenceMs) return false;
    const dataAge = now - (this.lastDataAt ?? this.openedAt);
    const verdict = this.o.silenceCheck?.(dataAge) ?? 'frozen';
    if (verdict === 'quiet') {
      this.quietAt = now;
      this.emitHealth();
      return false;
    }
    // Waiting for the proof is bounded: one more silence period, then it is a freeze.
    if (verdict === 'pending' && silentFor <= 2 * this.o.silenceMs) return false;
    this.frozen = true;
    this.emitHealth();
    this.terminate(`frozen: no data for ${Math.round(dataAge / 1000)}s while PONGs flow`);
    return true;
  }

  private onClose(socket: WebSocket, code: number, reason: string): void {
    if (this.socket !== socket) return;
    this.socket = null;
    if (this.tickTimer) clearInterval(this.tickTimer);
    this.tickTimer = null;
    const wasLive = this.state === 'live';
    const cause = this.cause ?? (reason ? `closed ${code}: ${reason}` : `closed ${code}`);
    this.lastDisconnectCause = cause;
    if (wasLive) this.emit('down', cause);
    if (this.stopped) {
      this.setState('stopped');
      return;
    }
    const fatal = this.o.fatalClose?.(code, reason, this.answered) ?? null;
    if (fatal !== null) {
      this.stopped = true;
      this.setState('stopped');
      this.emit('fatal', new FeedError('feed.authRejected', fatal));
      return;
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.attempt++;
    if (this.attempt > this.o.maxAttempts) {
      this.stopped = true;
      this.setState('stopped');
      this.emit('fatal', new FeedError('feed.gaveUp', `gave up after ${this.o.maxAttempts} attempts (${this.lastDisconnectCause})`));
      return;
    }
    const delay = backoffDelay(this.attempt, this.o.backoff, this.o.random);
    this.nextRetryAt = this.o.now() + delay;
    this.setState('reconnecting');
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) this.connect();
    }, delay);
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.nextRetryAt = null;
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    this.emitHealth();
  }

  private emitHealth(): void {
    this.lastHealthAt = this.o.now();
    this.emit('health', this.health());
  }
}
