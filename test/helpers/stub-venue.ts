/** A minimal real WebSocket server on port 0 that records what clients send (feed unit tests). */
import { WebSocketServer, type WebSocket } from 'ws';

export interface StubVenue {
  readonly url: string;
  /** Every text frame received, per connection, in order. */
  readonly received: string[][];
  readonly sockets: WebSocket[];
  answerPing: boolean;
  /** Called on every non-PING text frame. */
  onMessage: (socket: WebSocket, text: string) => void;
  dropAll(): void;
  close(): Promise<void>;
}

export async function startStubVenue(): Promise<StubVenue> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const address = server.address();
  if (typeof address === 'string' || address === null) throw new Error('no port');
  const venue: StubVenue = {
    url: `ws://127.0.0.1:${address.port}/ws/market`,
    received: [],
    sockets: [],
    answerPing: true,
    onMessage: () => {},
    dropAll: () => {
      for (const socket of venue.sockets) socket.terminate();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of venue.sockets) socket.terminate();
        server.close(() => resolve());
      }),
  };
  server.on('connection', (socket) => {
    const log: string[] = [];
    venue.received.push(log);
    venue.sockets.push(socket);
    socket.on('message', (data) => {
      const text = data.toString();
      log.push(text);
      if (text === 'PING') {
        if (venue.answerPing) socket.send('PONG');
      } else {
        venue.onMessage(socket, text);
      }
    });
  });
  return venue;
}

/** Resolves when `predicate` holds, polling every 5 ms; rejects after `ms`. */
export async function until(predicate: () => boolean, ms = 3000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
