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

/** Redirects followed (fetch's behaviour for GET, kept: a venue may move a path). */
const MAX_REDIRECTS = 5;

/**
 * Fetches JSON; network failures and a 2xx answer that is not JSON become FeedErrors; any status
 * is returned (with a null body when an error status came with an HTML or text page).
 * The timeout covers the whole exchange, body included: a server that sends its headers and then
 * trickles or stalls (slow-loris) is "no answer within N ms", like one that never answers.
 *
 * Node's own http/https, not fetch: fetch loads undici, ~30 ms of compiling on every start
 * before the first REST book (most of it on the path to `demo`'s first painted book).
 */
export async function fetchJson(url: string, options: HttpOptions = {}): Promise<HttpResult> {
  const host = new URL(url).host;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body), 'utf8');
  const deadline = Date.now() + timeoutMs;
  let target = new URL(url);
  for (let hop = 0; ; hop++) {
    const answer = await exchange(target, options.method ?? 'GET', payload, host, timeoutMs, Math.max(0, deadline - Date.now())).catch((error: unknown) => {
      // A kept-alive socket the server closed just as it was reused: asked again on a new one, as
      // Node's docs advise (every request polybook makes is a read).
      if (error instanceof StaleSocket) return exchange(target, options.method ?? 'GET', payload, host, timeoutMs, Math.max(0, deadline - Date.now()));
      throw error;
    });
    const location = answer.location;
    if (location !== null && hop < MAX_REDIRECTS && [301, 302, 303, 307, 308].includes(answer.status)) {
      target = new URL(location, target);
      continue;
    }
    try {
      return { status: answer.status, body: answer.text === '' ? null : JSON.parse(answer.text) };
    } catch {
      // An error page (a 404 of a URL that is not the API, a proxy's 502): the status says it all.
      if (answer.status < 200 || answer.status > 299) return { status: answer.status, body: null };
      throw new FeedError('feed.badBody', `${host} answered HTTP ${answer.status} with a body that is not JSON`);
    }
  }
}

/** A reused keep-alive socket reset before any answer: the request may go again. */
class StaleSocket extends FeedError {
  constructor(host: string) {
    super('feed.unreachable', `${host}: the kept-alive connection was closed`);
  }
}

interface Answer {
  readonly status: number;
  readonly location: string | null;
  readonly text: string;
}

/** One request and its whole answer, within `leftMs`; every failure is a FeedError. */
function exchange(url: URL, method: 'GET' | 'POST', payload: Buffer | undefined, host: string, timeoutMs: number, leftMs: number): Promise<Answer> {
  const tooLarge = () => new FeedError('feed.badBody', `${host} answered a body larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB`);
  const unreachable = (lost: string) => new FeedError('feed.unreachable', `${host}: ${lost}`);
  const secure = url.protocol === 'https:';
  if (!secure && url.protocol !== 'http:') return Promise.reject(unreachable(`cannot connect (${url.protocol} is not http or https)`));
  const http = secure ? process.getBuiltinModule('node:https') : process.getBuiltinModule('node:http');
  return new Promise<Answer>((resolve, reject) => {
    let settled = false;
    let answered = false;
    const finish = (error: FeedError | null, answer?: Answer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        request.destroy();
        reject(error);
      } else resolve(answer!);
    };
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'polybook/0.1' };
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.length);
    }
    const request = http.request(url, { method, headers }, (response) => {
      answered = true;
      const status = response.statusCode ?? 0;
      const location = typeof response.headers.location === 'string' ? response.headers.location : null;
      if (Number(response.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return finish(tooLarge());
      const chunks: Buffer[] = [];
      let bytes = 0;
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > MAX_BODY_BYTES) return finish(tooLarge());
        chunks.push(chunk);
      });
      response.on('end', () => {
        // As fetch's response.text() does: UTF-8, a leading byte-order mark dropped.
        finish(null, { status, location, text: new TextDecoder().decode(Buffer.concat(chunks, bytes)) });
      });
      response.on('aborted', () => finish(unreachable('the connection broke off mid-answer')));
      response.on('error', () => finish(unreachable('the connection broke off mid-answer')));
      response.on('close', () => {
        if (!response.complete) finish(unreachable('the connection broke off mid-answer'));
      });
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (!answered && request.reusedSocket && error.code === 'ECONNRESET') return finish(new StaleSocket(host));
      finish(unreachable(answered ? 'the connection broke off mid-answer' : 'cannot connect'));
    });
    const timer = setTimeout(() => finish(unreachable(`no answer within ${timeoutMs} ms`)), leftMs);
    request.end(payload);
  });
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
