/**
 * The book screen outside React: the UI's own state (selected asset, mirror, help, pause, size),
 * the one frame clock (components/frame-clock.ts), and the ScreenModel of the last frame.
 *
 * At each frame it builds the model from the store's state and the wall clock, shares every
 * unchanged part with the last model (components/share.ts), and tells React only when something
 * shown changed: a frame where nothing visible moved (a publish of levels below the ladder, a
 * clock tick that changes no age) costs Ink nothing. Publishes, keys and resizes draw at once;
 * health records, the clock of ages and countdowns and the end of flashes ride along with them, or
 * come on their own at most once per interval and a half (components/frame-clock.ts).
 */
import type { MarketsControl, ReplayControls } from '../store/tui-request.js';
import { MarketsUi } from './markets-ui.js';
import { withMarkets } from './markets-view.js';
import { setDepth, stateSnapshot, type PolybookStore } from '../store/store.js';
import type { PolybookState } from '../store/types.js';
import { FlashTracker } from './flashes.js';
import { FrameClock } from './frame-clock.js';
import type { KeyActions } from './use-keys.js';
import type { Size } from './layout.js';
import { jumpAsset, otherOutcome, selectedAsset, stepAsset } from './navigation.js';
import { StartPrices } from './board-model.js';
import { replayText } from './replay-line.js';
import { buildScreen, MAX_DEPTH, type ScreenModel } from './screen-model.js';
import { share } from './share.js';

/** Ages and countdowns are shown in whole seconds: one look a second keeps them current. */
const CLOCK_MS = 1000;

export interface ScreenControllerOptions {
  readonly store: PolybookStore;
  readonly replay?: ReplayControls;
  readonly title?: string;
  readonly size: Size;
  /** No colour: markers instead. */
  readonly markers: boolean;
  /** Wall clock for ages, countdowns and flashes (and the frame clock's deadlines). */
  readonly now: () => number;
  /** Milliseconds between frames now; 0: every change draws (no pacing). */
  readonly interval: () => number;
  /** Quits the screen (Ink's exit). */
  readonly quit: () => void;
  /** Ctrl-Z: gives the terminal back and stops the process until `fg` (components/render-tui.tsx). */
  readonly suspend?: () => void;
  /** Markets can be searched and added (`/`), removed (`x`) and saved (`w`) while running. */
  readonly markets?: MarketsControl;
  /**
   * Receives the CPU (ms) of each frame: building its model, and React and Ink drawing it (the
   * frame governor weighs drawing against the rest: store/frame-governor.ts reportFrameCost).
   */
  readonly frameCost?: (cpuMs: number) => void;
}

/** The process's CPU time so far, µs. */
function cpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

export class ScreenController {
  private chosen: string | null = null;
  private mirror = false;
  private help = false;
  /** The board (`b`) is open. */
  private board = false;
  private readonly starts = new StartPrices();
  /** While paused, the state and time every frame reads: the store keeps changing, the screen does not. */
  private frozen: { readonly state: PolybookState; readonly time: number } | null = null;
  private size: Size;
  /**
   * The most ladder levels per side wanted: the store's depth when the screen starts (`--depth`, or
   * as many as could ever fit), then `+`/`-`. The ladder fills the rows up to it, and the store is
   * asked to publish only the levels on screen (frame()).
   */
  private maxDepth: number;
  private readonly flashes = new FlashTracker();
  private readonly clock: FrameClock;
  private model: ScreenModel;
  private readonly listeners = new Set<() => void>();
  private unsubscribe: (() => void) | null = null;
  private readonly observers = new Set<(drew: boolean) => void>();
  /** Frames looked at, and those of them that changed the model (were drawn). */
  looked = 0;
  drawn = 0;

  /** `/`, `x`, `w` and their notices (components/markets-ui.ts), where markets can change. */
  private readonly markets: MarketsUi | null;

  constructor(private readonly o: ScreenControllerOptions) {
    this.size = o.size;
    this.markets = o.markets
      ? new MarketsUi({
          control: o.markets,
          now: o.now,
          state: () => this.frozen?.state ?? o.store.getState(),
          chosen: () => this.chosen,
          choose: (id) => (this.chosen = id),
          redraw: () => this.clock.now(),
        })
      : null;
    this.maxDepth = o.store.getState().depth;
    this.clock = new FrameClock({ frame: () => this.frame(), interval: o.interval, now: o.now });
    this.model = this.build();
  }

