/** Page metadata (title, byline, site, publication date) from meta tags, JSON-LD and <time>. */
import type { DomDocument } from './dom.js';

export interface PageMeta {
  title?: string;
  byline?: string;
  siteName?: string;
  published?: string;
  publishedFrom?: 'meta' | 'json-ld' | 'time-element';
}

/** Meta keys (property, name or itemprop, lower case) in order of trust. */
const DATE_KEYS = [
  'article:published_time',
  'og:article:published_time',
  'article.published',
  'datepublished',
  'parsely-pub-date',
  'sailthru.date',
  'pubdate',
  'publishdate',
  'publish-date',
  'publish_date',
  'publication_date',
  'date',
  'dc.date.issued',
  'dc.date',
  'dcterms.issued',
  'dcterms.created',
  'dcterms.date',
  'og:published_time',
  'citation_publication_date',
];
const TITLE_KEYS = ['og:title', 'twitter:title', 'parsely-title', 'sailthru.title', 'dc.title', 'headline'];
const BYLINE_KEYS = ['author', 'article:author', 'parsely-author', 'sailthru.author', 'byl', 'dc.creator', 'dcterms.creator'];
const SITE_KEYS = ['og:site_name', 'application-name', 'publisher', 'twitter:site'];

/** An ISO 8601 calendar date, optionally with a time and a zone (or UTC/GMT, as some pages write it). */
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * Normalises a date found on a page or given by a user to `YYYY-MM-DD` or an ISO date-time; undefined when
 * unreadable. A value that starts as an ISO date must be one throughout: `2020-01-01T25:61:00Z` or
 * `2020-01-01Tgarbage` is a broken value, not the first of January.
 */
export function normaliseDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d{4}-\d{2}-\d{2}/.test(trimmed)) {
    const iso = ISO_DATE_TIME.exec(trimmed);
    if (!iso) return undefined;
    const [, y, m, d, hh, mm, ss, zone] = iso;
    if (!validDay(Number(y), Number(m), Number(d))) return undefined;
    if (hh === undefined || mm === undefined) return `${y}-${m}-${d}`;
    if (!validTime(Number(hh), Number(mm), Number(ss ?? 0))) return undefined;
    const offset = zoneOffset(zone);
    return offset === undefined ? undefined : `${y}-${m}-${d}T${hh}:${mm}:${ss ?? '00'}${offset}`;
  }
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(trimmed);
  if (compact) {
    const [, y, m, d] = compact;
    return validDay(Number(y), Number(m), Number(d)) ? `${y}-${m}-${d}` : undefined;
  }
  if (trimmed.length > 60 || !/[a-z]{3}/i.test(trimmed) || !/\d{4}/.test(trimmed)) return undefined;
  const parsed = new Date(trimmed);
  if (Number.isNaN(parsed.getTime())) return undefined;
  // Written dates without a zone ("March 3, 2021") parse as local midnight: read the local calendar day.
  const y = parsed.getFullYear();
  if (y < 1900 || y > 2200) return undefined;
  return `${y}-${pad(parsed.getMonth() + 1)}-${pad(parsed.getDate())}`;
}

function validTime(hours: number, minutes: number, seconds: number): boolean {
  return hours <= 23 && minutes <= 59 && seconds <= 59;
}

