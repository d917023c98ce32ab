/**
 * The screen's container: selects from the store with narrow selectors, keeps the UI state
 * (selected asset, paused, help), maps keys to actions, and hands plain props to the screens.
 */
import { useMemo, useReducer, useRef, useState } from 'react';
import { useApp } from 'ink';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { ReplayControls } from '../src/cli/tui-request.js';
import { mirroredLadder } from '../store/selectors.js';
import { setDepth, type PolybookStore } from '../store/store.js';
import type { AssetView, PolybookState } from '../store/types.js';
import { assetTitle, bookBadge } from './book-text.js';
import { abbreviateId } from './format.js';
import { fitTabs } from './header.js';
import { connectionLine, pickHealth, shortConnection } from './health-text.js';
import { computeLayout, type Size } from './layout.js';
import { jumpAsset, otherOutcome, selectedAsset, stepAsset } from './navigation.js';
import { replayText } from './replay-line.js';
import { CompactScreen, FullScreen } from './screens.js';
import { ThemeContext, themeFromEnv } from './theme.js';
import { useKeys } from './use-keys.js';
import { useNow } from './use-now.js';
import { useTerminalSize } from './use-terminal-size.js';

export interface AppProps {
  readonly store: PolybookStore;
  /** Present when replaying a recording: adds the replay line and the space / `.` keys. */
  readonly replay?: ReplayControls;
  /** Shown in the header while no market question is known. */
  readonly title?: string;
  /** Fixed terminal size (tests); by default the stdout's, following resizes. */
  readonly size?: Size;
  /** Plain text with markers; by default when NO_COLOR is set. */
  readonly noColor?: boolean;
  /** Wall clock (tests). */
  readonly now?: () => number;
}

export function App({ noColor, ...rest }: AppProps) {
  const theme = useMemo(() => (noColor === undefined ? themeFromEnv() : { color: !noColor }), [noColor]);
  return (
    <ThemeContext.Provider value={theme}>
      <Screen {...rest} />
    </ThemeContext.Provider>
  );
}

function tabLabel(view: AssetView | undefined, id: string): string {
  return view?.outcome ?? abbreviateId(id);
}

function countMarketConnections(state: PolybookState): number {
  let n = 0;
  for (const h of Object.values(state.health)) if (h.channel === 'market') n++;
  return n;
}

function Screen({ store, replay, title, size: fixedSize, now = Date.now }: Omit<AppProps, 'noColor'>) {
  const { exit } = useApp();
  const size = useTerminalSize(fixedSize);
  // While paused, every selector reads this snapshot: the store keeps changing, the screen does not.
  const [frozen, setFrozen] = useState<PolybookState | null>(null);
  const frozenRef = useRef<PolybookState | null>(null);
  const [help, setHelp] = useState(false);
  const [chosen, setChosen] = useState<string | null>(null);
  const [mirror, setMirror] = useState(false);
  const [, redraw] = useReducer((n: number) => n + 1, 0);

  const order = useStore(store, (s) => (frozen ?? s).order);
  const depth = useStore(store, (s) => s.depth);
  const selected = selectedAsset(chosen, order);
  const index = selected === null ? -1 : order.indexOf(selected);
  const own = useStore(store, (s) => (selected === null ? undefined : (frozen ?? s).assets.get(selected)));
  // `m`: the ladder drawn from the paired outcome's book (asks as bids at 1 − p), cached per view.
  const mirrored = useStore(store, (s) => (mirror && selected !== null ? mirroredLadder(frozen ?? s, selected) : null));
  const view = useMemo(() => (own && mirrored ? { ...own, bids: mirrored.bids, asks: mirrored.asks } : own), [own, mirrored]);
  const pairLabel = useStore(store, (s) => (own?.pair ? tabLabel((frozen ?? s).assets.get(own.pair.assetId), own.pair.assetId) : null));
  const health = useStore(store, (s) => pickHealth((frozen ?? s).health));
  const connections = useStore(store, (s) => countMarketConnections(frozen ?? s));
  const labels = useStore(store, useShallow((s) => (frozen ?? s).order.map((id) => tabLabel((frozen ?? s).assets.get(id), id))));
  // Replay progress is not in the store; redraw the replay line on every publish.
  useStore(store, (s) => (replay ? s.frame : 0));
  const time = useNow(now, frozen === null);

  // Key handlers read the latest state, not this render's: keys arriving in one tick all count.
  const shown = () => frozenRef.current ?? store.getState();
  useKeys({
    next: () => setChosen((c) => stepAsset(c, shown().order, 1)),
    previous: () => setChosen((c) => stepAsset(c, shown().order, -1)),
    jump: (i) => setChosen((c) => jumpAsset(c, shown().order, i)),
    flip: () => setChosen((c) => otherOutcome(c, shown())),
    mirror: () => setMirror((m) => !m),
    depth: (delta) => setDepth(store, store.getState().depth + delta),
    togglePause: () => {
      frozenRef.current = frozenRef.current ? null : store.getState();
      setFrozen(frozenRef.current);
    },
    toggleHelp: () => setHelp((h) => !h),
    closeHelp: () => setHelp(false),
    quit: () => exit(),
    ...(replay
      ? {
          replayToggle: () => {
            replay.togglePause();
            redraw();
          },
          replayStep: () => {
            replay.step();
            redraw();
          },
        }
      : {}),
  });

  const layout = computeLayout(size, depth, replay !== undefined);
  const fallback = title ?? 'polybook';
  const progress = replay?.progress();
  const offline = replay ? 'replay: no connection' : 'no connection';
  const props = {
    layout,
    view,
    title:
      selected === null
        ? `${fallback} — waiting for assets…`
        : assetTitle(view, fallback, selected) + (mirrored && pairLabel ? ` (mirror of ${pairLabel})` : ''),
    badge: bookBadge(view, health?.state === 'live' && !health.frozen, time),
    tabs: fitTabs(labels, index, layout.width),
    position: selected === null ? fallback : `${index + 1}/${order.length} ${tabLabel(view, selected)}`,
    connection: connectionLine(health, time, connections, offline),
    connectionState: shortConnection(health, time, replay ? 'replay' : offline),
    paused: frozen !== null,
    help,
    replay: replay && progress ? replayText(replay.speed, progress.frame, progress.total, replay.isPaused()) : null,
    now,
  };
  return layout.mode === 'full' ? <FullScreen {...props} /> : <CompactScreen {...props} />;
}
