/**
 * The document record. Everything here is plain, JSON-serialisable data: a Doc goes unchanged into a
 * database column, a queue job, an API response and a test fixture.
 *
 * Every span is `{ start, end }` in UTF-16 code units into `Doc.text` (end exclusive), and `Doc.text`
 * never changes after ingest, so layers written by different stages always agree.
 */

export interface Span {
  start: number;
  end: number;
}

/**
 * `[cleanOffset, inputOffset]` pairs in increasing order: from each clean offset on (up to the next
 * pair) clean text and input advance together. See `toInputOffset`.
 */
export type OffsetMap = Array<[number, number]>;

export interface SourceInfo {
  url?: string;
  title?: string;
  byline?: string;
  siteName?: string;
  /** ISO date (YYYY-MM-DD) or date-time the article was published. */
  published?: string;
  /** Where `published` came from: given by the user, or read from the page. */
  publishedFrom?: 'user' | 'meta' | 'json-ld' | 'time-element';
  /** ISO 639-3 code from language identification, `und` when undecided. */
  language?: string;
  format: 'text' | 'html';
  retrievedAt?: string;
  /**
   * Present when ingest changed a plain-text input (white space collapsed, invisible characters or
   * furniture lines removed): maps offsets in `Doc.text` back to the input. Absent for an unchanged
   * input and for HTML.
   */
  offsetMap?: OffsetMap;
  /**
   * The caller's own id for the input (the `id` of a JSON Lines line), under this one name wherever it
   * appears: here, in error lines and in event listings. `Doc.id` stays the content hash beside it.
   */
  inputId?: string;
  /**
   * Present when ingest put the title before the body as the Doc's first line (ingest/headline.ts): the
   * headline is `text.slice(0, headlineEnd)`, and offsets before `headlineEnd + 1` have no place in the input.
   */
  headlineEnd?: number;
}

export type Severity = 'info' | 'warning' | 'error';

export interface Message {
  stage: string;
  ruleId: string;
  severity: Severity;
  reason: string;
  span?: Span;
}

export interface StageRun {
  stage: string;
  version: number;
  knowledgeVersion?: string;
  ms: number;
  at: string;
  status: 'ok' | 'failed' | 'skipped';
}

/** The part of a stage run that tells one coding of a text from another (what the store compares). */
export type CodingRun = Pick<StageRun, 'stage' | 'version' | 'knowledgeVersion'>;

/** Why a document was stored but not coded (non-English, empty, binary …). */
export interface SkipReason {
  stage: string;
  ruleId: string;
  reason: string;
}

export interface Paragraph extends Span {
  index: number;
}

export interface Sentence extends Span {
  index: number;
  paragraph: number;
  /** Index of the first token of the sentence in the tokens layer, and one past the last. */
  tokenStart: number;
  tokenEnd: number;
}

export interface Token extends Span {
  /** Universal POS tag from wink (NOUN, PROPN, VERB, AUX, ADP, PUNCT …). */
  pos: string;
  /** Lower-cased normal form. */
  normal: string;
  lemma: string;
  sentence: number;
}

/**
 * The syntax of one token, at the same index as in the tokens layer, from the dependency parser
 * (src/models/parser, trained on UD English EWT). `head` is the index in the tokens layer of the token
 * it depends on, always in the same sentence, or -1 for the word the sentence hangs from; `deprel` is
 * its Universal Dependencies relation to that head (`nsubj`, `obj`, `obl`, `nsubj:pass`, `root` …), so
 * "the subject of this verb" is the token whose head is the verb and whose deprel is `nsubj`.
 */
export interface Dependency {
  head: number;
  deprel: string;
}

/**
 * One entry per token; `null` for the tokens of a sentence the parse stage left unparsed (by default it
 * parses the sentences that can carry an event; see src/stages/parse).
 */
export type DependencyLayer = Array<Dependency | null>;

export type EntityType =
  | 'PERSON'
  | 'ORG'
  | 'IGO'
  | 'COUNTRY'
  | 'PLACE'
  | 'REGION'
  | 'NATIONALITY'
  | 'OTHER';

