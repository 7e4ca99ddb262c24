/**
 * One row per story (`dyad export --stories`): CSV or JSON Lines, paged from the store so memory stays
 * bounded. A story row carries its best place and date, its casualties as low / best / high and its
 * counts of mentions, documents and distinct sources; the evidence of each choice is in the JSON.
 */
import type { Writable } from 'node:stream';
import type { Story, StoryFilter } from '../fuse/types.js';
import type { Store } from '../store/store.js';
import { csvCell } from './csv.js';
import type { CellValue } from './columns.js';
import { writeOut } from './write.js';

export const STORY_FORMATS = ['csv', 'jsonl'] as const;
export type StoryFormat = (typeof STORY_FORMATS)[number];

interface StoryColumn {
  name: string;
  type: 'text' | 'number';
  value(story: Story): CellValue;
}

const side = (list: Story['actors']) => list.map((p) => p.name).join(' + ') || undefined;

export const STORY_COLUMNS: readonly StoryColumn[] = [
  { name: 'story_id', type: 'text', value: (s) => s.id },
  { name: 'plover', type: 'text', value: (s) => s.plover },
  { name: 'date', type: 'text', value: (s) => s.date?.value },
  { name: 'date_start', type: 'text', value: (s) => s.date?.start },
  { name: 'date_end', type: 'text', value: (s) => s.date?.end },
  { name: 'date_basis', type: 'text', value: (s) => s.date?.basis },
  { name: 'place', type: 'text', value: (s) => s.place?.name },
  { name: 'country', type: 'text', value: (s) => s.country ?? s.place?.country },
  { name: 'lat', type: 'number', value: (s) => s.place?.lat },
  { name: 'lon', type: 'number', value: (s) => s.place?.lon },
  { name: 'actors', type: 'text', value: (s) => side(s.actors) },
  { name: 'recipients', type: 'text', value: (s) => side(s.recipients) },
  { name: 'first_seen', type: 'text', value: (s) => s.firstSeen },
  { name: 'last_seen', type: 'text', value: (s) => s.lastSeen },
  { name: 'mentions', type: 'number', value: (s) => s.mentions },
  { name: 'documents', type: 'number', value: (s) => s.documents },
  { name: 'sources', type: 'number', value: (s) => s.sources },
  { name: 'killed_low', type: 'number', value: (s) => s.casualties.killed?.low },
  { name: 'killed_best', type: 'number', value: (s) => s.casualties.killed?.best },
  { name: 'killed_high', type: 'number', value: (s) => s.casualties.killed?.high },
  { name: 'injured_low', type: 'number', value: (s) => s.casualties.injured?.low },
  { name: 'injured_best', type: 'number', value: (s) => s.casualties.injured?.best },
  { name: 'injured_high', type: 'number', value: (s) => s.casualties.injured?.high },
  { name: 'confidence', type: 'number', value: (s) => s.confidence },
];

const STORY_PAGE = 1000;

/** Writes every story matching the filter; returns how many. */
export async function exportStories(store: Pick<Store, 'queryStories'>, out: Writable, format: StoryFormat, filter: StoryFilter = {}): Promise<number> {
  if (format === 'csv') await writeOut(`${STORY_COLUMNS.map((c) => c.name).join(',')}\n`, out);
  let written = 0;
  const cap = filter.limit ?? Infinity;
  for (let offset = 0; written < cap; offset += STORY_PAGE) {
    const page = await store.queryStories({ ...filter, limit: Math.min(STORY_PAGE, cap - written), offset });
    const lines = page.map((story) => (format === 'csv'
      ? `${STORY_COLUMNS.map((c) => csvCell(c.type, c.value(story))).join(',')}\n`
      : `${JSON.stringify(story)}\n`));
    if (lines.length > 0) await writeOut(lines.join(''), out);
    written += page.length;
    if (page.length < STORY_PAGE) break;
  }
  return written;
}
