/**
 * Stories: one real-world event, reported by any number of coded events (its mentions) across documents.
 * These are the records the store keeps and returns; how they are built is in fuse.ts.
 */
import type { EventLocation, Granularity } from '../doc/types.js';

/** A casualty figure as one mention's event gives it. */
export interface MentionFigure {
  min: number;
  max?: number;
  exact: boolean;
}

/**
 * What fusion needs to know about one coded event, kept with the mention so that a story can be rebuilt
 * from its mentions alone (and without reading the documents again).
 */
export interface Mention {
  /** The stored event id, `<docId>:<event.id>`; story ids are mention keys. */
  key: string;
  docId: string;
  /** The event's position in its document's events layer: the lead is 0. */
  seq: number;
  plover: string;
  /** PLOVER type family (types the coders use for one act; see family.ts). */
  family: string;
  cameo: string;
  /** Stable participant keys: knowledge-base id, else actor code, else the normalised mention text. */
  actors: string[];
  recipients: string[];
  /** Names shown for the participant keys, first seen. */
  names: Record<string, string>;
  /** Country codes and sectors of the participants: `AZE`, `AZE/GOV`. */
  parties: string[];
  /** Country of the place, else of the document's places, else of the participants: the blocking key's country (`-` when none). */
  country: string;
  place?: { name: string; country?: string; lat?: number; lon?: number; resolution?: EventLocation['resolution']; admin1?: string; from: EventLocation['from'] };
  /** The period the event can have happened in, as days since 1970-01-01, inclusive (absent: undated). */
  day?: { start: number; end: number };
  date?: { value: string; granularity: Granularity; basis: 'event' | 'report' | 'document' };
  killed?: MentionFigure;
  injured?: MentionFigure;
  /**
   * The document's toll (see documentToll in mention.ts), carried by its lead mention only: what the
   * article as a whole says of the incident it is about, which its story counts as that source's figures.
   */
  toll?: { killed: number; injured: number };
  /** The document's publication date (YYYY-MM-DD), when known. */
  published?: string;
  /** Host of the document's URL (archive wrappers removed), when it has one. */
  host?: string;
  /** Ids of the documents stored before this one that its document nearly duplicates (syndicated copies). */
  copies?: string[];
  /** Surnames of the people the mention's document names in full (see documentSurnames), sorted. */
  surnames?: string[];
  /** The first evidence sentence, at most 400 characters. */
  sentence: string;
  /** Lower-cased content words of the evidence sentences and participant names, sorted, distinct. */
  words: string[];
  confidence: number;
}

export interface StoryParticipant {
  key: string;
  name: string;
  /** How many of the story's mentions name it on this side. */
  mentions: number;
}

/** Which mention a story's choice came from. */
export interface ChoiceEvidence {
  mention: string;
  docId: string;
  sentence: string;
  /** How many mentions agree with the choice. */
  support: number;
}

export interface SourceFigure {
  /** The source (see `sources` in Story). */
  source: string;
  docId: string;
  min: number;
  max?: number;
  exact: boolean;
  /** The figure is its article's toll (its count over the whole text), not one event's sentence's. */
  toll?: true;
}

/** Casualties as low / best / high over the story's sources, with each source's value. */
export interface StoryFigure {
  /** The lowest figure any source gives (ACLED-style conservative count). */
  low: number;
  /**
   * The figure most sources agree on (UCDP-style best estimate); on a tie, the one more sources give as
   * their article's toll, then the lower killed or the higher injured (summary.ts storyFigure).
   */
  best: number;
  /** The highest figure any source gives. */
  high: number;
  reports: SourceFigure[];
}

export interface Story {
  /** The key of the story's earliest-published mention (storyIdOf); a story that merges into another redirects its id. */
  id: string;
  /** The type most mentions give (alphabetical on a tie). */
  plover: string;
  family: string;
  actors: StoryParticipant[];
  recipients: StoryParticipant[];
  /** Countries and country/sector pairs of the participants (`AZE`, `AZE/GOV`). */
  parties: string[];
  country?: string;
  place?: { name: string; country?: string; lat?: number; lon?: number; resolution?: string; evidence: ChoiceEvidence };
  date?: { value: string; granularity: Granularity; basis: 'event' | 'report' | 'document'; start: string; end: string; evidence: ChoiceEvidence };
  /** Earliest and latest publication date of its documents. */
  firstSeen?: string;
  lastSeen?: string;
  mentions: number;
  documents: number;
  /**
   * Distinct sources: documents of one host, near-duplicate documents (syndicated copies, linked by the
   * store) and documents with near-identical evidence count once.
   */
  sources: number;
  casualties: { killed?: StoryFigure; injured?: StoryFigure };
  /** Rises with independent agreeing sources: 1 − ∏(1 − c) over sources, c the source's best confidence. */
  confidence: number;
}

/** A story with the keys of its mentions (`<docId>:<event.id>`), in key order. */
export interface StoryWithMentions extends Story {
  mentionKeys: string[];
}

export interface StoryFilter {
  plover?: string;
  /** ISO3 of the story's country. */
  country?: string;
  /** A participant key (knowledge-base id, code or name, lower-cased) on either side. */
  actor?: string;
  /** Story date bounds, YYYY-MM-DD, inclusive: a story matches when its date period overlaps them. */
  from?: string;
  to?: string;
  /** Stories reported by at least this many documents. */
  minDocuments?: number;
  /** Stories with at least this confidence (0–1). */
  minConfidence?: number;
  /** Stories placed within `km` kilometres of a point. */
  near?: { lat: number; lon: number; km: number };
  /** Full-text search over the documents reporting the story. */
  text?: string;
  limit?: number;
  offset?: number;
}