/** What an entity mention resolves to in the knowledge base. */
export interface KbLink {
  /** Stable id: `country:ARM`, `igo:WHO`, `place:geonames:524901`, `region:nagorno-karabakh`, `person:…`. */
  id: string;
  name: string;
  /** ISO 3166-1 alpha-3 of the country the thing belongs to. */
  country?: string;
  /** Actor sector code (GOV, MIL, REB, IGO, HLH, …) where the knowledge base knows it. */
  sector?: string;
  lat?: number;
  lon?: number;
}

export interface Entity extends Span {
  id: string;
  text: string;
  type: EntityType;
  kb?: KbLink;
  /** How the mention was found: gazetteer entry, the NER model (src/models/ner), proper-noun run, title pattern … */
  source: 'gazetteer' | 'model' | 'proper-noun' | 'pattern';
  confidence: number;
}

export interface Place extends Span {
  id: string;
  entity: string;
  name: string;
  /** `place:geonames:<id>`, `country:<ISO3>`, `region:<slug>`. */
  placeId: string;
  country?: string;
  lat: number;
  lon: number;
  resolution: 'country' | 'region' | 'admin' | 'city' | 'continent';
  confidence: number;
  /** `ISO3.<GeoNames admin1 code>` of the state or province the place is (or lies) in: `USA.TX`, `IND.36`. */
  admin1?: string;
  /** ISO3 of the state whose government a capital's or country's name stands for here ("Washington said"). */
  government?: string;
}

export type Granularity = 'year' | 'quarter' | 'month' | 'week' | 'day' | 'time' | 'duration';

export interface DateMention extends Span {
  id: string;
  text: string;
  /** ISO value at the given granularity (`2020`, `2020-09`, `2020-09-27`), absent when unresolved. */
  value?: string;
  granularity: Granularity;
  /** Relative to the publication date ("Friday", "last week") rather than absolute ("27 September 2020"). */
  relative: boolean;
  resolved: boolean;
  /** Why an expression could not be resolved, e.g. no publication date known. */
  reason?: string;
}

export type QuantityCategory = 'killed' | 'injured' | 'displaced' | 'arrested' | 'missing' | 'kidnapped' | 'other';

export interface Quantity extends Span {
  id: string;
  text: string;
  category: QuantityCategory;
  /** Lower bound; `exact` when the text gives a single figure without hedging. */
  min: number;
  max?: number;
  exact: boolean;
  qualifier?: 'at least' | 'at most' | 'about' | 'more than' | 'fewer than' | 'up to' | 'vague';
  /** The span of the word that says what is counted ("killing", "displaced"). */
  cue?: Span;
  /**
   * One who killed taking their own life ("then himself", "turned the gun on herself"): a killed figure of 1
   * that is none of the victims the sentence counts, so an article's toll adds it to them.
   */
  self?: true;
}

export interface SpeakerRef {
  text: string;
  start: number;
  end: number;
  /** The actor the speaker mention resolves to. */
  actor?: string;
  entity?: string;
}

export interface Quote extends Span {
  id: string;
  kind: 'direct' | 'indirect';
  /** The quoted or reported content, without the quotation marks. */
  text: string;
  cue?: Span & { text: string };
  speaker?: SpeakerRef;
  /** True when the quote has no cue of its own and continues the previous speaker. */
  continued: boolean;
  sentences: number[];
}

export interface ActorMention extends Span {
  text: string;
  via: 'name' | 'surname' | 'alias' | 'title' | 'pronoun' | 'nominal' | 'demonym';
}

export interface Actor {
  id: string;
  name: string;
  type: 'PERSON' | 'GOVERNMENT' | 'ORG' | 'IGO' | 'COUNTRY' | 'GROUP' | 'PEOPLE' | 'ARMED_GROUP';
  /** Stable knowledge-base id when known (`country:AZE`, `igo:WHO`, `person:ilham-aliyev`). */
  kbId?: string;
  country?: string;
  sector?: string;
  role?: string;
  /** The organisation an official acts for (`igo:WHO` for its director-general). */
  organisation?: string;
  /** For group actors ("the foreign ministers of both countries"): the actors they stand for. */
  members?: string[];
  mentions: ActorMention[];
}

