import type {
  Actor, ActorMention, DateMention, Entity, KbLink, Layers, Place, Quantity, Quote, Span,
} from '../../doc/types.js';

/** Which occurrence of a string to find: the text itself (first occurrence) or `[text, n]` (n-th, from 0). */
export type Needle = string | [string, number];

/**
 * Builds the mention layers the event coder reads (entities, places, dates, quantities, actors, quotes)
 * by finding strings in a test text, so event tests need no other stage.
 */
export class LayerBuilder {
  private readonly entities: Entity[] = [];
  private readonly places: Place[] = [];
  private readonly dates: DateMention[] = [];
  private readonly quantities: Quantity[] = [];
  private readonly actors: Actor[] = [];
  private readonly quotes: Quote[] = [];

  constructor(readonly text: string) {}

  span(needle: Needle): Span & { text: string } {
    const [value, occurrence] = typeof needle === 'string' ? [needle, 0] : needle;
    let start = -1;
    for (let n = 0; n <= occurrence; n += 1) {
      start = this.text.indexOf(value, start + 1);
      if (start < 0) throw new Error(`"${value}" (occurrence ${occurrence}) is not in the test text`);
    }
    return { start, end: start + value.length, text: value };
  }

  entity(needle: Needle, type: Entity['type'], kb?: KbLink): Entity {
    const entity: Entity = { id: `ent-${this.entities.length + 1}`, ...this.span(needle), type, source: 'gazetteer', confidence: 1 };
    if (kb) entity.kb = kb;
    this.entities.push(entity);
    return entity;
  }

  actor(fields: Omit<Actor, 'mentions'>, mentions: Needle[], via: ActorMention['via'] = 'name'): Actor {
    const actor: Actor = { ...fields, mentions: mentions.map((needle) => ({ ...this.span(needle), via })) };
    this.actors.push(actor);
    return actor;
  }

  /** A country actor (`country:ISO3`) mentioned by the given strings. */
  country(iso3: string, name: string, mentions: Needle[], sector?: string): Actor {
    const fields: Omit<Actor, 'mentions'> = { id: `actor-${iso3}${sector ?? ''}`, name, type: sector === 'GOV' ? 'GOVERNMENT' : 'COUNTRY', kbId: `country:${iso3}`, country: iso3 };
    if (sector) fields.sector = sector;
    return this.actor(fields, mentions);
  }

  place(needle: Needle, fields: Pick<Place, 'name' | 'placeId' | 'lat' | 'lon' | 'resolution'> & { country?: string }): Place {
    const found = this.span(needle);
    const place: Place = { id: `place-${this.places.length + 1}`, start: found.start, end: found.end, entity: '', confidence: 1, ...fields };
    this.places.push(place);
    return place;
  }

  date(needle: Needle, value: string | undefined, granularity: DateMention['granularity'], relative = false): DateMention {
    const date: DateMention = { id: `date-${this.dates.length + 1}`, ...this.span(needle), granularity, relative, resolved: value !== undefined };
    if (value) date.value = value;
    this.dates.push(date);
    return date;
  }

  quantity(needle: Needle, category: Quantity['category'], min: number, exact = true): Quantity {
    const quantity: Quantity = { id: `qty-${this.quantities.length + 1}`, ...this.span(needle), category, min, exact };
    this.quantities.push(quantity);
    return quantity;
  }

  /** A quote whose content is `content`; the speaker mention is `speaker`, resolved to `actor`. */
  quote(kind: Quote['kind'], content: Needle, speaker?: { needle: Needle; actor: Actor }, continued = false): Quote {
    const found = this.span(content);
    const quote: Quote = { id: `quote-${this.quotes.length + 1}`, kind, ...found, continued, sentences: [] };
    if (speaker) quote.speaker = { ...this.span(speaker.needle), actor: speaker.actor.id };
    this.quotes.push(quote);
    return quote;
  }

  layers(): Partial<Layers> {
    return {
      entities: this.entities, places: this.places, dates: this.dates, quantities: this.quantities,
      actors: this.actors, quotes: this.quotes,
    };
  }
}
