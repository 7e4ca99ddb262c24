import { getAdmin1 } from '../../knowledge/admin1.js';
import { foldName } from '../../knowledge/places.js';
import { findDateline } from '../entities/dateline.js';
import { getGazetteer } from '../entities/gazetteer.js';
import { getSpeechVerbs } from '../quotes/speech-verbs.js';
import { nameFacts, type Evidence } from './evidence.js';
import {
  admin1Candidates, holdsPlaceNamed, isGenericName, outsideNamedSubdivisions, resolveToponym, subdivisionReading, toponymKey, type Container, type Resolved,
  type ToponymContext,
} from './resolve.js';

/** A toponym's span in the document text. */
export interface ToponymMention {
  text: string;
  start: number;
  end: number;
}

const LOCATIVE_BEFORE = /\b(in|at|near|from|outside|into|to)\s+(the\s+)?$/i;
/** ", Uttar Pradesh", ", Ill.", ", TX": capitalised words (with "of", "and") right after a comma. */
const CONTAINER_AFTER = /^,\s+([A-Z][\p{L}.'’-]*(?:\s+(?:[A-Z][\p{L}.'’-]*|of|and))*)/u;
const MAX_CONTAINER_WORDS = 4;
/** Words between a subject and its verb that do not change who acts ("Washington has also said"). */
const VERB_AFTER = /^\s+(?:(?:has|have|had|will|would|could|may|might|must|also|again|then|now|later|already|officially|on\s+\w+day)\s+)*([a-z]+)\b/;

/**
 * What states and governments do, besides speaking: with one of these after it a capital's name is its
 * government ("Washington imposed sanctions"). Finite forms only; speech verbs come from the quotes lexicon.
 */
const ACT_VERBS = new Set([
  'accuses', 'accused', 'agrees', 'agreed', 'approves', 'approved', 'backs', 'backed', 'blames', 'blamed', 'condemns', 'condemned',
  'decides', 'decided', 'demands', 'demanded', 'denies', 'denied', 'expels', 'expelled', 'imposes', 'imposed', 'orders', 'ordered',
  'pledges', 'pledged', 'recognises', 'recognised', 'recognizes', 'recognized', 'refuses', 'refused', 'rejects', 'rejected',
  'responds', 'responded', 'retaliates', 'retaliated', 'sanctions', 'sanctioned', 'signs', 'signed', 'threatens', 'threatened',
  'urges', 'urged', 'vows', 'vowed', 'wants', 'wanted', 'insists', 'insisted', 'hopes', 'hoped', 'believes', 'believed',
]);

/** The name is the subject of a speech or act verb: "Moscow said", "Washington has imposed". */
export function isActorSubject(textAfter: string): boolean {
  const verb = VERB_AFTER.exec(textAfter)?.[1];
  if (!verb) return false;
  if (ACT_VERBS.has(verb)) return true;
  const cue = getSpeechVerbs().cues.longestAt([verb], 0);
  return cue !== undefined && cue.kind === 'verb' && cue.words.length === 1 && !cue.participle && verb !== cue.lemma;
}

/**
 * The places the words after ", " name that hold a place called `name`: "Springfield, Ill." → Illinois,
 * "Paris, Texas" → Texas, "Lucknow, UP" → Uttar Pradesh, "Tripoli, Lebanon" → Lebanon. Tried longest
 * first; a reading counts only when the container really holds a place of that name, so a list of
 * places ("Paris, London and Rome") contains nothing.
 */
export function containersAfter(name: string, textAfter: string): { containers: Container[]; length: number; holds: boolean } | undefined {
  if (textAfter.charCodeAt(0) !== 44) return undefined;
  const match = CONTAINER_AFTER.exec(textAfter);
  if (!match) return undefined;
  const words = match[1]!.split(/\s+/).slice(0, MAX_CONTAINER_WORDS);
  const offset = match[0].length - match[1]!.length;
  for (let count = words.length; count >= 1; count -= 1) {
    const phrase = words.slice(0, count).join(' ');
    const candidates: Container[] = [];
    for (const record of admin1Candidates(phrase, { countries: new Set([...getAdmin1().byCode.get(phrase) ?? []].map((r) => r.country)) })) {
      candidates.push({ country: record.country, admin1: record.key });
    }
    for (const entry of getGazetteer().byPhrase.get(toponymKey(phrase).toLowerCase()) ?? []) {
      if (entry.type === 'COUNTRY' && entry.kb.country) candidates.push({ country: entry.kb.country });
    }
    const containers = candidates.filter((container) => holdsPlaceNamed(container, name));
    if (containers.length > 0) return { containers, length: offset + phrase.length, holds: true };
    // "Tyrone, Mo.": a town too small for the gazetteer is still in the state whose abbreviation follows it
    // (a full name after a comma may be the next of a list: "Zilina, Nitra and Trnava").
    const states = candidates.filter((container) => container.admin1 !== undefined && isAbbreviationOf(phrase, container.admin1));
    if (states.length === 1 && count === words.length) return { containers: states, length: offset + phrase.length, holds: false };
  }
  return undefined;
}

