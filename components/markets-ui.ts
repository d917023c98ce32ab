/**
 * The screen's keys for the session's markets, outside React: `/` opens the search (its own keys
 * while open: typing, Backspace, Enter, Up/Down, Esc), `x` removes the market on screen, `w` saves
 * the watchlist; and the notice each leaves on screen for a few seconds. Everything reaches the
 * session through MarketsControl (store/tui-request.ts), never Gamma directly.
 */
import type { MarketsControl } from '../store/tui-request.js';
import type { PolybookState } from '../store/types.js';
import { truncate } from './format.js';
import type { Notice } from './markets-view.js';
import { selectedAsset } from './navigation.js';
import { backspace, EMPTY_SEARCH, enter, failed, found, move, searchModel, typeText, type SearchModel, type SearchState } from './search-state.js';
import type { KeyFlags } from './use-keys.js';

/** How long a notice (added, removed, saved, not saved) stays. */
export const NOTICE_MS = 4000;

export interface MarketsUiOptions {
  readonly control: MarketsControl;
  readonly now: () => number;
  /** The state the screen shows. */
  readonly state: () => PolybookState;
  readonly chosen: () => string | null;
  /** Puts an asset on screen (the first of a market just added). */
  readonly choose: (assetId: string) => void;
  /** Something shown changed. */
  readonly redraw: () => void;
}

function problem(error: unknown): string {
  return error instanceof Error ? error.message.replace(/^polybook: /, '') : String(error);
}

export class MarketsUi {
  private search: SearchState | null = null;
  private notice: Notice | null = null;

  constructor(private readonly o: MarketsUiOptions) {}

  get searching(): boolean {
    return this.search !== null;
  }

  /** The search overlay's rows for this size, or null while closed. */
  searchView(width: number, rows: number): SearchModel | null {
    return this.search === null ? null : searchModel(this.search, width, rows, this.o.now());
  }

  currentNotice(): Notice | null {
    return this.notice;
  }

  open(): void {
    this.search ??= EMPTY_SEARCH;
    this.o.redraw();
  }

  /** Keys while the search is open; false when it is closed (or for Ctrl-C, which still quits). */
  key(input: string, key: KeyFlags): boolean {
    const state = this.search;
    if (state === null || (key.ctrl && input === 'c')) return false;
    if (key.escape) this.search = null;
    else if (key.return) this.enter(state);
    else if (key.upArrow) this.search = move(state, -1);
    else if (key.downArrow) this.search = move(state, 1);
    else if (key.backspace || key.delete) this.search = backspace(state);
    else if (!key.ctrl && !key.tab) this.search = typeText(state, input);
    this.o.redraw();
    return true;
  }

  /** `x`: the market on screen (every watched outcome of it) is unsubscribed and its tabs dropped. */
  removeCurrent(): void {
    const state = this.o.state();
    const selected = selectedAsset(this.o.chosen(), state.order);
    if (selected === null) return;
    const view = state.assets.get(selected);
    const market = view?.market ?? '';
    const ids = market === '' ? [selected] : state.order.filter((id) => id === selected || state.assets.get(id)?.market === market);
    this.o.control.remove(ids);
    this.say(`removed ${truncate(view?.question ?? selected, 60)}`, 'ok');
  }

  /** `w`: the session's markets become the config's watchlist; the outcome is said on screen. */
  save(): void {
    this.say('saving the watchlist…', 'accent');
    this.o.control.saveWatchlist().then(
      (path) => this.say(`watchlist saved to ${truncate(path, 80)}`, 'ok'),
      (error: unknown) => this.say(`watchlist not saved: ${truncate(problem(error), 100)}`, 'bad'),
    );
  }

  private enter(state: SearchState): void {
    const { state: next, request } = enter(state);
    this.search = next;
    if (request?.kind === 'search') {
      this.o.control.search(request.text).then(
        (choices) => this.update((s) => found(s, request.query, choices)),
        (error: unknown) => this.update((s) => (s.query === request.query ? failed(s, `search failed: ${problem(error)}`) : s)),
      );
    } else if (request?.kind === 'add') {
      const before = new Set(this.o.state().order);
      this.o.control.add(request.choice).then(
        () => {
          this.search = null;
          const first = this.o.state().order.find((id) => !before.has(id));
          if (first !== undefined) this.o.choose(first);
          this.say(`added ${truncate(request.choice.question, 60)}`, 'ok');
        },
        (error: unknown) => this.update((s) => failed(s, `not added: ${problem(error)}`)),
      );
    }
  }

  private update(change: (state: SearchState) => SearchState): void {
    if (this.search === null) return;
    this.search = change(this.search);
    this.o.redraw();
  }

  private say(text: string, tone: Notice['tone']): void {
    const at = this.o.now();
    this.notice = { text, tone, at, until: at + NOTICE_MS };
    this.o.redraw();
  }
}
