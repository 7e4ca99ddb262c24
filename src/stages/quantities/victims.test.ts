import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeDoc } from '../../test-support/make-doc.js';
import { splitSentences } from '../tokens/tokens.js';
import { findQuantities } from './quantities.js';

/** Each figure as "text|category|min". */
function figures(text: string): string[] {
  const doc = makeDoc(text, [splitSentences(), findQuantities()]);
  assert.deepEqual(doc.messages, []);
  return (doc.layers.quantities ?? []).map((q) => `${q.text}|${q.category}|${q.min}`);
}

const killed = (text: string) => figures(text).filter((f) => f.includes('|killed|'));

test('one victim named by an age, a role or a kinship word with a death verb counts 1 killed', () => {
  assert.deepEqual(killed('A 14-year-old died on Tuesday night.'), ['A 14-year-old|killed|1']);
  assert.deepEqual(killed('The gunman killed 31-year-old Dana Okafor outside the store.'), ['31-year-old Dana Okafor|killed|1']);
  assert.deepEqual(killed('A farmer fatally shot his grandfather during an argument.'), ['his grandfather|killed|1']);
  assert.deepEqual(killed('Her nephew succumbed to his wounds.'), ['Her nephew|killed|1']);
  assert.deepEqual(killed('A cashier was found dead behind the counter.'), ['A cashier|killed|1']);
  assert.deepEqual(killed('A 9 yr old boy was killed by a stray bullet.'), ['A 9 yr old boy|killed|1']);
  assert.deepEqual(killed('Deputies say a jogger was shot to death near the lake.'), ['a jogger|killed|1']);
});

test('pronouns and names count one person; reflexives count the shooter', () => {
  assert.deepEqual(killed('He was pronounced dead at the hospital.'), ['He|killed|1']);
  assert.deepEqual(killed('Marcus Webb was killed on Friday.'), ['Marcus Webb|killed|1']);
  assert.deepEqual(killed('Marcus Webb, 27, of Dayton, died at the scene.'), ['Marcus Webb|killed|1']);
  assert.deepEqual(killed('Police are investigating the fatal shooting of Lena Morrow.'), ['Lena Morrow|killed|1']);
  assert.deepEqual(killed('The officer then turned the gun on himself and killed himself.'), ['himself|killed|1']);
  assert.deepEqual(killed('The storm killed Sunday.'), [], 'a weekday is no name');
});

test('people joined by "and" count together; an aside with commas alone does not', () => {
  assert.deepEqual(killed('A woman and her son were killed in the attack.'), ['A woman and her son|killed|2']);
  assert.deepEqual(killed('Rita Lang, 30, and Omar Lang, 8, were killed.'), ['Rita Lang, 30, and Omar Lang|killed|2']);
  assert.deepEqual(killed('He killed his wife and then himself.'), ['his wife and then himself|killed|2']);
  assert.deepEqual(killed('Rita Lang, a nurse, was killed.'), ['Rita Lang|killed|1']);
  assert.deepEqual(killed('Two guards, a man and a woman, died at the gate.'), ['Two|killed|2']);
});

test('"shot" counts the people hit, killed or not; a shot fired is not a person', () => {
  assert.deepEqual(figures('A man was shot in the leg on Elm Street.'), ['A man|other|1']);
  assert.deepEqual(figures('Five people were shot, one fatally.'), ['Five|other|5', 'one|killed|1']);
  assert.deepEqual(figures('Two teenagers were shot and killed.'), ['Two|killed|2', 'Two|other|2']);
  assert.deepEqual(figures('A gunman shot three customers at the bar.'), ['three|other|3']);
  assert.deepEqual(figures('A single shot was fired and two were wounded.'), ['two|injured|2']);
  assert.deepEqual(figures('He fired one shot into the air; nobody was hurt.'), []);
});

test('injured words: hospitalised, a condition, injuries that are not life-threatening, treatment', () => {
  assert.deepEqual(figures('A cyclist was hospitalized after the blast.'), ['A cyclist|injured|1']);
  assert.deepEqual(figures('The girl is in critical condition.'), ['The girl|injured|1']);
  assert.deepEqual(figures('Three men suffered non-life-threatening injuries.'), ['Three|injured|3']);
  assert.deepEqual(figures('Six people were treated for cuts and bruises.'), ['Six|injured|6']);
});

test('whoever a relative clause\'s active verb has before it did it; a passive or "died" tells of a victim', () => {
  assert.deepEqual(killed('Deputy who killed man after mistaking gun for Taser is an insurance executive'), []);
  assert.deepEqual(killed('The man who killed them fled on foot.'), []);
  assert.deepEqual(killed('A man who was killed on Friday was named.'), ['A man|killed|1']);
  assert.deepEqual(killed('A woman who died on Friday was named.'), ['A woman|killed|1']);
});

