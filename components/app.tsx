/**
 * The book screen's React side: a ScreenController (components/screen-controller.ts) holds the UI
 * state and the frame clock and builds the ScreenModel of each frame; this component subscribes to
 * that model, maps keys to the controller's actions, and draws the model. React renders only when
 * the model changed, so every redraw (data, health, clocks, flash fades) happens on a paced frame.
 */
import { useEffect, useLayoutEffect, useMemo, useSyncExternalStore } from 'react';
import { useApp } from 'ink';
import type { MarketsControl, ReplayControls, ThemeName } from '../store/tui-request.js';
import { frameIntervalFor, reportFrameCost } from '../store/frame-governor.js';
import type { PolybookStore } from '../store/store.js';
import type { Size } from './layout.js';
import { ScreenController } from './screen-controller.js';
import { SearchPanel } from './search.js';
import { CompactScreen, FullScreen } from './screens.js';
import { ThemeContext, themeFromEnv } from './theme.js';
import { useKeys } from './use-keys.js';
import { useTerminalSize } from './use-terminal-size.js';

export interface AppProps {
  readonly store: PolybookStore;
  /** Present when replaying a recording: adds the replay line and the space / `.` keys. */
  readonly replay?: ReplayControls;
  /** Shown in the header while no market question is known. */
  readonly title?: string;
  /** Fixed terminal size (tests); by default the stdout's, following resizes. */
  readonly size?: Size;
  /** Plain text with markers; by default when NO_COLOR, FORCE_COLOR=0 or TERM=dumb is set, or the theme is `no-color`. */
  readonly noColor?: boolean;
  /** The config's theme (components/theme.ts). */
  readonly theme?: ThemeName;
  /** Ctrl-Z: suspend to the shell (components/render-tui.tsx); absent, Ctrl-Z does nothing. */
  readonly onSuspend?: () => void;
  /** Wall clock (tests). */
  readonly now?: () => number;
  /**
   * Frames per second at most while no frame governor paces the store (the governor's current rate
   * wins: store/frame-governor.ts). Without either, every change draws at once (tests).
   */
  readonly fps?: number;
  /** `/` search and add, `x` remove, `w` save the watchlist (absent: those keys do nothing). */
  readonly markets?: MarketsControl;
  /** Receives the controller (the benchmark counts its frames). */
  readonly onController?: (controller: ScreenController) => void;
}

export function App({ noColor, theme: themeName, ...rest }: AppProps) {
  const theme = useMemo(
    () => (noColor === undefined ? themeFromEnv(process.env, themeName) : noColor ? { color: false } : themeFromEnv({}, themeName ?? 'default')),
    [noColor, themeName],
  );
  return (
    <ThemeContext.Provider value={theme}>
      <Screen {...rest} markers={!theme.color} />
    </ThemeContext.Provider>
  );
}

function Screen({
  store,
  replay,
  title,
  size: fixedSize,
  now = Date.now,
  fps,
  markers,
  onController,
  onSuspend,
  markets,
}: Omit<AppProps, 'noColor' | 'theme'> & { readonly markers: boolean }) {
  const { exit } = useApp();
  const size = useTerminalSize(fixedSize);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new size goes to the running controller (setSize below), not to a new one
  const controller = useMemo(
    () =>
      new ScreenController({
        store,
        ...(replay ? { replay } : {}),
        ...(title !== undefined ? { title } : {}),
        size,
        markers,
        now,
        interval: () => frameIntervalFor(store) ?? (fps ? 1000 / fps : 0),
        frameCost: (cpuMs) => reportFrameCost(store, cpuMs),
        quit: () => exit(),
        ...(onSuspend ? { suspend: onSuspend } : {}),
        ...(markets ? { markets } : {}),
      }),
    // A new size goes to the running controller (below), not to a new one.
    [store, replay, title, markers, now, fps, exit, onSuspend, markets],
  );
  useEffect(() => {
    onController?.(controller);
    controller.start();
    return () => controller.stop();
  }, [controller, onController]);
  useLayoutEffect(() => controller.setSize(size), [controller, size]);
  const actions = useMemo(() => controller.actions(), [controller]);
  useKeys(actions);
  const model = useSyncExternalStore(controller.subscribe, controller.getModel);
  if (model.search) return <SearchPanel model={model.search} width={model.width} />;
  return model.mode === 'full' ? <FullScreen model={model} /> : <CompactScreen model={model} />;
}
