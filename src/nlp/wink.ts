import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

type WinkNlp = ReturnType<typeof winkNLP>;
export type WinkDoc = ReturnType<WinkNlp['readDoc']>;
export type WinkIts = WinkNlp['its'];

/** One of the core model's string tables: wink adds every out-of-vocabulary string it meets to it. */
interface StringTable {
  hash: Record<string, number | undefined>;
  list: string[];
  maxIndex?: number;
}

interface CoreModel {
  features: Record<string, Partial<StringTable> | undefined>;
}

/**
 * A string of ASCII letters alone or digits alone is one word or one number however wink meets it, and
 * what wink stores for it is a function of the string: remembering it changes no later output and
 * spares wink working out its features again in every article (~80% of what an article teaches it).
 */
const HARMLESS = /^(?:[A-Za-z]+|[0-9]+)$/;

/**
 * wink's tokenizer consults its lexicon before it splits a string, and it adds every new string it
 * meets to that lexicon: after one document has "Trump’s." or "16-year-old," in it, those strings are
 * single tokens in every later document. A document's tokens would then depend on what the process
 * read before it. A session reads each document against the model's own lexicon: the strings a
 * document taught wink that could change how later text is split are taken out of the lookup table
 * when it has been read.
 *
 * The forgotten strings still hold slots in wink's private feature arrays, and the small prefix and
 * shape tables (whose indices wink packs into 13- and 14-bit fields) keep what they learned, so the
 * instance is rebuilt from the model before either can grow without bound. What wink stores there is a
 * function of the string alone, so rebuilding changes no output.
 */
export class WinkSession {
  private nlp!: WinkNlp;
  private lexemes!: StringTable;
  private bounded: StringTable[] = [];
  private pristineSize = 0;
  /** How many times the instance was built from the model (the first load included). */
  rebuilds = 0;

  /**
   * @param rebuildAfter new strings wink may hold before it is rebuilt: a rebuild costs ~60 ms, and a
   *   news article teaches it ~40 strings, so the default makes it one per ~2,500 articles (~10 MB).
   */
  constructor(
    private readonly rebuildAfter = 100_000,
    /** Forget harmless strings too: the plain reference the session is tested against. */
    private readonly forgetAll = false,
  ) {
    this.build();
  }

  /** Reads `text` and hands wink's document to `use`, which must take out of it all it needs. */
  read<T>(text: string, use: (doc: WinkDoc, its: WinkIts) => T): T {
    const mark = this.lexemes.list.length;
    try {
      return use(this.nlp.readDoc(text), this.nlp.its);
    } finally {
      this.forgetSince(mark);
    }
  }

  /**
   * wink reads some lemmas through an index past the end of its model's lexicon ("cannot," before a
   * comma): on a fresh instance that gives null, after other documents whatever string was learned at
   * that index. A lemma is kept only when it is the token's own normal form or a word of the model.
   */
  lemma(lemma: string | null | undefined, normal: string): string {
    if (lemma === normal || lemma === undefined || lemma === null) return normal;
    const index = this.lexemes.hash[lemma];
    return index !== undefined && index < this.pristineSize ? lemma : normal;
  }

  private forgetSince(mark: number): void {
    const { hash, list } = this.lexemes;
    // wink reads a missing string and one set to undefined alike. Deleting would leave a tombstone in
    // the 90,000-key table at each string, and lookups slow down as they accumulate.
    for (let i = mark; i < list.length; i += 1) {
      const value = list[i]!;
      if (hash[value] === i && (this.forgetAll || !HARMLESS.test(value))) hash[value] = undefined;
    }
    const nearFull = this.bounded.some((table) => table.list.length > table.maxIndex! * 0.75);
    if (list.length - this.pristineSize > this.rebuildAfter || nearFull) this.build();
  }

  private build(): void {
    let core: CoreModel | undefined;
    // wink builds its lexicon from `core()` on every instance: wrapping it gives this session the
    // tables that instance learns into.
    const capturing = Object.assign(Object.create(null) as object, model, {
      core: () => (core = (model as unknown as { core: () => CoreModel }).core()),
    }) as typeof model;
    this.nlp = winkNLP(capturing, ['sbd', 'pos']);
    if (!core) throw new Error('wink did not load its core model');
    this.lexemes = table(core, 'lexeme');
    this.pristineSize = this.lexemes.list.length;
    this.bounded = Object.values(core.features).filter(
      (feature): feature is StringTable => !!feature?.hash && !!feature.list && typeof feature.maxIndex === 'number',
    );
    this.rebuilds += 1;
  }
}

function table(core: CoreModel, name: string): StringTable {
  const feature = core.features[name];
  if (!feature?.hash || !feature.list) throw new Error(`wink's core model has no ${name} table`);
  return feature as StringTable;
}

/**
 * wink's model takes ~200 ms to load: one session per process, on first use. Only sentence
 * boundaries and part of speech: wink's own negation, sentiment and entity passes cost a third of
 * its time and Dyad has stages of its own for those.
 */
let session: WinkSession | undefined;
export function wink(): WinkSession {
  session ??= new WinkSession();
  return session;
}
