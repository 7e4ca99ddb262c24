import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local HTTP server for the fetch tests, on 127.0.0.1 and an OS-chosen port, counting what it sees. */
export interface TestServer {
  /** `http://127.0.0.1:PORT` */
  base: string;
  /** `127.0.0.1:PORT`: the one allowlist entry the tests use, so other ports and addresses stay refused. */
  hostPort: string;
  /** Paths requested, in order. */
  requests: string[];
  /** Headers of every request, in order. */
  headers: IncomingMessage['headers'][];
  /** Requests being answered now, and the most there ever were at once. */
  inFlight: number;
  maxInFlight: number;
  /** Bytes of body writeForever handed to the socket. */
  bytesWritten: number;
  close(): Promise<void>;
}

export type Handler = (request: IncomingMessage, response: ServerResponse, server: TestServer) => void;

export async function startServer(routes: Record<string, Handler>): Promise<TestServer> {
  const state: TestServer = {
    base: '', hostPort: '', requests: [], headers: [], inFlight: 0, maxInFlight: 0, bytesWritten: 0,
    close: () => new Promise<void>((resolve) => {
      httpServer.closeAllConnections();
      httpServer.close(() => resolve());
    }),
  };
  const httpServer: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    state.requests.push(path);
    state.headers.push(request.headers);
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      state.inFlight--;
    };
    response.on('finish', finish);
    response.on('close', finish);
    const handler = routes[path];
    if (handler) handler(request, response, state);
    else {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('missing');
    }
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const port = (httpServer.address() as AddressInfo).port;
  state.base = `http://127.0.0.1:${port}`;
  state.hostPort = `127.0.0.1:${port}`;
  return state;
}

/** Writes chunks for as long as the client reads, respecting back-pressure; stops when the socket closes. */
export function writeForever(response: ServerResponse, chunk: Buffer, server: TestServer): void {
  const pump = (): void => {
    while (!response.destroyed) {
      server.bytesWritten += chunk.length;
      if (!response.write(chunk)) break;
    }
    if (!response.destroyed) response.once('drain', pump);
  };
  response.on('close', () => response.removeAllListeners('drain'));
  pump();
}
