/** Reading CoNLL-U treebanks (https://universaldependencies.org/format.html) for training and evaluation. */

export interface TreebankWord {
  form: string;
  upos: string;
  /** Head as an index into the sentence, -1 for the word the root governs. */
  head: number;
  deprel: string;
}

export interface TreebankSentence {
  id: string;
  /** The `# text` comment: the sentence as written. */
  text: string;
  words: TreebankWord[];
}

/**
 * The syntactic words of each sentence; multiword-token lines ("1-2 don't") and empty nodes ("8.1") are
 * left out, as the basic tree does not use them. A malformed line is an error naming its line number.
 */
export function readConllu(content: string): TreebankSentence[] {
  const sentences: TreebankSentence[] = [];
  let words: TreebankWord[] = [];
  let id = '';
  let text = '';
  const lines = content.split('\n');
  const finish = () => {
    if (words.length > 0) sentences.push({ id, text, words });
    words = [];
    id = '';
    text = '';
  };
  lines.forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') return finish();
    if (line.startsWith('#')) {
      const comment = /^#\s*(sent_id|text)\s*=\s?(.*)$/.exec(line);
      if (comment?.[1] === 'sent_id') id = comment[2]!;
      else if (comment?.[1] === 'text') text = comment[2]!;
      return;
    }
    const columns = line.split('\t');
    if (columns.length !== 10) throw new Error(`line ${index + 1}: ${columns.length} columns, CoNLL-U has 10`);
    const [position, form, , upos, , , head, deprel] = columns as [string, string, string, string, string, string, string, string];
    if (!/^\d+$/.test(position)) return;
    if (Number(position) !== words.length + 1) throw new Error(`line ${index + 1}: word ${position} where ${words.length + 1} was expected`);
    if (!/^\d+$/.test(head)) throw new Error(`line ${index + 1}: head "${head}" is not a number`);
    words.push({ form, upos, head: Number(head) - 1, deprel });
  });
  finish();
  for (const sentence of sentences) {
    if (sentence.words.some((word) => word.head >= sentence.words.length)) throw new Error(`sentence ${sentence.id}: a head points past the last word`);
  }
  return sentences;
}

/** True when no two arcs cross (drawn above the sentence, with the root arc from before the first word). */
export function isProjective(heads: readonly number[]): boolean {
  const n = heads.length;
  const arcs = heads.map((head, d) => (head < 0 ? [-1, d] : [Math.min(head, d), Math.max(head, d)]) as [number, number]);
  for (let a = 0; a < n; a += 1) {
    const [left, right] = arcs[a]!;
    for (let b = 0; b < n; b += 1) {
      const [l, r] = arcs[b]!;
      if (l > left && l < right && r > right) return false;
    }
  }
  return true;
}
