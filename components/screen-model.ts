/**
 * Everything the book screen shows, as plain data (strings and numbers), from one state, one
 * clock reading and the UI's own state. Pure: the screen builds it at each frame, compares it with
 * the last one and draws only when it differs (components/screen-controller.ts); the components
 * only turn it into Ink elements.
 */
import { bannerText } from './alert-banner.js';
import { mirroredLadder } from '../store/selectors.js';
import type { AssetView, ConnectionHealth, PolybookState } from '../store/types.js';
import { boardModel, type BoardModel, type StartPrices } from './board-model.js';
import { assetTitle, bookBadge, dimmedStatus, middleRow, statsText, type Badge } from './book-text.js';
import type { FlashTracker } from './flashes.js';
import { abbreviateId, truncate } from './format.js';
import { fitTabs, type Tab } from './header.js';
import { connectionLine, integrityLine, pickHealth, shortConnection, type Line, type Piece } from './health-text.js';
import { ladderModel, type LadderModel } from './ladder-model.js';
import { computeLayout, type Layout, type Size, type TapePlacement } from './layout.js';
import { selectedAsset } from './navigation.js';
import { tapeLines, type TapeLine } from './trade-tape.js';
import { assetChart, type ChartModel } from './price-chart.js';
import { ownMarks, tapeWithFills } from './own-orders.js';
import type { SearchModel } from './search-state.js';

export interface HeaderModel {
  /** "question — outcome" or a fallback. */
  readonly title: string;
  readonly badge: Badge;
  readonly tickSize: string | null;
  readonly paused: boolean;
  readonly tabs: readonly Tab[];
  /** Time left: "ends in 1:02:03", or "next roll in 2:41" with `watch --follow` (components/markets-view.ts). */
  readonly clock?: string | null;
  /** A passing notice in place of the tabs: a roll, an added market, a saved watchlist. */
  readonly notice?: { readonly text: string; readonly tone: 'ok' | 'warn' | 'bad' | 'accent' } | null;
}

export interface ScreenModel {
  readonly mode: Layout['mode'];
  readonly width: number;
  /** Ladder levels per side the layout has room for (the store is asked to publish that many). */
  readonly levels: number;
  /** Levels per side the rows could hold whatever the maximum depth. */
  readonly room: number;
  /** Full layout: the two header lines. */
  readonly header: HeaderModel | null;
  /** Compact layout: the status line ("1/2 Up  live 42ms"), when there is a row for it. */
  readonly status: Line | null;
  /** The help overlay instead of the book, with the rows it may use. */
  readonly help: { readonly replay: boolean; readonly rows: number } | null;
  readonly ladder: LadderModel | null;
  readonly ladderWidth: number;
  /** At 160 columns and more: the other outcome's ladder beside this one (each with its spread row). */
  readonly pairLadder: LadderModel | null;
  /** The board (`b`) instead of the book, or beside the ladder on a wide terminal with no other outcome. */
  readonly board: { readonly placement: 'body' | 'side'; readonly model: BoardModel } | null;
  /** Full layout: display price, imbalance, depth. */
  readonly stats: string | null;
  readonly tape: { readonly placement: Exclude<TapePlacement, 'none'>; readonly width: number; readonly lines: readonly TapeLine[] } | null;
  /** Full layout: the selected asset's price chart under the ladder, when the layout has rows for it (`chartRows`). */
  readonly chart: ChartModel | null;
  /** Full layout: the health bar's two lines. */
  readonly connection: Line | null;
  readonly integrity: Line | null;
  /** Compact layout: the replay line, when replaying and there is a row for it (the full layout says it in the header). */
  readonly replay: string | null;
  /** The alert banner (components/alert-banner.tsx) while the newest alert is recent, instead of the tabs / status line. */
  readonly alert?: string | null;
  /** The market search (`/`) drawn instead of the screen's body (components/search.tsx). */
  readonly search?: SearchModel | null;
}

