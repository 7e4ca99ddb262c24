/**
 * Seeded news-like articles of our own, written to exercise what a tokenizer with a learning cache
 * gets wrong: made-up names with a possessive before punctuation ("Varnak’s."), hyphenated ages and
 * compounds before a comma ("17-year-old,"), contractions, opening quotation marks glued to a word,
 * a sentence glued to the next with no space ("a shop.17-year-old Anouk"), as scraped pages often have,
 * abbreviations and rare words. Every template is this project's own.
 */
import { seededRandom, shuffle } from '../util/random.js';
const names = ['Varnak', 'Oduya', 'Teszler', 'Mbeki-Orr', 'Quintanal', 'Halvorsk', 'Zhelev', 'Abernathy', 'Kowalczyk', 'Ndiaye'];
const given = ['Lusine', 'Tarek', 'Ilse', 'Bongani', 'Mirela', 'Oskar', 'Farida', 'Teodor', 'Anouk', 'Siddharth'];
const places = ['Vell Harbour', 'Kostrava', 'Port Emeny', 'Ulmar', 'Dravik', 'Sennet Falls', 'Oyo', 'Kharkiv', 'Mosul', 'Gao'];
const groups = ['pro-government militia', 'anti-junta protesters', 'self-styled defence units', 'cross-border raiders', 'ex-rebel fighters'];
const compounds = ['17-year-old', '42-year-old', 'long-running', 'so-called', 'well-armed', 'U.N.-backed', 'three-day', 'hard-line'];
const verbs = ['shelled', 'raided', 'blockaded', 'stormed', 'condemned', 'praised', 'threatened', 'visited'];
const rare = ['gendarmerie', 'fedayeen', 'checkpoint', 'cordon', 'curfew', 'convoy', 'exfiltration', 'drone strike'];

export interface VariedArticle {
  id: string;
  text: string;
  published: string;
}

export function variedArticles(count: number, seed = 11): VariedArticle[] {
  const rand = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const figure = () => 2 + Math.floor(rand() * 300);
  const articles: VariedArticle[] = [];
  for (let n = 0; n < count; n += 1) {
    const leader = `${pick(given)} ${pick(names)}`;
    const surname = leader.split(' ')[1]!;
    const other = pick(names);
    const place = pick(places);
    const compound = pick(compounds);
    const paragraphs = [
      `${place.toUpperCase()}, ${2010 + (n % 14)}-0${1 + (n % 9)}-1${n % 10} — ${pick(groups)} ${pick(verbs)} a ${pick(rare)} near ${place}, killing ${figure()} people, officials said.`,
      `A ${compound} man was among the dead, said a spokesman for ${surname}’s office. “It wasn’t an accident,” he said of ${other}’s men.`,
      `‘We didn’t start this,’ ${leader} told reporters, adding that ${other}’s forces had ${pick(verbs)} ${place} twice. The attack was ${compound}, ${pick(rare)}-style.`,
      `Police detained ${figure()} suspects after the ${pick(rare)}; ${figure()} others were wounded. ${surname}’s. ${other}’s, and the ${compound}.`,
      `Gunmen hit a shop in ${place}.${compound} ${pick(given)} and a ${pick(compounds)} guard were hurt. The ${pick(rare)}'s.`,
      `The ${pick(groups)} said on ${['Monday', 'Friday', 'Sunday'][n % 3]} they would not withdraw until ${other}’s allies left ${place}.`,
    ];
    const rest = paragraphs.slice(1);
    shuffle(rest, rand);
    const text = [paragraphs[0]!, ...rest.slice(0, 2 + Math.floor(rand() * 3))].join('\n');
    articles.push({ id: `varied-${n}`, text, published: `20${15 + (n % 10)}-0${1 + (n % 9)}-${10 + (n % 18)}` });
  }
  return articles;
}
