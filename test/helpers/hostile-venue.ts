/**
 * A hostile stand-in for Polymarket on one loopback port: a WebSocket market channel that answers
 * the subscription the way a broken or malicious server might, and an HTTP side (CLOB REST and
 * Gamma under /gamma) whose bodies carry escape sequences and prototype-key ids. Tests pick the
 * behaviour; the server records what clients sent.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** Escape sequences and invisible characters a server could try to paint a terminal with. */
export const NASTY = '\u001b]0;pwned\u0007\u001b[2J\u001b[31m\u202e\u2066\u061c\u200b\ufeff\u2028#[fg=red]#(touch /tmp/pwned)';

export const MARKET = `0x${'c0'.repeat(32)}`;
export const TOKEN = '4'.repeat(77);
export const OTHER = '5'.repeat(77);

export type Behaviour =
  /** Upgrades, then never sends a byte (PINGs unanswered). */
  | 'silent'
  /** Answers PING, never sends data. */
  | 'pong-only'
  /** Accepts TCP, never completes the WebSocket upgrade. */
  | 'never-upgrade'
  /** One 50 MB text frame after the subscription. */
  | 'huge-frame'
  /** A real dump, then frames as fast as the socket takes them. */
  | 'flood'
  /** A real dump, then events whose every string is hostile, prototype-key ids included. */
  | 'nasty'
  /** As `nasty`, then a close whose reason is hostile too. */
  | 'nasty-close';

export interface HostileVenue {
  readonly ws: string;
  readonly rest: string;
  readonly gamma: string;
  /** Text frames received per connection. */
  readonly received: string[][];
  behaviour: Behaviour;
  close(): Promise<void>;
}

/** A dump of one sane book for TOKEN (so a client has something to keep). */
export function dumpFrame(ts = '1790000000000'): string {
  return `[{"market":"${MARKET}","asset_id":"${TOKEN}","timestamp":"${ts}","hash":"","bids":[{"price":"0.4","size":"10"}],"asks":[{"price":"0.6","size":"10"}],"tick_size":"0.01","event_type":"book","last_trade_price":"0.500"}]`;
}

/** One of everything, each string hostile; prototype keys as ids. */
export function nastyFrames(ts = '1790000000001'): string[] {
  const n = JSON.stringify(NASTY);
  return [
    `{"market":"${MARKET}", "price_changes":[{"asset_id":"__proto__", "price":"0.45", "size":"1", "side":"BUY", "hash":${n}, "best_bid":"0.45", "best_ask":"0.6"}], "timestamp":"${ts}", "event_type":"price_change"}`,
    `{"market":"${MARKET}", "price_changes":[{"asset_id":"constructor", "price":"0.45", "size":"1", "side":"BUY"}], "timestamp":"${ts}", "event_type":"price_change"}`,
    `{"market":${n}, "price_changes":[{"asset_id":"${TOKEN}", "price":"0.45", "size":"1", "side":"BUY"}], "timestamp":"${ts}", "event_type":"price_change"}`,
    `{"market":"${MARKET}","asset_id":${n},"price":"0.5","size":"1","side":"BUY","timestamp":"${ts}","event_type":"last_trade_price"}`,
    `{"id":${n},"question":${n},"market":"${MARKET}","slug":${n},"assets_ids":["${TOKEN}","${OTHER}"],"outcomes":[${n},${n}],"timestamp":"${ts}","event_type":"new_market"}`,
    `{"market":"${MARKET}","asset_id":"${TOKEN}","price":"0.5","size":"1","side":"BUY","timestamp":${n},"event_type":"last_trade_price"}`,
    `{"market":"${MARKET}","asset_id":"${TOKEN}","price":${n},"size":"1","side":"BUY","timestamp":"${ts}","event_type":${n}}`,
    `{"event_type":"__proto__","market":"${MARKET}"}`,
    `{"event_type":"toString","market":"${MARKET}"}`,
    `{"market":"${MARKET}", "price_changes":[{"asset_id":"${TOKEN}", "price":"0.${'1'.repeat(30_000)}", "size":"1", "side":"BUY"}], "timestamp":"${ts}", "event_type":"price_change"}`,
    `{"market":"${MARKET}", "price_changes":[{"asset_id":"${TOKEN}", "price":"0.45", "size":"1${'0'.repeat(60)}", "side":"BUY"}], "timestamp":"${ts}", "event_type":"price_change"}`,
    `{"market":"${MARKET}", "price_changes":[{"asset_id":"${TOKEN}", "price":"0.45", "size":"1", "side":"\u017fell"}], "timestamp":"${ts}", "event_type":"price_change"}`,
    n,
    `[${'['.repeat(5000)}${']'.repeat(5000)}]`,
  ];
}

