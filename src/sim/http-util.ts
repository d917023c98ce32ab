/**
 * Tiny HTTP helpers for the REST and Gamma routes: JSON replies (compact, as the venue sends) and
 * a bounded request-body reader.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A route's answer: status and the exact body bytes. */
export interface Reply {
  readonly status: number;
  readonly body: string;
}

export function json(status: number, value: unknown): Reply {
  return { status, body: JSON.stringify(value) };
}

export function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(reply.body),
  });
  res.end(reply.body);
}

/** Reads a request body of at most `limit` bytes; null when it is larger. */
export async function readBody(req: IncomingMessage, limit = 1 << 20): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
