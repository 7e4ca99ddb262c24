/**
 * What the event classifier sees of a candidate event: the pattern that found it (if any), its trigger
 * word (lemma, part of speech, word cluster), the trigger's place in the dependency parse (its relation,
 * its head, its complements and their prepositions, negation and modals), the words around it and the
 * other pattern hits of the sentence. The same function serves the trainer (train/event-type) and the
 * events stage, so both see one definition.
 */
import type { DependencyLayer, Sentence, Token } from '../../doc/types.js';
import { clusterAt } from '../ner/clusters.js';

export interface CandidateView {
  tokens: readonly Token[];
  /** The parse (null for unparsed tokens), when the pipeline has one. */
  dependencies: DependencyLayer | undefined;
  sentence: Sentence;
  /** Token index of the trigger's first word. */
  trigger: number;
  /** The pattern that found the candidate; none for a learned trigger the patterns do not list. */
  pattern?: { id: string; plover: string; cameo: string };
  /** PLOVER types of the other pattern hits in the sentence. */
  otherTypes: readonly string[];
}

/** Word → leaf cluster (the NER's clusters); a word outside the table has none. */
export type ClusterOf = (word: string) => number | undefined;

/** Complements whose words say what kind of act a verb names ("agreed to *cooperate*", "called *for* talks"). */
const TELLING_RELATIONS = new Set(['obj', 'xcomp', 'ccomp', 'obl', 'nsubj:pass', 'nmod', 'compound', 'advcl', 'iobj']);
const CONTENT_POS = new Set(['VERB', 'NOUN', 'ADJ', 'PROPN']);
/** How many heads up from the trigger count as the verbs framing it. */
const ANCESTOR_REACH = 3;
/** How many tokens on each side of the trigger count as its context words. */
export const CONTEXT_REACH = 8;

function wordOf(token: Token): string {
  return token.pos === 'PROPN' ? '<name>' : token.lemma;
}

function clusterFeatures(out: string[], prefix: string, word: string, clusterOf: ClusterOf): void {
  const leaf = clusterOf(word);
  if (leaf === undefined || leaf < 0) return;
  out.push(`${prefix}k0=${clusterAt(leaf, 0)}`, `${prefix}k1=${clusterAt(leaf, 1)}`);
}

function syntaxFeatures(out: string[], view: CandidateView): void {
  const { tokens, dependencies, sentence, trigger } = view;
  const own = dependencies?.[trigger];
  if (!dependencies || !own) {
    out.push('unparsed');
    return;
  }
  out.push(`rel=${own.deprel}`);
  if (own.head < 0) out.push('root');
  else {
    const head = tokens[own.head]!;
    out.push(`head=${wordOf(head)}`, `rel+head=${own.deprel}|${wordOf(head)}`);
    const grand = dependencies[own.head];
    if (grand) out.push(`headrel=${grand.deprel}`);
    // The verbs the trigger's clause hangs from ("said" → "denied" → the trigger): what frames it.
    for (let at = own.head, steps = 0; at >= 0 && steps < ANCESTOR_REACH; steps += 1) {
      const token = tokens[at]!;
      if (token.pos === 'VERB') out.push(`ancestor=${token.lemma}`);
      at = dependencies[at]?.head ?? -1;
    }
  }
  for (let i = sentence.tokenStart; i < sentence.tokenEnd; i += 1) {
    const dependency = dependencies[i];
    if (!dependency || dependency.head !== trigger) continue;
    const child = tokens[i]!;
    const relation = dependency.deprel;
    if (relation === 'advmod' && (child.normal === 'not' || child.normal === "n't" || child.normal === 'never')) out.push('negated');
    else if (relation === 'aux' || relation === 'aux:pass') out.push(`aux=${child.lemma}`);
    if (relation === 'nsubj' || relation === 'nsubj:pass') out.push(`subject=${relation}|${wordOf(child)}`);
    if (!TELLING_RELATIONS.has(relation)) continue;
    out.push(`child=${relation}`, `child=${relation}|${wordOf(child)}`);
    for (let j = sentence.tokenStart; j < sentence.tokenEnd; j += 1) {
      const marker = dependencies[j];
      if (marker && marker.head === i && (marker.deprel === 'case' || marker.deprel === 'mark')) out.push(`prep=${relation}|${tokens[j]!.normal}`);
    }
  }
}

/** The classifier's features of one candidate, as strings (hashed by the model). */
export function candidateFeatures(view: CandidateView, clusterOf: ClusterOf): string[] {
  const { tokens, sentence, trigger, pattern } = view;
  const word = tokens[trigger]!;
  const out: string[] = ['bias'];
  if (pattern) out.push(`pattern=${pattern.plover}`, `pattern-cameo=${pattern.cameo.slice(0, 2)}`, `pattern-id=${pattern.id}`);
  else out.push('pattern=none');
  out.push(`lemma=${word.lemma}`, `pos=${word.pos}`, `lemma+pos=${word.lemma}|${word.pos}`);
  clusterFeatures(out, 'trigger-', word.normal, clusterOf);
  const next = tokens[trigger + 1];
  if (next && trigger + 1 < sentence.tokenEnd) out.push(`lemma+next=${word.lemma}|${wordOf(next)}`);
  const previous = tokens[trigger - 1];
  if (previous && trigger - 1 >= sentence.tokenStart) out.push(`previous=${wordOf(previous)}`);
  syntaxFeatures(out, view);
  const from = Math.max(sentence.tokenStart, trigger - CONTEXT_REACH);
  const to = Math.min(sentence.tokenEnd, trigger + CONTEXT_REACH + 1);
  for (let i = from; i < to; i += 1) {
    const token = tokens[i]!;
    if (i === trigger || !CONTENT_POS.has(token.pos)) continue;
    out.push(`${i < trigger ? 'before' : 'after'}=${wordOf(token)}`);
    if (token.pos !== 'PROPN') clusterFeatures(out, 'context-', token.normal, clusterOf);
  }
  for (const type of new Set(view.otherTypes)) out.push(`other=${type}`);
  return out;
}
