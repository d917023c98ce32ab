/**
 * The user channel (`/ws/user`): the user's own orders and trades for some markets (condition
 * ids), authenticated with the API key triple in the subscription (POLYMARKET.md §2.4, §7).
 * A rejected auth stops the connection with a 'fatal' FeedError instead of a reconnect loop.
 * Events: 'frame' (text), 'parsed' (the frame parsed, once, here), 'health', 'fatal', 'down' (cause).
 *
 * Only a socket that opened can have had its credentials refused: a close before the upgrade
 * completed (refused connection, unknown host, HTTP error on upgrade) is a connection failure,
 * retried like any other (and bounded by `maxAttempts`), never "check the API credentials".
 */
import { EventEmitter } from 'node:events';
import type { ParsedFrame } from '../protocol/events.js';
import { parseFrame } from '../protocol/parse-frame.js';
import { FeedConnection, type ConnectionEvents } from './connection.js';
import type { ApiCredentials } from './credentials.js';
import type { ConnectionTiming } from './market-feed.js';
import { DEFAULT_USER_URL } from './endpoints.js';

export { DEFAULT_USER_URL };

/** Close codes that mean "your credentials were refused" (venue behaviour is undocumented, §2.4). */
const AUTH_CLOSE_CODES = new Set([1008, 4001, 4003, 4401, 4403]);
const AUTH_REASON = /auth|unauthori[sz]ed|forbidden|api.?key|credential/i;
/** Opened, then closed this many times in a row before any answer: a silent auth refusal (§2.4, I-22). */
const SILENT_REFUSALS = 3;

export interface UserFeedOptions extends ConnectionTiming {
  readonly url?: string;
  readonly credentials: ApiCredentials;
  /** Condition ids; empty asks for every market of the key (UNCERTAIN on the real venue). */
  readonly markets: readonly string[];
}

/** What the user feed emits: the connection's events, passed through, and each frame parsed. */
export type UserFeedEvents = Pick<ConnectionEvents, 'frame' | 'health' | 'fatal' | 'down'> & {
  parsed: [frame: ParsedFrame];
};

/** Decides whether a close of the user channel means the credentials were refused. */
export class AuthRefusal {
  private silentCloses = 0;

  /**
   * `opened`: the socket completed its upgrade (the subscription with the key went out);
   * `answered`: any frame or PONG came back. Returns the fatal message, or null to retry.
   */
  verdict(code: number, reason: string, opened: boolean, answered: boolean): string | null {
    // Never connected: nothing was authenticated, so nothing was refused.
    if (!opened) return null;
    if (AUTH_CLOSE_CODES.has(code) || AUTH_REASON.test(reason)) {
      return `the venue refused the API credentials (close ${code}${reason ? `: ${reason}` : ''})`;
    }
    this.silentCloses = answered ? 0 : this.silentCloses + 1;
    return this.silentCloses >= SILENT_REFUSALS
      ? `the user channel closed ${SILENT_REFUSALS} times right after authenticating: check the API credentials`
      : null;
  }
}

export class UserFeed extends EventEmitter<UserFeedEvents> {
  private readonly connection: FeedConnection;

  constructor(options: UserFeedOptions) {
    super();
    const refusal = new AuthRefusal();
    // Whether the current socket opened: set on 'open', read and cleared at its close.
    let opened = false;
    this.connection = new FeedConnection({
      ...options,
      id: 'user-0',
      channel: 'user',
      url: options.url ?? DEFAULT_USER_URL,
      openFrames: () => [JSON.stringify({ auth: options.credentials.authPayload(), markets: options.markets, type: 'user' })],
      carried: () => options.markets.length,
      fatalClose: (code, reason, answered) => {
        const wasOpen = opened;
        opened = false;
        return refusal.verdict(code, reason, wasOpen, answered);
      },
    });
    this.connection.on('open', () => {
      opened = true;
    });
    this.connection.on('frame', (text) => {
      this.emit('frame', text);
      this.emit('parsed', parseFrame(text));
    });
    this.connection.on('health', (health) => this.emit('health', health));
    this.connection.on('fatal', (error) => this.emit('fatal', error));
    this.connection.on('down', (cause) => this.emit('down', cause));
  }

  start(): void {
    this.connection.start();
  }

  stop(): Promise<void> {
    return this.connection.stop();
  }
}
