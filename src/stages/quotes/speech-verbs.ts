import { z } from 'zod';
import { assertNoIssues, knowledgePath, readJsonl, type KnowledgeIssue } from '../../knowledge/files.js';

const speechVerbSchema = z.object({
  lemma: z.string().min(1),
  kind: z.enum(['verb', 'phrase']),
  forms: z.array(z.string().regex(/^[a-z]+( [a-z]+)*$/, 'lower-case words')).min(1),
  object: z.boolean().optional(),
});

export interface SpeechCue {
  lemma: string;
  kind: 'verb' | 'phrase';
  /** The verb usually names a hearer before the content ("told reporters …"). */
  object: boolean;
  /** The words of the form ("according", "to"). */
  words: string[];
  /** A present participle ("saying"), whose speaker is the subject of the main clause. */
  participle: boolean;
}

export interface SpeechVerbs {
  /** First word of a form → cues starting with it, longest first. */
  byFirstWord: Map<string, SpeechCue[]>;
}

const FILE = 'lexicon/speech-verbs.jsonl';

function load(issues: KnowledgeIssue[]): SpeechVerbs {
  const byFirstWord = new Map<string, SpeechCue[]>();
  const seen = new Set<string>();
  for (const record of readJsonl(knowledgePath(FILE), speechVerbSchema, issues)) {
    for (const form of record.forms) {
      if (seen.has(form)) {
        issues.push({ file: FILE, line: 0, message: `form "${form}" is listed twice` });
        continue;
      }
      seen.add(form);
      const words = form.split(' ');
      const cue: SpeechCue = { lemma: record.lemma, kind: record.kind, object: record.object ?? false, words, participle: record.kind === 'verb' && form.endsWith('ing') };
      const list = byFirstWord.get(words[0]!) ?? [];
      list.push(cue);
      list.sort((a, b) => b.words.length - a.words.length);
      byFirstWord.set(words[0]!, list);
    }
  }
  return { byFirstWord };
}

/** Validates knowledge/lexicon/speech-verbs.jsonl and returns every problem. */
export function checkSpeechVerbs(): KnowledgeIssue[] {
  const issues: KnowledgeIssue[] = [];
  load(issues);
  return issues;
}

let cached: SpeechVerbs | undefined;

/** The speech-cue lexicon, loaded once per process; throws KnowledgeError when the file is broken. */
export function getSpeechVerbs(): SpeechVerbs {
  if (cached) return cached;
  const issues: KnowledgeIssue[] = [];
  const verbs = load(issues);
  assertNoIssues(issues);
  return (cached = verbs);
}

/** The cue whose words start at `words[at]`, if any. */
export function cueAt(verbs: SpeechVerbs, words: readonly string[], at: number): SpeechCue | undefined {
  const candidates = verbs.byFirstWord.get(words[at]!);
  if (!candidates) return undefined;
  for (const cue of candidates) {
    let same = at + cue.words.length <= words.length;
    for (let i = 1; i < cue.words.length && same; i += 1) same = words[at + i] === cue.words[i];
    if (same) return cue;
  }
  return undefined;
}
