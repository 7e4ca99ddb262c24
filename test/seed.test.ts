/**
 * Acceptance test: `dyad extract` on the shared seed article, checked item by item against
 * shared/seed/expected.md. The article is read by path and never copied into the project.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Actor, Doc, Event, EventParticipant } from '../src/doc/types.js';
import { cliPath, sharedDir } from './paths.js';

const shared = sharedDir();
const seedPath = shared ? join(shared, 'seed', 'article.txt') : undefined;
const skip = !seedPath || !existsSync(seedPath) ? 'shared/seed/article.txt is absent: seed acceptance test skipped' : false;

function extractSeed(): Doc {
  const out = execFileSync(process.execPath, [cliPath(), 'extract', seedPath!, '--published', '2020-10-09', '--format', 'json'], {
    encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out) as Doc;
}

describe('seed article (shared/seed/expected.md)', { skip }, () => {
  const doc = skip ? undefined : extractSeed();
  const d = () => doc!;
  const layer = <K extends keyof Doc['layers']>(name: K) => d().layers[name] ?? assert.fail(`layer ${name} missing`);
  const actorById = (id?: string): Actor | undefined => layer('actors').find((a) => a.id === id);
  const codes = (people: EventParticipant[]) => new Set(people.map((p) => p.country ?? p.code ?? ''));
  const eventsOf = (type: string): Event[] => layer('events').filter((e) => e.plover === type);

  test('clean text: no page furniture, 12 paragraphs, Unicode punctuation kept', () => {
    assert.ok(!/follow us on/i.test(d().text));
    assert.equal(layer('paragraphs').length, 12);
    assert.ok(d().text.includes('“') && d().text.includes('’') && d().text.includes('–'));
  });

  test('countries and their people resolve to ARM, AZE, RUS, TUR', () => {
    const resolved = (surface: string) =>
      layer('entities').filter((e) => e.text === surface).map((e) => e.kb?.country);
    for (const [surface, code] of [
      ['Armenia', 'ARM'], ['Armenian', 'ARM'], ['Armenians', 'ARM'], ['Azerbaijan', 'AZE'], ['Azerbaijani', 'AZE'],
      ['Azeri', 'AZE'], ['Russia', 'RUS'], ['Russian', 'RUS'], ['Turkey', 'TUR'],
    ] as const) {
      const found = resolved(surface);
      assert.ok(found.length > 0 && found.every((c) => c === code), `${surface} → ${code}, got ${found.join(',')}`);
    }
  });

  test('people resolve to their country or organisation and sector', () => {
    const actorNamed = (name: string) => layer('actors').find((a) => a.name.includes(name));
    const aliyev = actorNamed('Aliyev');
    assert.equal(aliyev?.country, 'AZE');
    assert.equal(aliyev?.sector, 'GOV');
    const mentions = aliyev!.mentions.map((m) => m.text.toLowerCase());
    assert.ok(mentions.some((m) => m.includes('president')), 'Azerbaijan’s president is Aliyev');
    assert.ok(mentions.includes('he'), '"he" in P3 is Aliyev');
    assert.equal(actorNamed('Lavrov')?.country, 'RUS');
    const tedros = actorNamed('Tedros');
    assert.ok(tedros?.kbId?.includes('WHO') || tedros?.sector === 'IGO' || tedros?.role?.includes('WHO'), 'Tedros is WHO');
    assert.ok(layer('entities').some((e) => e.kb?.id === 'igo:WHO'), 'World Health Organization → WHO');
  });

  test('places are geocoded: Moscow, Geneva, Nagorno-Karabakh', () => {
    const near = (name: string, lat: number, lon: number) => {
      const place = layer('places').find((p) => d().text.slice(p.start, p.end).includes(name));
      assert.ok(place, `${name} geocoded`);
      assert.ok(Math.abs(place.lat - lat) < 0.5 && Math.abs(place.lon - lon) < 0.5, `${name} at ${place.lat},${place.lon}`);
    };
    near('Moscow', 55.75, 37.62);
    near('Geneva', 46.2, 6.14);
    near('Nagorno-Karabakh', 39.8, 46.7);
  });

  test('dates: September 27 → 2020-09-27, Friday → 2020-10-09, 1994, and a duration that is not a date', () => {
    const value = (surface: string) => layer('dates').find((x) => x.text.includes(surface));
    assert.equal(value('September 27')?.value, '2020-09-27');
    assert.equal(value('Friday')?.value, '2020-10-09');
    assert.equal(value('1994')?.value, '1994');
    const years = value('twenty-five years');
    assert.ok(!years || years.granularity === 'duration');
  });

  test('casualties: hundreds killed (≥ 100), thousands displaced (≥ 1000)', () => {
    const quantities = layer('quantities');
    assert.ok(quantities.some((q) => q.category === 'killed' && q.min === 100 && !q.exact));
    assert.ok(quantities.some((q) => q.category === 'displaced' && q.min === 1000 && !q.exact));
  });

  test('the four direct quotes and their speakers; the third continues the second', () => {
    const direct = layer('quotes').filter((q) => q.kind === 'direct');
    assert.equal(direct.length, 4);
    const speaker = (i: number) => actorById(direct[i]!.speaker?.actor)?.name ?? '';
    assert.ok(direct[0]!.text.startsWith('We will take back our lands'));
    assert.match(speaker(0), /Aliyev/);
    assert.ok(direct[1]!.text.startsWith('Karabakh is Azerbaijan'));
    assert.match(speaker(1), /Aliyev/);
    assert.ok(direct[2]!.text.startsWith('Let those holding talks'));
    assert.equal(direct[2]!.continued, true);
    assert.match(speaker(2), /Aliyev/);
    assert.ok(direct[3]!.text.startsWith('This is a pandemic'));
    assert.match(speaker(3), /Tedros/);
  });

  test('reported speech: Aliyev, the Armenian government, the head of the WHO', () => {
    const indirect = layer('quotes').filter((q) => q.kind === 'indirect');
    const by = (content: string) => indirect.find((q) => q.text.includes(content));
    const aliyev = by('giving Armenia the last chance');
    assert.match(actorById(aliyev?.speaker?.actor)?.name ?? '', /Aliyev/);
    const government = actorById(by('cessation of hostilities')?.speaker?.actor);
    assert.equal(government?.country, 'ARM');
    assert.equal(government?.sector, 'GOV');
    const who = actorById(by('health workers should never be attacked')?.speaker?.actor);
    assert.ok(who && (who.kbId?.includes('WHO') || who.name.includes('Tedros') || who.role?.includes('WHO')));
  });

  test('event 1: CONSULT between Armenia and Azerbaijan, mediated by Russia, in Moscow', () => {
    // A meeting is reciprocal: each party once, one acting and the other receiving.
    const talks = eventsOf('CONSULT').find((e) => e.reciprocal && codes([...e.actors, ...e.recipients]).has('ARM') && codes([...e.actors, ...e.recipients]).has('AZE'));
    assert.ok(talks, 'CONSULT ARM + AZE');
    assert.equal(codes(talks.actors).size, 1, 'each party on one side only');
    assert.ok(talks.mediators?.some((m) => m.country === 'RUS'), 'mediated by Russia');
    assert.equal(talks.location?.name, 'Moscow');
  });

  test('event 2: one ASSAULT record for the fighting, with its casualties and place', () => {
    const fighting = eventsOf('ASSAULT').filter((e) => {
      const all = codes([...e.actors, ...e.recipients]);
      return all.has('ARM') && all.has('AZE');
    });
    assert.equal(fighting.length, 1, 'the fighting is one record');
    const event = fighting[0]!;
    assert.equal(event.casualties?.killed?.min, 100);
    assert.equal(event.casualties?.displaced?.min, 1000);
    assert.ok(event.evidence.sentences.length >= 2, 'fighting, renewed fighting and clashes are one event');
  });

  test('event 3: REJECT Azerbaijan → Armenia', () => {
    assert.ok(eventsOf('REJECT').some((e) => codes(e.actors).has('AZE') && codes(e.recipients).has('ARM')));
  });

  test('events 4–6: at least two THREATEN/REQUEST by Azerbaijan → Armenia', () => {
    const aimed = [...eventsOf('THREATEN'), ...eventsOf('REQUEST')].filter(
      (e) => codes(e.actors).has('AZE') && codes(e.recipients).has('ARM'),
    );
    assert.ok(aimed.length >= 2, `found ${aimed.length}`);
  });

  test('event 7: REQUEST (ceasefire) by the WHO to the parties, in Geneva', () => {
    const appeal = eventsOf('REQUEST').find((e) => e.actors.some((a) => a.code === 'IGOWHO' && a.organisation === 'igo:WHO'));
    assert.ok(appeal, 'REQUEST by WHO');
    const to = codes(appeal.recipients);
    assert.ok(to.has('ARM') && to.has('AZE'), 'addressed to the parties of the fighting');
    assert.ok(Math.abs((appeal.location?.lat ?? 0) - 46.2) < 0.5, 'made in Geneva');
  });

  test('not events: stances, fears and background relations', () => {
    const sentenceAt = (offset: number) =>
      layer('sentences').find((s) => s.start <= offset && offset < s.end) ?? assert.fail('trigger outside every sentence');
    for (const event of layer('events')) {
      assert.ok(event.evidence.sentences.length > 0, 'every event has evidence');
      const sentence = d().text.slice(sentenceAt(event.trigger.start).start, sentenceAt(event.trigger.start).end);
      assert.ok(!/regard the region/.test(sentence), `a stance coded as ${event.plover}`);
      if (/fears of a wider war|security of pipelines/.test(sentence)) {
        assert.equal(event.plover, 'ASSAULT', `"${event.trigger.text}" in a sentence of fears or background`);
      }
    }
  });
});
