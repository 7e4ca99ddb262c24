/** Errors as RFC 9457 problem details: a status, its title and a detail a client can show; never a stack trace. */
import type { Context } from 'hono';

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  413: 'Content Too Large', 415: 'Unsupported Media Type', 429: 'Too Many Requests', 500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
}

export function problemBody(status: number, detail?: string, instance?: string): ProblemBody {
  const body: ProblemBody = { type: 'about:blank', title: TITLES[status] ?? 'Error', status };
  if (detail !== undefined) body.detail = detail;
  if (instance !== undefined) body.instance = instance;
  return body;
}

export function problem(c: Context, status: number, detail?: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problemBody(status, detail, c.req.path)), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}
