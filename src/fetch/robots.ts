import { createRequire } from 'node:module';
import { FetchError } from './errors.js';

interface Robot {
  isAllowed(url: string, agent?: string): boolean | undefined;
  getCrawlDelay(agent?: string): number | undefined;
}
// robots-parser is CommonJS and its typings declare an ES default export it does not have.
const robotsParser = createRequire(import.meta.url)('robots-parser') as (url: string, contents: string) => Robot;

/** What robots.txt says about one URL. */
export interface RobotsVerdict {
  allowed: boolean;
  /** The site's Crawl-delay for our agent, in milliseconds, when it sets one. */
  crawlDelayMs?: number;
  /** Why a URL is disallowed, for the message. */
  reason?: string;
}

interface Rules {
  isAllowed(url: string, agent: string): boolean | undefined;
  crawlDelayMs?: number;
  /** Set when robots.txt could not be read and the whole site is treated as disallowed. */
  unreachable?: string;
}

/** How robots.txt is fetched: the status and text, through the same guarded fetcher as pages. */
export type RobotsLoader = (robotsUrl: string) => Promise<{ status: number; text: string }>;

export interface RobotsSettings {
  /** The product token matched against User-agent lines. */
  agent: string;
  ttlMs: number;
  /** Crawl-delay values above this are taken as this: a hostile robots.txt cannot stall a run. */
  maxCrawlDelayMs: number;
  /** Origins remembered at once; the oldest is forgotten first. */
  maxOrigins?: number;
}

/** How long an unreadable robots.txt keeps a site disallowed before it is asked for again. */
const UNREACHABLE_TTL_MS = 60_000;

const ALLOW_ALL: Rules = { isAllowed: () => true };

/**
 * robots.txt per origin, fetched once and kept for a while (RFC 9309): 2xx is parsed, 4xx allows
 * everything, 5xx disallows the site for a minute; a site that cannot be reached fails the page.
 */
export class RobotsCache {
  private readonly entries = new Map<string, { expires: number; rules: Promise<Rules> }>();

  constructor(private readonly load: RobotsLoader, private readonly settings: RobotsSettings) {}

  async check(url: URL): Promise<RobotsVerdict> {
    const rules = await this.rulesFor(url.origin);
    if (rules.unreachable) return { allowed: false, reason: rules.unreachable };
    const allowed = rules.isAllowed(url.href, this.settings.agent) !== false;
    const verdict: RobotsVerdict = { allowed };
    if (rules.crawlDelayMs !== undefined) verdict.crawlDelayMs = rules.crawlDelayMs;
    if (!allowed) verdict.reason = `${url.origin}/robots.txt disallows ${url.pathname} for ${this.settings.agent}`;
    return verdict;
  }

  private rulesFor(origin: string): Promise<Rules> {
    const now = performance.now();
    const cached = this.entries.get(origin);
    if (cached && cached.expires > now) return cached.rules;
    this.entries.delete(origin);
    const rules = this.fetchRules(origin);
    const entry = { expires: now + this.settings.ttlMs, rules };
    this.entries.set(origin, entry);
    void rules.then((found) => {
      if (found.unreachable) entry.expires = Math.min(entry.expires, performance.now() + UNREACHABLE_TTL_MS);
    }, () => {
      if (this.entries.get(origin) === entry) this.entries.delete(origin);
    });
    const max = this.settings.maxOrigins ?? 10_000;
    if (this.entries.size > max) this.entries.delete(this.entries.keys().next().value as string);
    return rules;
  }

  private async fetchRules(origin: string): Promise<Rules> {
    const robotsUrl = `${origin}/robots.txt`;
    let answer: { status: number; text: string };
    try {
      answer = await this.load(robotsUrl);
    } catch (error) {
      if (!(error instanceof FetchError)) throw error;
      // A refused origin is refused for the page too; a site that cannot be reached at all fails the
      // page with the same cause. Neither is remembered: the next fetch asks again.
      if (error.kind === 'refused' || error.kind === 'network' || error.kind === 'timeout') throw error;
      if (error.kind === 'http' && error.status !== undefined && error.status >= 500) {
        return { isAllowed: () => false, unreachable: `${robotsUrl} could not be read (${error.message}), so the site is treated as disallowed (RFC 9309)` };
      }
      // 4xx, too many redirects, an oversize file: robots.txt is "unavailable", which allows everything.
      return ALLOW_ALL;
    }
    if (answer.status >= 400 && answer.status < 500) return ALLOW_ALL;
    const robot = robotsParser(robotsUrl, answer.text);
    const delay = robot.getCrawlDelay(this.settings.agent);
    const rules: Rules = { isAllowed: (url, agent) => robot.isAllowed(url, agent) };
    if (typeof delay === 'number' && Number.isFinite(delay) && delay > 0) rules.crawlDelayMs = Math.min(delay * 1000, this.settings.maxCrawlDelayMs);
    return rules;
  }
}
