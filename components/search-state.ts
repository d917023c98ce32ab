/**
 * The in-app market search (`/`), outside React: what is typed, whether a search is running, the
 * choices found and which one is selected. Enter searches what was typed; once results are listed,
 * Up/Down choose and Enter adds the chosen market; typing again edits the query. Every change
 * returns a new state (the same object when nothing changed), and `searchModel` turns one into the
 * plain rows the view draws. Results come from MarketsControl (sanitized strings); Gamma is never
 * called from here.
 */
import type { MarketChoice } from '../store/tui-request.js';
import { countdown } from './countdown.js';
import { truncate } from './format.js';

export interface SearchState {
  readonly text: string;
  /** typing: editing the query; searching: waiting for Gamma; results: `choices` listed; adding: waiting for the subscription. */
  readonly phase: 'typing' | 'searching' | 'results' | 'adding';
  readonly choices: readonly MarketChoice[];
  readonly selected: number;
  /** What went wrong or what was found, in words ("no market matches", "Gamma: HTTP 503"). */
  readonly message: string | null;
  /** Increases with each search, so a late answer to an older query is dropped. */
  readonly query: number;
}

/** A query longer than this is not typed: a paste of a page is not a search. */
const MAX_TEXT = 120;

export const EMPTY_SEARCH: SearchState = { text: '', phase: 'typing', choices: [], selected: 0, message: null, query: 0 };

/** What Enter asks for: a search of the text, the chosen market added, or nothing. */
export type SearchRequest =
  | { readonly kind: 'search'; readonly text: string; readonly query: number }
  | { readonly kind: 'add'; readonly choice: MarketChoice }
  | null;

export function typeText(state: SearchState, input: string): SearchState {
  // Printable characters only: a pasted escape sequence never reaches the query (or the screen).
  const clean = input.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  if (clean === '' || state.phase === 'searching' || state.phase === 'adding') return state;
  const text = (state.text + clean).slice(0, MAX_TEXT);
  return text === state.text ? state : { ...state, text, phase: 'typing', message: null };
}

export function backspace(state: SearchState): SearchState {
  if (state.text === '' || state.phase === 'searching' || state.phase === 'adding') return state;
  return { ...state, text: state.text.slice(0, -1), phase: 'typing', message: null };
}

export function move(state: SearchState, delta: 1 | -1): SearchState {
  if (state.phase !== 'results' || state.choices.length === 0) return state;
  const selected = Math.max(0, Math.min(state.choices.length - 1, state.selected + delta));
  return selected === state.selected ? state : { ...state, selected };
}

/** Enter: searches what was typed, or adds the chosen result. */
export function enter(state: SearchState): { readonly state: SearchState; readonly request: SearchRequest } {
  if (state.phase === 'results' && state.choices.length > 0) {
    return { state: { ...state, phase: 'adding', message: null }, request: { kind: 'add', choice: state.choices[state.selected]! } };
  }
  const text = state.text.trim();
  if (state.phase === 'searching' || state.phase === 'adding' || text === '') return { state, request: null };
  const query = state.query + 1;
  return { state: { ...state, phase: 'searching', choices: [], selected: 0, message: null, query }, request: { kind: 'search', text, query } };
}

/** The answer to search number `query`; an older one is dropped. */
export function found(state: SearchState, query: number, choices: readonly MarketChoice[]): SearchState {
  if (query !== state.query || state.phase !== 'searching') return state;
  return {
    ...state,
    phase: choices.length > 0 ? 'results' : 'typing',
    choices,
    selected: 0,
    message: choices.length > 0 ? null : `no market matches "${state.text.trim()}"`,
  };
}

/** A search or an add failed: said in words, the query kept for another try. */
export function failed(state: SearchState, message: string): SearchState {
  return { ...state, phase: state.choices.length > 0 ? 'results' : 'typing', message: truncate(message.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' '), 200) };
}

/** What the view draws: a prompt line, one row per choice, a line of help. */
export interface SearchModel {
  readonly prompt: string;
  readonly rows: readonly { readonly key: string; readonly text: string; readonly selected: boolean }[];
  readonly message: string | null;
  readonly hint: string;
}

/** The rows of a search that fit `rows` × `width` (the selected choice kept in view). */
export function searchModel(state: SearchState, width: number, rows: number, now: number): SearchModel {
  const room = Math.max(0, rows - 4);
  const from = Math.max(0, Math.min(state.selected - room + 1, state.choices.length - room));
  const shown = state.choices.slice(from, from + room).map((c, i) => {
    const ends = c.endsAt === null ? '' : `  ends in ${countdown(c.endsAt, now)}`;
    const outcomes = `  ${c.outcomes.join('/')}`;
    const question = truncate(c.question, Math.max(8, width - 4 - outcomes.length - ends.length));
    return { key: c.key, text: truncate(`${question}${outcomes}${ends}`, width - 2), selected: from + i === state.selected };
  });
  const status = state.phase === 'searching' ? '  searching…' : state.phase === 'adding' ? '  adding…' : '';
  const hint = state.phase === 'results' ? 'Up/Down choose  Enter add  type to search again  Esc close' : 'type a few words  Enter search Gamma  Esc close';
  return { prompt: truncate(`Add a market: ${state.text}_${status}`, width), rows: shown, message: state.message, hint: truncate(hint, width) };
}
