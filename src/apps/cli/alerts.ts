import { writeFileSync } from 'node:fs';
import { atomFeed, collectItems, evaluateRules, postAlerts, readAlertRules, AlertRuleError, type Alert, type Store } from '../../index.js';
import { integerOption, parseCommand, RuntimeError, stringOption, UsageError } from './args.js';
import type { Command } from './command.js';
import { writeOut } from './io.js';
import { DEFAULT_DB, openCliStore } from './store-option.js';

const USAGE = `Usage: dyad alerts [options]

Lists the alerts stored in the database, latest first. With --rules, first evaluates the rules (JSON Lines,
one per line; docs/alert-rules.jsonl) over the stored stories and stores what fired; an alert fires once
(its id is the rule's and the story's or period's), so running again reports only what is new.

Options:
  --db PATH             database (default ${DEFAULT_DB})
  --rules FILE          alert rules to evaluate first
  --mentions            evaluate over event mentions instead of stories
  --webhook URL         post newly fired alerts as JSON to this URL (repeatable)
  --atom FILE           write every stored alert as an Atom feed to FILE
  --story-base URL      link Atom entries to URL + story id (e.g. http://127.0.0.1:7777/stories/)
  --limit N             list at most N alerts (default 50)
  --json                one JSON object per line instead of a table
  -h, --help            show this help`;

/** Evaluates rules over a store's stories (or mentions), stores what fired and returns what is new. */
export async function fireAlerts(store: Store, rulesFile: string, mentions: boolean): Promise<Alert[]> {
  let rules;
  try {
    rules = readAlertRules(rulesFile);
  } catch (error) {
    if (error instanceof AlertRuleError) throw new UsageError(error.message);
    throw new RuntimeError(`cannot read ${rulesFile}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return store.putAlerts(evaluateRules(rules, await collectItems(store, { mentions })));
}

export const alertsCommand: Command = {
  name: 'alerts',
  usage: USAGE,
  async run(args) {
    const parsed = parseCommand('alerts', args, {
      db: { type: 'string' }, rules: { type: 'string' }, mentions: { type: 'boolean' }, webhook: { type: 'string', multiple: true },
      atom: { type: 'string' }, 'story-base': { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' },
    });
    if (parsed.values.help) {
      await writeOut(`${USAGE}\n`);
      return 0;
    }
    if (parsed.positionals.length > 0) throw new UsageError(`alerts takes no arguments, got "${parsed.positionals[0]}"`);
    const rules = stringOption(parsed, 'rules');
    const webhooks = (parsed.values.webhook as string[] | undefined) ?? [];
    if (webhooks.length > 0 && rules === undefined) throw new UsageError('--webhook posts newly fired alerts: give --rules too');
    const limit = stringOption(parsed, 'limit') === undefined ? 50 : integerOption(parsed, 'limit', 50, 1);
    const store = await openCliStore(stringOption(parsed, 'db') ?? DEFAULT_DB, { readOnly: rules === undefined });
    let failed = 0;
    try {
      if (rules !== undefined) {
        const fresh = await fireAlerts(store, rules, parsed.values.mentions === true);
        process.stderr.write(`${fresh.length} new alert${fresh.length === 1 ? '' : 's'}\n`);
        for (const url of webhooks) {
          if (fresh.length === 0) break;
          const result = await postAlerts(url, fresh);
          if (!result.ok) failed += 1;
          process.stderr.write(result.ok ? `posted ${fresh.length} to ${url} (${result.status})\n` : `webhook ${url} failed: ${result.error ?? `status ${result.status}`}\n`);
        }
      }
      const atom = stringOption(parsed, 'atom');
      if (atom !== undefined) {
        const storyBase = stringOption(parsed, 'story-base');
        writeFileSync(atom, atomFeed(await store.listAlerts(), storyBase ? { storyBase } : {}));
      }
      const listed = await store.listAlerts({ limit });
      if (parsed.values.json) await writeOut(listed.map((alert) => `${JSON.stringify(alert)}\n`).join(''));
      else await writeOut(listed.length === 0 ? 'no alerts\n' : `${listed.map((a) => `${a.date}  ${a.rule}  ${a.message}  [${a.items.slice(0, 3).join(', ')}${a.items.length > 3 ? ', …' : ''}]`).join('\n')}\n`);
    } finally {
      await store.close();
    }
    return failed > 0 ? 1 : 0;
  },
};
