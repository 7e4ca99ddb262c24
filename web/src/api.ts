import codebook from '../../knowledge/codebooks/plover.json';

/** The API's records as the dashboard reads them (the zod schemas of src/apps/api are the contract). */
export interface Participant { text: string; code?: string; country?: string; kbId?: string; start: number; end: number }
export interface Review { verdict: 'accept' | 'correct' | 'reject'; analyst: string; at: string; reason?: string; corrected?: string[] }
export interface Span { start: number; end: number }
export interface CodedEvent {
  id: string; plover: string; cameo: string; quadClass: number; goldstein: number | null; confidence: number;
  actors: Participant[]; recipients: Participant[]; mediators?: Participant[];
  location?: { name: string; country?: string; lat?: number; lon?: number; from: string };
  date?: { value: string; granularity: string; basis: string };
  casualties?: Record<string, { min: number; max?: number; text: string }>;
  trigger: Span & { text: string };
  evidence: { sentences: Array<Span & { index: number }>; quote?: string };
  negated: boolean; hypothetical: boolean; future: boolean; historical: boolean;
  review?: Review;
}
export interface StoredEvent { id: string; docId: string; url?: string; published?: string; event: CodedEvent }
export interface StoryParticipant { key: string; name: string; mentions: number }
export interface Evidence { mention: string; docId: string; sentence: string; support: number }
export interface Figure { low: number; best: number; high: number; reports: Array<{ source: string; docId: string; min: number; max?: number }> }
export interface Story {
  id: string; plover: string; family: string; actors: StoryParticipant[]; recipients: StoryParticipant[]; parties: string[];
  country?: string; place?: { name: string; country?: string; lat?: number; lon?: number; evidence: Evidence };
  date?: { value: string; start: string; end: string; basis: string; evidence: Evidence };
  firstSeen?: string; lastSeen?: string; mentions: number; documents: number; sources: number;
  casualties: { killed?: Figure; injured?: Figure }; confidence: number;
}
export interface StoryDetail { story: Story; mentions: StoredEvent[]; sources: Array<{ docId: string; url?: string; title?: string; published?: string }> }
export interface Doc {
  id: string; text: string;
  source: { url?: string; title?: string; published?: string };
  layers: {
    sentences?: Array<Span & { index: number }>;
    entities?: Array<Span & { id: string; type: string; text: string }>;
    dates?: Array<Span & { id: string; value?: string; text: string }>;
    quantities?: Array<Span & { id: string; category: string; min: number; text: string }>;
    quotes?: Array<Span & { id: string; text: string; speaker?: { text: string } }>;
    events?: CodedEvent[];
  };
}
export interface FacetCount { value: string; count: number }
export interface Page<T> { items: T[]; next?: string }

export class ApiError extends Error {}

async function answer<T>(response: Response): Promise<T> {
  if (!response.ok) {
    let detail = `${response.status} ${response.statusText}`;
    try {
      const body = (await response.json()) as { detail?: string };
      if (body.detail) detail = body.detail;
    } catch {
      // A body that is not problem JSON: the status says enough.
    }
    throw new ApiError(detail);
  }
  return (await response.json()) as T;
}

export async function getJson<T>(path: string, params: Record<string, string | undefined> = {}): Promise<T> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') query.set(key, value);
  const qs = query.toString();
  return answer<T>(await fetch(qs ? `${path}?${qs}` : path, { headers: { Accept: 'application/json' } }));
}

export async function sendOverride(eventId: string, token: string, body: unknown | undefined): Promise<unknown> {
  const response = await fetch(`/api/events/${encodeURIComponent(eventId)}/override`, {
    method: body === undefined ? 'DELETE' : 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return answer(response);
}

/** A link target only for http(s) addresses: anything else (javascript:, data:) is shown as text. */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** PLOVER types with their QuadClass, from the project's own codebook (bundled at build time). */
export const PLOVER_QUAD: Record<string, number> = Object.fromEntries(codebook.types.map((t) => [t.name, t.quadClass]));
export const PLOVER_TYPES: string[] = codebook.types.map((t) => t.name);
export const QUAD_NAMES = ['', 'verbal cooperation', 'material cooperation', 'verbal conflict', 'material conflict'];
