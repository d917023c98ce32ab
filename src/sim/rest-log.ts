/**
 * Counts REST and Gamma requests per route, and the number of token ids in each `POST /books`, so
 * client tests can assert how a client uses them (that resyncs are batched, that a quiet book is
 * checked over REST, ...). Route keys are `METHOD path` with ids replaced by `{id}` / `{slug}`.
 */

const TEMPLATES: readonly (readonly [RegExp, string])[] = [
  [/^\/gamma\/(markets|events)\/slug\/[^/]+$/, '/gamma/$1/slug/{slug}'],
  [/^\/gamma\/(markets|events)\/[^/]+$/, '/gamma/$1/{id}'],
  [/^\/markets\/[^/]+$/, '/markets/{id}'],
];

/** `GET /book`, `POST /books`, `GET /markets/{id}`, `GET /gamma/public-search`, ... */
export function routeKey(method: string, pathname: string): string {
  const path = pathname.replace(/\/+$/, '') || '/';
  for (const [pattern, template] of TEMPLATES) if (pattern.test(path)) return `${method} ${path.replace(pattern, template)}`;
  return `${method} ${path}`;
}

export class RestLog {
  private counts = new Map<string, number>();
  private sizes: number[] = [];

  request(method: string, pathname: string): void {
    const key = routeKey(method, pathname);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  booksRequested(count: number): void {
    this.sizes.push(count);
  }

  /** Requests per route key since the start (or the last reset). */
  requests(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  /** Token ids per `POST /books` call, in call order. */
  booksSizes(): number[] {
    return [...this.sizes];
  }

  reset(): void {
    this.counts = new Map();
    this.sizes = [];
  }
}
