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
import { emptyAskAsNull, emptyBidAsNull } from './market-events.js';
import { arr, conditionId, dec, element, hashField, MAX_CHANGES, optDec, requiredTimestamp, side, tokenId, type Raw } from './fields.js';

export function parsePriceChange(raw: Raw): PriceChangeEvent {
  if (raw.price_changes !== undefined) return parseV2(raw);
  if (raw.changes !== undefined) return parseV1(raw);
  return parseV0(raw);
}

function parseV2(raw: Raw): PriceChangeEvent {
  const market = conditionId(raw);
  const list = arr(raw, 'price_changes', MAX_CHANGES);
  const changes: LevelChange[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const entry = element(list[i], 'price_changes', i);
    // Absent (no claim to audit: undefined) differs from "" or "0"/"1" (an empty side: null).
    const claims = entry.best_bid !== undefined || entry.best_ask !== undefined;
    changes[i] = {
      assetId: tokenId(entry, 'asset_id', 'price_changes', i),
      side: side(entry, 'side', 'price_changes', i),
      price: dec(entry, 'price', 'level', 'price_changes', i),
      size: dec(entry, 'size', 'size', 'price_changes', i),
      hash: hashField(entry),
      bestBid: claims ? emptyBidAsNull(optDec(entry, 'best_bid', 'price', 'price_changes', i)) : undefined,
      bestAsk: claims ? emptyAskAsNull(optDec(entry, 'best_ask', 'price', 'price_changes', i)) : undefined,
    };
  }
  return { kind: 'price_change', generation: 'v2', market, timestamp: requiredTimestamp(raw), changes, hash: undefined };
}

function parseV1(raw: Raw): PriceChangeEvent {
  const market = conditionId(raw);
  const assetId = tokenId(raw);
  const list = arr(raw, 'changes', MAX_CHANGES);
  const changes: LevelChange[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const entry = element(list[i], 'changes', i);
    // Every generation's entries and events have one shape (absent fields undefined), so the
    // engine's loop over them stays monomorphic.
    changes[i] = {
      assetId,
      side: side(entry, 'side', 'changes', i),
      price: dec(entry, 'price', 'level', 'changes', i),
      size: dec(entry, 'size', 'size', 'changes', i),
      hash: undefined,
      bestBid: undefined,
      bestAsk: undefined,
    };
  }
  const hash = hashField(raw);
  return { kind: 'price_change', generation: 'v1', market, timestamp: requiredTimestamp(raw), changes, hash: hash === '' ? undefined : hash };
}

function parseV0(raw: Raw): PriceChangeEvent {
  const change: LevelChange = {
    assetId: tokenId(raw),
    side: side(raw),
    price: dec(raw, 'price', 'level'),
    size: dec(raw, 'size', 'size'),
    hash: hashField(raw),
    bestBid: undefined,
    bestAsk: undefined,
  };
  return {
    kind: 'price_change',
    generation: 'v0',
    market: conditionId(raw),
    timestamp: requiredTimestamp(raw),
    changes: [change],
    hash: undefined,
  };
}
