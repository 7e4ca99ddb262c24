import type { Doc } from './types.js';

/**
 * The invariants every analysed Doc keeps, whatever its input: each span lies inside the text and
 * does not cut a surrogate pair; a span that carries its own `text` slices exactly that text; every
 * reference between layers resolves; every figure is a non-negative safe integer. Returns the
 * problems found, as lines a person can read (empty when the Doc is sound).
 */
export function docProblems(doc: Doc): string[] {
  const problems: string[] = [];
  const { text, layers } = doc;
  const ids = (items: ReadonlyArray<{ id: string }> | undefined) => new Set((items ?? []).map((item) => item.id));
  const entities = ids(layers.entities);
  const places = ids(layers.places);
  const dates = ids(layers.dates);
  const quantities = ids(layers.quantities);
  const actors = ids(layers.actors);
  const quotes = ids(layers.quotes);
  const sentenceCount = layers.sentences?.length ?? 0;
  const tokenCount = layers.tokens?.length ?? 0;

  const refers = (where: string, id: string | undefined, known: Set<string>) => {
    if (id !== undefined && !known.has(id)) problems.push(`${where} refers to unknown id ${id}`);
  };
  const figure = (where: string, value: number | undefined) => {
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) problems.push(`${where} is not a safe count: ${value}`);
  };
  const cutsPair = (at: number) => at > 0 && at < text.length && isHigh(text.charCodeAt(at - 1)) && isLow(text.charCodeAt(at));

  const visit = (value: unknown, where: string): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, `${where}[${i}]`));
      return;
    }
    if (!value || typeof value !== 'object') return;
    const node = value as Record<string, unknown>;
    if (typeof node.start === 'number' && typeof node.end === 'number') {
      const { start, end } = node as { start: number; end: number };
      if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= text.length)) {
        problems.push(`${where} span ${start}-${end} is outside the text (length ${text.length})`);
      } else if (cutsPair(start) || cutsPair(end)) {
        problems.push(`${where} span ${start}-${end} cuts a surrogate pair`);
      } else if (typeof node.text === 'string' && node.kind === undefined && text.slice(start, end) !== node.text) {
        // Quotes (with `kind`) carry their content without the quotation marks, not their slice.
        problems.push(`${where} text ${JSON.stringify(node.text)} is not its slice ${JSON.stringify(text.slice(start, end))}`);
      }
    }
    for (const [key, child] of Object.entries(node)) if (child && typeof child === 'object') visit(child, `${where}.${key}`);
  };
  for (const [name, layer] of Object.entries(layers)) visit(layer, name);

  layers.sentences?.forEach((sentence, i) => {
    if (sentence.tokenStart > sentence.tokenEnd || sentence.tokenEnd > tokenCount) problems.push(`sentences[${i}] token range is outside the tokens`);
  });
  layers.tokens?.forEach((token, i) => {
    if (token.sentence < 0 || token.sentence >= sentenceCount) problems.push(`tokens[${i}] is in no sentence`);
  });
  layers.places?.forEach((place, i) => refers(`places[${i}].entity`, place.entity, entities));
  layers.quantities?.forEach((quantity, i) => {
    figure(`quantities[${i}].min`, quantity.min);
    figure(`quantities[${i}].max`, quantity.max);
    if (quantity.max !== undefined && quantity.max < quantity.min) problems.push(`quantities[${i}] range is reversed`);
  });
  layers.actors?.forEach((actor, i) => actor.members?.forEach((member) => refers(`actors[${i}].members`, member, actors)));
  layers.quotes?.forEach((quote, i) => {
    refers(`quotes[${i}].speaker.actor`, quote.speaker?.actor, actors);
    refers(`quotes[${i}].speaker.entity`, quote.speaker?.entity, entities);
    for (const sentence of quote.sentences) if (sentence < 0 || sentence >= sentenceCount) problems.push(`quotes[${i}] names sentence ${sentence}`);
  });
  layers.events?.forEach((event, i) => {
    const where = `events[${i}]`;
    for (const role of ['actors', 'recipients', 'mediators'] as const) {
      event[role]?.forEach((participant, j) => refers(`${where}.${role}[${j}].actor`, participant.actor, actors));
    }
    refers(`${where}.location.place`, event.location?.place, places);
    refers(`${where}.date.date`, event.date?.date, dates);
    refers(`${where}.evidence.quote`, event.evidence.quote, quotes);
    for (const [category, casualty] of Object.entries(event.casualties ?? {})) {
      refers(`${where}.casualties.${category}.quantity`, casualty.quantity, quantities);
      figure(`${where}.casualties.${category}.min`, casualty.min);
      figure(`${where}.casualties.${category}.max`, casualty.max);
    }
    for (const sentence of event.evidence.sentences) {
      if (sentence.index < 0 || sentence.index >= sentenceCount) problems.push(`${where}.evidence names sentence ${sentence.index}`);
    }
  });
  return problems;
}

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
