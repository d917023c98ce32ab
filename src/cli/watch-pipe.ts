/**
 * `polybook watch --output ndjson` (and whenever stdout is not a terminal): NDJSON on stdout until
 * SIGINT/SIGTERM, a closed pipe, or, with --once, each asset's first complete book.
 *
 * Nothing waits silently: every reconnect attempt is one line on stderr (what, why, when); an
 * asset the venue has no book for (REST 404 before any book, or the bare `[]` the market channel
 * answers a subscription of only unknown ids with) is one line naming it; `--once` has a deadline.
 */
import type { FeedError } from '../feed/errors.js';
import { sanitizeText } from '../protocol/sanitize.js';
import { CliError } from './errors.js';
import { NdjsonWriter, type NdjsonSink } from './ndjson.js';
import { retryNotices } from './notices.js';
import type { WatchSession } from './session.js';
import type { Roll } from './follow.js';

export interface PipeOptions {
  /** `--once`: each asset's first live book, then done; a book missing after `timeoutMs` is exit 1. */
  readonly once?: { readonly timeoutMs: number } | null;
  /** Where the lines go that say what it waits for (reconnects, assets without a book). */
  readonly stderr?: { write(text: string): unknown } | null;
  /** The market channel URL, named in the reconnect lines. */
  readonly url?: string;
  /** `watch --follow`: each roll to the next window is a `roll` line. */
  readonly follow?: { onRoll(listener: (roll: Roll) => void): void } | null;
}

/** How an asset is named on stderr: its token id, and its outcome when known. */
function assetName(session: WatchSession, id: string): string {
  const outcome = session.store.getState().assets.get(id)?.outcome;
  return outcome ? `${id} (${sanitizeText(outcome)})` : id;
}

function noBookText(names: readonly string[]): string {
  return `the venue has no book for token id ${names.join(', ')}: unknown id, or its market has resolved`;
}

/**
 * Calls `missing` once for each asset the venue has no book for: a REST 404 (the store shows it
 * resolved) before it ever had a book, or a bare `[]` reply while it has none. Returns a stop function.
 */
function watchMissing(session: WatchSession, missing: (id: string) => void): () => void {
  const reported = new Set<string>();
  const hadBook = new Set<string>();
  const report = (id: string): void => {
    if (reported.has(id) || hadBook.has(id)) return;
    reported.add(id);
    missing(id);
  };
  // The watch list whose every asset is settled (had a book, or was reported): no scan of 5,000 ids
  // on every publish for the rest of the session, until the list changes (a --follow roll).
  let settled: readonly string[] | null = null;
  const check = (): void => {
    const ids = session.assetIds;
    if (settled === ids) return;
    const { assets } = session.store.getState();
    let open = false;
    for (const id of ids) {
      const status = assets.get(id)?.status;
      if (status === undefined || status === 'awaiting') {
        if (!reported.has(id)) open = true;
        continue;
      }
      if (status === 'resolved') report(id);
      else hadBook.add(id);
    }
    if (!open) settled = ids;
  };
  const unsubscribe = session.store.subscribe(check);
  const onFrame = (text: string, connectionId: string): void => {
    // The venue's answer to a subscription none of whose new ids it knows (§13.6).
    if (text.trim() !== '[]') return;
    for (const id of session.feed.assetsOf(connectionId)) if (!session.engine.assets.get(id)?.book) report(id);
  };
  session.feed.on('frame', onFrame);
  return () => {
    unsubscribe();
    session.feed.off('frame', onFrame);
  };
}

type Ending =
  | { readonly kind: 'stopped' }
  | { readonly kind: 'fatal'; readonly error: FeedError }
  | { readonly kind: 'settled' }
  | { readonly kind: 'deadline' };

/** Runs pipe mode until `signal` aborts (or --once is done); throws the feed error that ended it, or --once's failure. */
export async function runPipe(session: WatchSession, out: NdjsonSink, signal: AbortSignal, options: PipeOptions = {}): Promise<void> {
  const writer = new NdjsonWriter(out, session.store);
  const once = options.once ?? null;
  const stderr = options.stderr ?? null;
  let finish: (ending: Ending) => void = () => {};
  const done = new Promise<Ending>((resolve) => {
    finish = resolve;
  });
  session.onFatal((error) => finish({ kind: 'fatal', error }));
  const printed = new Set<string>();
  const missing: string[] = [];
  const all = session.assetIds.length;
  const stopMissing = watchMissing(session, (id) => {
    // A followed window can end before its books arrive (short windows): the follower rolls on.
    if (options.follow) return;
    missing.push(id);
    if (once) {
      if (printed.size + missing.length === all) finish({ kind: 'settled' });
    } else if (missing.length === all) {
      finish({ kind: 'settled' });
    } else {
      stderr?.write(`polybook: ${noBookText([assetName(session, id)])}\n`);
    }
  });
  if (stderr && options.url)
    session.feed.on(
      'health',
      retryNotices(
        options.url,
        (line) => stderr.write(line),
        () => session.feed.connections().length,
      ),
    );
  let deadline: ReturnType<typeof setTimeout> | null = null;
  if (once) {
    session.store.subscribe((state) => {
      for (const id of session.assetIds) {
        const view = state.assets.get(id);
        if (printed.has(id) || !view || view.status !== 'live') continue;
        printed.add(id);
        writer.book(view);
      }
      if (printed.size + missing.length === all) finish({ kind: 'settled' });
    });
    deadline = setTimeout(() => finish({ kind: 'deadline' }), once.timeoutMs);
  } else {
    writer.start();
    session.onEvent((event) => {
      // Prints of assets nobody subscribed to (a price_change's complement market) are not ours to report.
      if (event.kind === 'last_trade_price' && session.engine.isTracked(event.assetId)) writer.trade(event);
    });
    session.onFinding((finding) => writer.finding(finding));
    session.onResync((assetId, cause) => writer.resync(assetId, cause));
    options.follow?.onRoll((roll) => writer.roll(roll));
  }
  const onAbort = () => finish({ kind: 'stopped' });
  signal.addEventListener('abort', onAbort, { once: true });
  // A signal during the name lookups came before this listener.
  if (signal.aborted) onAbort();
  session.start();
  const ending = await done;
  if (deadline) clearTimeout(deadline);
  signal.removeEventListener('abort', onAbort);
  stopMissing();
  writer.stop();
  await session.stop();
  if (ending.kind === 'fatal') throw ending.error;
  if (ending.kind === 'stopped') return;
  const problems: string[] = [];
  if (missing.length > 0) problems.push(noBookText(missing.map((id) => assetName(session, id))));
  if (ending.kind === 'deadline') {
    const late = session.assetIds.filter((id) => !printed.has(id) && !missing.includes(id));
    if (late.length > 0) problems.push(`no book within ${once!.timeoutMs / 1000}s for ${late.map((id) => assetName(session, id)).join(', ')}`);
  }
  if (problems.length === 0) return;
  throw new CliError(once ? 'watch.onceIncomplete' : 'watch.noBooks', `${once ? '--once: ' : 'nothing to watch: '}${problems.join('; ')}`, 1);
}
