/**
 * Corrections as candidate knowledge, for a person to review before anything enters knowledge/: what the
 * analysts' verdicts suggest the coder should learn. Nothing here writes a knowledge file.
 * - alias: the analyst named an actor with a code where the coder read the mention otherwise
 *   ("the regional forces" → NLDMIL);
 * - actor: an actor the analyst coded that the coder did not know (no code from the coder at that mention);
 * - pattern: a trigger word the analyst re-typed (the coder's type → the analyst's), or rejected outright.
 * Candidates that many verdicts share come first: `support` counts them.
 */
import type { EventParticipant } from '../doc/types.js';
import type { EventOverride } from './overrides.js';

export type KnowledgeCandidate =
  | { kind: 'alias'; alias: string; name: string; code?: string; country?: string; support: number; examples: string[] }
  | { kind: 'actor'; name: string; code?: string; country?: string; kbId?: string; support: number; examples: string[] }
  | { kind: 'pattern'; trigger: string; from: string; to: string | 'none'; cameo?: string; support: number; examples: string[] };

const MAX_EXAMPLES = 5;

export function candidateKnowledge(overrides: readonly EventOverride[]): KnowledgeCandidate[] {
  const found = new Map<string, KnowledgeCandidate>();
  const add = (key: string, candidate: KnowledgeCandidate, example: string) => {
    const held = found.get(key) ?? candidate;
    if (held !== candidate) held.support += 1;
    if (held.examples.length < MAX_EXAMPLES && !held.examples.includes(example)) held.examples.push(example);
    found.set(key, held);
  };
  for (const override of overrides) {
    const machine = override.machine;
    if (!machine) continue;
    const example = override.eventId ?? `${override.docId}@${override.anchor.start}-${override.anchor.end}`;
    const trigger = machine.trigger.text.toLowerCase();
    if (override.verdict === 'reject') {
      add(`pattern|${trigger}|${machine.plover}|none`, { kind: 'pattern', trigger, from: machine.plover, to: 'none', support: 1, examples: [] }, example);
      continue;
    }
    const correction = override.verdict === 'correct' ? override.correction : undefined;
    if (!correction) continue;
    const type = correction.plover ?? correction.cameo;
    if (type && (correction.plover ?? machine.plover) !== machine.plover || (correction.cameo && correction.cameo !== machine.cameo)) {
      const to = correction.plover ?? machine.plover;
      const candidate: KnowledgeCandidate = { kind: 'pattern', trigger, from: machine.plover, to, support: 1, examples: [] };
      if (correction.cameo) candidate.cameo = correction.cameo;
      add(`pattern|${trigger}|${machine.plover}|${to}|${correction.cameo ?? ''}`, candidate, example);
    }
    for (const [given, coded] of [[correction.actor, machine.actors[0]], [correction.recipient, machine.recipients[0]]] as const) {
      if (!given) continue;
      participantCandidates(given, coded, example, add);
    }
  }
  return [...found.values()].sort((a, b) => b.support - a.support || a.kind.localeCompare(b.kind) || JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

function participantCandidates(
  given: { text: string; code?: string | undefined; country?: string | undefined; kbId?: string | undefined },
  coded: EventParticipant | undefined,
  example: string,
  add: (key: string, candidate: KnowledgeCandidate, example: string) => void,
): void {
  const code = given.code ?? given.country;
  if (coded && code && coded.text.toLowerCase() !== given.text.toLowerCase() && (coded.code ?? coded.country) !== code) {
    const alias: KnowledgeCandidate = { kind: 'alias', alias: coded.text, name: given.text, support: 1, examples: [] };
    if (given.code) alias.code = given.code;
    if (given.country) alias.country = given.country;
    add(`alias|${coded.text.toLowerCase()}|${code}`, alias, example);
  }
  if (code && !(coded?.code ?? coded?.kbId)) {
    const actor: KnowledgeCandidate = { kind: 'actor', name: given.text, support: 1, examples: [] };
    if (given.code) actor.code = given.code;
    if (given.country) actor.country = given.country;
    if (given.kbId) actor.kbId = given.kbId;
    add(`actor|${given.text.toLowerCase()}|${code}`, actor, example);
  }
}