/** Whether the phrase is a written abbreviation of the subdivision ("Mo.", "N.Y."), not its name or code. */
function isAbbreviationOf(phrase: string, admin1: string): boolean {
  const folded = foldName(phrase);
  return getAdmin1().byKey.get(admin1)?.abbreviations.some((abbreviation) => foldName(abbreviation) === folded) ?? false;
}

const DIRECTION_WORDS = new Set(['north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central', 'upper', 'lower', 'greater', 'mid',
  'northeast', 'northwest', 'southeast', 'southwest', 'north-east', 'north-west', 'south-east', 'south-west', 'northeastern', 'northwestern',
  'southeastern', 'southwestern', 'north-eastern', 'north-western', 'south-eastern', 'south-western']);
const MAX_EMBEDDING_WORDS = 8;
/** Streets, squares and quarters are named after places they are not in ("French Quarter", "Washington Square"). */
const NAMED_AFTER_HEADS = new Set(['street', 'st', 'st.', 'avenue', 'ave', 'ave.', 'road', 'rd', 'rd.', 'boulevard', 'lane', 'drive', 'square', 'quarter', 'township', 'harbor', 'harbour', 'canal', 'plantation', 'parade', 'way', 'place']);

const isDemonym = (phrase: string): boolean => {
  const entries = getGazetteer().byPhrase.get(phrase.toLowerCase());
  return entries !== undefined && entries.every((entry) => entry.type === 'NATIONALITY');
};
/** A place found inside a longer name is less certain than a name that is the place. */
const EMBEDDED_CONFIDENCE = 0.6;

/**
 * The place a longer toponym is built on, when the whole does not resolve: after a direction word
 * ("Western US", "West Surrey"), after "of" ("University of California"), or its longest leading
 * words ("Harare City Council", "Walker County Sheriff's Office", "Nenagh Municipal District").
 */
export function embeddedPlace(name: string, context: ToponymContext): Resolved | undefined {
  const words = name.trim().split(/\s+/);
  if (words.length < 2 || words.length > MAX_EMBEDDING_WORDS || NAMED_AFTER_HEADS.has(words[words.length - 1]!.toLowerCase())) return undefined;
  const attempts: string[] = [];
  // "Western US" is part of the US; "Central American" is not the centre of America.
  if (DIRECTION_WORDS.has(words[0]!.toLowerCase()) && !isDemonym(words.slice(1).join(' '))) attempts.push(words.slice(1).join(' '));
  const of = words.lastIndexOf('of');
  if (of > 0 && of < words.length - 1) attempts.push(words.slice(of + 1).join(' '));
  for (let count = words.length - 1; count >= 1; count -= 1) attempts.push(words.slice(0, count).join(' '));
  // A country, region or subdivision inside the name is what it is built on; a town only when nothing larger is.
  let town: Resolved | undefined;
  for (const attempt of attempts) {
    if (!/^\p{Lu}/u.test(attempt) || isGenericName(foldName(attempt))) continue;
    const found = resolveToponym(attempt, context);
    if (!found) continue;
    const embedded = { ...found, confidence: Math.min(found.confidence, EMBEDDED_CONFIDENCE) };
    if (found.resolution !== 'city') return embedded;
    // "Memorial Hermann Hospital", "Lodi Middle School" in a story set in another state: named after the town, not in it.
    const [country, admin1] = (found.admin1 ?? '').split('.');
    if (country && admin1 && outsideNamedSubdivisions({ country, admin1 }, context)) continue;
    town ??= embedded;
  }
  return town;
}

/** A town placed only by the state written after it is placed no finer than that state. */
const STATED_STATE_CONFIDENCE = 0.6;

/** Fewest other names that must be readable in a country for it to be the document's country by their vote alone. */
const MIN_VOTES = 2;

/**
 * The country most of the document's other names can be read in, when no name places the document on
 * its own: a clear first (readable in at least two names, more votes than any other country), or none.
 */
