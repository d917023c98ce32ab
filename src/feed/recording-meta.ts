/**
 * A recording's side file, `<recording>.meta.json`: what `replay` needs to verify the venue's hash
 * the way the live session did, which the frames themselves never carry: the REST-only inputs
 * (`min_order_size`, `neg_risk`, POLYMARKET.md §6.1), the tick sizes REST reported, and the
 * subscribed assets (so the complement outcome carried by every price_change is not mistaken for
 * one). The recording stays one frame per line, readable by any tool; the side file is optional.
 *
 * Read back as hostile input: every field is checked, ids must look like ids, nothing from the
 * file becomes an object key.
 */
export const META_FORMAT = 'polybook-recording-meta/1';

export interface RecordedMarketMeta {
  readonly market: string;
  readonly minOrderSize: string;
  readonly negRisk: boolean;
}

export interface RecordedAssetMeta {
  readonly assetId: string;
  readonly market: string | null;
  readonly tickSize: string | null;
}

export interface RecordingMeta {
  readonly assets: readonly RecordedAssetMeta[];
  readonly markets: readonly RecordedMarketMeta[];
}

/** The side file that goes with a recording. */
export function metaPathFor(recording: string): string {
  return `${recording}.meta.json`;
}

const TOKEN_ID = /^\d{1,100}$/;
const CONDITION_ID = /^0x[0-9a-fA-F]{1,128}$/;
const DECIMAL = /^\d{1,12}(\.\d{1,12})?$/;
/** Far more than a session subscribes (the venue's per-connection caps are in the hundreds). */
const MAX_ENTRIES = 100_000;

export function metaJson(meta: RecordingMeta): string {
  return `${JSON.stringify(
    {
      format: META_FORMAT,
      assets: meta.assets.map((a) => ({ asset_id: a.assetId, market: a.market, tick_size: a.tickSize })),
      markets: meta.markets.map((m) => ({ market: m.market, min_order_size: m.minOrderSize, neg_risk: m.negRisk })),
    },
    null,
    1,
  )}\n`;
}

/** Parses a side file; throws an Error naming the first problem. */
export function parseMeta(text: string): RecordingMeta {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error('not valid JSON');
  }
  if (!isObject(body) || body.format !== META_FORMAT) throw new Error(`not a ${META_FORMAT} file`);
  const assets = list(body.assets, 'assets').map((raw, i) => {
    if (!isObject(raw) || typeof raw.asset_id !== 'string' || !TOKEN_ID.test(raw.asset_id)) throw new Error(`assets[${i}].asset_id is not a token id`);
    return {
      assetId: raw.asset_id,
      market: optional(raw.market, CONDITION_ID, `assets[${i}].market`),
      tickSize: optional(raw.tick_size, DECIMAL, `assets[${i}].tick_size`),
    };
  });
  const markets = list(body.markets, 'markets').map((raw, i) => {
    if (!isObject(raw) || typeof raw.market !== 'string' || !CONDITION_ID.test(raw.market)) throw new Error(`markets[${i}].market is not a condition id`);
    if (typeof raw.min_order_size !== 'string' || !DECIMAL.test(raw.min_order_size)) throw new Error(`markets[${i}].min_order_size is not a decimal`);
    if (typeof raw.neg_risk !== 'boolean') throw new Error(`markets[${i}].neg_risk is not a boolean`);
    return { market: raw.market, minOrderSize: raw.min_order_size, negRisk: raw.neg_risk };
  });
  return { assets, markets };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown, name: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${name} is not an array`);
  if (value.length > MAX_ENTRIES) throw new Error(`${name} has more than ${MAX_ENTRIES} entries`);
  return value;
}

function optional(value: unknown, shape: RegExp, name: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string' || !shape.test(value)) throw new Error(`${name} is malformed`);
  return value;
}
