/**
 * Keys → actions. Only listens when stdin can be put in raw mode (a TTY): without one Ink's
 * `useInput` throws, and the screen must still render (TOOLCHAIN.md, gotcha 3).
 */
import { useCallback, useRef } from 'react';
import { useInput, useStdin, type Key } from 'ink';

export interface KeyActions {
  next(): void;
  previous(): void;
  /** 0-based index into the watched assets. */
  jump(index: number): void;
  /** The other outcome of the same market. */
  flip(): void;
  /** Draw this outcome's ladder as the mirror of the other outcome's book. */
  mirror?(): void;
  /** Change the ladder depth by this many levels. */
  depth(delta: number): void;
  togglePause(): void;
  toggleHelp(): void;
  /** Esc: closes the help, else the board. */
  closeHelp(): void;
  /** `b`: the board of every watched asset. */
  toggleBoard?(): void;
  /** Up / Down: the previous / next asset (the board's selection). */
  up?(): void;
  down?(): void;
  /** Page Up / Page Down: a board's page of assets back (-1) or on (1). */
  page?(direction: 1 | -1): void;
  /** Enter: open the selected asset's ladder (from the board). */
  enter?(): void;
  /** Ctrl-Z: suspend to the shell (`fg` resumes). */
  suspend?(): void;
  quit(): void;
  /** `/`: the market search (absent where markets cannot change). */
  openSearch?(): void;
  /** Keys while the search is open: true when it took the key. */
  searchKey?(input: string, key: KeyFlags): boolean;
  /** `x`: remove the market on screen. */
  removeMarket?(): void;
  /** `w`: save the session's markets as the config's watchlist. */
  saveWatchlist?(): void;
  /** Replay only. */
  replayToggle?(): void;
  replayStep?(): void;
}

/** Maps one key press to an action; returns whether it meant anything. */
export type KeyFlags = Pick<Key, 'ctrl' | 'shift' | 'tab' | 'escape' | 'leftArrow' | 'rightArrow'> &
  Partial<Pick<Key, 'upArrow' | 'downArrow' | 'return' | 'pageUp' | 'pageDown' | 'backspace' | 'delete'>>;

export function handleKey(input: string, key: KeyFlags, actions: KeyActions): boolean {
  // The open search takes every key (a `q` typed is a letter of the query) but Ctrl-C.
  if (actions.searchKey?.(input, key)) return true;
  if ((key.ctrl && input === 'c') || input === 'q') actions.quit();
  else if (key.ctrl && input === 'z' && actions.suspend) actions.suspend();
  else if (key.escape) actions.closeHelp();
  else if (key.upArrow && actions.up) actions.up();
  else if (key.downArrow && actions.down) actions.down();
  else if (key.pageUp && actions.page) actions.page(-1);
  else if (key.pageDown && actions.page) actions.page(1);
  else if (key.return && actions.enter) actions.enter();
  else if (key.tab && key.shift) actions.previous();
  else if (key.tab) actions.next();
  else if (key.rightArrow) actions.next();
  else if (key.leftArrow) actions.previous();
  else if (key.ctrl) return false;
  else if (/^[1-9]$/.test(input)) actions.jump(Number(input) - 1);
  else if (input === '?') actions.toggleHelp();
  else if (input === 'b' && actions.toggleBoard) actions.toggleBoard();
  else if (input === 'o') actions.flip();
  else if (input === 'm' && actions.mirror) actions.mirror();
  else if (input === '+' || input === '=') actions.depth(1);
  else if (input === '-' || input === '_') actions.depth(-1);
  else if (input === ']') actions.depth(5);
  else if (input === '[') actions.depth(-5);
  else if (input === 'p') actions.togglePause();
  else if (input === '/' && actions.openSearch) actions.openSearch();
  else if (input === 'x' && actions.removeMarket) actions.removeMarket();
  else if (input === 'w' && actions.saveWatchlist) actions.saveWatchlist();
  else if (input === ' ' && actions.replayToggle) actions.replayToggle();
  else if (input === '.' && actions.replayStep) actions.replayStep();
  else return false;
  return true;
}

/** Listens for keys while stdin is a TTY; `actions` may change every render. */
export function useKeys(actions: KeyActions): void {
  const { isRawModeSupported } = useStdin();
  const latest = useRef(actions);
  latest.current = actions;
  const onInput = useCallback((input: string, key: Key) => {
    handleKey(input, key, latest.current);
  }, []);
  // `isTTY` is undefined (not false) on a piped stdin, and Ink only skips raw mode for `false`.
  useInput(onInput, { isActive: isRawModeSupported === true });
}
