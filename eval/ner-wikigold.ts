// NER on wikigold (PER/ORG/LOC, entity-level F1). Run: node --import tsx eval/ner-wikigold.ts
import { existsSync, readFileSync } from 'node:fs';
import type { EntityType } from '../src/doc/types.js';
import { findEntities } from '../src/stages/entities/entities.js';
import { splitSentences } from '../src/stages/tokens/tokens.js';
import { makeDoc } from '../src/test-support/make-doc.js';
import { goldPath } from './gold.js';

const file = goldPath('ner', 'wikigold.conll');
if (!existsSync(file)) {
  console.log(`skipped: ${file} not found`);
  process.exit(0);
}
const LABEL: Partial<Record<EntityType, string>> = { PERSON: 'PER', ORG: 'ORG', IGO: 'ORG', COUNTRY: 'LOC', PLACE: 'LOC', REGION: 'LOC' };
const sentences: Array<{ words: string[]; tags: string[] }> = [];
let current = { words: [] as string[], tags: [] as string[] };
for (const line of readFileSync(file, 'utf8').split('\n')) {
  if (!line.trim()) {
    if (current.words.length) sentences.push(current);
    current = { words: [], tags: [] };
    continue;
  }
  const [word, tag] = line.split('\t');
  if (word === '-DOCSTART-') continue;
  current.words.push(word!);
  current.tags.push(tag ?? 'O');
}
if (current.words.length) sentences.push(current);

const stats = new Map<string, { tp: number; fp: number; fn: number }>();
const stat = (label: string) => stats.get(label) ?? stats.set(label, { tp: 0, fp: 0, fn: 0 }).get(label)!;
const stages = [splitSentences(), findEntities()];
for (const { words, tags } of sentences) {
  const starts: number[] = [];
  let offset = 0;
  for (const word of words) {
    starts.push(offset);
    offset += word.length + 1;
  }
  const text = words.join(' ');
  const gold = new Set<string>();
  let open: { label: string; first: number } | undefined;
  const close = (end: number) => {
    if (open && ['PER', 'ORG', 'LOC'].includes(open.label)) gold.add(`${open.label}:${open.first}:${end}`);
    open = undefined;
  };
  tags.forEach((tag, index) => {
    if (tag.startsWith('B-') || tag === 'O' || (tag.startsWith('I-') && open?.label !== tag.slice(2))) close(index - 1);
    if (tag.startsWith('B-') || (tag.startsWith('I-') && !open)) open = { label: tag.slice(2), first: index };
  });
  close(tags.length - 1);
  const doc = makeDoc(text, stages as never);
  const wordAt = (char: number) => starts.findLastIndex((start) => start <= char);
  const predicted = new Set<string>();
  for (const entity of doc.layers.entities ?? []) {
    const label = LABEL[entity.type];
    if (label) predicted.add(`${label}:${wordAt(entity.start)}:${wordAt(entity.end - 1)}`);
  }
  for (const key of predicted) stat(key.split(':')[0]!)[gold.has(key) ? 'tp' : 'fp'] += 1;
  for (const key of gold) if (!predicted.has(key)) stat(key.split(':')[0]!).fn += 1;
}
const f1 = ({ tp, fp, fn }: { tp: number; fp: number; fn: number }) => {
  const p = tp / (tp + fp || 1);
  const r = tp / (tp + fn || 1);
  return { p, r, f: (2 * p * r) / (p + r || 1) };
};
const total = { tp: 0, fp: 0, fn: 0 };
for (const [label, s] of [...stats].sort()) {
  total.tp += s.tp; total.fp += s.fp; total.fn += s.fn;
  const { p, r, f } = f1(s);
  console.log(`${label}: P ${(100 * p).toFixed(1)} R ${(100 * r).toFixed(1)} F1 ${(100 * f).toFixed(1)}`);
}
const all = f1(total);
console.log(`wikigold NER (${sentences.length} sentences) micro F1 ${(100 * all.f).toFixed(1)} (P ${(100 * all.p).toFixed(1)}, R ${(100 * all.r).toFixed(1)}); baseline 44.7`);
