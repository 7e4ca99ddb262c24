import type { Actor, Sentence } from '../../doc/types.js';
import type { ResolveContext } from './context.js';

const SINGULAR = new Set(['he', 'she', 'him', 'his', 'her', 'himself', 'herself']);
const PLURAL = new Set(['they', 'them', 'their', 'themselves']);
const COLLECTIVE: ReadonlySet<Actor['type']> = new Set(['GROUP', 'PEOPLE', 'GOVERNMENT', 'ARMED_GROUP']);
const QUOTE_MARK = /["“”]|''/;
/** How many sentences back a pronoun may reach. */
const REACH = 3;

/**
 * he/she → the latest person earlier in the same sentence (unless a quotation closes in between),
 * else the first person of the previous sentence (its likely subject), else the latest within reach.
 * they → the one collective actor of this or the previous sentence; left alone when there are several.
 */
export function resolvePronouns(context: ResolveContext, sentence: Sentence): void {
  for (let i = sentence.tokenStart; i < sentence.tokenEnd; i += 1) {
    const token = context.tokens[i]!;
    if (token.pos !== 'PRON' && token.pos !== 'DET') continue;
    let actor: Actor | undefined;
    if (SINGULAR.has(token.normal)) actor = singular(context, sentence, token.start);
    else if (PLURAL.has(token.normal)) actor = plural(context, sentence, token.start);
    if (!actor) continue;
    context.book.mention(actor, { start: token.start, end: token.end, text: context.text.slice(token.start, token.end), via: 'pronoun' });
    context.mentionSentence.set(token.start, sentence.index);
  }
}

function candidates(context: ResolveContext, sentence: Sentence, before: number, accept: (actor: Actor) => boolean, reach: number) {
  const found: Array<{ actor: Actor; start: number; end: number; sentence: number }> = [];
  const mentions = context.book.mentions;
  for (let m = mentions.length - 1; m >= 0; m -= 1) {
    const { mention, actor } = mentions[m]!;
    if (mention.start >= before) continue;
    const at = context.mentionSentence.get(mention.start) ?? sentence.index;
    if (at < sentence.index - reach) break;
    if (accept(actor)) found.push({ actor, start: mention.start, end: mention.end, sentence: at });
  }
  return found;
}

function singular(context: ResolveContext, sentence: Sentence, at: number): Actor | undefined {
  const found = candidates(context, sentence, at, (actor) => actor.type === 'PERSON', REACH);
  const same = found.find((c) => c.sentence === sentence.index);
  if (same && !QUOTE_MARK.test(context.text.slice(same.end, at))) return same.actor;
  for (let back = 1; back <= REACH; back += 1) {
    const inSentence = found.filter((c) => c.sentence === sentence.index - back);
    if (inSentence.length === 0) continue;
    return back === 1 ? inSentence[inSentence.length - 1]!.actor : inSentence[0]!.actor;
  }
  return undefined;
}

function plural(context: ResolveContext, sentence: Sentence, at: number): Actor | undefined {
  const found = candidates(context, sentence, at, (actor) => COLLECTIVE.has(actor.type), 1);
  const distinct = new Set(found.map((c) => c.actor));
  if (distinct.size === 1) return found[0]!.actor;
  return distinct.size === 0 ? countryPair(context, sentence, at) : undefined;
}

/** "Chad and Niger … their border": with no collective in reach, exactly two countries named in reach are "they". */
function countryPair(context: ResolveContext, sentence: Sentence, at: number): Actor | undefined {
  const countries = candidates(context, sentence, at, (actor) => actor.type === 'COUNTRY', 1);
  const distinct = [...new Set(countries.map((c) => c.actor))].reverse();
  if (distinct.length !== 2) return undefined;
  const codes = distinct.map((actor) => actor.country ?? actor.id);
  const key = `group:pair:${[...codes].sort().join('+')}`;
  return context.book.get(key) ?? context.book.create({
    name: distinct.map((actor) => actor.name).join(' and '), type: 'GROUP', members: distinct.map((actor) => actor.id),
  }, [key]);
}
