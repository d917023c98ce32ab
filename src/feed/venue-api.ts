/**
 * The venue's HTTP APIs polybook uses: CLOB REST (`/book`, `/books`, `/markets/{id}`, `/time`,
 * `/prices-history`) and Gamma (`/events`, `/markets`, `/public-search`). Bodies are decoded by
 * src/protocol.
 *
 * A base URL that is not the API (`--gamma http://host/wrong`) is an error naming it, never an
 * empty answer: Gamma's listings answer 404 only there, and a CLOB 404 (no book, no market) is
 * believed only once `/time` under the same base answered.
 */
import type { BookEvent } from '../protocol/events.js';
import { parseClobMarket, parseGammaEvents, parseGammaMarkets, parseGammaSeries, type EventRef, type MarketRef, type SeriesRef } from '../protocol/gamma.js';
import { parseRestBook } from '../protocol/parse-frame.js';
import { parsePricesHistory, type HistoryPoint } from '../protocol/prices-history.js';
import { FeedError } from './errors.js';
import { fetchJson, RateLimiter } from './http.js';
import { DEFAULT_GAMMA_URL, DEFAULT_REST_URL } from './endpoints.js';

export { DEFAULT_GAMMA_URL, DEFAULT_REST_URL };

/** A REST book, or the venue saying the token has no book (resolved or unknown: §4.9). */
export type RestBook = { readonly kind: 'book'; readonly book: BookEvent } | { readonly kind: 'missing' };

export interface VenueApiOptions {
  readonly rest?: string;
  readonly gamma?: string;
  readonly timeoutMs?: number;
}

/**
 * Requests per 10 s polybook allows itself, per endpoint: half of the documented 2026 limits
 * (POLYMARKET.md §13.8: CLOB general 15 000, `/books` 500; Gamma listings 900, `/public-search`
 * 350), a tenth for `/book` and the CLOB as a whole, so several polybooks behind one address and
 * the venue's own throttling (it delays rather than rejects) leave room.
 */
export const RATE_LIMITS = {
  clob: 1500,
  book: 150,
  books: 250,
  gamma: 450,
  search: 175,
  pricesHistory: 500,
} as const;

/** What `/prices-history` covers: a window ending now (`interval`), or explicit unix-second bounds. */
export type PricesHistoryRange =
  | { readonly interval: '1h' | '6h' | '1d' | '1w' | '1m' | 'max'; readonly fidelity?: number }
  | { readonly startTs: number; readonly endTs?: number; readonly fidelity?: number };

/** Token ids per `POST /books` (the venue rejects bodies somewhere past ~500 ids, §8). */
export const BOOKS_BATCH = 100;

const WINDOW_MS = 10_000;

export class VenueApi {
  readonly rest: string;
  readonly gamma: string;
  private readonly timeoutMs: number;
  private readonly clobLimiter = new RateLimiter(RATE_LIMITS.clob, WINDOW_MS);
  private readonly bookLimiter = new RateLimiter(RATE_LIMITS.book, WINDOW_MS);
  private readonly booksLimiter = new RateLimiter(RATE_LIMITS.books, WINDOW_MS);
  private readonly gammaLimiter = new RateLimiter(RATE_LIMITS.gamma, WINDOW_MS);
  private readonly searchLimiter = new RateLimiter(RATE_LIMITS.search, WINDOW_MS);
  private readonly historyLimiter = new RateLimiter(RATE_LIMITS.pricesHistory, WINDOW_MS);
  /** Whether `rest` answers like CLOB REST, asked once (the first 404 asks). */
  private clobChecked: Promise<void> | null = null;

