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

/** A REST answer larger than this is refused, not buffered: no CLOB or Gamma body comes near it. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

/**
 * Fetches JSON; network failures and a 2xx answer that is not JSON become FeedErrors; any status
 * is returned (with a null body when an error status came with an HTML or text page).
 * The timeout covers the whole exchange, body included: a server that sends its headers and then
 * trickles or stalls (slow-loris) is "no answer within N ms", like one that never answers.
 */
export async function fetchJson(url: string, options: HttpOptions = {}): Promise<HttpResult> {
  const host = new URL(url).host;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const unreachable = (error: unknown, lost: string): FeedError =>
    new FeedError('feed.unreachable', `${host}: ${(error as Error | null)?.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : lost}`);
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      headers: { accept: 'application/json', 'user-agent': 'polybook/0.1', ...(options.body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw unreachable(error, 'cannot connect');
  }
  const text = await readBody(response, host, (error) => unreachable(error, 'the connection broke off mid-answer'));
  try {
    return { status: response.status, body: text === '' ? null : JSON.parse(text) };
  } catch {
    // An error page (a 404 of a URL that is not the API, a proxy's 502): the status says it all.
    if (response.status < 200 || response.status > 299) return { status: response.status, body: null };
    throw new FeedError('feed.badBody', `${host} answered HTTP ${response.status} with a body that is not JSON`);
  }
}

/** Reads a body as UTF-8 text, stopping (and hanging up) as soon as it passes MAX_BODY_BYTES. */
async function readBody(response: Response, host: string, failed: (error: unknown) => FeedError): Promise<string> {
  const tooLarge = () => new FeedError('feed.badBody', `${host} answered a body larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB`);
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const hangUp = () => void reader.cancel().catch(() => {});
  if (Number(response.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) {
    hangUp();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (error) {
      throw failed(error);
    }
    if (chunk.done) break;
    bytes += chunk.value.byteLength;
    if (bytes > MAX_BODY_BYTES) {
      hangUp();
      throw tooLarge();
    }
    chunks.push(chunk.value);
  }
  // As response.text() does: UTF-8, a leading byte-order mark dropped.
  return new TextDecoder().decode(Buffer.concat(chunks, bytes));
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