function leadingVote(votes: ReadonlyMap<string, ReadonlyMap<string, number>>, ownKey: string): string | undefined {
  let first: string | undefined;
  let firstCount = 0;
  let secondCount = 0;
  for (const country of [...votes.keys()].sort()) {
    const byKey = votes.get(country)!;
    if (byKey.size - (byKey.has(ownKey) ? 1 : 0) < MIN_VOTES) continue;
    let count = 0;
    for (const [key, weight] of byKey) if (key !== ownKey) count += weight;
    if (count > firstCount) {
      secondCount = firstCount;
      first = country;
      firstCount = count;
    } else if (count > secondCount) secondCount = count;
  }
  return firstCount > secondCount ? first : undefined;
}

interface MentionCues {
  key: string;
  locative: boolean;
  actor: boolean;
  within?: Container[];
  /** The state the text puts the name in ("Tyrone, Mo.") when that state holds no town of the name we know. */
  statedIn?: string;
  containerSlot: boolean;
}

/**
 * Resolves every toponym of a document together. Each name's reading is chosen with the context the
 * document's other names give (the countries and subdivisions their unambiguous readings lie in,
 * never the name's own), what contains it ("Paris, Texas"), a locative cue before it, and whether it
 * is the subject of a speech or act verb. Deterministic: the result depends only on the text and spans.
 */
