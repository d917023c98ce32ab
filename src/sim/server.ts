/**
 * One loopback port for everything: WebSocket upgrades on `/ws/market` and `/ws/user` (any other
 * upgrade path answers HTTP 404, as the venue does for a bare `/ws/`, §1), and plain HTTP for CLOB
 * REST and Gamma. The listener can be taken down and brought back on the same port.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

export interface ServerHandlers {
  market(ws: WebSocket): void;
  user(ws: WebSocket): void;
  request(req: IncomingMessage, res: ServerResponse): void;
}

export class SimServer {
  private readonly http: Server;
  private readonly marketWss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  private readonly userWss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  private host = '127.0.0.1';
  port = 0;
  private restarting: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly handlers: ServerHandlers) {
    this.http = createServer((req, res) => handlers.request(req, res));
    this.http.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head));
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(req.url ?? '/', 'http://sim').pathname;
    const wss = path === '/ws/market' ? this.marketWss : path === '/ws/user' ? this.userWss : null;
    if (!wss) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => (wss === this.marketWss ? this.handlers.market(ws) : this.handlers.user(ws)));
  }

  /** Starts listening; resolves to the bound port. */
  listen(host: string, port: number): Promise<number> {
    this.host = host;
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      this.http.once('error', onError);
      this.http.listen(port, host, () => {
        this.http.off('error', onError);
        const address = this.http.address();
        this.port = typeof address === 'object' && address ? address.port : port;
        resolve(this.port);
      });
    });
  }

  /** Open WebSocket connections on both channels. */
  connections(): number {
    return this.marketWss.clients.size + this.userWss.clients.size;
  }

  /** Drops every WebSocket client abruptly (no close frame: the client sees 1006). */
  terminateClients(): void {
    for (const ws of this.marketWss.clients) ws.terminate();
    for (const ws of this.userWss.clients) ws.terminate();
  }

  private stopListening(): Promise<void> {
    this.terminateClients();
    return new Promise((resolve) => {
      if (!this.http.listening) return resolve();
      this.http.close(() => resolve());
      this.http.closeAllConnections();
    });
  }

  /** Closes the listener and every client, and listens again on the same port after `downMs`. */
  restart(downMs: number): Promise<void> {
    if (this.restarting) return this.restarting;
    this.restarting = (async () => {
      await this.stopListening();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      if (!this.closed) await this.listen(this.host, this.port);
    })().finally(() => (this.restarting = null));
    return this.restarting;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.stopListening();
    this.marketWss.close();
    this.userWss.close();
  }
}
