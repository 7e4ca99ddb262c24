import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatIssue } from './files.js';
import { checkKnowledge, knowledgeManifest } from './check.js';

test('every shipped knowledge file is valid and listed in the manifest with its source and licence', () => {
  assert.deepEqual(checkKnowledge().map(formatIssue), []);
  const manifest = knowledgeManifest();
  assert.match(manifest.version, /^\d{4}\.\d+\.\d+$/);
  assert.ok(manifest.files.every((file) => file.licence && file.source));
});
