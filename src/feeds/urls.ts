/** An absolute http(s) URL from a feed's link, resolved against the feed's own URL; undefined for anything else (mailto:, javascript:, junk). */
export function absoluteWebUrl(link: string | undefined, base: string | undefined): string | undefined {
  const trimmed = link?.trim();
  if (!trimmed) return undefined;
  let url: URL;
  try {
    url = base ? new URL(trimmed, base) : new URL(trimmed);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  return url.href;
}

/** A date as an ISO date-time, when it parses (RFC 822 of RSS, ISO 8601 of Atom and sitemaps). */
export function isoDate(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  const time = Date.parse(trimmed);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
