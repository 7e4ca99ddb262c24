import { evaluateAsync, formatReport, GoldFormatError, isTask, NoParserError, TASKS } from '../../index.js';
import { integerOption, parseCommand, RuntimeError, stringOption, UsageError } from './args.js';
import type { Command } from './command.js';
import { writeOut } from './io.js';

const USAGE = `Usage: dyad eval <task> --gold <file|folder> [--json] [--misses N]

Scores one component of Dyad on gold data: each gold file of the task's format at --gold (a file, or
every such file under a folder) is one set.

Tasks:
  ner         entities: f1, precision, recall (PER/ORG/LOC), f1_all (every type of the file), per_type
  parse       dependencies (CoNLL-U): uas, las, upos
  geo         toponyms: acc161, coverage, median_km on gold spans; detect_f1 end to end
  dates       dates and times: value_f1, detection_f1
  quotes      direct_f1, direct_speaker, indirect_f1 (and the quotation-mark baseline)
  casualties  killed_exact, killed_within1, injured_exact; of the events coded from the first 500
              articles: events_with_actor, events_with_place, events_with_own_date
  extraction  main text from HTML: f1, precision, recall
  events      event sets: type_acc, type_macro_f1, pentaclass_acc, cameo_exact, cameo_root, source_f1,
              target_f1, source_country, target_country, no_event_acc, label_f1 (KILL, ARREST, FORCE),
              ece; a confusion matrix and a reliability table
  stories     articles with an incident_id, coded into a fresh store per half of the incidents (even
              ids: tuned on; odd: held out): bcubed_f1, pairwise_f1 of documents grouped by their main
              story (the story of their events reported by the most documents, then the one of their
              most intense event by Goldstein score, then of their deadliest) against the incidents;
              killed_exact, injured_exact of each incident's story's best figures

Options:
  --gold PATH   gold file or folder (required)
  --json        print one JSON object {task, dyad, sets: [{file, items, metrics, targets?, tables?}]}
  --misses N    show N errors per set, chosen by a hash of the item id (the same on every run)
  -h, --help    show this help`;

export const evalCommand: Command = {
  name: 'eval',
  usage: USAGE,
  async run(args) {
    const parsed = parseCommand('eval', args, { gold: { type: 'string' }, json: { type: 'boolean' }, misses: { type: 'string' } });
    if (parsed.values.help) {
      await writeOut(`${USAGE}\n`);
      return 0;
    }
    const [task, ...extra] = parsed.positionals;
    if (task === undefined) throw new UsageError(`eval: name a task (${TASKS.join(', ')})`);
    if (!isTask(task)) throw new UsageError(`eval: unknown task "${task}" (tasks: ${TASKS.join(', ')})`);
    if (extra.length > 0) throw new UsageError(`eval: one task at a time, got also "${extra.join(' ')}"`);
    const gold = stringOption(parsed, 'gold');
    if (!gold) throw new UsageError('eval: --gold <file|folder> is required');
    const misses = integerOption(parsed, 'misses', 0);
    let report;
    try {
      report = await evaluateAsync(task, gold, { misses });
    } catch (error) {
      if (error instanceof GoldFormatError || error instanceof NoParserError) throw new RuntimeError(error.message);
      throw error;
    }
    await writeOut(parsed.values.json ? `${JSON.stringify(report)}\n` : `${formatReport(report)}\n`);
    return 0;
  },
};
