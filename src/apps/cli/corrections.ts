import { candidateKnowledge, type EventOverride } from '../../index.js';
import { integerOption, parseCommand, stringOption, UsageError } from './args.js';
import type { Command } from './command.js';
import { writeOut } from './io.js';
import { DEFAULT_DB, openCliStore } from './store-option.js';

const USAGE = `Usage: dyad corrections [options]

Lists the analysts' verdicts on events (accept, correct, reject; made in the dashboard or through the API),
latest first, with who, when and why. A verdict follows its event's trigger word across re-coding; one
whose word no stored event has any more is listed as unmatched. With --knowledge, prints what the
verdicts suggest for knowledge/ (aliases, actors, patterns) as candidates to review; nothing is written.

Options:
  --db PATH             database (default ${DEFAULT_DB})
  --doc ID              only the verdicts on this document
  --limit N             at most N verdicts (default 1000)
  --json                one JSON object per line instead of a table
  --knowledge           candidate knowledge entries (JSON Lines), most supported first
  -h, --help            show this help`;

function line(override: EventOverride): string {
  const fields = override.correction ? Object.keys(override.correction).sort().join(',') : '';
  const target = override.eventId ?? `unmatched ${override.docId}@${override.anchor.start}-${override.anchor.end}`;
  return [override.at.slice(0, 19), override.analyst, override.verdict + (fields ? ` ${fields}` : ''), target, override.reason ?? ''].join('  ').trimEnd();
}

export const correctionsCommand: Command = {
  name: 'corrections',
  usage: USAGE,
  async run(args) {
    const parsed = parseCommand('corrections', args, {
      db: { type: 'string' }, doc: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' }, knowledge: { type: 'boolean' },
    });
    if (parsed.values.help) {
      await writeOut(`${USAGE}\n`);
      return 0;
    }
    if (parsed.positionals.length > 0) throw new UsageError(`corrections takes no arguments, got "${parsed.positionals[0]}"`);
    const limit = stringOption(parsed, 'limit') === undefined ? 1000 : integerOption(parsed, 'limit', 1000, 1);
    const doc = stringOption(parsed, 'doc');
    const store = await openCliStore(stringOption(parsed, 'db') ?? DEFAULT_DB, { readOnly: true });
    try {
      const overrides = await store.listOverrides({ limit, ...(doc ? { docId: doc } : {}) });
      if (parsed.values.knowledge) await writeOut(candidateKnowledge(overrides).map((c) => `${JSON.stringify(c)}\n`).join(''));
      else if (parsed.values.json) await writeOut(overrides.map((o) => `${JSON.stringify(o)}\n`).join(''));
      else await writeOut(overrides.length === 0 ? 'no corrections\n' : `${overrides.map(line).join('\n')}\n`);
    } finally {
      await store.close();
    }
    return 0;
  },
};
