/**
 * `price_change` in its three wire generations (POLYMARKET.md §0, §4.2–§4.4), all normalized to
 * one `PriceChangeEvent` whose changes carry their own asset id:
 *
 * - v2 (since 2025-09-15): `price_changes[]`, each entry with asset_id, hash, best_bid, best_ask.
 * - v1 (Oct 2024 → Sep 2025): top-level asset_id and hash, `changes[]` of {price, side, size}.
 * - v0 (≤ Oct 2024): one flat level per event.
 *
 * Sizes are absolute (the new aggregate at that price), "0" deletes (§4.2, VERIFIED).
 */
import type { LevelChange, PriceChangeEvent } from './events.js';
import { emptyAskAsNull, emptyBidAsNull, requiredTimestamp } from './market-events.js';
import { arr, dec, element, optDec, optStr, side, str, type Raw } from './fields.js';

export function parsePriceChange(raw: Raw): PriceChangeEvent {
  if (raw.price_changes !== undefined) return parseV2(raw);
  if (raw.changes !== undefined) return parseV1(raw);
  return parseV0(raw);
}

function parseV2(raw: Raw): PriceChangeEvent {
  const market = str(raw, 'market');
  const list = arr(raw, 'price_changes');
  const changes: LevelChange[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const entry = element(list[i], 'price_changes', i);
    changes[i] = {
      assetId: str(entry, 'asset_id', 'price_changes', i),
      side: side(entry, 'side', 'price_changes', i),
      price: dec(entry, 'price', 'price_changes', i),
      size: dec(entry, 'size', 'price_changes', i),
      hash: optStr(entry, 'hash') ?? '',
      bestBid: emptyBidAsNull(optDec(entry, 'best_bid', 'price_changes', i)),
      bestAsk: emptyAskAsNull(optDec(entry, 'best_ask', 'price_changes', i)),
    };
  }
  return { kind: 'price_change', generation: 'v2', market, timestamp: requiredTimestamp(raw), changes };
}

function parseV1(raw: Raw): PriceChangeEvent {
  const market = str(raw, 'market');
  const assetId = str(raw, 'asset_id');
  const list = arr(raw, 'changes');
  const changes: LevelChange[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const entry = element(list[i], 'changes', i);
    changes[i] = {
      assetId,
      side: side(entry, 'side', 'changes', i),
      price: dec(entry, 'price', 'changes', i),
      size: dec(entry, 'size', 'changes', i),
    };
  }
  const event: PriceChangeEvent = {
    kind: 'price_change',
    generation: 'v1',
    market,
    timestamp: requiredTimestamp(raw),
    changes,
  };
  const hash = optStr(raw, 'hash');
  return hash === null ? event : { ...event, hash };
}

function parseV0(raw: Raw): PriceChangeEvent {
  const change: LevelChange = {
    assetId: str(raw, 'asset_id'),
    side: side(raw),
    price: dec(raw, 'price'),
    size: dec(raw, 'size'),
    hash: optStr(raw, 'hash') ?? '',
  };
  return {
    kind: 'price_change',
    generation: 'v0',
    market: str(raw, 'market'),
    timestamp: requiredTimestamp(raw),
    changes: [change],
  };
}
