import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A fixed answer: status (200), headers, body, and how long a slow server waits before sending it. */
export interface TestResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
}

export type Handler = (request: IncomingMessage, response: ServerResponse, server: TestServer) => void;

/** What a path answers: a fixed response, or a handler that writes its own. */
export type Route = TestResponse | Handler;

/** A local HTTP server for the fetch, watch and CLI tests, on 127.0.0.1 and an OS-chosen port, counting what it sees. */
export interface TestServer {
  /** `http://127.0.0.1:PORT` */
  base: string;
  /** `127.0.0.1:PORT`: the one allowlist entry the tests use, so other ports and addresses stay refused. */
  hostPort: string;
  /** Routes by request target: the exact path and query are looked up first, then the path alone. Tests add routes as they go. */
  routes: Map<string, Route>;
  /** Request targets (path and query), in order. */
  requests: string[];
  /** Headers of every request, in order. */
  headers: IncomingHttpHeaders[];
  /** Requests being answered now, and the most there ever were at once. */
  inFlight: number;
  maxInFlight: number;
  /** Bytes of body writeForever handed to the socket. */
  bytesWritten: number;
  /** How many times this exact target was requested. */
  hits(target: string): number;
  close(): Promise<void>;
}

export async function startServer(routes: Record<string, Route> = {}): Promise<TestServer> {
  const state: TestServer = {
    base: '', hostPort: '', routes: new Map(Object.entries(routes)), requests: [], headers: [], inFlight: 0, maxInFlight: 0, bytesWritten: 0,
    hits: (target) => state.requests.filter((requested) => requested === target).length,
    close: () => new Promise<void>((resolve) => {
      httpServer.closeAllConnections();
      httpServer.close(() => resolve());
    }),
  };
  const httpServer: Server = createServer((request, response) => {
    const target = request.url ?? '/';
    state.requests.push(target);
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
    const route = state.routes.get(target) ?? state.routes.get(target.split('?')[0]!);
    if (typeof route === 'function') route(request, response, state);
    else reply(response, route ?? { status: 404, headers: { 'content-type': 'text/plain' }, body: 'missing' });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const port = (httpServer.address() as AddressInfo).port;
  state.base = `http://127.0.0.1:${port}`;
  state.hostPort = `127.0.0.1:${port}`;
  return state;
}

/** Sends a fixed answer, after its delay. */
export function reply(response: ServerResponse, answer: TestResponse): void {
  const send = (): void => {
    if (response.destroyed) return;
    response.writeHead(answer.status ?? 200, answer.headers ?? {});
    response.end(answer.body ?? '');
  };
  if (answer.delayMs) setTimeout(send, answer.delayMs);
  else send();
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

/** An English news page the pipeline codes (an attack with a toll), distinct per id so each is its own document. */
export function articlePage(id: string, charset = 'utf-8'): TestResponse {
  const body = `<html><head><title>Report ${id}</title></head><body><article>
    <p>Northland artillery shelled the border town of Vell on Monday, killing four civilians, police said in report ${id}.</p>
    <p>The regional governor condemned the attack and promised help to the families of the victims of incident ${id}.</p>
    </article></body></html>`;
  return { headers: { 'content-type': `text/html; charset=${charset}` }, body };
}

/** An RSS 2.0 feed of the items. */
export function rss(items: readonly { url: string; title?: string; guid?: string }[]): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Test wire</title>${items.map((i) =>
    `<item><title>${i.title ?? 'item'}</title><link>${i.url}</link>${i.guid ? `<guid>${i.guid}</guid>` : ''}</item>`).join('')}</channel></rss>`;
}
