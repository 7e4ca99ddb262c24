/**
 * Alerts as an Atom feed (RFC 4287) any feed reader can subscribe to: one entry per alert, its id a
 * stable URN, its link the story (or event) it is about when a base URL is given.
 */
import type { Alert } from './rules.js';

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!)
  // Characters XML 1.0 forbids (control characters other than tab and line ends) are dropped.
  // eslint-disable-next-line no-control-regex
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

const timestamp = (date: string) => (date.length === 10 ? `${date}T00:00:00Z` : date);

export interface FeedOptions {
  title?: string;
  /** The feed's own id (a URI); default `urn:dyad:alerts`. */
  id?: string;
  /** Base of the links to stories, e.g. `http://127.0.0.1:7777/stories/`; without it entries have no link. */
  storyBase?: string;
  /** The feed's `updated` when it has no alert (an Atom feed must have one): default 1970-01-01. */
  emptyUpdated?: string;
}

export function atomFeed(alerts: readonly Alert[], options: FeedOptions = {}): string {
  const sorted = [...alerts].sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
  const updated = timestamp(sorted[0]?.date ?? options.emptyUpdated ?? '1970-01-01');
  const entries = sorted.map((alert) => {
    const link = options.storyBase && alert.items[0] ? `\n    <link href="${escapeXml(options.storyBase + encodeURIComponent(alert.items[0]))}"/>` : '';
    return `  <entry>
    <id>urn:dyad:alert:${escapeXml(encodeURIComponent(alert.id))}</id>
    <title>${escapeXml(alert.title)}</title>
    <updated>${timestamp(alert.date)}</updated>${link}
    <content type="text">${escapeXml(alert.message)}</content>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${escapeXml(options.id ?? 'urn:dyad:alerts')}</id>
  <title>${escapeXml(options.title ?? 'Dyad alerts')}</title>
  <updated>${updated}</updated>
  <author><name>Dyad</name></author>
${entries.join('\n')}${entries.length > 0 ? '\n' : ''}</feed>
`;
}
