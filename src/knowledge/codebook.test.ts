import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkCodebook, getCodebook } from './codebook.js';

test('the shipped codebooks have no issues', () => {
  assert.deepEqual(checkCodebook(), []);
});

test('CAMEO lookups give name, Goldstein weight, quad class, PLOVER type and mode', () => {
  const codebook = getCodebook();
  const negotiate = codebook.cameo('046');
  assert.equal(negotiate?.plover, 'CONSULT');
  assert.equal(negotiate?.goldstein, 7);
  assert.equal(negotiate?.quadClass, 1);
  const ultimatum = codebook.cameo('139');
  assert.equal(ultimatum?.plover, 'THREATEN');
  assert.equal(ultimatum?.mode, 'relations');
  assert.equal(codebook.cameo('190')?.quadClass, 4);
  assert.equal(codebook.cameo('190')?.goldstein, -10);
  assert.equal(codebook.cameo('1246')?.plover, 'REJECT');
});

test('appeals (CAMEO 02) exist but map to no PLOVER type', () => {
  const appeal = getCodebook().cameo('0256');
  assert.match(appeal?.name ?? '', /de-escalation/i);
  assert.equal(appeal?.plover, undefined);
});

test('unknown codes are undefined, not guessed', () => {
  assert.equal(getCodebook().cameo('999'), undefined);
  assert.equal(getCodebook().plover('FIGHT'), undefined);
});

test('sixteen PLOVER types with quad classes and modes', () => {
  const codebook = getCodebook();
  assert.equal(codebook.ploverTypes.length, 16);
  assert.equal(codebook.plover('ASSAULT')?.quadClass, 4);
  assert.equal(codebook.plover('AGREE')?.quadClass, 1);
  assert.ok(codebook.plover('CONSULT')?.modes.includes('third-party'));
  assert.equal(codebook.plover('AID')?.requiresRecipient, true);
});