/** `Z`, `+hh:mm` or '' (no zone given); undefined for an offset no place on Earth uses. */
function zoneOffset(zone: string | undefined): string | undefined {
  if (zone === undefined) return '';
  if (/^(?:Z|UTC|GMT)$/i.test(zone)) return 'Z';
  const [, sign, hours, minutes = '00'] = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone) ?? [];
  if (sign === undefined || hours === undefined || Number(hours) > 14 || Number(minutes) > 59) return undefined;
  return `${sign}${hours}:${minutes}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function validDay(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function clean(value: string | null | undefined): string | undefined {
  const text = value?.replace(/\s+/g, ' ').trim();
  return text ? text : undefined;
}

function metaMap(document: DomDocument): Map<string, string> {
  const map = new Map<string, string>();
  for (const meta of Array.from(document.querySelectorAll('meta'))) {
    const key = (meta.getAttribute('property') ?? meta.getAttribute('name') ?? meta.getAttribute('itemprop'))?.trim().toLowerCase();
    const content = clean(meta.getAttribute('content'));
    if (key && content && !map.has(key)) map.set(key, content);
  }
  return map;
}

function first(map: Map<string, string>, keys: readonly string[], accept: (value: string) => boolean = () => true): string | undefined {
  for (const key of keys) {
    const value = map.get(key);
    if (value !== undefined && accept(value)) return value;
  }
  return undefined;
}

const isNotUrl = (value: string): boolean => !/^(?:https?:)?\/\//i.test(value);

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every object in the page's JSON-LD blocks, with arrays and @graph flattened. */
function jsonLdObjects(document: DomDocument): JsonObject[] {
  const found: JsonObject[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (depth > 4 || found.length > 200) return;
    if (Array.isArray(value)) for (const item of value) visit(item, depth + 1);
    else if (isObject(value)) {
      found.push(value);
      if (value['@graph'] !== undefined) visit(value['@graph'], depth + 1);
    }
  };
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      visit(JSON.parse((script.textContent ?? '').trim()), 0);
    } catch {
      // Broken JSON-LD is common; the page's other metadata still counts.
    }
  }
  return found;
}

function types(object: JsonObject): string[] {
  const type = object['@type'];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
}

function names(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(names);
  if (isObject(value) && typeof value.name === 'string') return [value.name];
  return [];
}

function stringField(object: JsonObject | undefined, key: string): string | undefined {
  const value = object?.[key];
  return typeof value === 'string' ? clean(value) : undefined;
}

function articleObject(objects: JsonObject[]): JsonObject | undefined {
  const isArticle = (o: JsonObject): boolean => types(o).some((t) => /Article|Posting|Report|NewsArticle/i.test(t));
  return objects.find((o) => isArticle(o) && o.datePublished !== undefined) ?? objects.find(isArticle) ?? objects.find((o) => o.datePublished !== undefined);
}

function timeElementDate(document: DomDocument): string | undefined {
  const candidates = [
    ...Array.from(document.querySelectorAll('time[pubdate]')),
    ...Array.from(document.querySelectorAll('article time[datetime], header time[datetime]')),
    ...Array.from(document.querySelectorAll('time[datetime]')),
  ];
  for (const element of candidates) {
    const date = normaliseDate(element.getAttribute('datetime') ?? element.textContent ?? undefined);
    if (date) return date;
  }
  return undefined;
}

/** Reads the page's own metadata; call it before Readability, which changes the document. */
export function readPageMeta(document: DomDocument): PageMeta {
  const meta = metaMap(document);
  const article = articleObject(jsonLdObjects(document));
  const result: PageMeta = {};

  const title = first(meta, TITLE_KEYS) ?? stringField(article, 'headline') ?? clean(document.querySelector('title')?.textContent);
  if (title) result.title = title;
  const byline = first(meta, BYLINE_KEYS, isNotUrl) ?? (article ? clean(names(article.author).join(', ')) : undefined);
  if (byline) result.byline = byline;
  const publisher = article ? names(article.publisher)[0] : undefined;
  const siteName = first(meta, SITE_KEYS, isNotUrl) ?? clean(publisher);
  if (siteName) result.siteName = siteName;

  const fromMeta = DATE_KEYS.map((key) => normaliseDate(meta.get(key))).find((d) => d !== undefined);
  const fromJsonLd = normaliseDate(stringField(article, 'datePublished') ?? stringField(article, 'dateCreated'));
  if (fromMeta) Object.assign(result, { published: fromMeta, publishedFrom: 'meta' });
  else if (fromJsonLd) Object.assign(result, { published: fromJsonLd, publishedFrom: 'json-ld' });
  else {
    const fromTime = timeElementDate(document);
    if (fromTime) Object.assign(result, { published: fromTime, publishedFrom: 'time-element' });
  }
  return result;
}
