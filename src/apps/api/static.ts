/**
 * The dashboard's files (web/dist), served at `/` when the folder exists. A request path is decoded,
 * normalised and resolved inside the folder (symbolic links too), so no path reaches a file outside it.
 */
import { realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.webp': 'image/webp', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json', '.wasm': 'application/wasm',
};

/** The file a URL path names inside root, or undefined when it names none (or would leave root). */
export function safeJoin(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.some((segment) => segment === '..')) return undefined;
  const candidate = resolve(root, ...segments);
  const inside = (path: string, base: string) => {
    const rel = relative(base, path);
    return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
  };
  if (!inside(candidate, root)) return undefined;
  try {
    const real = realpathSync(candidate);
    const realRoot = realpathSync(root);
    if (!inside(real, realRoot)) return undefined;
    const stat = statSync(real);
    if (stat.isDirectory()) {
      const index = join(real, 'index.html');
      return statSync(index, { throwIfNoEntry: false })?.isFile() ? index : undefined;
    }
    return stat.isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

export async function staticResponse(root: string, urlPath: string): Promise<Response | undefined> {
  const file = safeJoin(root, urlPath);
  if (!file) return undefined;
  const body = await readFile(file);
  return new Response(body, { status: 200, headers: { 'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' } });
}
