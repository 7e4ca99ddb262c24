import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VALUE_WIDTH } from '../parser/dense.js';
import { makeDoc } from '../../test-support/make-doc.js';
import { splitSentences } from '../../stages/tokens/tokens.js';
import { clusterAt, formatClusters, LEAF_CLUSTERS, parseClusters } from './clusters.js';
import { CLASSES, EncodedSentence, FEATURES, FormMemory, OUTSIDE, beginClass, insideClass, nerValues } from './features.js';
import { gazetteerNames, knowledgeLexicon } from './lexicon.js';
import { shippedNer } from './load.js';
import { allowed, decode, NerTagger, spansOf } from './tagger.js';

test('the cluster table reads back what was written and names the bad line', () => {
  const table = new Map([['paris', 17], ['berlin', 18], ['the', LEAF_CLUSTERS - 1]]);
  assert.deepEqual(parseClusters(formatClusters(table), 'c.tsv'), table);
  assert.throws(() => parseClusters('paris\t17\nberlin\tx\n', 'c.tsv'), /c\.tsv:2:/);
  assert.throws(() => parseClusters(`paris\t${LEAF_CLUSTERS}\n`, 'c.tsv'), /c\.tsv:1:/);
  // A leaf's coarser clusters are its high digits: 1,024 leaves, 256, then 64 groups.
  assert.deepEqual([clusterAt(1023, 0), clusterAt(1023, 1), clusterAt(1023, 2)], [63, 255, 1023]);
  assert.deepEqual([clusterAt(17, 0), clusterAt(17, 1), clusterAt(-1, 0)], [1, 4, -1]);
});

test('an I- only continues a name of its own type; spans are read off the classes', () => {
  const PER = 0;
  const ORG = 1;
  assert.equal(allowed(insideClass(PER), OUTSIDE), false);
  assert.equal(allowed(insideClass(PER), beginClass(ORG)), false);
  assert.equal(allowed(insideClass(PER), beginClass(PER)), true);
  assert.equal(allowed(insideClass(PER), insideClass(PER)), true);
  assert.equal(allowed(beginClass(ORG), CLASSES), true);
  const classes = Int32Array.from([beginClass(PER), insideClass(PER), OUTSIDE, beginClass(ORG)]);
  const spans = spansOf(classes, new Float64Array([10, 2, 0, 0]), 4, 1);
  assert.deepEqual(spans.map((s) => [s.first, s.last, s.type]), [[0, 1, 'PER'], [3, 3, 'ORG']]);
  assert.ok(spans[0]!.confidence < 0.9 && spans[0]!.confidence > 0.5);
});

/** The feature values of every token of a text's first sentence, through the given memory. */
function featureValues(memory: FormMemory, text: string): number[][] {
  const doc = makeDoc(text, [splitSentences()]);
  const tokens = doc.layers.tokens!;
  const sentence = new EncodedSentence();
  sentence.encode(memory, text, tokens, 0, tokens.length, gazetteerNames(text, undefined, tokens, 0, tokens.length), false);
  const classes = new Int32Array(tokens.length);
  const out = new Int32Array(FEATURES * VALUE_WIDTH);
  return tokens.map((_, i) => Array.from(out.subarray(0, nerValues(sentence, i, classes, out) * VALUE_WIDTH)));
}

test('features do not depend on the forms a memory saw before', () => {
  const lexicon = knowledgeLexicon(new Map([['armenia', 5]]));
  const text = 'Officials in Armenia met Anna Kessler of the Norvel Mining Company.';
  const fresh = featureValues(new FormMemory(lexicon), text);
  const small = new FormMemory(lexicon, 20);
  featureValues(small, 'Other words fill the small memory until it has to forget them all.');
  assert.deepEqual(featureValues(small, text), fresh);
});

test('the shipped model finds people, organisations and places in a text of our own', () => {
  const text = 'Officials of the Norvel Mining Company met Anna Kessler in Nairobi on Monday. Peter Dravnik said nothing.';
  const doc = makeDoc(text, [splitSentences()]);
  const tagger = new NerTagger(shippedNer());
  const found = doc.layers.sentences!.flatMap((s) => tagger.tag(text, undefined, doc.layers.tokens!, s.tokenStart, s.tokenEnd))
    .map((span) => [text.slice(doc.layers.tokens![span.first]!.start, doc.layers.tokens![span.last]!.end), span.type]);
  assert.deepEqual(found, [['Norvel Mining Company', 'ORG'], ['Anna Kessler', 'PER'], ['Nairobi', 'LOC'], ['Peter Dravnik', 'PER']]);
  // A sentence without capitals is settled without scoring a token.
  assert.deepEqual(tagger.tag('no names here', undefined, makeDoc('no names here', [splitSentences()]).layers.tokens!, 0, 3), []);
});

test('per-form sums of the form features choose what scoring every feature chooses', () => {
  const model = shippedNer();
  const text = 'The Norvel Mining Company said on Tuesday that Anna Kessler of Kessler Partners had left Geneva for Nairobi, where the UN office opened. SOCCER - LYON BEAT MONACO IN PARIS.';
  const doc = makeDoc(text, [splitSentences()]);
  const tokens = doc.layers.tokens!;
  const tagger = new NerTagger(model);
  const memory = new FormMemory(model.lexicon);
  for (const s of doc.layers.sentences!) {
    const sentence = new EncodedSentence();
    sentence.encode(memory, text, tokens, s.tokenStart, s.tokenEnd, gazetteerNames(text, undefined, tokens, s.tokenStart, s.tokenEnd), text.slice(s.start, s.end).startsWith('SOCCER'));
    const classes = new Int32Array(sentence.n);
    decode(model.weights, model.mask, sentence, classes);
    const spans = spansOf(classes, new Float64Array(sentence.n), sentence.n, 1).map((span) => [span.first + s.tokenStart, span.last + s.tokenStart, span.type]);
    // Twice: the second time every form's sums come from what the first computed.
    for (let pass = 0; pass < 2; pass += 1) {
      assert.deepEqual(tagger.tag(text, undefined, tokens, s.tokenStart, s.tokenEnd).map((span) => [span.first, span.last, span.type]), spans);
    }
  }
});
