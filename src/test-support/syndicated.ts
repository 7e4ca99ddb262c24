/**
 * Texts for the near-duplicate tests, written for them: one wire story as three sites republished it
 * (another headline, a byline, one sentence changed), and two other stories on the same topic written
 * independently. The first sentence of every text is its lead.
 */

const WIRE_BODY = [
  'Government forces shelled the northern town of Valmora on Tuesday, killing at least seven civilians and wounding more than twenty, local officials said.',
  'The bombardment began shortly after dawn and lasted for nearly three hours, according to residents who fled toward the river crossing at Dessa.',
  'A spokesman for the regional administration said two schools and the main market had been hit, and that rescue teams were still searching the rubble in the afternoon.',
  'The defence ministry in the capital denied targeting residential areas and said its artillery had struck positions used by rebel fighters to launch drones.',
  'Aid agencies said the only hospital in Valmora was running short of blood and surgical supplies after receiving dozens of patients within a few hours.',
  'The town has changed hands twice since the spring, and the road linking it to the provincial capital has been closed to civilian traffic since last month.',
  'Diplomats from neighbouring countries called for an immediate pause in the fighting so that the wounded could be evacuated and food could reach the district.',
  'Talks between the two sides collapsed in September after a dispute over the release of prisoners and the withdrawal of heavy weapons from the front line.',
];

function wire(lead: string, changed?: { index: number; sentence: string }): string {
  const body = WIRE_BODY.map((sentence, i) => (changed && changed.index === i ? changed.sentence : sentence));
  return [lead, ...body.slice(1)].join(' ');
}

/** The wire story and three sites' copies of it, each as title and text. */
export const WIRE_COPIES: ReadonlyArray<{ site: string; title: string; text: string }> = [
  { site: 'wire.example', title: 'Shelling kills seven in Valmora', text: wire(WIRE_BODY[0]!) },
  {
    site: 'dailyherald.example',
    title: 'Seven civilians dead as artillery pounds northern town',
    text: `By Maria Keller, Associated Correspondent\n\n${wire(WIRE_BODY[0]!, {
      index: 4, sentence: 'Doctors at the Valmora district hospital said they had run out of blood for transfusions by midday.' })}`,
  },
  {
    site: 'citytimes.example',
    title: 'Valmora shelled: at least seven killed',
    // The lead rewritten: the sentence a coder takes as the evidence of the attack differs from the wire's.
    text: wire('At least seven civilians were killed and over twenty injured on Tuesday when army artillery hit Valmora in the north, officials in the town reported.'),
  },
  {
    site: 'morningpost.example',
    title: 'Army artillery hits Valmora',
    text: `${wire(WIRE_BODY[0]!, {
      index: 6, sentence: 'Neighbouring governments urged both sides to stop fighting long enough to evacuate the injured.' })}\n\nReporting by staff; editing by the news desk.`,
  },
];

/** Two reports of the same shelling, written separately: same event, same names, different words. */
export const SAME_TOPIC_STORIES: readonly string[] = [
  [
    'Residents of Valmora described a morning of terror as shells fell on the town centre, destroying homes near the market.',
    'One shopkeeper said he had pulled two neighbours from a collapsed building before ambulances arrived.',
    'Officials put the death toll at seven, with many more hurt, and said the hospital was overwhelmed.',
    'The army said it had aimed only at rebel positions on the edge of the town and accused the insurgents of hiding among civilians.',
    'Families spent the night in basements and in the fields outside town, fearing another round of shelling before morning.',
    'Humanitarian groups appealed for safe passage for convoys carrying medicine and fuel to the north of the province.',
  ].join(' '),
  [
    'An analysis of the conflict around Valmora suggests the town is valued by both sides for its bridge over the river.',
    'Military experts say whoever holds the crossing controls supplies moving between the provincial capital and the border.',
    'The latest bombardment, which officials said killed seven people, follows weeks of skirmishes in the surrounding villages.',
    'Rebel commanders have vowed to retake the hills east of the town, while the government has sent reinforcements by road.',
    'Previous ceasefires in the region have lasted only days, and observers are pessimistic about the prospects of new negotiations.',
    'Local farmers say they have been unable to harvest their crops because of mines laid along the tracks to their fields.',
  ].join(' '),
];
