/**
 * `polybook watch --follow <series>`: a recurring market (e.g. `btc-updown-5m`, whose windows are
 * `btc-updown-5m-<unix start>`) or a Gamma series slug. Finds the current window, watches it, and
 * when it ends (its end date passed, or the venue said market_resolved) moves to the next one:
 * the old window's assets are removed (unsubscribed), the new ones added on the open socket.
 * The store's `follow` drives the header's countdown and the roll banner; each roll is reported
 * to `onRoll` listeners (the NDJSON `roll` line).
 */
import type { Logger } from 'pino';
import type { VenueApi } from '../feed/venue-api.js';
import type { EventRef } from '../protocol/gamma.js';
import { sanitizeText } from '../protocol/sanitize.js';
import { setFollow } from '../../store/store.js';
import { CliError } from './errors.js';
import { assetsOf, endsAtOf, type ResolvedAsset } from './resolve.js';
import type { WatchSession } from './session.js';

/** One window of a series: its event slug, when it ends, and its outcomes. */
export interface FollowWindow {
  readonly slug: string;
  readonly endsAt: number | null;
  readonly assets: readonly ResolvedAsset[];
}

/** A roll from one window to the next (`from` is null for none). */
export interface Roll {
  readonly series: string;
  readonly from: string | null;
  readonly to: string;
  readonly ts: number;
}

const UNITS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** The window length a recurring slug names (`btc-updown-5m` → 300 000 ms), or null. */
export function windowLengthOf(series: string): number | null {
  const match = /-(\d{1,4})([smhd])$/.exec(series);
  if (!match) return null;
  const ms = Number(match[1]) * UNITS[match[2]!]!;
  return ms > 0 ? ms : null;
}

/** The open window of an event: its markets not closed and not ended by `now`; null when none. */
function windowOf(event: EventRef, now: number): FollowWindow | null {
  const open = event.markets.filter((m) => !m.closed && (endsAtOf(m.endDate) ?? Infinity) > now);
  const assets = open.flatMap(assetsOf);
  if (assets.length === 0) return null;
  const ends = open.map((m) => endsAtOf(m.endDate)).filter((e): e is number => e !== null);
  return { slug: event.slug, endsAt: ends.length > 0 ? Math.min(...ends) : null, assets };
}

async function bySlugs(api: VenueApi, slugs: readonly string[], now: number, skip: string | null): Promise<FollowWindow | null> {
  for (const slug of slugs) {
    if (slug === skip) continue;
    for (const event of await api.eventsBySlug(slug)) {
      const found = event.slug === slug ? windowOf(event, now) : null;
      if (found) return found;
    }
  }
  return null;
}

/**
 * The window of `series` open at `now` (other than `skip`, the one just left): first by the slug
 * a recurring market's window has (`<series>-<start>`, starts aligned to the window length), then
 * through Gamma's series of that slug, then by Gamma search for events whose slug extends it.
 */
export async function findWindow(api: VenueApi, series: string, now: number, skip: string | null = null): Promise<FollowWindow | null> {
  const length = windowLengthOf(series);
  if (length !== null) {
    const start = Math.floor(now / length) * length;
    const found = await bySlugs(api, [`${series}-${start / 1000}`, `${series}-${(start + length) / 1000}`], now, skip);
    if (found) return found;
  }
  for (const s of await api.seriesBySlug(series)) {
    if (s.slug !== series) continue;
    const next = s.events
      .filter((e) => !e.closed && e.slug !== skip && (endsAtOf(e.endDate) ?? Infinity) > now)
      .sort((a, b) => (endsAtOf(a.endDate) ?? Infinity) - (endsAtOf(b.endDate) ?? Infinity))
      .slice(0, 3)
      .map((e) => e.slug);
    const found = await bySlugs(api, next, now, skip);
    if (found) return found;
  }
  const events = await api.searchEvents(series.replace(/-/g, ' '), 20);
  const windows = events
    .filter((e) => e.slug.startsWith(`${series}-`) && e.slug !== skip)
    .map((e) => windowOf(e, now))
    .filter((w): w is FollowWindow => w !== null)
    .sort((a, b) => (a.endsAt ?? Infinity) - (b.endsAt ?? Infinity));
  return windows[0] ?? null;
}

