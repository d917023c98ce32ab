/**
 * The user channel (`/ws/user`): the user's own orders and trades for some markets (condition
 * ids), authenticated with the API key triple in the subscription (POLYMARKET.md §2.4, §7).
 * A rejected auth stops the connection with a 'fatal' FeedError instead of a reconnect loop.
 * Events: 'frame' (text), 'health', 'fatal', 'down' (cause).
 */
import { EventEmitter } from 'node:events';
import { FeedConnection } from './connection.js';
import type { ApiCredentials } from './credentials.js';
import type { ConnectionTiming } from './market-feed.js';
import { DEFAULT_USER_URL } from './endpoints.js';

export { DEFAULT_USER_URL };

/** Close codes that mean "your credentials were refused" (venue behaviour is undocumented, §2.4). */
const AUTH_CLOSE_CODES = new Set([1008, 4001, 4003, 4401, 4403]);
const AUTH_REASON = /auth|unauthori[sz]ed|forbidden|api.?key|credential/i;
/** Closed this many times in a row before any data: treat as a silent auth refusal (§2.4, I-22). */
const SILENT_REFUSALS = 3;

export interface UserFeedOptions extends ConnectionTiming {
  readonly url?: string;
  readonly credentials: ApiCredentials;
  /** Condition ids; empty asks for every market of the key (UNCERTAIN on the real venue). */
  readonly markets: readonly string[];
}

export class UserFeed extends EventEmitter {
  private readonly connection: FeedConnection;

  constructor(options: UserFeedOptions) {
    super();
    let silentCloses = 0;
    this.connection = new FeedConnection({
      ...options,
      id: 'user-0',
      channel: 'user',
      url: options.url ?? DEFAULT_USER_URL,
      openFrames: () => [JSON.stringify({ auth: options.credentials.authPayload(), markets: options.markets, type: 'user' })],
      carried: () => options.markets.length,
      fatalClose: (code, reason, answered) => {
        if (AUTH_CLOSE_CODES.has(code) || AUTH_REASON.test(reason)) {
          return `the venue refused the API credentials (close ${code}${reason ? `: ${reason}` : ''})`;
        }
        silentCloses = answered ? 0 : silentCloses + 1;
        return silentCloses >= SILENT_REFUSALS ? `the user channel closed ${SILENT_REFUSALS} times right after authenticating: check the API credentials` : null;
      },
    });
    for (const event of ['frame', 'health', 'fatal', 'down']) {
      this.connection.on(event, (...args: unknown[]) => this.emit(event, ...args));
    }
  }

  start(): void {
    this.connection.start();
  }

  stop(): Promise<void> {
    return this.connection.stop();
  }
}
