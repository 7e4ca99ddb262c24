/**
 * An article about one attack often gives its toll apart from the sentence that tells of the attack ("A
 * gunman opened fire outside a store on Friday. … The boy died at the hospital."), so the attack's own
 * sentence carries no figure. The article's figures (quantities/document-figures.ts: the largest of each
 * category, tallies of other incidents left out) then belong to its lead attack: the first affirmative,
 * non-historical ASSAULT. A figure is carried only where no attack of the document has one of that
 * category as large already ("a man died … two people were killed": the lead's 1 becomes 2; an injured figure
 * of its own is kept), and says so
 * with `from: 'document'` (its `quantity` is the mention it was read from).
 */
import type { CasualtyFigure, Doc, Event, Quantity } from '../../doc/types.js';
import { documentFigures } from '../quantities/document-figures.js';

const CARRIED = ['killed', 'injured'] as const;

const isLeadCandidate = (event: Event) => event.plover === 'ASSAULT' && !event.negated && !event.hypothetical && !event.future && !event.historical;

/** The quantity the figure was read from: one of its category at that value, else the largest of it (people hit, for the injured). */
function sourceQuantity(quantities: readonly Quantity[], category: 'killed' | 'injured', value: number): Quantity | undefined {
  const categories = category === 'injured' ? ['injured', 'other'] : ['killed'];
  const ofCategory = quantities.filter((q) => categories.includes(q.category));
  return ofCategory.find((q) => q.min === value) ?? [...ofCategory].sort((a, b) => b.min - a.min || a.start - b.start)[0];
}

export function carryOverCasualties(doc: Readonly<Doc>, events: Event[]): void {
  const attacks = events.filter(isLeadCandidate);
  if (attacks.length === 0) return;
  const quantities = doc.layers.quantities ?? [];
  if (quantities.length === 0) return;
  const figures = documentFigures(quantities, doc.text, doc.layers.sentences ?? [], { dates: doc.layers.dates ?? [], published: doc.source.published });
  const lead = [...attacks].sort((a, b) => a.trigger.start - b.trigger.start)[0]!;
  for (const category of CARRIED) {
    const value = figures[category];
    // The injured are often the people hit less the killed, a reading a sentence's own injured figure overrules.
    if (value === undefined || value <= 0) continue;
    const held = (event: Event) => (category === 'injured' ? event.casualties?.injured !== undefined : (event.casualties?.killed?.min ?? -1) >= value);
    if (attacks.some(held)) continue;
    const quantity = sourceQuantity(quantities, category, value);
    if (!quantity) continue;
    const figure: CasualtyFigure = { min: value, exact: quantity.exact, text: quantity.text, quantity: quantity.id, from: 'document' };
    (lead.casualties ??= {})[category] = figure;
  }
}
