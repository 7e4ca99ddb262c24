import type { Doc, Entity, Event, EventParticipant } from '../../index.js';

/**
 * C0 and C1 control characters except the line break: an escape sequence in a page title or URL must
 * not reach the terminal, where it could rewrite the screen or the window title.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

/** Text as it may be printed to a terminal: without control characters. */
export function terminalSafe(text: string): string {
  return text.replace(CONTROL, '');
}

/**
 * Indented JSON for reading, with arrays of numbers kept on one line (offset map pairs, sentence
 * lists). Only layout changes: a JSON string cannot hold a raw line break, so no string is touched.
 */
export function readableJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\[\n\s*(-?[\d.e+-]+(?:,\n\s*-?[\d.e+-]+)*)\n\s*\]/g, (_, numbers: string) => `[${numbers.replace(/,\n\s*/g, ', ')}]`);
}

/** Cuts a one-line excerpt to a readable width. */
export function clip(text: string, width: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

function coordinates(lat?: number, lon?: number): string {
  return lat !== undefined && lon !== undefined ? ` (${lat.toFixed(2)}, ${lon.toFixed(2)})` : '';
}

function section(lines: string[], title: string, body: string[]): void {
  if (body.length === 0) return;
  lines.push('', title, ...body);
}

function entityLines(entities: readonly Entity[]): string[] {
  const byType = new Map<string, Map<string, { entity: Entity; count: number }>>();
  for (const entity of entities) {
    const key = `${entity.text}\u0000${entity.kb?.id ?? ''}`;
    const group = byType.get(entity.type) ?? new Map<string, { entity: Entity; count: number }>();
    byType.set(entity.type, group);
    const seen = group.get(key);
    if (seen) seen.count++;
    else group.set(key, { entity, count: 1 });
  }
  const lines: string[] = [];
  for (const [type, group] of [...byType].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  ${type}`);
    for (const { entity, count } of group.values()) {
      const kb = entity.kb;
      const link = kb ? ` → ${kb.id}${kb.country ? ` [${kb.country}${kb.sector ? ` ${kb.sector}` : ''}]` : ''}${coordinates(kb.lat, kb.lon)}` : '';
      lines.push(`    ${entity.text}${count > 1 ? ` ×${count}` : ''}${link}`);
    }
  }
  return lines;
}

/** Participants by mention, so a group ("both ministers") shows once with all the codes it stands for. */
function participants(list: readonly EventParticipant[] | undefined): string {
  if (!list || list.length === 0) return '—';
  const codesByText = new Map<string, string[]>();
  for (const p of list) {
    const codes = codesByText.get(p.text) ?? [];
    codesByText.set(p.text, codes);
    if (p.code && !codes.includes(p.code)) codes.push(p.code);
  }
  return [...codesByText].map(([text, codes]) => (codes.length > 0 ? `${text} (${codes.join(', ')})` : text)).join(' + ');
}

/** `ACTOR → TYPE (CAMEO) → RECIPIENT (↔ when the sides act on each other) (mediated by X) @ place, date  [confidence]` plus the flags that change its meaning. */
export function eventLine(event: Event): string {
  const flags = (['negated', 'future', 'hypothetical', 'historical'] as const).filter((flag) => event[flag]);
  const type = `${event.plover}${event.mode ? `/${event.mode}` : ''} (${event.cameo}${event.cameoName ? ` ${event.cameoName}` : ''})`;
  const place = event.location ? ` @ ${event.location.name}${event.location.country ? ` [${event.location.country}]` : ''}` : '';
  const date = event.date ? `${place ? ',' : ' @'} ${event.date.value}${event.date.basis === 'report' ? ' (report date)' : ''}` : '';
  const flagText = flags.length > 0 ? `  {${flags.join(', ')}}` : '';
  const mediated = event.mediators?.length ? ` (mediated by ${participants(event.mediators)})` : '';
  const arrow = event.reciprocal ? '↔' : '→';
  return `${participants(event.actors)} ${arrow} ${type} ${arrow} ${participants(event.recipients)}${mediated}${place}${date}  [${event.confidence.toFixed(2)}]${flagText}`;
}

/**
 * A figure's bounds as a reader says them: one number when both bounds are that number ("40", not
 * "40–40"), a range when they differ, an open lower bound (≥) when there is no upper one.
 */
export function figureBounds(min: number, max: number | undefined): string {
  if (max === undefined) return `≥${min}`;
  return max === min ? `${min}` : `${min}–${max}`;
}

function casualtyText(event: Event): string {
  const parts = Object.entries(event.casualties ?? {}).map(([category, figure]) =>
    `${category} ${!figure.exact && figure.max === figure.min ? '~' : ''}${figureBounds(figure.min, figure.max)}`);
  return parts.length > 0 ? `casualties: ${parts.join(', ')}` : '';
}

/** The readable summary of an analysed document: what a person checks before trusting the JSON. */
export function formatDocPretty(doc: Doc): string {
  const { source, layers } = doc;
  const lines: string[] = [];
  lines.push(source.title ? source.title : clip(doc.text, 80) || '(no text)');
  const meta = [
    `published ${source.published ?? 'unknown'}${source.publishedFrom ? ` (${source.publishedFrom})` : ''}`,
    `language ${source.language ?? 'unknown'}`,
    `${doc.text.length} chars`,
    `id ${doc.id}`,
  ];
  lines.push(meta.join(' · '));
  if (source.url) lines.push(source.url);
  if (doc.skip) lines.push(`SKIPPED (${doc.skip.ruleId}): ${doc.skip.reason}`);

  section(lines, `Entities (${layers.entities?.length ?? 0})`, entityLines(layers.entities ?? []));
  section(lines, 'Dates', (layers.dates ?? []).map((date) =>
    `  "${date.text}" → ${date.value ?? `unresolved${date.reason ? `: ${date.reason}` : ''}`} (${date.granularity}${date.relative ? ', relative' : ''})`));
  section(lines, 'Figures', (layers.quantities ?? []).map((q) => {
    const range = `${q.qualifier ? `${q.qualifier} ` : ''}${q.max === undefined ? q.min : figureBounds(q.min, q.max)}`;
    return `  ${q.category.padEnd(9)} ${range.padEnd(16)} "${clip(q.text, 70)}"`;
  }));
  section(lines, 'Quotes', (layers.quotes ?? []).map((quote) =>
    `  ${quote.speaker?.text ?? '(unattributed)'}${quote.continued ? ' (cont.)' : ''}, ${quote.kind}: "${clip(quote.text, 110)}"`));
  section(lines, `Events (${layers.events?.length ?? 0})`, (layers.events ?? []).flatMap((event) => {
    const evidence = event.evidence.sentences.map((s) => doc.text.slice(s.start, s.end)).join(' ');
    const casualties = casualtyText(event);
    return [`  ${eventLine(event)}`, ...(casualties ? [`      ${casualties}`] : []), `      “${clip(evidence, 200)}”`];
  }));
  section(lines, 'Messages', doc.messages.filter((m) => m.severity !== 'info').map((m) =>
    `  ${m.severity} ${m.stage}/${m.ruleId}: ${m.reason}`));
  return `${terminalSafe(lines.join('\n'))}\n`;
}
