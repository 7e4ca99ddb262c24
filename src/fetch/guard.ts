import { lookup as dnsLookup } from 'node:dns/promises';
import { buildConnector } from 'undici';
import { classifyAddress, describeRule, isIpLiteral, METADATA_HOSTS } from './address.js';
import { FetchError, shownUrl } from './errors.js';

/** Resolves a host name to its addresses; the system resolver by default, a map in tests. */
export type Resolver = (hostname: string) => Promise<string[]>;

const HINT = '(SSRF guard; --allow-host to allow)';

interface AllowEntry {
  host: string;
  /** Absent: every port of the host. */
  port?: string;
}

function defaultPort(protocol: string): string {
  return protocol === 'https:' ? '443' : '80';
}

/**
 * One allowlist entry: a host name, an IP address in any spelling the URL parser takes, optionally with
 * `:port`; IPv6 in brackets. Parsed as a URL authority so that `2130706433` and `127.0.0.1` are one entry.
 */
function parseAllowEntry(entry: string): AllowEntry {
  const trimmed = entry.trim();
  let url: URL;
  try {
    url = new URL(`http://${trimmed}`);
  } catch {
    throw new Error(`allowed host ${JSON.stringify(entry)} is not a host name, IP address or host:port`);
  }
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password || !url.hostname) {
    throw new Error(`allowed host ${JSON.stringify(entry)} is not a host name, IP address or host:port`);
  }
  const explicitPort = /:\d+$/.test(trimmed);
  const result: AllowEntry = { host: bareHost(url.hostname) };
  if (explicitPort) result.port = url.port || '80';
  return result;
}

function bareHost(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
}

/** The SSRF policy: which hosts may be fetched even though they are not public addresses. */
export class AddressPolicy {
  private readonly entries: AllowEntry[];

  constructor(allowHosts: readonly string[] = []) {
    this.entries = allowHosts.filter((entry) => entry.trim() !== '').map(parseAllowEntry);
  }

  /** Whether a host (name or address, as a URL or a resolver spells it) at a port is on the allowlist. */
  allows(host: string, port: string): boolean {
    const bare = bareHost(host);
    return this.entries.some((entry) => entry.host === bare && (entry.port === undefined || entry.port === port));
  }

  /** Whether the URL's host and port are on the allowlist (the operator named them). */
  allowsUrl(url: URL): boolean {
    return this.allows(url.hostname, url.port || defaultPort(url.protocol));
  }

  /**
   * Checks what can be checked before any DNS: the scheme, an IP literal, a metadata host name. Throws
   * a FetchError of kind 'refused' naming the rule. Every URL and every redirect goes through here.
   */
  checkUrl(url: URL): void {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new FetchError('refused', url.href, `refusing ${shownUrl(url.href)}: only http and https are fetched (SSRF guard)`);
    }
    const host = bareHost(url.hostname);
    const port = url.port || defaultPort(url.protocol);
    if (this.allows(host, port)) return;
    if (METADATA_HOSTS.has(host)) {
      throw new FetchError('refused', url.href, `refusing ${shownUrl(url.href)}: ${host} is a cloud metadata host ${HINT}`);
    }
    if (isIpLiteral(host)) {
      const rule = classifyAddress(host);
      if (rule) throw new FetchError('refused', url.href, `refusing ${shownUrl(url.href)}: ${host} is ${describeRule(rule)} ${HINT}`);
    }
  }

  /**
   * The address to connect to for a host: an IP literal as it is, a name resolved and every one of its
   * addresses checked (one bad address refuses the host: the resolver could hand out any of them).
   */
  async resolveChecked(url: string, hostname: string, port: string, resolve: Resolver): Promise<string> {
    const host = bareHost(hostname);
    const hostAllowed = this.allows(host, port);
    if (isIpLiteral(host)) {
      const rule = hostAllowed ? undefined : classifyAddress(host);
      if (rule) throw new FetchError('refused', url, `refusing ${shownUrl(url)}: ${host} is ${describeRule(rule)} ${HINT}`);
      return host;
    }
    let addresses: string[];
    try {
      addresses = await resolve(host);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new FetchError('network', url, `cannot fetch ${shownUrl(url)}: ${host} does not resolve (${code ?? (error as Error).message})`, { cause: error });
    }
    if (addresses.length === 0) throw new FetchError('network', url, `cannot fetch ${shownUrl(url)}: ${host} resolves to no address`);
    if (!hostAllowed) {
      for (const address of addresses) {
        const rule = this.allows(address, port) ? undefined : classifyAddress(address);
        if (rule) throw new FetchError('refused', url, `refusing ${shownUrl(url)}: ${host} resolves to ${address}, ${describeRule(rule)} ${HINT}`);
      }
    }
    return addresses[0]!;
  }
}

export const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * An undici connector that resolves the host itself, checks every address against the policy and opens
 * the socket to the address it checked, so no second resolution can swap in another one (DNS rebinding).
 * TLS still verifies the certificate against the host name (undici takes the server name from `host`).
 */
export function guardedConnector(policy: AddressPolicy, resolve: Resolver, connectTimeoutMs: number): buildConnector.connector {
  const connect = buildConnector({ timeout: connectTimeoutMs });
  return (options: buildConnector.Options, callback: buildConnector.Callback) => {
    const port = options.port || defaultPort(options.protocol);
    const origin = `${options.protocol}//${options.host ?? options.hostname}/`;
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      callback(new FetchError('timeout', origin, `${shownUrl(origin)}: looking up ${options.hostname} took over ${connectTimeoutMs / 1000} s`), null);
    }, connectTimeoutMs);
    policy.resolveChecked(origin, options.hostname, port, resolve).then((address) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      connect({ ...options, hostname: address }, callback);
    }, (error: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      callback(error as Error, null);
    });
  };
}
