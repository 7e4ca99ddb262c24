/**
 * Which clause of a sentence a trigger belongs to, read off the dependency parse: a verb in an
 * adverbial, relative or reported clause ("after rebels attacked a checkpoint, the army said it would
 * retaliate") is its own predicate with its own modality, and a trigger inside what a speech act says
 * ("denied that troops had attacked the village", "accused X of shelling Y") is that act's content,
 * not an event of its own.
 */
import type { DependencyLayer, Sentence, Token } from '../../doc/types.js';

/**
 * Relations that open a clause of its own: its modality is its own, not its head's. Not parataxis,
 * which the parser also gives a verb after an apposition ("Russia, the main mediator, criticised …").
 */
const OWN_CLAUSE = new Set(['advcl', 'ccomp', 'acl', 'acl:relcl']);
/** Relations across which a clause is not the content of the predicate above it. */
const INDEPENDENT = new Set(['advcl', 'acl:relcl', 'parataxis']);
const SUBJECTS = new Set(['nsubj', 'nsubj:pass']);

function hasSubject(dependencies: DependencyLayer, sentence: Sentence, predicate: number): boolean {
  for (let i = sentence.tokenStart; i < sentence.tokenEnd; i += 1) {
    const dependency = dependencies[i];
    if (dependency && dependency.head === predicate && SUBJECTS.has(dependency.deprel)) return true;
  }
  return false;
}

/** A subject that is no pronoun: "it" in "X said it had expelled …" is X again, found before the clause. */
function namesSubject(tokens: readonly Token[], dependencies: DependencyLayer, sentence: Sentence, predicate: number): boolean {
  for (let i = sentence.tokenStart; i < sentence.tokenEnd; i += 1) {
    const dependency = dependencies[i];
    if (dependency && dependency.head === predicate && SUBJECTS.has(dependency.deprel) && tokens[i]!.pos !== 'PRON') return true;
  }
  return false;
}

/** A conjunct with its own subject ("… and the rebels ambushed a convoy") is a clause of its own too. */
function opensClause(dependencies: DependencyLayer, sentence: Sentence, token: number): boolean {
  const deprel = dependencies[token]?.deprel;
  return deprel !== undefined && (OWN_CLAUSE.has(deprel) || (deprel === 'conj' && hasSubject(dependencies, sentence, token)));
}

/**
 * The first token of the clause the trigger heads when it heads a subordinate, reported or coordinated
 * clause of its own (its leftmost descendant), and whether the clause has a subject of its own; else
 * undefined. The words before it belong to another predicate ("said it would retaliate after rebels
 * attacked": "would" is not the attack's).
 */
export function ownClauseStart(
  tokens: readonly Token[], dependencies: DependencyLayer, sentence: Sentence, trigger: number,
): { start: number; hasSubject: boolean } | undefined {
  if (!dependencies[trigger] || !opensClause(dependencies, sentence, trigger)) return undefined;
  let first = trigger;
  for (let i = sentence.tokenStart; i < trigger; i += 1) {
    for (let at = i, steps = 0; at >= 0 && steps <= sentence.tokenEnd - sentence.tokenStart; steps += 1) {
      if (at === trigger) {
        first = Math.min(first, i);
        break;
      }
      const dependency = dependencies[at];
      if (!dependency) break;
      at = dependency.head;
    }
    if (first < trigger) break;
  }
  return { start: first, hasSubject: namesSubject(tokens, dependencies, sentence, trigger) };
}

/**
 * Whether the token is inside the content of one of `speechActs` (trigger tokens): one of them is
 * reached going up from it without leaving through an adverbial, relative or paratactic clause, or a
 * conjunct with a subject of its own. "denied that troops had attacked": content; "said it would
 * retaliate after rebels attacked": not.
 */
export function isContentOf(dependencies: DependencyLayer, sentence: Sentence, token: number, speechActs: ReadonlySet<number>): boolean {
  if (speechActs.size === 0 || !dependencies[token]) return false;
  for (let at = token, steps = 0; steps <= sentence.tokenEnd - sentence.tokenStart; steps += 1) {
    const dependency = dependencies[at];
    if (!dependency || dependency.head < 0) return false;
    if (INDEPENDENT.has(dependency.deprel) || (dependency.deprel === 'conj' && hasSubject(dependencies, sentence, at))) return false;
    at = dependency.head;
    if (speechActs.has(at)) return true;
  }
  return false;
}