  constructor(options: VenueApiOptions = {}) {
    this.rest = (options.rest ?? DEFAULT_REST_URL).replace(/\/+$/, '');
    this.gamma = (options.gamma ?? DEFAULT_GAMMA_URL).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** `GET /book?token_id=`: the book, or `missing` on 404. */
  async book(tokenId: string): Promise<RestBook> {
    await this.bookLimiter.take();
    await this.clobLimiter.take();
    const { status, body } = await fetchJson(`${this.rest}/book?token_id=${encodeURIComponent(tokenId)}`, { timeoutMs: this.timeoutMs });
    if (status === 404) {
      await this.assertClob('/book');
      return { kind: 'missing' };
    }
    if (status !== 200) throw new FeedError('feed.httpStatus', `/book answered HTTP ${status}`);
    const book = parseRestBook(body);
    if (book.kind !== 'book') throw new FeedError('feed.badBody', `/book body rejected: ${book.kind === 'invalid' ? book.detail : book.kind}`);
    return { kind: 'book', book };
  }

  /** `POST /books`: books of many tokens (unknown ids are omitted by the venue). */
  async books(tokenIds: readonly string[]): Promise<BookEvent[]> {
    const out: BookEvent[] = [];
    for (let i = 0; i < tokenIds.length; i += BOOKS_BATCH) {
      await this.booksLimiter.take();
      await this.clobLimiter.take();
      const chunk = tokenIds.slice(i, i + BOOKS_BATCH).map((token_id) => ({ token_id }));
      const { status, body } = await fetchJson(`${this.rest}/books`, { method: 'POST', body: chunk, timeoutMs: this.timeoutMs });
      if (status !== 200 || !Array.isArray(body)) throw new FeedError('feed.httpStatus', `/books answered HTTP ${status}`);
      for (const item of body) {
        const book = parseRestBook(item);
        if (book.kind === 'book') out.push(book);
      }
    }
    return out;
  }

  /**
   * CLOB `GET /prices-history?market=<token id>`: the token's past prices, oldest first, epoch ms
   * (POLYMARKET.md §8). `fidelity` is minutes per point (default 1). A 404 is "no history" (an
   * unknown or resolved token); any other failure throws.
   */
  async pricesHistory(tokenId: string, range: PricesHistoryRange = { interval: '1d' }): Promise<HistoryPoint[]> {
    await this.historyLimiter.take();
    await this.clobLimiter.take();
    const query = new URLSearchParams({ market: tokenId });
    if ('interval' in range) query.set('interval', range.interval);
    else {
      query.set('startTs', String(Math.floor(range.startTs)));
      if (range.endTs !== undefined) query.set('endTs', String(Math.floor(range.endTs)));
    }
    query.set('fidelity', String(range.fidelity ?? 1));
    const { status, body } = await fetchJson(`${this.rest}/prices-history?${query}`, { timeoutMs: this.timeoutMs });
    if (status === 404) return [];
    if (status !== 200) throw new FeedError('feed.httpStatus', `/prices-history answered HTTP ${status}`);
    const points = parsePricesHistory(body);
    if (points === null) throw new FeedError('feed.badBody', '/prices-history body rejected: not {"history": [...]}');
    return points;
  }

  /** CLOB `GET /markets/{condition_id}`; null on 404. */
  async clobMarket(conditionId: string): Promise<MarketRef | null> {
    await this.clobLimiter.take();
    const { status, body } = await fetchJson(`${this.rest}/markets/${encodeURIComponent(conditionId)}`, { timeoutMs: this.timeoutMs });
    if (status === 404) {
      await this.assertClob('/markets/{id}');
      return null;
    }
    if (status !== 200) throw new FeedError('feed.httpStatus', `/markets/{id} answered HTTP ${status}`);
    return parseClobMarket(body);
  }

  async eventsBySlug(slug: string): Promise<EventRef[]> {
    return parseGammaEvents(await this.gammaGet(`/events?slug=${encodeURIComponent(slug)}`));
  }

  async marketsBySlug(slug: string): Promise<MarketRef[]> {
    return parseGammaMarkets(await this.gammaGet(`/markets?slug=${encodeURIComponent(slug)}`));
  }

  /** Gamma's markets holding a token id (`/markets?clob_token_ids=`): its outcome label and market. */
  async marketsByTokenId(tokenId: string): Promise<MarketRef[]> {
    return parseGammaMarkets(await this.gammaGet(`/markets?clob_token_ids=${encodeURIComponent(tokenId)}`));
  }

  /** Gamma's series of that slug (`/series?slug=`), each with its events: recurring markets. */
  async seriesBySlug(slug: string): Promise<SeriesRef[]> {
    return parseGammaSeries(await this.gammaGet(`/series?slug=${encodeURIComponent(slug)}`));
  }

  /** Active markets whose question, title or slug match `text`, via Gamma's public search. */
  async search(text: string, limit: number): Promise<MarketRef[]> {
    const events = await this.searchEvents(text, limit);
    return events
      .flatMap((e) => e.markets)
      .filter((m) => m.active && !m.closed)
      .slice(0, limit);
  }

  /** Gamma's public search as events (with the markets each one had to skip). */
  async searchEvents(text: string, limit: number): Promise<EventRef[]> {
    await this.searchLimiter.take();
    const body = await this.gammaGet(`/public-search?q=${encodeURIComponent(text)}&limit_per_type=${limit}&events_status=active`, false);
    return parseGammaEvents((body as { events?: unknown } | null)?.events ?? []);
  }

  private async gammaGet(path: string, listing = true): Promise<unknown> {
    // Search has its own (lower) limit; the listing limit covers /events and /markets.
    if (listing) await this.gammaLimiter.take();
    const { status, body } = await fetchJson(`${this.gamma}${path}`, { timeoutMs: this.timeoutMs });
    const route = path.split('?')[0];
    // Gamma's listings answer an empty list, not a 404, when nothing matches: this is not Gamma.
    if (status === 404)
      throw new FeedError('feed.httpStatus', `${this.gamma} is not the Gamma API: ${route} answered HTTP 404 (check --gamma or POLYBOOK_GAMMA_URL)`);
    if (status !== 200) throw new FeedError('feed.httpStatus', `Gamma ${route} answered HTTP ${status}`);
    return body;
  }

  /**
   * A CLOB 404 means "no such book/market" only if the base URL is CLOB REST: `/time` must answer
   * 200 there. Asked once; a base where it does not is an error naming that URL.
   */
  private assertClob(route: string): Promise<void> {
    this.clobChecked ??= (async () => {
      await this.clobLimiter.take();
      const { status } = await fetchJson(`${this.rest}/time`, { timeoutMs: this.timeoutMs });
      if (status !== 200) {
        const time = status === 404 ? 'and so did /time' : `and /time HTTP ${status}`;
        throw new FeedError('feed.httpStatus', `${this.rest} is not CLOB REST: ${route} answered HTTP 404, ${time} (check --rest or POLYBOOK_REST_URL)`);
      }
    })();
    // A failed check (network) may be asked again next time.
    this.clobChecked.catch(() => (this.clobChecked = null));
    return this.clobChecked;
  }
}
