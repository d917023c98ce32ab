/**
 * What the markets part adds to each frame's model: the time left to the selected market's end
 * (or, with `watch --follow`, to the next roll) in the header, a passing notice in place of the
 * tabs (a roll, an add, a save and whether it failed), tabs grouped by market when several markets
 * are watched, and the search overlay (`/`). Pure; applied to the model buildScreen made.
 */
import type { PolybookState } from '../store/types.js';
import { countdown } from './countdown.js';
import { abbreviateId, truncate } from './format.js';
import { fitTabs, type Tab } from './header.js';
import type { Piece } from './health-text.js';
import { selectedAsset } from './navigation.js';
import type { ScreenModel } from './screen-model.js';
import type { SearchModel } from './search-state.js';

/** How long a roll is announced on screen. */
export const ROLL_NOTICE_MS = 4000;

/** Tabs are grouped by market above this many (two binary markets read fine as outcomes alone). */
const GROUP_ABOVE = 4;

/** A message shown for a while in place of the tabs. */
export interface Notice {
  readonly text: string;
  readonly tone: 'ok' | 'warn' | 'bad' | 'accent';
  /** Local ms when it was said, and until which it shows. */
  readonly at: number;
  readonly until: number;
}

export interface MarketsInput {
  readonly state: PolybookState;
  readonly time: number;
  readonly chosen: string | null;
  readonly notice: Notice | null;
  readonly search: SearchModel | null;
}

/** The header's clock: "next roll in 2:41" (the followed window), else "ends in 1:02:03", else null. */
export function clockText(state: PolybookState, selected: string | null, time: number): string | null {
  const endsAt = selected === null ? null : (state.assets.get(selected)?.endsAt ?? null);
  if (endsAt === null) return null;
  const rolls = state.follow !== null && state.follow.endsAt === endsAt;
  return `${rolls ? 'next roll in' : 'ends in'} ${countdown(endsAt, time)}`;
}

/** The notice to show now: the newer of a recent roll and the screen's own (an add, a save). */
export function noticeNow(state: PolybookState, notice: Notice | null, time: number): Notice | null {
  const roll = state.follow?.lastRoll;
  const rolled: Notice | null =
    roll && time - roll.at < ROLL_NOTICE_MS ? { text: `rolled to ${roll.to}`, tone: 'accent', at: roll.at, until: roll.at + ROLL_NOTICE_MS } : null;
  const own = notice && time < notice.until ? notice : null;
  if (rolled && own) return rolled.at > own.at ? rolled : own;
  return rolled ?? own;
}

/**
 * Tabs grouped by market: with more than one market watched, the first tab of each names its
 * market (cut short). Cached on the order and assets it was made from (a publish makes new ones).
 */
let lastTabs: { order: unknown; frame: number; index: number; width: number; tabs: readonly Tab[] | null } | null = null;
export function groupedTabs(state: PolybookState, index: number, width: number): readonly Tab[] | null {
  if (lastTabs && lastTabs.order === state.order && lastTabs.frame === state.frame && lastTabs.index === index && lastTabs.width === width)
    return lastTabs.tabs;
  const labels = marketLabels(state);
  // A few tabs are told apart by their outcomes; many, across markets, need the market named.
  const tabs = labels.markets > 1 && state.order.length > GROUP_ABOVE ? fitTabs(labels.labels, index, width) : null;
  lastTabs = { order: state.order, frame: state.frame, index, width, tabs };
  return tabs;
}

/**
 * The grouped labels and how many markets they span, the previous ones while no tab's outcome,
 * market or question changed (compared field by field: no allocation per frame at 5,000 tabs).
 */
let lastGroups: { order: readonly string[]; fields: (string | null)[]; labels: string[]; markets: number } | null = null;
function marketLabels(state: PolybookState): { readonly labels: readonly string[]; readonly markets: number } {
  const order = state.order;
  if (lastGroups !== null && lastGroups.order === order) {
    const fields = lastGroups.fields;
    let same = true;
    for (let i = 0; i < order.length && same; i++) {
      const view = state.assets.get(order[i]!);
      same = fields[3 * i] === (view?.outcome ?? null) && fields[3 * i + 1] === (view?.market ?? null) && fields[3 * i + 2] === (view?.question ?? null);
    }
    if (same) return lastGroups;
  }
  const fields: (string | null)[] = [];
  for (const id of order) {
    const view = state.assets.get(id);
    fields.push(view?.outcome ?? null, view?.market ?? null, view?.question ?? null);
  }
  let markets = 0;
  let previous: string | null = null;
  const labels = order.map((id) => {
    const view = state.assets.get(id);
    const outcome = view?.outcome ?? abbreviateId(id);
    const market = view?.market ?? '';
    const starts = market === '' || market !== previous;
    previous = market;
    if (starts) markets++;
    return starts && view?.question ? `${truncate(view.question, 18)}: ${outcome}` : outcome;
  });
  lastGroups = { order, fields, labels, markets };
  return lastGroups;
}

/** The model with the markets part's pieces in it (the same model when none applies). */
export function withMarkets(model: ScreenModel, input: MarketsInput): ScreenModel {
  const { state, time } = input;
  const selected = selectedAsset(input.chosen, state.order);
  const clock = clockText(state, selected, time);
  const notice = noticeNow(state, input.notice, time);
  if (model.header) {
    const tabs = groupedTabs(state, selected === null ? -1 : state.order.indexOf(selected), model.width) ?? model.header.tabs;
    return { ...model, header: { ...model.header, tabs, clock, notice: notice ? { text: notice.text, tone: notice.tone } : null }, search: input.search };
  }
  if (model.status && (clock || notice)) {
    const extra: Piece[][] = [];
    if (notice) extra.push([{ text: notice.text, tone: notice.tone }]);
    else if (clock) extra.push([{ text: clock.replace('next roll in ', 'roll ').replace('ends in ', 'ends '), tone: 'dim' }]);
    return { ...model, status: [...model.status, ...extra], search: input.search };
  }
  return input.search ? { ...model, search: input.search } : model;
}
