/**
 * Everything the book screen shows, as plain data (strings and numbers), from one state, one
 * clock reading and the UI's own state. Pure: the screen builds it at each frame, compares it with
 * the last one and draws only when it differs (components/screen-controller.ts); the components
 * only turn it into Ink elements.
 */
import { mirroredLadder } from '../store/selectors.js';
import type { AssetView, ConnectionHealth, PolybookState } from '../store/types.js';
import { assetTitle, bookBadge, middleRow, statsText, type Badge } from './book-text.js';
import type { FlashTracker } from './flashes.js';
import { abbreviateId } from './format.js';
import { fitTabs, type Tab } from './header.js';
import { connectionLine, integrityLine, pickHealth, shortConnection, type Line, type Piece } from './health-text.js';
import { ladderModel, type LadderModel } from './ladder-model.js';
import { computeLayout, type Layout, type Size, type TapePlacement } from './layout.js';
import { selectedAsset } from './navigation.js';
import { tapeLines, type TapeLine } from './trade-tape.js';

export interface HeaderModel {
  /** "question — outcome" or a fallback. */
  readonly title: string;
  readonly badge: Badge;
  readonly tickSize: string | null;
  readonly paused: boolean;
  readonly tabs: readonly Tab[];
}

export interface ScreenModel {
  readonly mode: Layout['mode'];
  readonly width: number;
  /** Full layout: the two header lines. */
  readonly header: HeaderModel | null;
  /** Compact layout: the status line ("1/2 Up  live 42ms"), when there is a row for it. */
  readonly status: Line | null;
  /** The help overlay instead of the book, with the rows it may use. */
  readonly help: { readonly replay: boolean; readonly rows: number } | null;
  readonly ladder: LadderModel | null;
  readonly ladderWidth: number;
  /** Full layout: display price, imbalance, depth. */
  readonly stats: string | null;
  readonly tape: { readonly placement: Exclude<TapePlacement, 'none'>; readonly width: number; readonly lines: readonly TapeLine[] } | null;
  /** Full layout: the health bar's two lines. */
  readonly connection: Line | null;
  readonly integrity: Line | null;
  /** The replay line, when replaying and there is a row for it. */
  readonly replay: string | null;
}

export interface ScreenInput {
  readonly state: PolybookState;
  /** The wall clock for ages, countdowns and flashes. */
  readonly time: number;
  readonly size: Size;
  /** No colour: A/B side markers, `*` flashes, `!` alerts. */
  readonly markers: boolean;
  readonly chosen: string | null;
  readonly mirror: boolean;
  readonly help: boolean;
  readonly paused: boolean;
  /** Shown while no market question is known. */
  readonly title: string | undefined;
  /** Replaying a recording: the replay line's text (replayText()); undefined outside replay. */
  readonly replay: string | undefined;
  /** Looked at with the levels on screen (components/flashes.ts). */
  readonly flashes: FlashTracker;
}

function tabLabel(view: AssetView | undefined, id: string): string {
  return view?.outcome ?? abbreviateId(id);
}

function countMarketConnections(records: Readonly<Record<string, ConnectionHealth>>): number {
  let n = 0;
  for (const h of Object.values(records)) if (h.channel === 'market') n++;
  return n;
}

export function buildScreen(input: ScreenInput): ScreenModel {
  const { state, time, markers } = input;
  const replaying = input.replay !== undefined;
  const layout = computeLayout(input.size, state.depth, replaying);
  const order = state.order;
  const selected = selectedAsset(input.chosen, order);
  const index = selected === null ? -1 : order.indexOf(selected);
  const own = selected === null ? undefined : state.assets.get(selected);
  // `m`: the ladder drawn from the paired outcome's book (asks as bids at 1 − p), cached per view.
  const mirrored = input.mirror && selected !== null ? mirroredLadder(state, selected) : null;
  const view = own && mirrored ? { ...own, bids: mirrored.bids, asks: mirrored.asks } : own;
  const pairLabel = own?.pair ? tabLabel(state.assets.get(own.pair.assetId), own.pair.assetId) : null;
  const health = pickHealth(state.health);
  const fallback = input.title ?? 'polybook';
  const offline = replaying ? 'replay: no connection' : 'no connection';
  const badge = bookBadge(view, health?.state === 'live' && !health.frozen, time);
  const replay = layout.replayRow && input.replay !== undefined ? input.replay : null;
  const help = input.help ? { replay: replaying, rows: layout.bodyRows } : null;

  // Flashes are looked at on every frame, help or not, so a change is never flashed late.
  const flashing = input.flashes.look(view ? `${view.assetId}${mirrored ? ':mirror' : ''}` : null, view?.bids ?? [], view?.asks ?? [], time);
  const ladder =
    help || layout.levels + (layout.spreadRow ? 1 : 0) + (layout.columnHeader ? 1 : 0) === 0
      ? null
      : ladderModel(view?.asks ?? [], view?.bids ?? [], {
          levels: layout.levels,
          width: layout.ladderWidth,
          tickSize: view?.tickSize ?? null,
          markers,
          flashing,
          columnHeader: layout.columnHeader,
          middle: layout.spreadRow ? middleRow(view) : null,
        });

  if (layout.mode === 'compact') {
    let status: Piece[][] | null = null;
    if (layout.statusRow) {
      status = [[{ text: selected === null ? fallback : `${index + 1}/${order.length} ${tabLabel(view, selected)}`, tone: 'accent' }]];
      // "live" twice (book and connection) says nothing; the badge shows only when it is news.
      if (badge.text !== 'live') status.push([{ text: badge.text, tone: badge.tone }]);
      status.push([shortConnection(health, time, replaying ? 'replay' : offline)]);
      if (input.paused) status.push([{ text: 'PAUSED', tone: 'warn' }]);
    }
    return {
      mode: 'compact',
      width: layout.width,
      header: null,
      status,
      help,
      ladder,
      ladderWidth: layout.width,
      stats: null,
      tape: null,
      connection: null,
      integrity: null,
      replay,
    };
  }

  const labels = order.map((id) => tabLabel(state.assets.get(id), id));
  const title =
    selected === null ? `${fallback} — waiting for assets…` : assetTitle(view, fallback, selected) + (mirrored && pairLabel ? ` (mirror of ${pairLabel})` : '');
  const tickSize = view?.tickSize ?? null;
  const tape =
    help || layout.tape === 'none'
      ? null
      : { placement: layout.tape, width: layout.tapeWidth, lines: tapeLines((view?.trades ?? []).slice(0, layout.tapeRows), layout.tapeWidth, tickSize) };
  return {
    mode: 'full',
    width: layout.width,
    header: { title, badge, tickSize, paused: input.paused, tabs: fitTabs(labels, index, layout.width) },
    status: null,
    help,
    ladder,
    ladderWidth: layout.ladderWidth,
    stats: help ? null : statsText(view),
    tape,
    connection: connectionLine(health, time, countMarketConnections(state.health), offline),
    integrity: view ? integrityLine(view.integrity, view.cleaned, view.lastResync, time) : [],
    replay,
  };
}
