import type { Actor, ActorMention } from '../../doc/types.js';

/**
 * The actors of one document while they are being resolved: lookup keys (kb id, full name, surname,
 * office + owner) and the order of mentions, which pronoun resolution reads back.
 */
export class ActorBook {
  readonly actors: Actor[] = [];
  private readonly byKey = new Map<string, Actor>();
  /** Actors whose name was made up from an office ("President of Kenya") and can take a real name later. */
  private readonly synthetic = new Set<Actor>();
  /** Every mention in the order it was added, with its actor (kept sorted by start). */
  readonly mentions: Array<{ mention: ActorMention; actor: Actor }> = [];
  private nextId = 1;

  get(key: string): Actor | undefined {
    return this.byKey.get(key);
  }

  create(fields: Omit<Actor, 'id' | 'mentions'>, keys: string[], synthetic = false): Actor {
    const actor: Actor = { id: `t${this.nextId++}`, ...dropUndefined(fields), mentions: [] };
    this.actors.push(actor);
    for (const key of keys) this.byKey.set(key, actor);
    if (synthetic) this.synthetic.add(actor);
    return actor;
  }

  addKey(key: string, actor: Actor): void {
    if (!this.byKey.has(key)) this.byKey.set(key, actor);
  }

  isSynthetic(actor: Actor): boolean {
    return this.synthetic.has(actor);
  }

  mention(actor: Actor, mention: ActorMention): void {
    if (actor.mentions.some((m) => m.start === mention.start && m.end === mention.end)) return;
    actor.mentions.push(mention);
    const entry = { mention, actor };
    let at = this.mentions.length;
    while (at > 0 && this.mentions[at - 1]!.mention.start > mention.start) at -= 1;
    this.mentions.splice(at, 0, entry);
  }

  /** Moves every mention and key of `from` onto `into` and forgets `from`. */
  merge(from: Actor, into: Actor): void {
    if (from === into) return;
    for (const mention of from.mentions) if (!into.mentions.some((m) => m.start === mention.start)) into.mentions.push(mention);
    for (const entry of this.mentions) if (entry.actor === from) entry.actor = into;
    for (const [key, actor] of this.byKey) if (actor === from) this.byKey.set(key, into);
    into.role ??= from.role;
    into.country ??= from.country;
    into.sector ??= from.sector;
    into.kbId ??= from.kbId;
    into.organisation ??= from.organisation;
    this.synthetic.delete(from);
    const index = this.actors.indexOf(from);
    if (index >= 0) this.actors.splice(index, 1);
  }

  /** Final actors: ids in order of first mention, mentions sorted, actors without mentions kept only when a group needs them. */
  finish(): Actor[] {
    const needed = new Set<string>();
    const used = this.actors.filter((actor) => actor.mentions.length > 0);
    const firstAt = (actor: Actor) => Math.min(...actor.mentions.map((m) => m.start));
    for (const actor of used) actor.mentions.sort((a, b) => a.start - b.start);
    used.sort((a, b) => firstAt(a) - firstAt(b));
    for (const actor of used) for (const member of actor.members ?? []) needed.add(member);
    const kept = [...used, ...this.actors.filter((actor) => actor.mentions.length === 0 && needed.has(actor.id))];
    const ids = new Map<string, string>();
    kept.forEach((actor, index) => ids.set(actor.id, `a${index + 1}`));
    for (const actor of kept) {
      actor.id = ids.get(actor.id)!;
      if (actor.members) actor.members = actor.members.map((member) => ids.get(member) ?? member);
      // A Doc is plain JSON: a key that was created without a value would not survive a round trip.
      for (const key of Object.keys(actor) as Array<keyof Actor>) if (actor[key] === undefined) delete actor[key];
    }
    return kept;
  }
}

function dropUndefined<T extends object>(value: T): T {
  const out = {} as T;
  for (const [key, field] of Object.entries(value)) if (field !== undefined) (out as Record<string, unknown>)[key] = field;
  return out;
}
