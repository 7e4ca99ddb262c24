/** A local HTTP server on 127.0.0.1 for the watcher's tests: routes set per path, every request logged. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Wait this long before answering (a slow server). */
  delayMs?: number;
}

export type TestRoute = TestResponse | ((headers: IncomingHttpHeaders) => TestResponse);

export interface LoggedRequest {
  path: string;
  headers: IncomingHttpHeaders;
}

export class TestServer {
  readonly routes = new Map<string, TestRoute>();
  readonly requests: LoggedRequest[] = [];
  private server: Server | undefined;
  base = '';

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const path = request.url ?? '/';
      this.requests.push({ path, headers: request.headers });
      const route = this.routes.get(path);
      const answer = typeof route === 'function' ? route(request.headers) : route ?? { status: 404, body: 'not found' };
      const send = () => {
        response.writeHead(answer.status ?? 200, answer.headers ?? {});
        response.end(answer.body ?? '');
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** How many times a path was requested. */
  hits(path: string): number {
    return this.requests.filter((r) => r.path === path).length;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** An English news page the pipeline codes (an attack with a toll), distinct per id so each is its own document. */
export function articlePage(id: string, charset = 'utf-8'): TestResponse {
  const body = `<html><head><title>Report ${id}</title></head><body><article>
    <p>Northland artillery shelled the border town of Vell on Monday, killing four civilians, police said in report ${id}.</p>
    <p>The regional governor condemned the attack and promised help to the families of the victims of incident ${id}.</p>
    </article></body></html>`;
  return { headers: { 'content-type': `text/html; charset=${charset}` }, body };
}

export function rss(items: readonly { url: string; title?: string; guid?: string }[]): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Test wire</title>${items.map((i) =>
    `<item><title>${i.title ?? 'item'}</title><link>${i.url}</link>${i.guid ? `<guid>${i.guid}</guid>` : ''}</item>`).join('')}</channel></rss>`;
}
