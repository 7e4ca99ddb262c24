/**
 * An article's killed and injured figures from the quantities of all its sentences. Each category takes
 * its largest figure: a later total ("two people were killed") is at least as large as the parts told
 * victim by victim ("a man died … his friend was killed"), and repeating a figure does not add to it. A
 * vague or hedged figure counts by its lower bound ("nearly", "up to", "as many as": the figure said).
 *
 * A figure in a sentence that tallies several incidents ("six were killed in shootings across the
 * city", "two men were killed in separate shootings"), or of another time ("another shooting last
 * month left two dead", "45 people were killed in July"), is not this article's incident when another
 * figure is there: such tallies are left out unless they are all there is.
 *
 * People shot (category 'other', "five were shot") are the killed and the injured together, so when
 * no injured figure is as large, the injured are the people hit less the killed: "five were shot, one
 * fatally" is 1 killed, 4 injured; "a man was shot … he died" is 1 killed, 0 injured; "a woman was killed,
 * four others were shot" is 1 killed, 4 injured.
 */
import type { DateMention, Quantity, Span } from '../../doc/types.js';
import { REFLEXIVE } from './persons.js';

/** Words of a sentence that counts over several incidents, or tells of an earlier one. */
const TALLY = /\b(?:shootings|incidents|separate|across the city|citywide|so far this year|this year|another shooting)\b/i;

/** Words after a figure of people hit that put them beside the killed ("four others were shot"). */
const OTHERS_AFTER = /^\s+(?:others|other people|more)\b/i;

export interface DocumentFigures { killed?: number; injured?: number }

/** "nearly 200", "up to 30", "as many as 98": the figure said, not a lower bound of 0 or a tenth less. */
const bound = (q: Quantity) => (q.qualifier === 'at most' || q.qualifier === 'up to' ? q.max ?? q.min : q.min);

function largest(quantities: readonly Quantity[], category: Quantity['category']): number | undefined {
  const values = quantities.filter((q) => q.category === category).map(bound);
  return values.length === 0 ? undefined : Math.max(...values);
}

/** A killer who took their own life ("then shot himself", "turned the gun on herself"): a victim apart from those counted. */
const isSelf = (q: Quantity) => q.self === true || REFLEXIVE.test(q.text);

/**
 * The killed of one sentence: its largest figure, plus a shooter who killed himself, who is never one
 * of the others ("killed his two sons before shooting himself" is 3).
 */
function killedInSentence(quantities: readonly Quantity[]): number | undefined {
  const killed = quantities.filter((q) => q.category === 'killed');
  if (killed.length === 0) return undefined;
  const others = killed.filter((q) => !isSelf(q)).map(bound);
  const selves = killed.length - others.length;
  return others.length === 0 ? 1 : Math.max(...others) + Math.min(selves, 1);
}

function largestPerSentence(quantities: readonly Quantity[], sentences: readonly Span[]): number | undefined {
  let best: number | undefined;
  for (const sentence of sentences) {
    const inside = quantities.filter((q) => sentence.start <= q.start && q.end <= sentence.end);
    const killed = killedInSentence(inside);
    if (killed !== undefined && (best === undefined || killed > best)) best = killed;
  }
  return best;
}

/** An incident noun right after a date: the date is the incident's own ("a July 2014 shooting", "the fatal June shooting"). */
const INCIDENT_AFTER = /^\s+(?:[a-z-]+\s+)?(?:shooting|attack|killing|murder|homicide|stabbing|slaying|massacre|incident)\b/i;

/**
 * A month, quarter or year that is another time than the article's: one the publication date is not in
 * ("45 people were killed in July" in an August article, "an airliner crash in 1982, killing 78", "last
 * year's massacre that killed 49"), unless it dates an incident noun after it ("charged in a July 2014
 * shooting that left a boy dead"), which is the article's incident told later.
 */
function isOtherPeriod(date: DateMention, text: string, published: string | undefined): boolean {
  if (date.granularity !== 'year' && date.granularity !== 'quarter' && date.granularity !== 'month') return false;
  if (INCIDENT_AFTER.test(text.slice(date.end, date.end + 30))) return false;
  if (published === undefined || date.value === undefined) return true;
  return !published.startsWith(date.granularity === 'year' ? date.value.slice(0, 4) : date.value.slice(0, 7));
}

/**
 * `text` and `sentences` (of the document the quantities come from) let tallies over several incidents
 * and the victims of one sentence be told apart; without them every figure counts on its own. `when` (the
 * document's dates layer and publication date) tells a sentence about another month or year apart too.
 */
export function documentFigures(all: readonly Quantity[], text = '', sentences: readonly Span[] = [],
  when: { dates?: readonly DateMention[]; published?: string } = {}): DocumentFigures {
  const dates = when.dates ?? [];
  const isTally = (q: Quantity) => {
    const sentence = sentences.find((s) => s.start <= q.start && q.end <= s.end);
    return sentence !== undefined && (TALLY.test(text.slice(sentence.start, sentence.end))
      || dates.some((d) => sentence.start <= d.start && d.end <= sentence.end && isOtherPeriod(d, text, when.published)));
  };
  const own = all.filter((q) => !isTally(q));
  const quantities = own.some((q) => q.category === 'killed' || q.category === 'injured' || q.category === 'other') ? own : all;
  const killed = sentences.length === 0 ? largest(quantities, 'killed') : largestPerSentence(quantities, sentences);
  const injured = largest(quantities, 'injured');
  const hit = largest(quantities, 'other');
  // "one killed, four others shot": people hit besides the dead are all injured.
  const besides = quantities.some((q) => q.category === 'other' && bound(q) === hit && OTHERS_AFTER.test(text.slice(q.end, q.end + 12)));
  const hitNotKilled = hit === undefined ? undefined : besides ? hit : hit - (killed ?? 0);
  const figures: DocumentFigures = {};
  if (killed !== undefined) figures.killed = killed;
  if (injured !== undefined || (hitNotKilled !== undefined && hitNotKilled > 0)) figures.injured = Math.max(injured ?? 0, hitNotKilled ?? 0);
  return figures;
}
