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
import {
  arrOf,
  conditionIdOf,
  decOf,
  element,
  hashFieldOf,
  isCommonPrice,
  isCommonSize,
  MAX_CHANGES,
  optDecOf,
  requiredTimestampOf,
  sideOf,
  tokenIdOf,
  type Raw,
} from './fields.js';

export function parsePriceChange(raw: Raw): PriceChangeEvent {
  if (raw.price_changes !== undefined) return parseV2(raw);
  if (raw.changes !== undefined) return parseV1(raw);
  return parseV0(raw);
}

function parseV2(raw: Raw): PriceChangeEvent {
  // Fields are read by literal name (fields.ts `…Of`): the v2 entry is the hottest object parsed.
  const market = conditionIdOf(raw.market);
  const list = arrOf(raw.price_changes, 'price_changes', MAX_CHANGES);
  const changes: LevelChange[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const entry = element(list[i], 'price_changes', i);
    const price = entry.price;
    const size = entry.size;
    const bestBid = entry.best_bid;
    const bestAsk = entry.best_ask;
    // Absent (no claim to audit: undefined) differs from "" or "0"/"1" (an empty side: null).
    const claims = bestBid !== undefined || bestAsk !== undefined;
    // The venue's common spellings inline, as in fields.ts `levels`; anything else takes the full path.
    changes[i] = {
      assetId: tokenIdOf(entry.asset_id, 'asset_id', 'price_changes', i),
      side: sideOf(entry.side, 'side', 'price_changes', i),
      price: typeof price === 'string' && isCommonPrice(price) ? price : decOf(price, 'price', 'level', 'price_changes', i),
      size: typeof size === 'string' && isCommonSize(size) ? size : decOf(size, 'size', 'size', 'price_changes', i),
      hash: hashFieldOf(entry.hash),
      bestBid: claims
        ? typeof bestBid === 'string' && isCommonPrice(bestBid)
          ? bestBid
          : emptyBidAsNull(optDecOf(bestBid, 'best_bid', 'price', 'price_changes', i))
        : undefined,
      bestAsk: claims
        ? typeof bestAsk === 'string' && isCommonPrice(bestAsk)
          ? bestAsk
          : emptyAskAsNull(optDecOf(bestAsk, 'best_ask', 'price', 'price_changes', i))
        : undefined,
    };
  }
  return { kind: 'price_change', generation: 'v2', market, timestamp: requiredTimestampOf(raw.timestamp), changes, hash: undefined };
}

function parseV1(raw: Raw): PriceChangeEvent {
  const market = conditionIdOf(raw.market);
  const assetId = tokenIdOf(raw.asset_id);
  const list = arrOf(raw.changes, 'changes', MAX_CHANGES);
  const changes: LevelChange[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const entry = element(list[i], 'changes', i);
    // Every generation's entries and events have one shape (absent fields undefined), so the
    // engine's loop over them stays monomorphic.
    changes[i] = {
      assetId,
      side: sideOf(entry.side, 'side', 'changes', i),
      price: decOf(entry.price, 'price', 'level', 'changes', i),
      size: decOf(entry.size, 'size', 'size', 'changes', i),
      hash: undefined,
      bestBid: undefined,
      bestAsk: undefined,
    };
  }
  const hash = hashFieldOf(raw.hash);
  return { kind: 'price_change', generation: 'v1', market, timestamp: requiredTimestampOf(raw.timestamp), changes, hash: hash === '' ? undefined : hash };
}

function parseV0(raw: Raw): PriceChangeEvent {
  const change: LevelChange = {
    assetId: tokenIdOf(raw.asset_id),
    side: sideOf(raw.side),
    price: decOf(raw.price, 'price', 'level'),
    size: decOf(raw.size, 'size', 'size'),
    hash: hashFieldOf(raw.hash),
    bestBid: undefined,
    bestAsk: undefined,
  };
  return {
    kind: 'price_change',
    generation: 'v0',
    market: conditionIdOf(raw.market),
    timestamp: requiredTimestampOf(raw.timestamp),
    changes: [change],
    hash: undefined,
  };
}
