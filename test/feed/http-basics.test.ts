/**
 * fetchJson on node:http (src/feed/http.ts): what fetch did for us is still done — a POST's JSON
 * body, redirects followed (a bounded number), a byte-order mark dropped, an error page's status
 * kept with a null body, a refused port named — on a real server on loopback.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedError } from '../../src/feed/errors.js';
import { fetchJson } from '../../src/feed/http.js';

let server: Server | null = null;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

async function serve(
  answer: (request: IncomingMessage, body: string, respond: (status: number, headers: Record<string, string>, body: string) => void) => void,
): Promise<string> {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (c: Buffer) => (body += c.toString('utf8')));
    request.on('end', () => answer(request, body, (status, headers, text) => response.writeHead(status, headers).end(text)));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('fetchJson', () => {
  it('POSTs JSON and reads JSON back', async () => {
    const base = await serve((request, body, respond) =>
      respond(
        200,
        { 'content-type': 'application/json' },
        JSON.stringify({ method: request.method, type: request.headers['content-type'], got: JSON.parse(body) }),
      ),
    );
    const answer = await fetchJson(`${base}/books`, { method: 'POST', body: [{ token_id: '1' }] });
    expect(answer).toEqual({ status: 200, body: { method: 'POST', type: 'application/json', got: [{ token_id: '1' }] } });
  });

  it('follows redirects, at most five, and drops a leading byte-order mark', async () => {
    const base = await serve((request, _body, respond) => {
      const hop = Number(/\/hop\/(\d+)/.exec(request.url ?? '')?.[1] ?? 0);
      if (request.url === '/loop') return respond(302, { location: '/loop' }, '');
      if (hop < 3) return respond(301, { location: `/hop/${hop + 1}` }, 'moved');
      respond(200, {}, '\uFEFF{"at":3}');
    });
    expect(await fetchJson(`${base}/hop/0`)).toEqual({ status: 200, body: { at: 3 } });
    // A loop ends as the last redirect's own answer, not a hang.
    expect((await fetchJson(`${base}/loop`)).status).toBe(302);
  });

  it('an error page keeps its status with a null body; a 2xx that is not JSON is feed.badBody; a closed port is feed.unreachable', async () => {
    const base = await serve((request, _body, respond) => (request.url === '/ok' ? respond(200, {}, '<html>') : respond(404, {}, '<html>not found</html>')));
    expect(await fetchJson(`${base}/missing`)).toEqual({ status: 404, body: null });
    await expect(fetchJson(`${base}/ok`)).rejects.toMatchObject({ code: 'feed.badBody' });
    const port = (server!.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = null;
    const error = await fetchJson(`http://127.0.0.1:${port}/x`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedError);
    expect((error as FeedError).code).toBe('feed.unreachable');
    expect((error as FeedError).message).toBe(`127.0.0.1:${port}: cannot connect`);
  });

  it('a kept-alive socket the server drops as it is reused: asked again on a new one', async () => {
    const served = new WeakMap<object, number>();
    let dropped = 0;
    server = createServer((request, response) => {
      const n = (served.get(request.socket) ?? 0) + 1;
      served.set(request.socket, n);
      // The second request on a socket: the server hangs up without answering.
      if (n === 2) {
        dropped++;
        request.socket.destroy();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect(await fetchJson(`${base}/a`)).toEqual({ status: 200, body: { ok: true } });
    expect(await fetchJson(`${base}/b`)).toEqual({ status: 200, body: { ok: true } });
    expect(dropped).toBe(1);
  });
});
