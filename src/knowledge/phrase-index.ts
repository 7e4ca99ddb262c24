/** Multi-word phrases keyed by their first word, for finding the longest one that stands at a word position. */
export class PhraseIndex<P extends { readonly words: readonly string[] }> {
  /** First word → phrases starting with it, longest first (equal lengths in the order added). */
  private readonly byFirstWord = new Map<string, P[]>();

  add(phrase: P): void {
    const first = phrase.words[0]!;
    const list = this.byFirstWord.get(first);
    if (!list) {
      this.byFirstWord.set(first, [phrase]);
      return;
    }
    const shorter = list.findIndex((other) => other.words.length < phrase.words.length);
    list.splice(shorter < 0 ? list.length : shorter, 0, phrase);
  }

  /** The longest phrase (that `accept` allows) whose words are `words[at]`, `words[at + 1]`, …. */
  longestAt(words: readonly string[], at: number, accept?: (phrase: P) => boolean): P | undefined {
    const candidates = this.byFirstWord.get(words[at]!);
    if (!candidates) return undefined;
    for (const phrase of candidates) {
      if (accept && !accept(phrase)) continue;
      const length = phrase.words.length;
      if (at + length > words.length) continue;
      let same = true;
      for (let i = 1; i < length && same; i += 1) same = words[at + i] === phrase.words[i];
      if (same) return phrase;
    }
    return undefined;
  }
}