export interface EventParticipant {
  actor?: string;
  text: string;
  start: number;
  end: number;
  /** Actor code in the CAMEO/PLOVER style: ISO3 plus optional sector (`AZEGOV`), or an IGO code. */
  code?: string;
  country?: string;
  sector?: string;
  kbId?: string;
  /** The organisation the participant acts for, when it is an official of one. */
  organisation?: string;
  /**
   * `document` when the event's own sentence names no actor and this is the document's mention of the
   * one who plays the role (the story's gunman for a later "a man was shot", its police for an arrest).
   */
  from?: 'document';
}

export interface EventLocation {
  place?: string;
  name: string;
  placeId?: string;
  country?: string;
  lat?: number;
  lon?: number;
  resolution?: Place['resolution'];
  /**
   * Where the location was read: the event's own sentence, the attribution of the quote a verbal event
   * was coded from ("…," she said at a briefing in Geneva), or the document as a whole.
   */
  from: 'sentence' | 'speech' | 'document';
}

export interface EventDate {
  value: string;
  granularity: Granularity;
  /**
   * `event` when the sentence gives the date, `document` when it is the own date of the story's lead
   * event of the same type (a later "the shooting" in a story dated by its lead), `report` when it falls
   * back to the publication date.
   */
  basis: 'event' | 'report' | 'document';
  date?: string;
}

export interface CasualtyFigure {
  min: number;
  max?: number;
  exact: boolean;
  text: string;
  quantity: string;
  /** Read from another sentence of the document: the article's toll, given to its lead attack (events/carry-casualties.ts). */
  from?: 'document';
}

export interface Event {
  id: string;
  plover: string;
  mode?: string;
  contexts?: string[];
  cameo: string;
  cameoName?: string;
  quadClass: 1 | 2 | 3 | 4;
  goldstein: number | null;
  actors: EventParticipant[];
  recipients: EventParticipant[];
  /**
   * The sides act on each other (a meeting, a clash, an agreement): each side appears once, the one the
   * text names first among the actors and the others among the recipients, and the direction means nothing.
   */
  reciprocal?: boolean;
  /** A third party in the event (the mediator of talks). */
  mediators?: EventParticipant[];
  location?: EventLocation;
  date?: EventDate;
  casualties?: Partial<Record<QuantityCategory, CasualtyFigure>>;
  negated: boolean;
  future: boolean;
  hypothetical: boolean;
  historical: boolean;
  confidence: number;
  trigger: Span & { text: string };
  evidence: {
    sentences: Array<Span & { index: number }>;
    quote?: string;
  };
  /** The pattern that produced the event, for audit (`learned.<lemma>`: a trigger the classifier learned). */
  pattern: string;
  /** The event classifier's probability of the event's type (absent where the patterns alone coded). */
  typeProbability?: number;
  /** Set when an analyst accepted, corrected or rejected the event (src/store/overrides.ts). */
  review?: EventReview;
}

/** The mark an event carries once an analyst has looked at it. */
export interface EventReview {
  verdict: 'accept' | 'correct' | 'reject';
  analyst: string;
  /** ISO date-time of the verdict. */
  at: string;
  reason?: string;
  /** The fields the analyst changed. */
  corrected?: string[];
}

export interface Layers {
  paragraphs: Paragraph[];
  sentences: Sentence[];
  tokens: Token[];
  dependencies: DependencyLayer;
  entities: Entity[];
  places: Place[];
  dates: DateMention[];
  quantities: Quantity[];
  actors: Actor[];
  quotes: Quote[];
  events: Event[];
}

export type LayerName = keyof Layers;

export interface Doc {
  /** Stable: hash of the normalised text (and URL when there is one). */
  id: string;
  source: SourceInfo;
  text: string;
  layers: Partial<Layers>;
  messages: Message[];
  provenance: StageRun[];
  skip?: SkipReason;
  /**
   * Set by the store on a document read back that is a near-duplicate (syndicated copy) of others: the id
   * of its group's first copy (earliest published, then smallest id). Absent on the first copy itself.
   */
  copyOf?: string;
}