/** Gamma and REST bodies whose strings are hostile (labels, condition ids). */
function httpAnswer(url: URL): { status: number; body: unknown } {
  const market = {
    id: '1',
    conditionId: MARKET,
    question: `Will it ${NASTY}?`,
    slug: 'nasty-market',
    outcomes: JSON.stringify([`Yes${NASTY}`, `No${NASTY}`]),
    clobTokenIds: JSON.stringify([TOKEN, OTHER]),
    outcomePrices: '["0.5", "0.5"]',
    active: true,
    closed: false,
  };
  if (url.pathname === '/gamma/events')
    return { status: 200, body: url.searchParams.get('slug') === 'nasty-event' ? [{ slug: 'nasty-event', title: NASTY, markets: [market] }] : [] };
  if (url.pathname === '/gamma/markets') {
    const slug = url.searchParams.get('slug');
    if (slug === 'nasty-market') return { status: 200, body: [market] };
    if (slug === 'hostile-id') return { status: 200, body: [{ ...market, slug: 'hostile-id', conditionId: NASTY }] };
    return { status: 200, body: [] };
  }
  if (url.pathname === '/gamma/public-search')
    return { status: 200, body: { events: [{ slug: NASTY, title: NASTY, markets: [{ ...market, slug: NASTY, conditionId: NASTY }] }] } };
  if (url.pathname === '/book') {
    const id = url.searchParams.get('token_id');
    if (id !== TOKEN && id !== OTHER) return { status: 404, body: { error: NASTY } };
    return {
      status: 200,
      body: {
        market: MARKET,
        asset_id: id,
        timestamp: '1790000000000',
        hash: NASTY,
        bids: [{ price: '0.4', size: '10' }],
        asks: [{ price: '0.6', size: '10' }],
        min_order_size: '5',
        tick_size: '0.01',
        neg_risk: false,
        last_trade_price: '0.500',
      },
    };
  }
  if (url.pathname === '/books') return { status: 200, body: [] };
  return { status: 404, body: { error: NASTY } };
}

export async function startHostileVenue(behaviour: Behaviour = 'nasty'): Promise<HostileVenue> {
  const sockets = new Set<Socket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  const received: string[][] = [];
  let venue: HostileVenue;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const { status, body } = httpAnswer(new URL(req.url ?? '/', 'http://hostile'));
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req, socket, head) => {
    if (venue.behaviour === 'never-upgrade') return; // hold the TCP connection, answer nothing
    wss.handleUpgrade(req, socket, head, (ws) => onSocket(ws));
  });
  const onSocket = (ws: WebSocket): void => {
    const log: string[] = [];
    received.push(log);
    ws.on('error', () => {});
    ws.on('message', (data) => {
      const text = data.toString();
      log.push(text);
      const first = log.length === 1;
      if (text === 'PING') {
        if (venue.behaviour !== 'silent') ws.send('PONG');
        return;
      }
      if (!first) return;
      switch (venue.behaviour) {
        case 'huge-frame':
          ws.send(`{"x":"${'y'.repeat(50 * 1024 * 1024)}"}`);
          break;
        case 'flood':
          ws.send(dumpFrame());
          flood(ws);
          break;
        case 'nasty':
        case 'nasty-close':
          ws.send(dumpFrame());
          for (const frame of nastyFrames()) ws.send(frame);
          if (venue.behaviour === 'nasty-close') setTimeout(() => ws.close(4000, NASTY.slice(0, 40)), 100);
          break;
        default:
          break;
      }
    });
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address === 'string' || address === null) throw new Error('no port');
  const base = `127.0.0.1:${address.port}`;
  venue = {
    ws: `ws://${base}/ws/market`,
    rest: `http://${base}`,
    gamma: `http://${base}/gamma`,
    received,
    behaviour,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        for (const socket of sockets) socket.destroy();
        wss.close();
        server.close(() => resolve());
      }),
  };
  return venue;
}

/** Price changes for TOKEN as fast as the socket drains, in bounded batches (never a tight loop). */
function flood(ws: WebSocket): void {
  let ts = 1790000000002;
  const batch = (): void => {
    if (ws.readyState !== ws.OPEN) return;
    for (let i = 0; i < 500; i++) {
      const price = `0.${41 + (i % 18)}`;
      ws.send(
        `{"market":"${MARKET}", "price_changes":[{"asset_id":"${TOKEN}", "price":"${price}", "size":"${1 + (i % 7)}", "side":"BUY", "hash":""}], "timestamp":"${ts++}", "event_type":"price_change"}`,
      );
    }
    if (ws.bufferedAmount < 4 << 20) setImmediate(batch);
    else setTimeout(batch, 5);
  };
  batch();
}
