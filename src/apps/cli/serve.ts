import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommand, integerOption, stringOption, UsageError } from './args.js';
import type { Command } from './command.js';
import { writeOut } from './io.js';
import { DEFAULT_DB, openCliStore } from './store-option.js';

const USAGE = `Usage: dyad serve [options]

Serves the HTTP API over a database (reference at /docs, OpenAPI document at /openapi.json) and the
dashboard from web/dist when it is built. Reads are open; writes need Authorization: Bearer <token>.

Options:
  --db PATH             database (default ${DEFAULT_DB}; created when absent)
  --port N              port (default 7777; 0 picks a free one)
  --host HOST           address to bind (default 127.0.0.1); any other than the loopback needs --token
  --token T             the write token (default: $DYAD_TOKEN, else a random one, printed at start)
  --rate-limit N        requests a second per client, bursts of twice that (default 200; 0: no limit)
  -h, --help            show this help`;

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** The package's web/dist, found from this file (dist/src/apps/cli or src/apps/cli). */
function webDist(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = here.includes(`${join('dist', 'src')}`) ? join(here, '..', '..', '..', '..') : join(here, '..', '..', '..');
  return join(root, 'web', 'dist');
}

export const serveCommand: Command = {
  name: 'serve',
  usage: USAGE,
  async run(args) {
    const parsed = parseCommand('serve', args, {
      db: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, token: { type: 'string' }, 'rate-limit': { type: 'string' },
    });
    if (parsed.values.help) {
      await writeOut(`${USAGE}\n`);
      return 0;
    }
    if (parsed.positionals.length > 0) throw new UsageError(`serve takes no arguments, got "${parsed.positionals[0]}"`);
    const port = integerOption(parsed, 'port', 7777);
    if (port > 65535) throw new UsageError(`--port must be from 0 to 65535, got ${port}`);
    const host = stringOption(parsed, 'host') ?? '127.0.0.1';
    const configured = stringOption(parsed, 'token') ?? (process.env.DYAD_TOKEN || undefined);
    if (configured !== undefined && !/^[\x21-\x7e]{16,200}$/.test(configured)) {
      throw new UsageError('a token is 16 to 200 printable characters without spaces');
    }
    if (!LOOPBACK.has(host) && configured === undefined) {
      throw new UsageError(`refusing to serve on ${host} without a token: anyone who can reach it could write (give --token or set DYAD_TOKEN)`);
    }
    const token = configured ?? randomBytes(24).toString('base64url');
    const perSecond = integerOption(parsed, 'rate-limit', 200);
    const store = await openCliStore(stringOption(parsed, 'db') ?? DEFAULT_DB, { readOnly: false });
    const [{ createApi }, { serve }] = await Promise.all([import('../api/app.js'), import('@hono/node-server')]);
    const app = createApi({
      store, token, staticDir: webDist(),
      rateLimit: perSecond === 0 ? false : { perSecond, burst: perSecond * 2 },
      onError: (error) => process.stderr.write(`dyad serve: ${error instanceof Error ? error.message : String(error)}\n`),
    });
    const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const started = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(started));
      started.once('error', reject);
    });
    // Listened for before the address is printed, so a signal sent as soon as it shows stops the server cleanly.
    const stopped = new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        // Event streams never end by themselves: close them so the server can.
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    const address = server.address();
    const bound = typeof address === 'object' && address ? address.port : port;
    const shown = host.includes(':') ? `[${host}]` : host;
    process.stdout.write(`Dyad API on http://${shown}:${bound}/ (reference: /docs)\n`);
    process.stdout.write(configured === undefined ? `write token: ${token}\n` : 'write token: the one configured\n');
    await stopped;
    await store.close();
    return 0;
  },
};