test('a denied or intended toll is no toll', () => {
  assert.deepEqual(figures('Luckily the boy did not die.'), []);
  assert.deepEqual(figures('He was never hurt.'), []);
  assert.deepEqual(figures('He threatened to kill his neighbour.'), []);
  assert.deepEqual(figures('A man who lives nearby heard the blast.'), []);
});

test('ages, days of the month and years next to a toll word are not head counts', () => {
  assert.deepEqual(killed('Jon Kessler, 44, died at the scene.'), ['Jon Kessler|killed|1']);
  assert.deepEqual(killed('The trial for the 2009 fatal shooting opened.'), []);
  assert.deepEqual(killed('Police said the Nov. 3 killing was random.'), []);
});

test('a headline drops its article: a person noun opening it names one person', () => {
  assert.deepEqual(killed('Child dies in accidental shooting'), ['Child|killed|1']);
  assert.deepEqual(killed('Calaveras County teenager fatally shot in apparent hunting accident'), ['Calaveras County teenager|killed|1']);
  assert.deepEqual(figures('Woman killed on her birthday in Washington Heights'), ['Woman|killed|1']);
  assert.deepEqual(figures('UPDATE: Man wounded in drive-by shooting'), ['Man|injured|1']);
  assert.deepEqual(figures('Police say that man wounded in the shooting was a witness.'), ['that man|injured|1']);
  assert.deepEqual(figures('Later man wounded in the shooting was a witness.'), [], 'an adverb before the noun: no headline');
  assert.deepEqual(killed('2:07 Mother of toddler declared brain dead'), [], 'a video\'s running time opens no headline');
});

test('a noun naming one death counts 1 after a determiner for one, but not as a modifier, an attempt or a count', () => {
  assert.deepEqual(killed('Authorities are investigating a Thursday evening homicide.'), ['a Thursday evening homicide|killed|1']);
  assert.deepEqual(killed('Police are investigating a suspicious death in Ogden.'), ['a suspicious death|killed|1']);
  assert.deepEqual(killed('Police are investigating the death of an infant in Ogden.'), ['an infant|killed|1']);
  assert.deepEqual(killed('Two men were arrested in the fatal shooting on Elm Street.'), ['the fatal shooting|killed|1']);
  assert.deepEqual(killed('The shooting death of three men shocked the town.'), ['three|killed|3'], 'a figure the noun claims comes first');
  assert.deepEqual(killed('Police named the victims of Saturday\'s triple murder.'), ['Saturday\'s triple murder|killed|3']);
  assert.deepEqual(killed('A double homicide is being investigated.'), ['A double homicide|killed|2']);
  assert.deepEqual(killed('Two homicide detectives were called to the scene.'), []);
  assert.deepEqual(killed('He was charged with an attempted murder.'), []);
  assert.deepEqual(killed('Prosecutors will seek the death penalty.'), []);
  assert.deepEqual(killed('There was no homicide in the city last year.'), []);
  assert.deepEqual(killed('The shelling went on for weeks, killing hundreds.'), ['hundreds|killed|100']);
});

test('an age joined by dashes of any kind is an age; the agent after "by" is no victim', () => {
  assert.deepEqual(killed('A 20–year–old man was killed on Saturday.'), ['A 20–year–old man|killed|1']);
  assert.deepEqual(killed('A gang-related shooting claimed the life of 20–year–old José Sanchez.'), ['20–year–old José Sanchez|killed|1']);
  assert.deepEqual(killed('Gray said those killed by the shooter ranged in age from 46 to 73.'), []);
  assert.deepEqual(figures('Three people were wounded by two gunmen.'), ['Three|injured|3']);
  assert.deepEqual(killed('The death toll rose by two on Monday.'), ['two|killed|2'], '"by" after a rise still leads to its figure');
});

test('a killer who took their own life is one killed, marked apart from the victims', () => {
  const doc = makeDoc('He shot his wife, then turned the gun on himself.', [splitSentences(), findQuantities()]);
  const self = (doc.layers.quantities ?? []).filter((q) => q.self);
  assert.deepEqual(self.map((q) => `${q.text}|${q.category}|${q.min}`), ['turned the gun on himself|killed|1']);
  assert.deepEqual(killed('The man killed his wife and then killed himself.'), ['his wife|killed|1', 'himself|killed|1'], 'counted once');
  assert.deepEqual(killed('She had tried to take her own life before.'), []);
});

test('a plural death noun counts its figure; a multiple opens its death noun without a determiner', () => {
  assert.deepEqual(killed('Police are investigating two homicides that happened early Sunday.'), ['two|killed|2']);
  assert.deepEqual(killed('Police said the three killings were linked.'), ['three|killed|3']);
  assert.deepEqual(killed('Homicides rose 20 percent.'), []);
  assert.deepEqual(killed('CBS 58 - Milwaukee Police investigate early morning double homicide'), ['double homicide|killed|2']);
  assert.deepEqual(killed('Double homicide detectives arrived.'), [], 'a modifier of another noun names no deaths');
});
