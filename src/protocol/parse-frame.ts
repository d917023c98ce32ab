/**
 * The one entry point from wire bytes to normalized events. Accepts every server frame shape
 * (POLYMARKET.md §3): a JSON array of events (initial dump; every frame before 2025-09-15), a single
 * JSON object, and the plain-text replies (`PONG`, empty, `INVALID OPERATION`, `NO NEW ASSETS`).
 * Never throws: anything malformed becomes an `invalid` event with a stable reason.
 */
import type { ControlText, FeedEvent, InvalidEvent, ParsedFrame } from './events.js';
import { isRaw, Rejection, type Raw } from './fields.js';
import { sanitizeText } from './sanitize.js';
import { parseBestBidAsk, parseBook, parseLastTrade, parseLifecycle, parseTickSize } from './market-events.js';
import { parsePriceChange } from './price-change.js';
import { looksLikeUserTrade, parseOrder, parseUserTrade } from './user-events.js';

const CONTROL: ReadonlyMap<string, ControlText> = new Map([
  ['PONG', 'PONG'],
  ['', 'EMPTY'],
  ['INVALID OPERATION', 'INVALID OPERATION'],
  ['NO NEW ASSETS', 'NO NEW ASSETS'],
]);

const NO_EVENTS: readonly FeedEvent[] = Object.freeze([]);

/** Details and event types quote server text: they reach logs and NDJSON, so they are sanitized. */
function invalid(reason: InvalidEvent['reason'], detail: string, eventType: string | null = null): InvalidEvent {
  return { kind: 'invalid', reason, detail: sanitizeText(detail), eventType };
}

/** Parses one WebSocket text frame. */
export function parseFrame(text: string): ParsedFrame {
  const first = text.charCodeAt(0);
  // '{' or '[' first: JSON. Anything else is one of the venue's text replies, or garbage.
  if (first !== 123 && first !== 91) {
    const control = CONTROL.get(text.trim());
    if (control !== undefined) return { control, events: NO_EVENTS };
    if (text.trimStart().length === 0) return { control: 'EMPTY', events: NO_EVENTS };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
    return { control: null, events: [invalid('malformed_json', `not JSON: ${JSON.stringify(shown)}`)] };
  }
  if (Array.isArray(value)) {
    const events: FeedEvent[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) events[i] = parseEvent(value[i]);
    return { control: null, events };
  }
  return { control: null, events: [parseEvent(value)] };
}

/** Normalizes one decoded event object. */
export function parseEvent(value: unknown): FeedEvent {
  if (!isRaw(value)) return invalid('not_an_object', `an event must be a JSON object, got ${typeof value}`);
  const eventType = eventTypeOf(value.event_type);
  try {
    switch (eventType) {
      case 'price_change':
        return parsePriceChange(value);
      case 'book':
        return parseBook(value);
      case 'last_trade_price':
        return parseLastTrade(value);
      case 'tick_size_change':
        return parseTickSize(value);
      case 'best_bid_ask':
        return parseBestBidAsk(value);
      case 'new_market':
      case 'market_resolved':
        return parseLifecycle(value, eventType);
      case 'order':
        return parseOrder(value);
      case 'trade':
        return parseUserTrade(value);
      case null:
        return untyped(value);
      default:
        return { kind: 'unknown', eventType };
    }
  } catch (error) {
    if (error instanceof Rejection) return invalid(error.reason, error.detail, eventType);
    return invalid('bad_field_type', String(error), eventType);
  }
}

/**
 * The event type, lower-cased with ASCII rules only (Unicode case rules would read a Kelvin sign
 * as "k"); other strings stay unknown, sanitized and cut short because they are counted and logged.
 */
function eventTypeOf(type: unknown): string | null {
  if (typeof type !== 'string') return null;
  // The venue's own spellings need no regex and no lower-casing.
  if (type === 'price_change' || type === 'book' || type === 'last_trade_price' || type === 'best_bid_ask' || type === 'tick_size_change') return type;
  if (/^[A-Za-z_]{1,40}$/.test(type)) return type.toLowerCase();
  const text = sanitizeText(type);
  return `?${text.length > 40 ? text.slice(0, 40) : text}`;
}

function untyped(raw: Raw): FeedEvent {
  if (looksLikeUserTrade(raw)) return parseUserTrade(raw);
  if (raw.event_type === undefined) return invalid('missing_field', 'event_type is missing');
  return invalid('bad_field_type', 'event_type must be a string');
}

/** Parses a REST `/book` body (or one element of `/books`) into a `book` event. */
export function parseRestBook(value: unknown): FeedEvent {
  if (!isRaw(value)) return invalid('not_an_object', 'a REST book must be a JSON object');
  try {
    return parseBook(value, true);
  } catch (error) {
    if (error instanceof Rejection) return invalid(error.reason, error.detail, 'book');
    return invalid('bad_field_type', String(error), 'book');
  }
}
