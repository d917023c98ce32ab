/**
 * The venue hash of one book state under several candidate inputs, without building a preimage per
 * candidate: the common prefix (head and both sides, all but the tail of hidden inputs) is hashed
 * once, and each candidate only copies that SHA-1 state and hashes its short tail. A grid search
 * over 999 hidden prices then hashes the book once, not 999 times, and a check allocates no
 * preimage strings (at 5,000 assets those were a third of everything the process allocated).
 *
 * Every string hashed is ASCII by the parser's checks (hex ids, digit ids and timestamps,
 * canonical decimals), so JSON needs no escaping.
 */
import type { Hash } from 'node:crypto';
import type { Level } from '../protocol/events.js';
import type { HashInputs } from './venue-hash.js';
import { hashWork, sha1Uncounted as sha1Text } from './venue-hash.js';

type CreateHash = (algorithm: string) => Hash;
let createHash: CreateHash | null = null;

/** One side as JSON, in the venue's order: `wire` as sent, else best-first levels written worst first. */
function sideJson(levels: readonly Level[], wire: boolean): string {
  let json = '[';
  const n = levels.length;
  for (let k = 0; k < n; k++) {
    const level = levels[wire ? k : n - 1 - k]!;
    json += k === 0 ? `{"price":"${level.price}","size":"${level.size}"}` : `,{"price":"${level.price}","size":"${level.size}"}`;
  }
  return `${json}]`;
}

export class PreimageHash {
  private head = '';
  private bids = '';
  private asks = '';
  /** The SHA-1 state after the prefix, made on the second candidate of a check (most need one). */
  private prefix: Hash | null = null;
  private hashed = 0;
  /** Characters in the prefix (what one full preimage costs beyond its tail). */
  bodyLength = 0;

  /** Starts a check of one book state; the candidates follow. */
  begin(market: string, assetId: string, timestamp: string, bids: readonly Level[], asks: readonly Level[], wire: boolean): void {
    this.head = `{"market":"${market}","asset_id":"${assetId}","timestamp":"${timestamp}","hash":"","bids":`;
    this.bids = sideJson(bids, wire);
    this.asks = sideJson(asks, wire);
    this.prefix = null;
    this.hashed = 0;
    this.bodyLength = this.head.length + this.bids.length + this.asks.length + 8;
  }

  /** SHA-1 hex of the legacy (6-field) preimage: the prefix, closed. */
  legacy(): string {
    return this.finish('}');
  }

  /** SHA-1 hex of the current (10-field) preimage: the prefix, then these inputs. */
  current(inputs: HashInputs): string {
    return this.finish(
      `,"min_order_size":"${inputs.minOrderSize}","tick_size":"${inputs.tickSize}","neg_risk":${inputs.negRisk ? 'true' : 'false'},"last_trade_price":"${inputs.lastTradePrice}"}`,
    );
  }

  /**
   * The first candidate hashes the whole preimage in one call (no hash objects); from the second
   * on, the prefix's SHA-1 state is made once and copied for each tail.
   */
  private finish(tail: string): string {
    hashWork.calls++;
    hashWork.chars += tail.length;
    if (this.hashed++ === 0) {
      hashWork.chars += this.bodyLength;
      return sha1Text(`${this.head}${this.bids},"asks":${this.asks}${tail}`);
    }
    if (this.prefix === null) {
      createHash ??= process.getBuiltinModule('node:crypto').createHash;
      const prefix = createHash('sha1');
      prefix.update(this.head, 'latin1');
      prefix.update(this.bids, 'latin1');
      prefix.update(',"asks":', 'latin1');
      prefix.update(this.asks, 'latin1');
      this.prefix = prefix;
      hashWork.chars += this.bodyLength;
    }
    return this.prefix.copy().update(tail, 'latin1').digest('hex');
  }
}
