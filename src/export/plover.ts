import type { EventLocation, EventParticipant } from '../doc/types.js';
import { verified, type ExportEvent } from './columns.js';

/**
 * PLOVER's location resolution as NGEC/POLECAT give it (Mordecai): 5 sub-city, 4 city, 3 district,
 * 2 province, 1 country. Dyad's subdivisions and named regions are both read as provinces.
 */
const RESOLUTION: Partial<Record<NonNullable<EventLocation['resolution']>, number>> = { city: 4, admin: 2, region: 2, country: 1 };

/** An entity object of the PLOVER manual's data fields: code, sector, entity_text, identifier_id. */
function entity(participant: EventParticipant): Record<string, unknown> {
  const record: Record<string, unknown> = { code: participant.country ?? participant.code, entity_text: participant.text };
  if (participant.sector) record.sector = participant.sector;
  if (participant.code) record.dyad_code = participant.code;
  // Dyad's own knowledge-base id (country:ARM, person:slug), where PLOVER suggests a Wikidata id.
  if (participant.kbId) record.identifier_id = participant.kbId;
  return record;
}

function eventLocation(location: EventLocation): Record<string, unknown> {
  const record: Record<string, unknown> = { extracted_place: location.name, resolved_place: location.name };
  const geonames = /^place:geonames:(\d+)$/.exec(location.placeId ?? '');
  if (geonames) record.geonameid = Number(geonames[1]);
  if (location.lat !== undefined) record.lat = location.lat;
  if (location.lon !== undefined) record.lon = location.lon;
  if (location.country) record.country_code = location.country;
  const resolution = location.resolution && RESOLUTION[location.resolution];
  if (resolution) record.resolution = resolution;
  if (location.placeId) record.dyad_place_id = location.placeId;
  return record;
}

function size(event: ExportEvent): Record<string, number> | undefined {
  const casualties = event.event.casualties;
  if (!casualties) return undefined;
  const record: Record<string, number> = {};
  if (casualties.killed) record.dead = casualties.killed.min;
  if (casualties.injured) record.injured = casualties.injured.min;
  if (casualties.arrested) record.arrested = casualties.arrested.min;
  return Object.keys(record).length > 0 ? record : undefined;
}

/**
 * One event as a PLOVER JSON record: the field names of the PLOVER manual's "Data Fields" chapter (id,
 * date, enddate, actor, recipient, event, event_loc, event_text, quad_code, event_scale, mode, context,
 * link, text_info, cite_info, coder, size), the names NGEC writes for POLECAT where the manual has
 * none (event_type, event_mode, contexts, story_id for the source article, pub_date, headline), and
 * Dyad's evidence and flags under `dyad`. `link`, the manual's common reference across related
 * events, is the story id; absent fields are left out, as the manual allows.
 */
export function ploverRecord(event: ExportEvent, coder: string): Record<string, unknown> {
  const { event: coded } = event;
  const record: Record<string, unknown> = { id: event.id };
  if (event.dateStart) record.date = event.dateStart;
  if (event.dateEnd && event.dateEnd !== event.dateStart) record.enddate = event.dateEnd;
  record.actor = coded.actors.map(entity);
  record.recipient = coded.recipients.map(entity);
  record.event = [coded.plover];
  record.event_type = coded.plover;
  const modes = coded.mode ? [coded.mode] : [];
  record.mode = modes;
  record.event_mode = modes;
  record.context = coded.contexts ?? [];
  record.contexts = coded.contexts ?? [];
  if (coded.location) record.event_loc = eventLocation(coded.location);
  record.event_text = event.sentences;
  record.quad_code = coded.quadClass;
  if (coded.goldstein !== null) record.event_scale = coded.goldstein;
  if (event.storyId) record.link = event.storyId;
  const first = coded.evidence.sentences[0];
  if (first) record.text_info = { sequence: first.index, start: first.start, end: first.end };
  const cite: Record<string, unknown> = { coder, codebook: 'plover' };
  if (event.url) cite.url = event.url;
  if (event.title) cite.title = event.title;
  record.cite_info = cite;
  record.coder = coder;
  record.coded_date = event.storedAt.slice(0, 10);
  const counts = size(event);
  if (counts) record.size = counts;
  record.has_event = true;
  record.story_id = event.docId;
  if (event.published) record.pub_date = event.published;
  if (event.title) record.headline = event.title;
  record.dyad = {
    doc_id: event.docId, input_id: event.inputId, story_id: event.storyId ?? null, quote_id: coded.evidence.quote ?? null,
    cameo: coded.cameo, date: coded.date ?? null, mediators: (coded.mediators ?? []).map(entity), casualties: coded.casualties ?? {},
    confidence: coded.confidence, negated: coded.negated, hypothetical: coded.hypothetical, future: coded.future,
    historical: coded.historical, trigger: coded.trigger.text, pattern: coded.pattern,
    verified: verified(event) ?? null, review: coded.review ?? null,
  };
  return record;
}
