/**
 * Generates news-like articles of our own for benchmarks: seeded, so every run codes the same texts,
 * and varied (actors, places, verbs, figures, quotes, dates), so caches are not flattered by one text
 * repeated. The sentences are templates written for this project, not copied from any corpus.
 */
import { seededRandom } from '../src/util/random.js';

const countries = [
  ['Kenya', 'Kenyan', 'Nairobi'], ['Ethiopia', 'Ethiopian', 'Addis Ababa'], ['Peru', 'Peruvian', 'Lima'],
  ['Georgia', 'Georgian', 'Tbilisi'], ['Serbia', 'Serbian', 'Belgrade'], ['Ukraine', 'Ukrainian', 'Kyiv'],
  ['Sudan', 'Sudanese', 'Khartoum'], ['Mali', 'Malian', 'Bamako'], ['Pakistan', 'Pakistani', 'Islamabad'],
  ['India', 'Indian', 'New Delhi'], ['Colombia', 'Colombian', 'Bogotá'], ['Israel', 'Israeli', 'Jerusalem'],
  ['Turkey', 'Turkish', 'Ankara'], ['Iran', 'Iranian', 'Tehran'], ['Egypt', 'Egyptian', 'Cairo'],
  ['Nigeria', 'Nigerian', 'Abuja'], ['France', 'French', 'Paris'], ['Germany', 'German', 'Berlin'],
] as const;
const givenNames = ['Amina', 'Pedro', 'Olena', 'Rashid', 'Mei', 'Tomasz', 'Grace', 'Yusuf', 'Ingrid', 'Kwame', 'Leila', 'Andrei'];
const surnames = ['Okafor', 'Salazar', 'Petrenko', 'Haddad', 'Lindqvist', 'Mensah', 'Novak', 'Farouk', 'Kaplan', 'Duarte'];
const offices = ['President', 'Prime Minister', 'Foreign Minister', 'Defence Minister'];
const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const vague = ['dozens', 'hundreds', 'thousands', 'scores'];

export interface SyntheticArticle {
  id: string;
  text: string;
  published: string;
}

export function syntheticArticles(count: number, seed = 7): SyntheticArticle[] {
  const rand = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const articles: SyntheticArticle[] = [];
  for (let n = 0; n < count; n += 1) {
    const [a, b] = [pick(countries), pick(countries)];
    if (a === b) {
      n -= 1;
      continue;
    }
    const leader = `${pick(givenNames)} ${pick(surnames)}`;
    const rival = `${pick(givenNames)} ${pick(surnames)}`;
    const office = pick(offices);
    const day = pick(weekdays);
    const month = pick(months);
    const date = `${month} ${1 + Math.floor(rand() * 27)}`;
    const killed = Math.floor(rand() * 400) + 2;
    const year = 1990 + Math.floor(rand() * 30);
    const paragraphs = [
      `Talks between ${a[0]} and ${b[0]} opened in ${a[2]} on ${day}, weeks after border clashes killed at least ${killed} people and displaced ${pick(vague)} of residents.`,
      `${a[1]} ${office} ${leader} said his government would not accept any settlement that left troops on its soil.`,
      `“We have waited long enough. Our patience is not endless,” ${leader.split(' ')[1]} told reporters after the first session.`,
      `The ${b[1]} delegation, led by ${rival}, accused ${a[0]} of shelling villages near the frontier since ${date} and demanded an international inquiry.`,
      `“Nobody in ${b[2]} wants another war. We came here to stop the killing,” ${rival.split(' ')[1]} said.`,
      `The United Nations called for restraint, saying civilians must be protected. Aid agencies said ${pick(vague)} of families had fled their homes and ${Math.floor(rand() * 90) + 5} people were wounded.`,
      `The two countries fought a war in ${year} that ended with a ceasefire brokered by neighbouring states. Police in ${b[2]} arrested ${Math.floor(rand() * 50) + 3} protesters on ${day} during a march against the talks.`,
      `Analysts warned that the dispute could draw in regional powers if negotiations fail, and markets in ${a[2]} fell sharply.`,
      `Share this article`,
    ];
    const month2 = String(1 + Math.floor(rand() * 12)).padStart(2, '0');
    const day2 = String(1 + Math.floor(rand() * 28)).padStart(2, '0');
    articles.push({ id: `synthetic-${n}`, text: paragraphs.join('\n'), published: `20${10 + Math.floor(rand() * 15)}-${month2}-${day2}` });
  }
  return articles;
}
