import { z } from 'zod';
import { defineKnowledge, knowledgePath, readJsonl, type KnowledgeIssue } from '../../knowledge/files.js';
import { PhraseIndex } from '../../knowledge/phrase-index.js';

const speechVerbSchema = z.object({
  lemma: z.string().min(1),
  kind: z.enum(['verb', 'phrase']),
  forms: z.array(z.string().regex(/^[a-z]+( [a-z]+)*$/, 'lower-case words')).min(1),
  object: z.boolean().optional(),
  thinking: z.boolean().optional(),
});

export interface SpeechCue {
  lemma: string;
  kind: 'verb' | 'phrase';
  /** The verb usually names a hearer before the content ("told reporters …"). */
  object: boolean;
  /** A verb of thinking ("believe"), reported speech only when someone other than the writer or reader thinks. */
  thinking: boolean;
  /** The words of the form ("according", "to"). */
  words: string[];
  /** A present participle ("saying"), whose speaker is the subject of the main clause. */
  participle: boolean;
}

export interface SpeechVerbs {
  /** Every form of every speech verb and phrase. */
  cues: PhraseIndex<SpeechCue>;
}

const FILE = 'lexicon/speech-verbs.jsonl';

function load(issues: KnowledgeIssue[]): SpeechVerbs {
  const cues = new PhraseIndex<SpeechCue>();
  const seen = new Set<string>();
  for (const record of readJsonl(knowledgePath(FILE), speechVerbSchema, issues)) {
    for (const form of record.forms) {
      if (seen.has(form)) {
        issues.push({ file: FILE, line: 0, message: `form "${form}" is listed twice` });
        continue;
      }
      seen.add(form);
      const words = form.split(' ');
      const cue: SpeechCue = { lemma: record.lemma, kind: record.kind, object: record.object ?? false, thinking: record.thinking ?? false, words, participle: record.kind === 'verb' && form.endsWith('ing') };
      cues.add(cue);
    }
  }
  return { cues };
}

const speechVerbs = defineKnowledge(load);

/** Validates knowledge/lexicon/speech-verbs.jsonl and returns every problem. */
export const checkSpeechVerbs = speechVerbs.check;

/** The speech-cue lexicon, loaded once per process; throws KnowledgeError when the file is broken. */
export const getSpeechVerbs = speechVerbs.get;

/** The cue whose words start at `words[at]`, if any. */
export function cueAt(verbs: SpeechVerbs, words: readonly string[], at: number): SpeechCue | undefined {
  return verbs.cues.longestAt(words, at);
}
