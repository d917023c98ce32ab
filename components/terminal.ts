/**
 * The terminal around a screen: the alternate screen (entered on start, left on exit, so the shell
 * comes back as it was; `--no-alt-screen` keeps the last frame instead), a full redraw after every
 * resize (nothing of the old frame is left behind), and Ctrl-Z (raw mode off, the terminal given
 * back, SIGTSTP; on SIGCONT raw mode on again and the frame drawn anew).
 *
 * A full redraw needs Ink to forget what it believes is on screen: Ink does that by itself when the
 * terminal gets narrower (ink/build/ink.js `resized`), so before Ink's own resize handler runs, the
 * instance's last width is raised. That is Ink's internal state, reached defensively: when it is
 * not there, the next frame that changes redraws everything anyway (Ink's log-update rewrites the
 * whole frame), within a second on a live screen.
 */
import { inkInternal } from './ink-internals.js';

const ENTER_ALT = '\u001B[?1049h';
const LEAVE_ALT = '\u001B[?1049l';
/** Erase the screen, cursor home. */
const CLEAR = '\u001B[2J\u001B[H';
const SHOW_CURSOR = '\u001B[?25h';
const HIDE_CURSOR = '\u001B[?25l';

interface InkInstance {
  lastTerminalWidth?: unknown;
}

let instances: WeakMap<object, InkInstance> | null | undefined;

/** Finds Ink's instances (once per process); the screen module awaits this before any screen draws. */
export async function loadInkInstances(): Promise<WeakMap<object, InkInstance> | null> {
  if (instances !== undefined) return instances;
  try {
    const module = await inkInternal('instances.js');
    instances = module.default instanceof WeakMap ? (module.default as WeakMap<object, InkInstance>) : null;
  } catch {
    instances = null;
  }
  return instances;
}

export interface TerminalStreams {
  readonly stdout: NodeJS.WriteStream;
  readonly stdin: NodeJS.ReadStream;
}

export class ScreenTerminal {
  private entered = false;
  private readonly onResize = () => this.redraw();
  private readonly onExit = () => this.leave();
  private readonly onContinue = () => this.resume();
  /** While stopped: the stream's own write, put back on SIGCONT (what Ink writes meanwhile is dropped). */
  private muted: NodeJS.WriteStream['write'] | null = null;

  private constructor(
    private readonly streams: TerminalStreams,
    private readonly altScreen: boolean,
    private readonly inkInstances: WeakMap<object, InkInstance> | null,
  ) {}

  /** For `streams`; a stdout that is not a terminal gets no escape codes at all. */
  static open(streams: TerminalStreams, altScreen: boolean): ScreenTerminal {
    return new ScreenTerminal(streams, altScreen, streams.stdout.isTTY ? (instances ?? null) : null);
  }

  private get tty(): boolean {
    return this.streams.stdout.isTTY === true;
  }

  /** Before Ink renders: the alternate screen, and a resize listener that runs before Ink's. */
  enter(): void {
    if (!this.tty || this.entered) return;
    this.entered = true;
    if (this.altScreen) this.streams.stdout.write(ENTER_ALT + CLEAR);
    this.streams.stdout.on('resize', this.onResize);
    process.once('exit', this.onExit);
  }

  /** After Ink unmounted: the normal screen back (or the last frame left, without the alternate screen). */
  leave(): void {
    if (this.muted) this.streams.stdout.write = this.muted;
    this.muted = null;
    if (!this.entered) return;
    this.entered = false;
    this.streams.stdout.off('resize', this.onResize);
    process.off('exit', this.onExit);
    process.off('SIGCONT', this.onContinue);
    if (this.altScreen) this.streams.stdout.write(LEAVE_ALT);
  }

  /**
   * Ctrl-Z: the terminal as the shell wants it, then stop until `fg` (SIGCONT). Raw mode turned the
   * key into a byte, so the stop is sent here, to the whole process group as the terminal would.
   * Until the process is resumed nothing is written: on SIGCONT the timers that came due run before
   * the signal's handler, and a frame they drew would land on the shell's screen.
   */
  suspend(): void {
    if (!this.entered || this.muted) return;
    const { stdin, stdout } = this.streams;
    if (stdin.isTTY) stdin.setRawMode(false);
    stdout.write(SHOW_CURSOR + (this.altScreen ? LEAVE_ALT : ''));
    this.muted = stdout.write;
    stdout.write = (() => true) as NodeJS.WriteStream['write'];
    process.once('SIGCONT', this.onContinue);
    process.kill(0, 'SIGTSTP');
    // A process group with no shell to resume it (orphaned) ignores the stop: then this comes due
    // and the screen carries on. A stopped process runs no timer, so it never fires while stopped;
    // after `fg` it may come before the SIGCONT handler, and resumes only once.
    setTimeout(this.onContinue, 100).unref();
  }

  private resume(): void {
    if (this.muted === null) return;
    const { stdin, stdout } = this.streams;
    stdout.write = this.muted;
    this.muted = null;
    process.off('SIGCONT', this.onContinue);
    if (!this.entered) return;
    if (stdin.isTTY) stdin.setRawMode(true);
    stdout.write((this.altScreen ? ENTER_ALT : '') + HIDE_CURSOR);
    // The size may have changed while stopped; Ink's resize handler redraws (after ours clears).
    stdout.emit('resize');
  }

  /** Clears the screen and makes Ink's own resize handler, which runs next, draw the whole frame. */
  private redraw(): void {
    this.streams.stdout.write(CLEAR);
    const ink = this.inkInstances?.get(this.streams.stdout);
    if (ink && typeof ink.lastTerminalWidth === 'number') ink.lastTerminalWidth = Number.MAX_SAFE_INTEGER;
  }
}