export interface ScreenInput {
  readonly state: PolybookState;
  /** The wall clock for ages, countdowns and flashes. */
  readonly time: number;
  readonly size: Size;
  /** The most ladder levels per side wanted (`--depth`, `+`/`-`): the ladder fills the rows up to it. */
  readonly depth: number;
  /** No colour: A/B side markers, `*` flashes, `!` alerts. */
  readonly markers: boolean;
  readonly chosen: string | null;
  readonly mirror: boolean;
  readonly help: boolean;
  /** The board (`b`) is open. */
  readonly board: boolean;
  readonly paused: boolean;
  /** Shown while no market question is known. */
  readonly title: string | undefined;
  /** Replaying a recording: the replay line's text (replayText()); undefined outside replay. */
  readonly replay: string | undefined;
  /** Looked at with the levels on screen (components/flashes.ts). */
  readonly flashes: FlashTracker;
  /** The board's start prices (change since the session started). */
  readonly starts: StartPrices;
}

function tabLabel(view: AssetView | undefined, id: string): string {
  return view?.outcome ?? abbreviateId(id);
}

/**
 * Every watched asset's tab label, the previous frame's array while none changed: a label is a
 * view's outcome or the kept abbreviation of its id, so the check allocates nothing (at 5,000
 * assets a fresh array of labels per frame was much of the screen's garbage).
 */
let lastLabels: { readonly order: readonly string[]; readonly labels: string[] } | null = null;
function tabLabels(state: PolybookState, order: readonly string[]): readonly string[] {
  const kept = lastLabels !== null && lastLabels.order === order ? lastLabels.labels : null;
  if (kept !== null) {
    let same = true;
    for (let i = 0; i < order.length && same; i++) same = kept[i] === tabLabel(state.assets.get(order[i]!), order[i]!);
    if (same) return kept;
  }
  const labels = order.map((id) => tabLabel(state.assets.get(id), id));
  lastLabels = { order, labels };
  return labels;
}

function countMarketConnections(records: Readonly<Record<string, ConnectionHealth>>): number {
  let n = 0;
  for (const h of Object.values(records)) if (h.channel === 'market') n++;
  return n;
}

/**
 * The other outcome of the selected asset's market when it is watched: its recorded pair, else
 * another watched asset of the same market (looked up only on a wide screen, where it is drawn).
 */
function siblingOf(state: PolybookState, view: AssetView | undefined): AssetView | undefined {
  if (!view) return undefined;
  const pair = view.pair ? state.assets.get(view.pair.assetId) : undefined;
  if (pair) return pair;
  // Without a recorded pair, a scan of the watched assets, once per watchlist and asset (not per frame).
  let found = siblings.get(state.order);
  if (!found) siblings.set(state.order, (found = new Map()));
  // Keyed by the market too: a market learnt later is looked up again.
  const key = `${view.assetId}|${view.market}`;
  let id = found.get(key);
  if (id === undefined) {
    id = null;
    for (const other of state.order) {
      if (other !== view.assetId && state.assets.get(other)?.market === view.market) {
        id = other;
        break;
      }
    }
    found.set(key, id);
  }
  return id === null ? undefined : state.assets.get(id);
}

/** Per watchlist (the order array's identity): each asset's other outcome, or null. */
const siblings = new WeakMap<readonly string[], Map<string, string | null>>();

/** The compact status line's name: outcome and as much of the question as the rest leaves room for. */
function compactName(lead: string, question: string | null, width: number, rest: readonly Piece[][]): Piece[] {
  const used = lead.length + rest.reduce((n, group) => n + 2 + group.reduce((m, p) => m + p.text.length, group.length - 1), 0);
  const room = width - used - 1;
  const pieces: Piece[] = [{ text: lead, tone: 'accent' }];
  if (question && room >= 6) pieces.push({ text: truncate(question, room), tone: 'plain' });
  return pieces;
}

