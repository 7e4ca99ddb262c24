import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { createEngine } from '../src/engine/engine.js';
import { analysisOf } from '../src/test-support/analysis.js';
import { variedArticles } from '../src/test-support/varied-articles.js';
import { repoRoot } from './paths.js';

const run = promisify(execFile);

const articles = variedArticles(300);
const inputs = articles.map((article) => ({ content: article.text, kind: 'text' as const, published: article.published }));

/** A document coded alone in a process of its own: nothing was read before it. */
const CHILD = `
import { createEngine } from './dist/src/index.js';
import { analysisOf } from './dist/src/test-support/analysis.js';
let content = '';
for await (const chunk of process.stdin) content += chunk;
process.stdout.write(analysisOf(createEngine().extract({ content, kind: 'text', published: process.argv[1] })));
`;

async function codedAlone(text: string, published: string): Promise<string> {
  const child = run(process.execPath, ['--input-type=module', '-e', CHILD, published], { cwd: repoRoot(), maxBuffer: 64 * 1024 * 1024 });
  child.child.stdin!.end(text);
  return (await child).stdout;
}

test('a document is coded the same whatever the process read before it', async (t) => {
  const engine = createEngine();
  const forward = inputs.map((input) => analysisOf(engine.extract(input)));
  const reversed = [...inputs].reverse().map((input) => analysisOf(engine.extract(input))).reverse();
  const differing = forward.filter((analysis, i) => analysis !== reversed[i]).length;
  assert.equal(differing, 0, `${differing} of ${inputs.length} documents differ between two orders`);

  await t.test('and the same as in a process of its own', async () => {
    // Spread over the corpus, so each one was coded after many others in this process.
    const sample = [3, 77, 151, 229, 298];
    for (let i = 0; i < sample.length; i += 2) {
      const pair = sample.slice(i, i + 2);
      const alone = await Promise.all(pair.map((n) => codedAlone(articles[n]!.text, articles[n]!.published)));
      pair.forEach((n, j) => assert.equal(alone[j], forward[n], `article ${n} differs when coded alone`));
    }
  });
});
