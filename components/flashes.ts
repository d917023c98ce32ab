/**
 * Which ladder levels changed size, for `ms` after the change. Sizes are compared per price and
 * side between two looks at the book; looking at another book (another asset, or the mirror) starts
 * over without flashing. Pure bookkeeping with an explicit clock: the screen asks at each frame
 * (components/screen-controller.ts), so a change and its flash reach the screen in the same frame,
 * and the end of a flash is drawn on the frame clock like everything else.
 */
import type { LadderLevel } from '../store/types.js';
import { flashKey } from './ladder-model.js';

export const FLASH_MS = 300;

const NONE: ReadonlySet<string> = new Set();

export class FlashTracker {
  private key: string | null = null;
  private bids: readonly LadderLevel[] | null = null;
  private asks: readonly LadderLevel[] | null = null;
  private sizes = new Map<string, string>();
  private readonly until = new Map<string, number>();
  private shown: ReadonlySet<string> = NONE;

  constructor(private readonly ms = FLASH_MS) {}

  /**
   * The flash keys (ladder-model `flashKey`) lit at `t`. Idempotent: looking again at the same
   * levels finds no new change. The same Set object comes back while the lit keys are the same.
   */
  look(key: string | null, bids: readonly LadderLevel[], asks: readonly LadderLevel[], t: number): ReadonlySet<string> {
    if (key !== this.key) {
      this.until.clear();
      this.sizes = sizesOf(bids, asks);
    } else if (bids !== this.bids || asks !== this.asks) {
      const sizes = sizesOf(bids, asks);
      for (const [k, size] of sizes) if (this.sizes.get(k) !== size) this.until.set(k, t + this.ms);
      this.sizes = sizes;
    }
    this.key = key;
    this.bids = bids;
    this.asks = asks;
    let changed = false;
    for (const [k, end] of this.until) {
      if (end <= t) {
        this.until.delete(k);
        changed = true;
      } else if (!this.shown.has(k)) changed = true;
    }
    if (changed || this.shown.size !== this.until.size) this.shown = this.until.size === 0 ? NONE : new Set(this.until.keys());
    return this.shown;
  }

  /** When the next lit flash ends (Infinity when none is lit). */
  nextEnd(): number {
    let next = Infinity;
    for (const end of this.until.values()) if (end < next) next = end;
    return next;
  }
}

function sizesOf(bids: readonly LadderLevel[], asks: readonly LadderLevel[]): Map<string, string> {
  const sizes = new Map<string, string>();
  for (const l of bids) sizes.set(flashKey('bid', l.price), l.size);
  for (const l of asks) sizes.set(flashKey('ask', l.price), l.size);
  return sizes;
}
