/** A real client (MarketFeed → engine → store) against the real simulator, and truth checks. */
import { BookEngine } from '../../src/book/engine.js';
import { bookFingerprint } from '../../src/book/fingerprint.js';
import { MarketFeed, type MarketFeedOptions } from '../../src/feed/market-feed.js';
import { parseRestBook } from '../../src/protocol/parse-frame.js';
import type { Simulator } from '../../src/sim/index.js';
import { bindFeed, type FeedBinding } from '../../store/feed-binding.js';
import { BookPublisher } from '../../store/publisher.js';
import { createPolybookStore, type PolybookStore } from '../../store/store.js';
import type { ConnectionHealth } from '../../src/feed/health.js';
import { until } from './stub-venue.js';

export const FAST_TIMING = {
  pingIntervalMs: 50,
  pongTimeoutMs: 300,
  silenceMs: 500,
  backoff: { initialMs: 50, maxMs: 200, jitter: 0.2 },
} as const;

export interface SimClient {
  readonly engine: BookEngine;
  readonly store: PolybookStore;
  readonly feed: MarketFeed;
  readonly binding: FeedBinding;
  readonly health: ConnectionHealth[];
  stop(): Promise<void>;
}

export function tokensOf(sim: Simulator): string[] {
  return sim.markets().flatMap((m) => m.tokens.map((t) => t.tokenId));
}

/** Starts a client subscribed to `ids` (REST metadata loaded so venue hashes are verifiable). */
export function startClient(sim: Simulator, ids: readonly string[], options: Partial<MarketFeedOptions> = {}): SimClient {
  const engine = new BookEngine();
  for (const id of ids) {
    const truth = sim.truthBook(id);
    const book = truth && parseRestBook(truth);
    if (book?.kind === 'book' && book.minOrderSize !== undefined && book.negRisk !== undefined) {
      engine.setBookMeta(book.market, { minOrderSize: book.minOrderSize, negRisk: book.negRisk });
    }
  }
  const store = createPolybookStore();
  const publisher = new BookPublisher(engine, store, { intervalMs: 10 });
  const feed = new MarketFeed({ ...FAST_TIMING, url: sim.urls.ws_market, ...options });
  const binding = bindFeed(feed, publisher);
  const health: ConnectionHealth[] = [];
  feed.on('health', (h: ConnectionHealth) => health.push(h));
  feed.subscribe(ids);
  feed.start();
  return {
    engine,
    store,
    feed,
    binding,
    health,
    stop: async () => {
      await feed.stop();
      binding.unbind();
      publisher.close();
    },
  };
}

/** The simulator's truth fingerprint of a token (null when it has no book). */
export function truthFingerprint(sim: Simulator, id: string): string | null {
  const truth = sim.truthBook(id);
  if (!truth) return null;
  const book = parseRestBook(truth);
  if (book.kind !== 'book') throw new Error(`sim truth for ${id} does not parse: ${JSON.stringify(book)}`);
  return bookFingerprint(id, book.bids, book.asks);
}

/** Waits until every client book equals the simulator's truth (by fingerprint) and is fresh. */
export async function converged(sim: Simulator, client: SimClient, ids: readonly string[], ms = 5000): Promise<void> {
  const equal = () =>
    ids.every((id) => {
      const asset = client.engine.assets.get(id);
      return asset !== undefined && !asset.stale && asset.book !== null && client.engine.fingerprint(id) === truthFingerprint(sim, id);
    });
  try {
    await until(equal, ms, 'client books to equal the simulator truth');
  } catch (error) {
    const detail = ids.map((id) => {
      const a = client.engine.assets.get(id);
      return `${id.slice(0, 6)} stale=${a?.stale} book=${a?.book ? 'yes' : 'no'} fp=${client.engine.fingerprint(id)?.slice(0, 8)} truth=${truthFingerprint(sim, id)?.slice(0, 8)}`;
    });
    throw new Error(`${(error as Error).message}\n${detail.join('\n')}`);
  }
}

/** Runs the simulator's order flow `steps` steps, `per` at a time, yielding so clients keep up. */
export async function flow(sim: Simulator, steps: number, per = 10, pauseMs = 2): Promise<void> {
  for (let i = 0; i < steps; i += per) {
    sim.advance(per);
    await new Promise((r) => setTimeout(r, pauseMs));
  }
}
