/**
 * `polybook watch --format ndjson` (and whenever stdout is not a terminal): NDJSON on stdout until
 * SIGINT/SIGTERM, a closed pipe, or, with --once, each asset's first complete book.
 */
import { NdjsonWriter, type NdjsonSink } from './ndjson.js';
import type { WatchSession } from './session.js';

/** Runs pipe mode until `signal` aborts; resolves to the fatal feed error that ended it, if any. */
export async function runPipe(session: WatchSession, out: NdjsonSink, signal: AbortSignal, once: boolean): Promise<Error | null> {
  const writer = new NdjsonWriter(out, session.store);
  let finish: (error: Error | null) => void = () => {};
  const done = new Promise<Error | null>((resolve) => {
    finish = resolve;
  });
  session.onFatal((error) => finish(error));
  if (once) {
    const printed = new Set<string>();
    session.store.subscribe((state) => {
      for (const id of session.assetIds) {
        const view = state.assets.get(id);
        if (printed.has(id) || !view || view.status !== 'live') continue;
        printed.add(id);
        writer.book(view);
      }
      if (printed.size === session.assetIds.length) finish(null);
    });
  } else {
    writer.start();
    session.onEvent((event) => {
      // Prints of assets nobody subscribed to (a price_change's complement market) are not ours to report.
      if (event.kind === 'last_trade_price' && session.engine.isTracked(event.assetId)) writer.trade(event);
    });
    session.onFinding((finding) => writer.finding(finding));
    session.onResync((assetId, cause) => writer.resync(assetId, cause));
  }
  const onAbort = () => finish(null);
  signal.addEventListener('abort', onAbort, { once: true });
  session.start();
  const fatal = await done;
  signal.removeEventListener('abort', onAbort);
  writer.stop();
  await session.stop();
  return fatal;
}
