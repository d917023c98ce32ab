/**
 * REST bodies from a hostile or broken server, on a real node:http server on loopback: headers
 * then silence (slow-loris), a trickle, a connection cut mid-body, and bodies too large to keep.
 * Each is a FeedError with a stable code, through fetchJson and through `polybook status`.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedError } from '../../src/feed/errors.js';
import { fetchJson, MAX_BODY_BYTES } from '../../src/feed/http.js';

const BIN = new URL('../../bin/polybook.js', import.meta.url).pathname;
const run = promisify(execFile);
const TOKEN = '51612319441923929965346473852643621943258516131941996098847388314822049375613';

let server: Server | null = null;
const open: ServerResponse[] = [];
/** Bytes the server managed to send before the client hung up (or the test ended). */
let sent = 0;
afterEach(async () => {
  for (const response of open.splice(0)) response.destroy();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
  sent = 0;
});

async function serve(answer: (response: ServerResponse) => void): Promise<string> {
  server = createServer((_request, response) => {
    open.push(response);
    answer(response);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Writes `chunk` for as long as the client reads, like a body without end. */
function endless(response: ServerResponse, chunk: Buffer): void {
  const pump = () => {
    while (!response.destroyed && response.write(chunk)) sent += chunk.length;
    if (!response.destroyed) response.once('drain', pump);
  };
  pump();
}

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FeedError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a failure');
}

describe('fetchJson: the body is read under the same timeout, and bounded', () => {
  it('headers then nothing (slow-loris): feed.unreachable, no answer within N ms', async () => {
    const host = await serve((response) => response.writeHead(200, { 'content-type': 'application/json' }).flushHeaders());
    const started = Date.now();
    expect(await failure(fetchJson(`http://${host}/book`, { timeoutMs: 300 }))).toEqual({
      code: 'feed.unreachable',
      message: `${host}: no answer within 300 ms`,
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a body that trickles past the timeout: feed.unreachable', async () => {
    const host = await serve((response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('[');
      const timer = setInterval(() => (response.destroyed ? clearInterval(timer) : response.write(' ')), 50);
      response.on('close', () => clearInterval(timer));
    });
    expect(await failure(fetchJson(`http://${host}/book`, { timeoutMs: 400 }))).toEqual({
      code: 'feed.unreachable',
      message: `${host}: no answer within 400 ms`,
    });
  });

  it('a connection cut mid-body: feed.unreachable', async () => {
    const host = await serve((response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      response.write('{"bids":[');
      setTimeout(() => response.destroy(), 20);
    });
    expect(await failure(fetchJson(`http://${host}/book`, { timeoutMs: 2000 }))).toEqual({
      code: 'feed.unreachable',
      message: `${host}: the connection broke off mid-answer`,
    });
  });

  it('a body without end: feed.badBody once it passes 32 MiB, long before the timeout', async () => {
    const host = await serve((response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      endless(response, Buffer.alloc(64 * 1024, 0x20));
    });
    const started = Date.now();
    expect(await failure(fetchJson(`http://${host}/book`, { timeoutMs: 20_000 }))).toEqual({
      code: 'feed.badBody',
      message: `${host} answered a body larger than 32 MiB`,
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    // It hung up: the server could not push much past the limit (socket buffers only).
    await new Promise((r) => setTimeout(r, 100));
    const before = sent;
    await new Promise((r) => setTimeout(r, 200));
    expect(sent).toBe(before);
    expect(sent).toBeLessThan(MAX_BODY_BYTES + 16 * 1024 * 1024);
  });

  it('a Content-Length over 32 MiB is refused before reading it', async () => {
    const host = await serve((response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES + 1) });
      response.write('[');
    });
    expect(await failure(fetchJson(`http://${host}/book`, { timeoutMs: 2000 }))).toEqual({
      code: 'feed.badBody',
      message: `${host} answered a body larger than 32 MiB`,
    });
  });

  it('a body of exactly 32 MiB is still read (the limit is "larger than")', async () => {
    const body = Buffer.alloc(MAX_BODY_BYTES, 0x20);
    body.write('[1]', 0);
    const host = await serve((response) => response.end(body));
    expect(await fetchJson(`http://${host}/book`, { timeoutMs: 20_000 })).toEqual({ status: 200, body: [1] });
  });
});

describe('polybook status against a server that stalls after its headers', () => {
  it('prints "venue unreachable", says why on stderr, exit 1', async () => {
    const host = await serve((response) => response.writeHead(200, { 'content-type': 'application/json' }).flushHeaders());
    const failed = await run(process.execPath, [BIN, 'status', TOKEN, '--rest', `http://${host}`, '--timeout', '1']).catch(
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(failed).toMatchObject({ code: 1, stdout: 'polybook: venue unreachable\n', stderr: `polybook: ${host}: no answer within 1000 ms\n` });
  });

  it('a body without end: one line naming the size, exit 1', async () => {
    const host = await serve((response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      endless(response, Buffer.alloc(64 * 1024, 0x20));
    });
    const failed = await run(process.execPath, [BIN, 'status', TOKEN, '--rest', `http://${host}`, '--timeout', '20']).catch(
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(failed).toMatchObject({
      code: 1,
      stdout: `polybook: ${host} answered a body larger than 32 MiB\n`,
      stderr: `polybook: ${host} answered a body larger than 32 MiB\n`,
    });
  });
});
