import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { openStore } from '../store/store.js';
import { storyDocs } from '../store/stories.contract.js';
import { Sink } from '../test-support/export-fixtures.js';
import { exportEvents, type ExportFormat } from './export.js';
import { GDELT_HEADER } from './gdelt.js';

const dir = mkdtempSync(join(tmpdir(), 'dyad-verified-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('exports carry the analyst\'s mark: accepted and corrected events are verified, rejected ones are left out', async () => {
  const store = await openStore(join(dir, 'verified.db'));
  try {
    const docs = storyDocs();
    await store.putDocs(Object.values(docs));
    const accepted = `${docs.first.id}:e1`;
    const corrected = `${docs.second.id}:e1`;
    const rejected = `${docs.elsewhere.id}:e1`;
    const total = await store.countEvents();
    await store.putOverride(accepted, { verdict: 'accept', analyst: 'ana' });
    const correction = await store.putOverride(corrected, { verdict: 'correct', analyst: 'bo', correction: { casualties: { killed: 5 } } });
    await store.putOverride(rejected, { verdict: 'reject', analyst: 'ana', reason: 'a different town' });
    const run = async (format: ExportFormat) => {
      const sink = new Sink();
      await exportEvents(store, sink, { format });
      return sink.text();
    };

    const rows = parse(await run('csv'), { columns: true }) as Array<Record<string, string>>;
    assert.equal(rows.length, total - 1);
    const byId = new Map(rows.map((row) => [row.id, row]));
    assert.equal(byId.has(rejected), false);
    assert.deepEqual([byId.get(accepted)?.verified, byId.get(accepted)?.verified_by], ['accepted', 'ana']);
    assert.deepEqual([byId.get(corrected)?.verified, byId.get(corrected)?.killed, byId.get(corrected)?.verified_at], ['corrected', '5', correction.at]);
    assert.equal(rows.filter((row) => row.verified === '').length, total - 3, 'the others only the coder has seen');

    const plover = (await run('plover')).trim().split('\n').map((line) => JSON.parse(line) as { id: string; dyad: { verified: string | null } });
    assert.equal(plover.find((r) => r.id === corrected)?.dyad.verified, 'corrected');
    assert.equal(plover.some((r) => r.id === rejected), false);

    const gdelt = (await run('gdelt')).trim().split('\n').map((line) => line.split('\t'));
    const column = GDELT_HEADER.indexOf('DyadVerified');
    assert.equal(gdelt.find((cells) => cells[0] === accepted)?.[column], 'accepted');
  } finally {
    await store.close();
  }
});
