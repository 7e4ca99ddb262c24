import { checkKnowledge, knowledgeManifest, formatIssue } from '../../index.js';
import { parseCommand, UsageError } from './args.js';
import type { Command } from './command.js';
import { writeOut } from './io.js';

const USAGE = `Usage: dyad knowledge check

Validates every knowledge file (actors, places, lexicons, event patterns, codebooks) and the manifest
that lists them; prints each problem as file:line: message and exits 1 when there is any.

Options:
  -h, --help   show this help`;

export const knowledgeCommand: Command = {
  name: 'knowledge',
  usage: USAGE,
  async run(args) {
    const parsed = parseCommand('knowledge', args, {});
    if (parsed.values.help) {
      await writeOut(`${USAGE}\n`);
      return 0;
    }
    if (parsed.positionals[0] !== 'check' || parsed.positionals.length > 1) throw new UsageError('usage: dyad knowledge check');
    const issues = checkKnowledge();
    const { version, files } = knowledgeManifest();
    if (issues.length === 0) {
      await writeOut(`knowledge ${version}: ${files.length} files, no problems\n`);
      return 0;
    }
    await writeOut(`${issues.map(formatIssue).join('\n')}\n`);
    process.stderr.write(`knowledge ${version}: ${issues.length} problem${issues.length === 1 ? '' : 's'}\n`);
    return 1;
  },
};
