import type { Story, StoryFilter } from '../../index.js';
import { dateOption, integerOption, parseCommand, RuntimeError, stringOption, UsageError } from './args.js';
import type { Command } from './command.js';
import { writeOut } from './io.js';
import { DEFAULT_DB, openCliStore } from './store-option.js';

const USAGE = `Usage: dyad stories [options]

Lists stored stories (one real-world event, fused from the events of every document that reports it),
latest first.

Options:
  --db PATH            database (default ${DEFAULT_DB})
  --id ID              one story, with the keys of its mentions (an id that merged into another story finds it)
  --type PLOVER        story type, e.g. ASSAULT, CONSULT
  --country ISO3       country of the story
  --actor X            participant on either side: knowledge-base id, code, country or name
  --from YYYY-MM-DD    stories on or after this date
  --to YYYY-MM-DD      stories on or before this date
  --min-documents N    stories reported by at least N documents
  --limit N            at most N stories (default 100)
  --offset N           skip the first N
  --json               one JSON object per line instead of a table
  -h, --help           show this help`;

function figure(story: Story, category: 'killed' | 'injured'): string {
  const value = story.casualties[category];
  if (!value) return '';
  return value.low === value.high ? String(value.best) : `${value.best} (${value.low}–${value.high})`;
}

function table(stories: readonly Story[]): string {
  const rows = [['date', 'type', 'place', 'docs', 'sources', 'killed', 'injured', 'actors', 'id']];
  for (const story of stories) {
    rows.push([
      story.date?.value.slice(0, 10) ?? '', story.plover, story.place?.name ?? story.country ?? '', String(story.documents),
      String(story.sources), figure(story, 'killed'), figure(story, 'injured'),
      [...story.actors, ...story.recipients].slice(0, 3).map((p) => p.name).join('; ').slice(0, 50), story.id,
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return `${rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n')}\n`;
}

export const storiesCommand: Command = {
  name: 'stories',
  usage: USAGE,
  async run(args) {
    const parsed = parseCommand('stories', args, {
      db: { type: 'string' }, id: { type: 'string' }, type: { type: 'string' }, country: { type: 'string' },
      actor: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, 'min-documents': { type: 'string' },
      limit: { type: 'string' }, offset: { type: 'string' }, json: { type: 'boolean' },
    });
    if (parsed.values.help) {
      await writeOut(`${USAGE}\n`);
      return 0;
    }
    if (parsed.positionals.length > 0) throw new UsageError(`stories takes no arguments, got "${parsed.positionals[0]}" (filters are options)`);
    const country = stringOption(parsed, 'country');
    if (country !== undefined && !/^[A-Za-z]{3}$/.test(country)) throw new UsageError(`--country must be an ISO 3166 alpha-3 code, got "${country}"`);
    const from = dateOption(parsed, 'from');
    const to = dateOption(parsed, 'to');
    if (from && to && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
    const filter: StoryFilter = { limit: integerOption(parsed, 'limit', 100), offset: integerOption(parsed, 'offset', 0) };
    const minDocuments = integerOption(parsed, 'min-documents', 0);
    if (minDocuments > 0) filter.minDocuments = minDocuments;
    const optional: Array<[keyof StoryFilter, string | undefined]> = [
      ['plover', stringOption(parsed, 'type')], ['country', country], ['actor', stringOption(parsed, 'actor')], ['from', from], ['to', to],
    ];
    for (const [key, value] of optional) if (value !== undefined) (filter as Record<string, unknown>)[key] = value;

    const store = await openCliStore(stringOption(parsed, 'db') ?? DEFAULT_DB, { readOnly: true });
    try {
      const id = stringOption(parsed, 'id');
      if (id !== undefined) {
        const story = await store.getStory(id);
        if (!story) throw new RuntimeError(`no story ${id}`);
        await writeOut(parsed.values.json ? `${JSON.stringify(story)}\n` : `${table([story])}mentions:\n${story.mentionKeys.map((key) => `  ${key}\n`).join('')}`);
        return 0;
      }
      const stories = await store.queryStories(filter);
      if (parsed.values.json) {
        for (const story of stories) await writeOut(`${JSON.stringify(story)}\n`);
      } else if (stories.length === 0) {
        process.stderr.write('no stories match\n');
      } else {
        await writeOut(table(stories));
      }
    } finally {
      await store.close();
    }
    return 0;
  },
};