/** The window `--follow` starts with; a name that is no slug, or no open window, is one line, exit 2. */
export async function firstWindow(api: VenueApi, series: string): Promise<FollowWindow> {
  if (!/^[a-z0-9][a-z0-9-]*$/i.test(series)) {
    throw new CliError('cli.usage', `--follow takes a series or recurring market slug such as btc-updown-5m, not "${sanitizeText(series).slice(0, 80)}"`);
  }
  const window = await findWindow(api, series, Date.now());
  if (!window) {
    throw new CliError('cli.unknownMarket', `--follow ${series}: no open window found (tried ${series}-<start>, Gamma series ${series}, and a search)`);
  }
  return window;
}

export interface FollowOptions {
  readonly logger: Logger;
  /** How often the end is checked (default 250 ms). */
  readonly pollMs?: number;
  readonly now?: () => number;
}

/** First wait before asking Gamma again for a next window it does not list yet; doubles to 5 s. */
const RETRY_MS = 250;
const RETRY_MAX_MS = 5000;

export class SeriesFollower {
  private current: FollowWindow;
  private timer: ReturnType<typeof setInterval> | null = null;
  private busy = false;
  private ended = false;
  private retryAt = 0;
  private retryMs = RETRY_MS;
  private lastRoll: { readonly at: number; readonly from: string | null; readonly to: string } | null = null;
  private readonly listeners: Array<(roll: Roll) => void> = [];
  private readonly now: () => number;

  constructor(
    private readonly session: WatchSession,
    private readonly api: VenueApi,
    readonly series: string,
    first: FollowWindow,
    private readonly options: FollowOptions,
  ) {
    this.current = first;
    this.now = options.now ?? Date.now;
    this.publish();
    session.onEvent((event) => {
      // The venue says the window is over (custom features, §4.9): roll without waiting for the clock.
      if (event.kind === 'market_resolved' && this.current.assets.some((a) => a.market === event.market)) this.ended = true;
    });
  }

  /** The window being watched. */
  get window(): FollowWindow {
    return this.current;
  }

  onRoll(listener: (roll: Roll) => void): void {
    this.listeners.push(listener);
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.check(), this.options.pollMs ?? 250);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async check(): Promise<void> {
    const now = this.now();
    const due = this.ended || (this.current.endsAt !== null && now >= this.current.endsAt);
    if (!due || this.busy || now < this.retryAt) return;
    this.busy = true;
    try {
      const next = await findWindow(this.api, this.series, now, this.current.slug);
      if (!this.timer) return;
      if (next) this.roll(next);
      else this.later(`no next window of ${this.series} yet`);
    } catch (error) {
      this.later(`looking up the next window of ${this.series} failed: ${(error as Error).message}`);
    } finally {
      this.busy = false;
    }
  }

  private later(why: string): void {
    this.options.logger.warn({ series: this.series, retryMs: this.retryMs }, why);
    this.retryAt = this.now() + this.retryMs;
    this.retryMs = Math.min(RETRY_MAX_MS, this.retryMs * 2);
  }

  private roll(next: FollowWindow): void {
    const from = this.current;
    this.session.removeAssets(from.assets.map((a) => a.assetId));
    this.session.addAssets(next.assets);
    this.current = next;
    this.ended = false;
    this.retryMs = RETRY_MS;
    this.retryAt = 0;
    const ts = this.now();
    this.lastRoll = { at: ts, from: from.slug, to: next.slug };
    this.publish();
    this.options.logger.info({ series: this.series, from: from.slug, to: next.slug }, 'rolled to the next window');
    for (const listener of this.listeners) listener({ series: this.series, from: from.slug, to: next.slug, ts });
  }

  private publish(): void {
    setFollow(this.session.store, { series: this.series, slug: this.current.slug, endsAt: this.current.endsAt, lastRoll: this.lastRoll });
  }
}
