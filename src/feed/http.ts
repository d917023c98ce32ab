/**
 * JSON over HTTP for CLOB REST and Gamma: a timeout on every request, a stable error code for
 * every failure, and a sliding-window limiter so resyncs stay far inside the venue's limits
 * (POLYMARKET.md §8: /book 1 500 and /books 500 per 10 s).
 */
import { FeedError } from './errors.js';

export interface HttpResult {
  readonly status: number;
  readonly body: unknown;
}

export interface HttpOptions {
  readonly timeoutMs?: number;
  readonly method?: 'GET' | 'POST';
  readonly body?: unknown;
}

/** Fetches JSON; non-JSON bodies and network failures become FeedErrors, any status is returned. */
export async function fetchJson(url: string, options: HttpOptions = {}): Promise<HttpResult> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      headers: { accept: 'application/json', 'user-agent': 'polybook/0.1', ...(options.body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
  } catch (error) {
    const why = (error as Error).name === 'TimeoutError' ? `no answer within ${options.timeoutMs ?? 10_000} ms` : 'cannot connect';
    throw new FeedError('feed.unreachable', `${new URL(url).host}: ${why}`);
  }
  const text = await response.text();
  try {
    return { status: response.status, body: text === '' ? null : JSON.parse(text) };
  } catch {
    throw new FeedError('feed.badBody', `${new URL(url).host} answered HTTP ${response.status} with a body that is not JSON`);
  }
}

/** At most `limit` calls per `windowMs`; `take()` waits for a slot. */
export class RateLimiter {
  private readonly times: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until a call may go (0 = now). */
  waitMs(): number {
    const now = this.now();
    while (this.times.length > 0 && now - this.times[0]! >= this.windowMs) this.times.shift();
    return this.times.length < this.limit ? 0 : this.windowMs - (now - this.times[0]!);
  }

  async take(): Promise<void> {
    for (let wait = this.waitMs(); wait > 0; wait = this.waitMs()) await new Promise((r) => setTimeout(r, wait));
    this.times.push(this.now());
  }
}