export function buildScreen(input: ScreenInput): ScreenModel {
  const { state, time, markers } = input;
  const replaying = input.replay !== undefined;
  const order = state.order;
  const selected = selectedAsset(input.chosen, order);
  // The price chart gets rows only once the selected asset has a history to draw (layout.ts).
  const series = selected === null ? undefined : state.history.get(selected);
  const layout = computeLayout(input.size, input.depth, replaying, series !== undefined && series.length > 0);
  // Levels the rows could hold at any depth: what `+` / `-` count from when the maximum is larger.
  const room = input.depth >= MAX_DEPTH ? layout.levels : computeLayout(input.size, MAX_DEPTH, replaying, series !== undefined && series.length > 0).levels;
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
  const help = input.help ? { replay: replaying, rows: layout.bodyRows } : null;
  const boardOpen = input.board && !help;
  // Wide: the other outcome beside this one, or (with none watched) the board beside the ladder.
  const sibling = layout.split && !boardOpen && !help && !mirrored ? siblingOf(state, own) : undefined;
  const sideBoard = layout.split && !boardOpen && !help && sibling === undefined;
  const mainWidth = sibling ? Math.floor((layout.ladderWidth - 1) / 2) : sideBoard ? Math.min(72, Math.floor(layout.ladderWidth / 2)) : layout.ladderWidth;

  // Flashes are looked at on every frame, help or not, so a change is never flashed late.
  const flashing = input.flashes.look(view ? `${view.assetId}${mirrored ? ':mirror' : ''}` : null, view?.bids ?? [], view?.asks ?? [], time);
  const ladderOf = (v: AssetView | undefined, width: number, lit: ReadonlySet<string>, label: string | null): LadderModel => {
    const model = ladderModel(v?.asks ?? [], v?.bids ?? [], {
      levels: layout.levels,
      width,
      tickSize: v?.tickSize ?? null,
      markers,
      flashing: lit,
      columnHeader: layout.columnHeader,
      middle: layout.spreadRow ? middleRow(v) : null,
      dim: dimmedStatus(v),
      // `watch --orders`: the user's resting orders on their levels (not on a mirrored ladder: other prices).
      own: v === view && mirrored ? undefined : ownMarks(state, v?.assetId ?? null),
    });
    return label === null || model.header === null ? model : { ...model, header: `${model.header}  ${label}` };
  };
  const showsLadder = !help && !boardOpen && layout.levels + (layout.spreadRow ? 1 : 0) + (layout.columnHeader ? 1 : 0) > 0;
  const single = showsLadder ? ladderOf(view, mainWidth, flashing, sibling ? tabLabel(view, selected!) : null) : null;
  const pairBadge = sibling ? bookBadge(sibling, health?.state === 'live' && !health.frozen, time) : null;
  const other =
    sibling && showsLadder
      ? ladderOf(
          sibling,
          layout.ladderWidth - mainWidth - 1,
          NO_FLASHES,
          `${tabLabel(sibling, sibling.assetId)}${pairBadge!.text === 'live' ? '' : `  ${pairBadge!.text}`}`,
        )
      : null;
  // Side by side, both ladders get as many rows, so their spread rows stand on one line.
  const rows = other && single ? Math.max(sideRows(single), sideRows(other)) : 0;
  const ladder = other && single ? padLadder(single, rows) : single;
  const pairLadder = other ? padLadder(other, rows) : null;
  const board =
    boardOpen || (sideBoard && showsLadder)
      ? {
          placement: boardOpen ? ('body' as const) : ('side' as const),
          model: boardModel({
            state,
            selected,
            width: boardOpen ? layout.width : layout.ladderWidth - mainWidth - 1,
            rows: boardOpen ? layout.bodyRows : (layout.columnHeader ? 1 : 0) + 2 * layout.levels + (layout.spreadRow ? 1 : 0),
            time,
            starts: input.starts,
            markers,
          }),
        }
      : null;

  if (layout.mode === 'compact') {
    const replay = layout.replayRow && input.replay !== undefined ? input.replay : null;
    let status: Piece[][] | null = null;
    if (layout.statusRow) {
      const rest: Piece[][] = [];
      // "live" twice (book and connection) says nothing; the badge shows only when it is news.
      if (badge.text !== 'live') rest.push([{ text: badge.text, tone: badge.tone }]);
      rest.push([shortConnection(health, time, replaying ? 'replay' : offline)]);
      if (input.paused) rest.push([{ text: 'PAUSED', tone: 'warn' }]);
      // The market's name too, so a dashboard of small panes can be told apart.
      const lead = selected === null ? fallback : `${index + 1}/${order.length} ${tabLabel(view, selected)}`;
      status = [compactName(lead, selected === null ? null : (view?.question ?? null), layout.width, rest), ...rest];
    }
    return {
      mode: 'compact',
      width: layout.width,
      levels: layout.levels,
      room,
      header: null,
      status,
      help,
      ladder,
      ladderWidth: layout.width,
      pairLadder: null,
      board: boardOpen ? board : null,
      stats: null,
      tape: null,
      chart: null,
      connection: null,
      integrity: null,
      replay,
      alert: bannerText(state.alerts, time),
    };
  }

  const labels = tabLabels(state, order);
  const title =
    selected === null ? `${fallback} — waiting for assets…` : assetTitle(view, fallback, selected) + (mirrored && pairLabel ? ` (mirror of ${pairLabel})` : '');
  const tickSize = view?.tickSize ?? null;
  const tape =
    help || boardOpen || layout.tape === 'none'
      ? null
      : tapeModel(layout.tape, layout.tapeWidth, tapeWithFills(state, selected, view?.trades ?? [], layout.tapeRows), tickSize);
  // Drawn once per series and size, at most once a second (price-chart.tsx): no per-frame work on the history.
  const chart = help || boardOpen || layout.chartRows === 0 ? null : assetChart(selected, series, layout.width, layout.chartRows, markers, time);
  // A replay says so where a live book says "live" (and keeps any other badge before it).
  // Cut to leave the title, tick size and "? help" room on one line.
  const replayBadge = (text: string) => truncate(text, Math.max(12, layout.width - 36));
  const headerBadge =
    input.replay === undefined
      ? badge
      : badge.text === 'live'
        ? { text: replayBadge(input.replay), tone: 'accent' as const }
        : { text: replayBadge(`${badge.text}  ${input.replay}`), tone: badge.tone };
  return {
    mode: 'full',
    width: layout.width,
    levels: layout.levels,
    room,
    header: { title, badge: headerBadge, tickSize, paused: input.paused, tabs: fitTabs(labels, index, layout.width) },
    status: null,
    help,
    ladder,
    ladderWidth: mainWidth,
    pairLadder,
    board,
    stats: help || boardOpen ? null : statsText(view),
    tape,
    chart,
    connection: connectionLine(health, time, countMarketConnections(state.health), offline),
    integrity: view ? integrityLine(view.integrity, view.cleaned, view.lastResync, time) : [],
    replay: null,
    alert: bannerText(state.alerts, time),
  };
}

const NO_FLASHES: ReadonlySet<string> = new Set();

/** Rows a side of a ladder takes (levels, or blank padding to keep the middle row in the middle). */
function sideRows(model: LadderModel): number {
  return Math.max(model.asks.length + model.padAsks, model.bids.length + model.padBids);
}

/** The ladder with blank rows above its asks and below its bids, `rows` a side. */
function padLadder(model: LadderModel, rows: number): LadderModel {
  const padAsks = rows - model.asks.length;
  const padBids = rows - model.bids.length;
  return padAsks === model.padAsks && padBids === model.padBids ? model : { ...model, padAsks, padBids };
}

/** The tape's model: the market's prints and (`watch --orders`) the user's fills, marked. */
function tapeModel(
  placement: Exclude<TapePlacement, 'none'>,
  width: number,
  shown: ReturnType<typeof tapeWithFills>,
  tickSize: string | null,
): NonNullable<ScreenModel['tape']> {
  return { placement, width, lines: tapeLines(shown.trades, width, tickSize, shown.mine) };
}

/** The deepest ladder there is (store/store.ts setDepth). */
export const MAX_DEPTH = 200;
