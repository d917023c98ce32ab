/**
 * What clients send the simulator, read the same way on both channels: JSON objects, string lists,
 * and the frames an open subscription may send (text `PING`, `operation` frames).
 */
import type { Outbox } from './outbox.js';

export function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A list of strings; null when it is anything else (`absentIsEmpty`: a missing list is []). */
export function stringList(value: unknown, absentIsEmpty = false): string[] | null {
  if (absentIsEmpty && (value === undefined || value === null)) return [];
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : null;
}

export interface OperationFrame {
  readonly operation: 'subscribe' | 'unsubscribe';
  readonly ids: string[];
  readonly raw: Record<string, unknown>;
}

/**
 * Handles a frame on a subscribed connection: `PING` gets `PONG` (unless muted), anything that is
 * not `{"operation": "subscribe"|"unsubscribe", <key>: [...]}` gets `INVALID OPERATION` (§2.2).
 * Returns the operation for the channel to apply, or null when the frame was answered here.
 */
export function operationFrame(
  conn: { readonly outbox: Outbox },
  text: string,
  mutePong: boolean,
  key: 'assets_ids' | 'markets',
  absentIsEmpty = false,
): OperationFrame | null {
  if (text.trim() === 'PING') {
    if (!mutePong) conn.outbox.push('PONG');
    return null;
  }
  const raw = parseObject(text);
  const operation = typeof raw?.operation === 'string' ? raw.operation.toLowerCase() : null;
  const ids = stringList(raw?.[key], absentIsEmpty);
  if (!raw || !ids || (operation !== 'subscribe' && operation !== 'unsubscribe')) {
    conn.outbox.push('INVALID OPERATION');
    return null;
  }
  return { operation, ids, raw };
}
