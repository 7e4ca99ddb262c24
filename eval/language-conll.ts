// Language identification on English newswire (CoNLL-2003 testa, every sentence its own document):
// how many English sentences ingest would skip as another language. Run: node --import tsx eval/language-conll.ts
import { existsSync, readFileSync } from 'node:fs';
import { ingest } from '../src/ingest/ingest.js';
import { goldPath } from './gold.js';

const file = goldPath('ner', 'conll2003_testa.conll');
if (!existsSync(file)) {
  console.log(`skipped: ${file} not found`);
  process.exit(0);
}

const sentences: string[] = [];
let words: string[] = [];
for (const line of readFileSync(file, 'utf8').split('\n')) {
  const word = line.split(/\s/)[0] ?? '';
  if (word === '' || word === '-DOCSTART-') {
    if (words.length) sentences.push(words.join(' '));
    words = [];
    continue;
  }
  words.push(word);
}
if (words.length) sentences.push(words.join(' '));

let skipped = 0;
let uncertain = 0;
const byLanguage = new Map<string, number>();
const examples: string[] = [];
for (const sentence of sentences) {
  const doc = ingest({ content: sentence, kind: 'text' });
  if (doc.messages.some((m) => m.ruleId === 'language-uncertain')) uncertain++;
  if (doc.skip?.ruleId !== 'not-english') continue;
  skipped++;
  const language = doc.source.language ?? 'und';
  byLanguage.set(language, (byLanguage.get(language) ?? 0) + 1);
  if (examples.length < 5) examples.push(`  ${language}: ${sentence.slice(0, 90)}`);
}
const percent = (n: number) => `${((100 * n) / sentences.length).toFixed(1)}%`;
const languages = [...byLanguage].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([l, n]) => `${l} ${n}`).join(', ');
console.log(`sentences ${sentences.length} (all English)`);
console.log(`skipped as not English: ${skipped} (${percent(skipped)})${languages ? ` — ${languages}` : ''}`);
console.log(`coded with a language-uncertain warning: ${uncertain} (${percent(uncertain)})`);
if (examples.length) console.log(`first skipped:\n${examples.join('\n')}`);
