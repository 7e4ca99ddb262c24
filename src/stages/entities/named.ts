/**
 * Mentions of one sentence from the NER model's spans and the gazetteer's names. The model decides
 * where names are and their coarse type (PER, ORG, LOC, MISC); the gazetteer, which lists countries,
 * demonyms, IGOs, regions and people by their names, links them and gives the fine type:
 * - a gazetteer name equal to or covering a model span is the mention (its extent, type and id);
 * - a model span that covers a name of the same coarse type keeps its extent and takes the name's type
 *   and id ("Republic of Armenia"); one that covers a name of another type keeps its own type without an
 *   id ("Armenian Defence Ministry" is an organisation, not Armenia);
 * - a name crossing a model span's edge gives way to the span; a name the model left out is kept, so
 *   what the knowledge base knows is found in any sentence.
 * A model PER span that is a known person's name (or a known surname) links to that person; LOC spans
 * are linked to GeoNames places once the whole document's countries are known (see entities.ts). Spans
 * of words the knowledge lists as never names (months, weekdays, "COVID") are left out.
 */
import type { EntityType } from '../../doc/types.js';
import type { NerSpan } from '../../models/ner/tagger.js';
import type { GazetteerName } from '../../models/ner/lexicon.js';
import { getGazetteer } from './gazetteer.js';
import { surnameIndex, type Mention, type Scan } from './typing.js';


const COARSE: Record<EntityType, NerSpan['type']> = {
  PERSON: 'PER', ORG: 'ORG', IGO: 'ORG', COUNTRY: 'LOC', PLACE: 'LOC', REGION: 'LOC', NATIONALITY: 'MISC', OTHER: 'MISC',
};

const MODEL_TYPE: Record<NerSpan['type'], EntityType> = { PER: 'PERSON', ORG: 'ORG', LOC: 'PLACE', MISC: 'OTHER' };

export function gazetteerMention(name: GazetteerName): Mention {
  const { entry } = name;
  return { first: name.first, last: name.last, type: entry.type, kb: entry.kb, source: 'gazetteer', confidence: entry.caseSensitive ? 0.8 : 0.95 };
}

function modelMention(scan: Scan, span: NerSpan): Mention {
  const mention: Mention = { first: span.first, last: span.last, type: MODEL_TYPE[span.type], source: 'model', confidence: span.confidence };
  if (span.type === 'PER') {
    const { text, lower, tokens } = scan;
    const start = tokens[span.first]!.start;
    const end = tokens[span.last]!.end;
    const phrase = lower ? lower.slice(start, end) : text.slice(start, end).toLowerCase();
    mention.kb = getGazetteer().personByPhrase.get(phrase)?.kb ?? (span.first === span.last ? surnameIndex().get(phrase) : undefined);
  }
  return mention;
}

/** A span of words the knowledge says are never names ("Monday", "COVID"). */
function isNotName(scan: Scan, span: NerSpan): boolean {
  for (let j = span.first; j <= span.last; j += 1) {
    const normal = scan.tokens[j]!.normal;
    if (!scan.cues.notNames.has(normal) && !scan.cues.notNames.has(normal.split('-')[0]!)) return false;
  }
  return true;
}

/**
 * Spans the model split at a lower-case name particle ("Osama" · bin · "Laden", "Ludwig" · van · "Beethoven")
 * are one name, typed as the part after the particle (the family name): a particle between two names
 * joins them, as in the rules of typing.ts.
 */
export function joinAtParticles(scan: Scan, spans: readonly NerSpan[]): NerSpan[] {
  const joined: NerSpan[] = [];
  for (const span of spans) {
    const previous = joined[joined.length - 1];
    const between = previous ? scan.tokens[previous.last + 1] : undefined;
    if (previous && between && span.first === previous.last + 2 && span.type === 'PER' && scan.cues.particles.has(between.normal)
      && scan.text.charCodeAt(between.start) >= 97 && scan.text.charCodeAt(between.start) <= 122) {
      joined[joined.length - 1] = { first: previous.first, last: span.last, type: 'PER', confidence: Math.min(previous.confidence, span.confidence) };
      continue;
    }
    joined.push(span);
  }
  return joined;
}

/** The mentions of one sentence, in text order; `spans` and `names` are each in text order and do not overlap among themselves. */
export function mergeNames(scan: Scan, given: readonly NerSpan[], names: readonly GazetteerName[]): Mention[] {
  const spans = joinAtParticles(scan, given);
  const mentions: Mention[] = [];
  let g = 0;
  let reached = -1;
  // An acronym in an all-caps headline ("US" or "us") is a name only where the model finds one.
  const orphan = (name: GazetteerName) => {
    if (name.first > reached && !(scan.shouting && name.entry.caseSensitive)) mentions.push(gazetteerMention(name));
  };
  for (const span of spans) {
    while (g < names.length && names[g]!.last < span.first) {
      orphan(names[g]!);
      g += 1;
    }
    if (span.first <= reached || isNotName(scan, span)) continue;
    let mention: Mention | undefined;
    while (g < names.length && names[g]!.first <= span.last) {
      const name = names[g]!;
      if (name.first <= span.first && name.last >= span.last) mention = gazetteerMention(name);
      else if (!mention && name.first >= span.first && name.last <= span.last && COARSE[name.entry.type] === span.type) {
        mention = { first: span.first, last: span.last, type: name.entry.type, kb: name.entry.kb, source: 'model', confidence: span.confidence };
      }
      if (name.last > span.last) break;
      g += 1;
    }
    mention ??= modelMention(scan, span);
    mentions.push(mention);
    reached = mention.last;
    if (g < names.length && names[g]!.first <= reached) g += 1;
  }
  for (; g < names.length; g += 1) orphan(names[g]!);
  return mentions;
}