export function resolveMentions(text: string, mentions: readonly ToponymMention[]): Array<Resolved | undefined> {
  const cues: MentionCues[] = mentions.map((mention) => ({
    key: toponymKey(mention.text).toLowerCase(),
    locative: LOCATIVE_BEFORE.test(text.slice(Math.max(0, mention.start - 12), mention.start)),
    actor: isActorSubject(text.slice(mention.end, mention.end + 48)),
    containerSlot: false,
  }));
  const datelineAt = datelineMention(text, mentions);
  // A dateline names where the report was filed, however small the town.
  if (datelineAt >= 0) cues[datelineAt]!.locative = true;
  const support = new Map<string, Set<string>>();
  const supports = (place: string, key: string): void => {
    const keys = support.get(place);
    if (keys) keys.add(key);
    else support.set(place, new Set([key]));
  };
  const evidence = new Map<string, Evidence>();
  mentions.forEach((mention, i) => {
    const cue = cues[i]!;
    const contained = text.charCodeAt(mention.end) === 44 ? containersAfter(mention.text, text.slice(mention.end, mention.end + 64)) : undefined;
    if (contained && !contained.holds) cue.statedIn = contained.containers[0]!.admin1;
    if (contained) {
      if (contained.holds) cue.within = contained.containers;
      for (const [j, other] of mentions.entries()) {
        if (other.start >= mention.end && other.start < mention.end + contained.length) cues[j]!.containerSlot = contained.containers.some((c) => c.admin1 !== undefined);
      }
    }
    let found = evidence.get(cue.key);
    if (!found) evidence.set(cue.key, (found = nameFacts(mention.text).evidence));
    if (found.country) supports(found.country, cue.key);
    if (found.admin1) supports(found.admin1, cue.key);
  });
  // Each name votes for every country it can be read in, and twice for the one of its best reading alone.
  const votes = new Map<string, Map<string, number>>();
  const voted = new Set<string>();
  for (const [i, mention] of mentions.entries()) {
    const key = cues[i]!.key;
    if (voted.has(key)) continue;
    voted.add(key);
    const { best, countries } = nameFacts(mention.text);
    for (const country of countries) {
      let byKey = votes.get(country);
      if (!byKey) votes.set(country, (byKey = new Map()));
      byKey.set(key, country === best ? 2 : 1);
    }
  }
  // Every supported place, and the places only one name supports (left out of that name's own context).
  const shared = { countries: new Set<string>(), admin1s: new Set<string>() };
  const onlyBy = new Map<string, string[]>();
  for (const [place, keys] of support) {
    (place.includes('.') ? shared.admin1s : shared.countries).add(place);
    if (keys.size === 1) {
      const [key] = keys;
      const owned = onlyBy.get(key!);
      if (owned) owned.push(place);
      else onlyBy.set(key!, [place]);
    }
  }
  const contexts = new Map<string, { countries: Set<string>; admin1s: Set<string> }>();
  const contextFor = (key: string): { countries: Set<string>; admin1s: Set<string> } => {
    let context = contexts.get(key);
    if (context) return context;
    const owned = onlyBy.get(key);
    if (!owned && shared.countries.size > 0) return shared;
    context = { countries: new Set(shared.countries), admin1s: new Set(shared.admin1s) };
    for (const place of owned ?? []) (place.includes('.') ? context.admin1s : context.countries).delete(place);
    if (context.countries.size === 0) {
      const leaning = leadingVote(votes, key);
      if (leaning) context.countries.add(leaning);
    }
    contexts.set(key, context);
    return context;
  };
  // Set once the dateline is read: the state or country it puts the document's other names in.
  let around: DatelineContext | undefined;
  const withDateline = new Map<string, { countries: ReadonlySet<string>; admin1s: ReadonlySet<string> }>();
  const placesFor = (key: string): { countries: ReadonlySet<string>; admin1s: ReadonlySet<string> } => {
    const own = contextFor(key);
    if (!around) return own;
    let merged = withDateline.get(key);
    if (!merged) {
      merged = { countries: new Set([...own.countries, ...(around.country ? [around.country] : [])]), admin1s: new Set([...own.admin1s, ...(around.admin1 ? [around.admin1] : [])]) };
      withDateline.set(key, merged);
    }
    return merged;
  };
  const memo = new Map<string, Resolved | undefined>();
  const resolveAt = (i: number): Resolved | undefined => {
    const mention = mentions[i]!;
    const cue = cues[i]!;
    const simple = !cue.within && !cue.containerSlot && !cue.statedIn;
    const memoKey = `${cue.locative ? 1 : 0}${cue.actor ? 1 : 0}${mention.text}`;
    if (simple && memo.has(memoKey)) return memo.get(memoKey);
    const { countries, admin1s } = placesFor(cue.key);
    const context: ToponymContext = { countries, admin1s, locative: cue.locative, actor: cue.actor, containerSlot: cue.containerSlot };
    if (cue.within) context.within = cue.within;
    const resolved = resolveToponym(mention.text, context) ?? embeddedPlace(mention.text, context);
    // A town read elsewhere than the state the text puts it in is a namesake: the state is what is known of it.
    if (cue.statedIn && (!resolved || (resolved.resolution === 'city' && resolved.admin1 !== cue.statedIn))) {
      return subdivisionReading(cue.statedIn, STATED_STATE_CONFIDENCE) ?? resolved;
    }
    if (simple) memo.set(memoKey, resolved);
    return resolved;
  };
  const readings: Array<Resolved | undefined> = new Array(mentions.length);
  const done: boolean[] = new Array(mentions.length).fill(false);
  // A name the text places ("Dorchester, Mass.") is that place wherever the document repeats it alone.
  const containedReading = new Map<string, Resolved | undefined>();
  cues.forEach((cue, i) => {
    if (!cue.within && !cue.statedIn) return;
    readings[i] = resolveAt(i);
    done[i] = true;
    if (!containedReading.has(cue.key)) containedReading.set(cue.key, readings[i]);
  });
  if (datelineAt >= 0) {
    const key = cues[datelineAt]!.key;
    if (!done[datelineAt]) {
      readings[datelineAt] = containedReading.get(key) ?? resolveAt(datelineAt);
      done[datelineAt] = true;
    }
    around = datelineContext(readings[datelineAt], cues[datelineAt]!, contextFor(key).countries);
    // Readings remembered before the dateline's context was known would ignore it.
    memo.clear();
  }
  return mentions.map((_, i) => {
    if (done[i]) return readings[i];
    const cue = cues[i]!;
    const simple = !cue.within && !cue.containerSlot && !cue.statedIn;
    if (simple && containedReading.has(cue.key)) return containedReading.get(cue.key);
    return resolveAt(i);
  });
}

/** The country and state a document's dateline puts its other places in. */
interface DatelineContext {
  country?: string;
  admin1?: string;
}

/** The index of the mention that is the document's dateline place, or -1. */
function datelineMention(text: string, mentions: readonly ToponymMention[]): number {
  const dateline = findDateline(text, () => true);
  if (!dateline) return -1;
  return mentions.findIndex((mention) => mention.start === dateline.start);
}

/**
 * Where the dateline puts the rest of the document: the country and state of its reading, when that reading
 * is sure — placed by a container ("DORCHESTER, Mass."), a country or state itself, or a town read in a country
 * the document's other names already name. A lone town read by its size alone ("BRISTOL —" as Bristol, England,
 * in an American story) would carry its guess over to every other name.
 */
function datelineContext(reading: Resolved | undefined, cue: MentionCues, countries: ReadonlySet<string>): DatelineContext | undefined {
  if (!reading?.country || reading.government) return undefined;
  const sure = cue.within !== undefined || cue.statedIn !== undefined || reading.resolution !== 'city' || countries.has(reading.country);
  if (!sure) return undefined;
  return { country: reading.country, ...(reading.admin1 ? { admin1: reading.admin1 } : {}) };
}
