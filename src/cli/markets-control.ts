/**
 * What the screen may do to a running session's markets (store/tui-request.ts MarketsControl):
 * search Gamma as `polybook markets` does, add the chosen market's outcomes (subscribed on the open
 * socket), remove a market, and save the session's markets as the config's watchlist. The screen
 * only ever sees sanitized strings and opaque keys; Gamma is called here, never from components/.
 */
import type { Logger } from 'pino';
import type { VenueApi } from '../feed/venue-api.js';
import type { MarketRef } from '../protocol/gamma.js';
import type { MarketChoice, MarketsControl } from '../../store/tui-request.js';
import { configPath, saveWatchlist } from './config.js';
import { assetsOf, endsAtOf } from './resolve.js';
import type { WatchSession } from './session.js';

/** Results a search lists at most (the screen shows what fits). */
const SEARCH_LIMIT = 10;
/** The longest text searched: a paste of a whole page is not a query. */
const MAX_QUERY = 200;

export interface MarketsControlOptions {
  readonly logger: Logger;
  /** The config file the watchlist is written to (default: configPath()). */
  readonly configPath?: string;
}

/** Only what the last search found can be added: the keys are its markets' condition ids. */
export class SessionMarkets implements MarketsControl {
  private found = new Map<string, MarketRef>();

  constructor(
    private readonly session: WatchSession,
    private readonly api: VenueApi,
    private readonly options: MarketsControlOptions,
  ) {}

  async search(text: string): Promise<readonly MarketChoice[]> {
    const query = text.trim().slice(0, MAX_QUERY);
    if (query === '') return [];
    const events = await this.api.searchEvents(query, SEARCH_LIMIT);
    const markets = events.flatMap((e) => e.markets).filter((m) => m.active && !m.closed && assetsOf(m).length > 0);
    const found = new Map<string, MarketRef>();
    for (const m of markets) if (found.size < SEARCH_LIMIT && !found.has(m.conditionId)) found.set(m.conditionId, m);
    this.found = found;
    this.options.logger.info({ results: found.size }, 'market search');
    // Gamma's strings were sanitized when parsed (src/protocol/gamma.ts).
    return [...found.values()].map((m) => ({
      key: m.conditionId,
      question: m.question,
      outcomes: m.outcomes.map((o) => o.label),
      endsAt: endsAtOf(m.endDate),
    }));
  }

  async add(choice: MarketChoice): Promise<void> {
    const market = this.found.get(choice.key);
    if (!market) throw new Error('that market is no longer in the search results; search again');
    this.session.addAssets(assetsOf(market));
  }

  remove(assetIds: readonly string[]): void {
    this.session.removeAssets(assetIds);
  }

  async saveWatchlist(): Promise<string> {
    const path = this.options.configPath ?? configPath();
    try {
      const written = saveWatchlist(watchlistOf(this.session), path);
      this.options.logger.info({ path: written }, 'watchlist saved');
      return written;
    } catch (error) {
      this.options.logger.warn({ path, err: (error as Error).message }, 'watchlist not saved');
      throw error;
    }
  }
}

/**
 * The session's markets as watchlist names, in tab order: a market's slug, else its condition id;
 * a token id watched without a known market stays a token id.
 */
export function watchlistOf(session: WatchSession): string[] {
  const names: string[] = [];
  for (const id of session.assetIds) {
    const asset = session.resolvedAsset(id);
    const name = asset?.slug || asset?.market || id;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}