  /** Starts following the store (a frame at once, for changes since the first model). */
  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.o.store.subscribe((state, previous) => {
      // Book data (a publish, the watched assets, the depth) and alerts are drawn at once
      // (publishes are paced by the governor already); a health record rides along with the next
      // publish, or is drawn on its own a little later.
      if (state.frame !== previous.frame || state.order !== previous.order || state.depth !== previous.depth || state.alerts !== previous.alerts)
        this.clock.now();
      else this.clock.soon();
    });
    this.clock.now();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.clock.stop();
  }

  /** For useSyncExternalStore. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getModel = (): ScreenModel => this.model;

  /** Calls `observer` after every frame with whether it changed what is shown (the benchmark). */
  observe(observer: (drew: boolean) => void): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  setSize(size: Size): void {
    if (size.columns === this.size.columns && size.rows === this.size.rows) return;
    this.size = size;
    this.clock.now();
  }

  /** What the keys do (components/use-keys.ts). */
  actions(): KeyActions {
    const store = this.o.store;
    const shown = () => this.frozen?.state ?? store.getState();
    const ui = (change: () => void) => () => {
      change();
      this.clock.now();
    };
    const replay = this.o.replay;
    return {
      next: ui(() => (this.chosen = stepAsset(this.chosen, shown().order, 1))),
      previous: ui(() => (this.chosen = stepAsset(this.chosen, shown().order, -1))),
      jump: (i) => ui(() => (this.chosen = jumpAsset(this.chosen, shown().order, i)))(),
      flip: ui(() => (this.chosen = otherOutcome(this.chosen, shown()))),
      mirror: ui(() => (this.mirror = !this.mirror)),
      depth: (delta) => {
        // From what is shown: `-` on a ladder the rows cut short takes one level off what is seen.
        this.maxDepth = Math.max(1, Math.min(MAX_DEPTH, Math.min(this.maxDepth, Math.max(1, this.model.room)) + delta));
        this.clock.now();
      },
      togglePause: ui(() => (this.frozen = this.frozen ? null : { state: stateSnapshot(store.getState()), time: this.o.now() })),
      toggleHelp: ui(() => (this.help = !this.help)),
      // Esc closes the help first, then the board.
      closeHelp: ui(() => {
        if (this.help) this.help = false;
        else this.board = false;
      }),
      toggleBoard: ui(() => {
        this.help = false;
        this.board = !this.board;
      }),
      // Up/Down move the board's selection; elsewhere they step through the assets too.
      up: ui(() => (this.chosen = stepAsset(this.chosen, shown().order, -1))),
      down: ui(() => (this.chosen = stepAsset(this.chosen, shown().order, 1))),
      page: (direction) =>
        ui(() => {
          const order = shown().order;
          const current = Math.max(0, order.indexOf(selectedAsset(this.chosen, order) ?? ''));
          const rows = Math.max(1, this.model.board?.model.rows.length ?? 1);
          this.chosen = order[Math.max(0, Math.min(order.length - 1, current + direction * rows))] ?? this.chosen;
        })(),
      // Enter on the board opens the selected asset's ladder.
      enter: ui(() => (this.board = false)),
      quit: () => this.o.quit(),
      ...(this.o.suspend ? { suspend: this.o.suspend } : {}),
      ...(this.markets ? this.marketActions(this.markets) : {}),
      ...(replay ? { replayToggle: ui(() => replay.togglePause()), replayStep: ui(() => replay.step()) } : {}),
    };
  }

  private marketActions(markets: MarketsUi): Pick<KeyActions, 'openSearch' | 'searchKey' | 'removeMarket' | 'saveWatchlist'> {
    return {
      openSearch: () => {
        this.help = false;
        markets.open();
      },
      searchKey: (input, key) => markets.key(input, key),
      removeMarket: () => markets.removeCurrent(),
      saveWatchlist: () => markets.save(),
    };
  }

  private build(): ScreenModel {
    const model = this.buildBook();
    const markets = this.markets;
    const state = this.frozen?.state ?? this.o.store.getState();
    const time = this.frozen?.time ?? this.o.now();
    // A roll and the countdown need no MarketsControl (`watch --follow` in any screen).
    return withMarkets(model, {
      state,
      time,
      chosen: this.chosen,
      notice: markets?.currentNotice() ?? null,
      search: markets?.searchView(this.size.columns, this.size.rows) ?? null,
    });
  }

  private buildBook(): ScreenModel {
    const replay = this.o.replay;
    const progress = replay?.progress();
    const time = this.frozen?.time ?? this.o.now();
    return buildScreen({
      state: this.frozen?.state ?? this.o.store.getState(),
      time,
      size: this.size,
      depth: this.maxDepth,
      markers: this.o.markers,
      chosen: this.chosen,
      mirror: this.mirror,
      help: this.help,
      board: this.board,
      starts: this.starts,
      paused: this.frozen !== null,
      title: this.o.title,
      replay: replay && progress ? replayText(replay.speed, progress.frame, progress.total, replay.isPaused()) : undefined,
      flashes: this.flashes,
    });
  }

  /**
   * The store publishes `depth` levels per side: as many as the ladder shows, so a tall pane gets a
   * full ladder and a small one costs no more than it draws. Not while paused (the frozen state is
   * drawn) or while nothing shows a ladder.
   */
  private askForLevels(model: ScreenModel): void {
    if (this.frozen !== null || model.ladder === null) return;
    const levels = Math.max(1, model.levels);
    if (levels !== this.o.store.getState().depth) setDepth(this.o.store, levels);
  }

  private frame(): void {
    const cost = this.o.frameCost;
    const start = cost ? cpuMicros() : 0;
    this.looked++;
    const next = share(this.model, this.build());
    // Later changes that need no data: the end of the flashes lit now, and the clock.
    if (this.frozen === null) {
      this.clock.soon(this.flashes.nextEnd());
      this.clock.soon(this.o.now() + CLOCK_MS);
    }
    const drew = next !== this.model;
    if (drew) {
      this.model = next;
      this.drawn++;
      for (const listener of this.listeners) listener();
    }
    this.askForLevels(next);
    for (const observer of this.observers) observer(drew);
    // React renders what the listeners asked for in a microtask queued before this one, and Ink
    // draws it in the same commit: this one runs when the frame is on its way to the terminal.
    if (cost) queueMicrotask(() => cost((cpuMicros() - start) / 1000));
  }
}
