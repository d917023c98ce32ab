/**
 * The lines pipe mode writes on stderr so that nothing waits silently: what a connection is
 * retrying and when (one line per reconnect attempt, never one per second), and the assets the
 * venue has no book for.
 */
import type { ConnectionHealth } from '../feed/health.js';

/**
 * A disconnect cause in words. ws reports socket errors as Node's ("connect ECONNREFUSED
 * 127.0.0.1:9"), upgrade failures as "Unexpected server response: 404".
 */
export function describeCause(cause: string | null): string {
  if (cause === null || cause === '') return 'connection lost';
  if (/ECONNREFUSED/.test(cause)) return 'cannot connect: connection refused';
  if (/ENOTFOUND|EAI_AGAIN|EAI_NONAME/.test(cause)) return 'cannot connect: host not found';
  if (/EHOSTUNREACH|ENETUNREACH/.test(cause)) return 'cannot connect: host unreachable';
  if (/ETIMEDOUT|handshake has timed out/i.test(cause)) return 'cannot connect: no answer';
  if (/ECONNRESET/.test(cause)) return 'connection reset';
  const status = /Unexpected server response: (\d+)/.exec(cause);
  if (status) return `cannot connect: HTTP ${status[1]} on upgrade`;
  if (/^closed 1006\b/.test(cause)) return 'connection lost (closed 1006)';
  return cause;
}

/** "2s", "0.8s": how long until the next attempt. */
export function delayText(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  // Below 0.95 s one decimal; from there whole seconds, so 0.96 s reads "1s", not "1.0s".
  return s < 0.95 ? `${s.toFixed(1)}s` : `${Math.round(s)}s`;
}

/**
 * Writes `polybook: <url>: <cause>; retrying in 2s (attempt 3)` once per reconnect attempt of each
 * connection (its id too when there are several). Returns the listener for 'health' events.
 */
export function retryNotices(
  url: string,
  write: (line: string) => void,
  connections: () => number,
  now: () => number = Date.now,
): (health: ConnectionHealth) => void {
  const written = new Map<string, string>();
  return (health) => {
    if (health.state !== 'reconnecting' || health.nextRetryAt === null) return;
    const key = `${health.attempt}|${health.nextRetryAt}`;
    if (written.get(health.id) === key) return;
    written.set(health.id, key);
    const where = connections() > 1 ? `${url} (${health.id})` : url;
    write(
      `polybook: ${where}: ${describeCause(health.lastDisconnectCause)}; retrying in ${delayText(health.nextRetryAt - now())} (attempt ${health.attempt})\n`,
    );
  };
}
