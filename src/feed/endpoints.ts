/**
 * The venue's addresses and the connection defaults, in a module that loads nothing else: the
 * command line reads them to print `--help` without loading WebSocket or HTTP code.
 */
export const DEFAULT_MARKET_URL = 'wss://ws-subscriptions-clob.polymarket.com/ws/market';
export const DEFAULT_USER_URL = 'wss://ws-subscriptions-clob.polymarket.com/ws/user';
export const DEFAULT_REST_URL = 'https://clob.polymarket.com';
export const DEFAULT_GAMMA_URL = 'https://gamma-api.polymarket.com';

/** At most this many assets per connection by default (POLYMARKET.md §13.2; nautilus caps at 200 too). */
export const DEFAULT_ASSETS_PER_CONNECTION = 200;
