import assert from 'node:assert/strict';
import { test } from 'node:test';
import { containersAfter, embeddedPlace, isActorSubject, resolveMentions, type ToponymMention } from './context.js';
import { resolveToponym, type Resolved } from './resolve.js';

/** The spans of the names, in text order (each name's occurrences from left to right). */
function spans(text: string, names: readonly string[]): ToponymMention[] {
  const found: ToponymMention[] = [];
  for (const name of new Set(names)) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) found.push({ text: name, start: at, end: at + name.length });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Each name's reading in the text, by name (the first occurrence's). */
function readings(text: string, names: readonly string[]): Map<string, Resolved | undefined> {
  const mentions = spans(text, names);
  const resolved = resolveMentions(text, mentions);
  const byName = new Map<string, Resolved | undefined>();
  mentions.forEach((mention, i) => {
    if (!byName.has(mention.text)) byName.set(mention.text, resolved[i]);
  });
  return byName;
}

const near = (place: Resolved | undefined, lat: number, lon: number, degrees = 1.5) =>
  assert.ok(place && Math.abs(place.lat - lat) < degrees && Math.abs(place.lon - lon) < degrees, `${JSON.stringify(place)} is not near ${lat}, ${lon}`);

test('a containing state after the comma picks the town: "Paris, Texas" is not Paris, France', () => {
  const texan = readings('The fair opened in Paris, Texas, on a cold morning.', ['Paris', 'Texas']);
  assert.equal(texan.get('Paris')?.country, 'USA');
  assert.equal(texan.get('Paris')?.admin1, 'USA.TX');
  const french = readings('The fair opened in Paris on a cold morning.', ['Paris']);
  assert.equal(french.get('Paris')?.country, 'FRA');
});

test('written abbreviations and ISO codes of states contain a town only where such a town is', () => {
  assert.equal(readings('Farmers met in Springfield, Ill., last week.', ['Springfield']).get('Springfield')?.admin1, 'USA.IL');
  assert.equal(readings('Farmers met in Springfield, Mo., last week.', ['Springfield']).get('Springfield')?.admin1, 'USA.MO');
  assert.equal(readings('Flooding closed roads around Kanpur, UP, overnight.', ['Kanpur']).get('Kanpur')?.country, 'IND');
  assert.deepEqual(containersAfter('Kanpur', ', UP, overnight')?.containers, [{ country: 'IND', admin1: 'IND.36' }]);
  // A list of cities names no container: London holds no Rome.
  assert.equal(containersAfter('Rome', ', London and Berlin'), undefined);
});

test('a subdivision after "Town, " is read as the subdivision, the town inside it', () => {
  const found = readings('Police in Lucknow, Uttar Pradesh, arrested two men.', ['Lucknow', 'Uttar Pradesh']);
  assert.equal(found.get('Lucknow')?.admin1, 'IND.36');
  assert.equal(found.get('Uttar Pradesh')?.resolution, 'admin');
  near(found.get('Uttar Pradesh'), 27, 80.5);
});

test('subdivisions of any country resolve by name, with or without their kind word', () => {
  const empty = { countries: new Set<string>(), locative: false };
  const tamil = resolveToponym('Tamil Nadu', empty);
  assert.equal(tamil?.resolution, 'admin');
  assert.equal(tamil?.country, 'IND');
  near(tamil, 11, 78.5);
  assert.equal(resolveToponym('Alberta', empty)?.country, 'CAN');
  assert.equal(resolveToponym('Oaxaca State', empty)?.country, 'MEX');
  assert.equal(resolveToponym('Calif.', empty)?.placeId, 'place:geonames:5332921');
  assert.equal(resolveToponym('W.Va.', empty)?.admin1, 'USA.WV');
  // A US state's hand-written point (regions.jsonl) beats the centre estimated from its towns.
  const virginia = resolveToponym('Va.', empty);
  assert.deepEqual([virginia?.lat, virginia?.lon], [37.5, -78.5]);
});

test('a name of only generic words, and a two-letter code, are subdivisions only where their country is in view', () => {
  const empty = { countries: new Set<string>(), locative: false };
  assert.equal(resolveToponym('Western', empty), undefined);
  assert.notEqual(resolveToponym('BC', empty)?.placeId, 'place:geonames:5909050');
  assert.equal(resolveToponym('BC', { countries: new Set(['CAN']), locative: false })?.placeId, 'place:geonames:5909050');
  // No name places this text on its own, but Vancouver, Victoria and BC can all be read in Canada.
  const canadian = readings('Ferries from Vancouver to Victoria were cancelled across BC on Sunday.', ['Vancouver', 'Victoria', 'BC']);
  assert.equal(canadian.get('BC')?.name, 'British Columbia');
});

test('the other names of a document choose among namesakes; a name is never its own evidence', () => {
  const alabama = readings('The storm hit Montgomery and Tuscaloosa before it reached Birmingham.', ['Montgomery', 'Tuscaloosa', 'Birmingham']);
  assert.equal(alabama.get('Birmingham')?.admin1, 'USA.AL');
  assert.equal(readings('The storm reached Birmingham.', ['Birmingham']).get('Birmingham')?.country, 'GBR');
  const alone = readings('The storm reached Paris. Paris was flooded.', ['Paris']);
  assert.equal(alone.get('Paris')?.country, 'FRA');
  const ontario = readings('Schools in Toronto and Ottawa closed; in London the roads were icy.', ['Toronto', 'Ottawa', 'London']);
  assert.equal(ontario.get('London')?.country, 'CAN');
});

test('"Georgia" is the US state in news about the US and the country in news about the Caucasus', () => {
  const state = readings('Voters in Atlanta and Savannah decided the race in Georgia.', ['Atlanta', 'Savannah', 'Georgia']).get('Georgia');
  assert.equal(state?.country, 'USA');
  assert.equal(state?.admin1, 'USA.GA');
  assert.equal(readings('Protesters in Tbilisi and Batumi marched across Georgia.', ['Tbilisi', 'Batumi', 'Georgia']).get('Georgia')?.country, 'GEO');
});

test('a big city is what its same-named state usually means, unless the name stands after "Town, "', () => {
  const city = readings('Rents in New York rose again.', ['New York']).get('New York');
  assert.equal(city?.placeId, 'place:geonames:5128581');
  const state = readings('The plant in Albany, New York, will close.', ['Albany', 'New York']).get('New York');
  assert.equal(state?.resolution, 'admin');
});

test('second-level subdivisions resolve, in the state and country the document is about', () => {
  const ohio = readings('Voters in Dayton, Ohio, and across Montgomery County went to the polls.', ['Dayton', 'Ohio', 'Montgomery County']);
  assert.equal(ohio.get('Montgomery County')?.admin1, 'USA.OH');
  const cuyahoga = resolveToponym('Cuyahoga County', { countries: new Set(), locative: false });
  assert.equal(cuyahoga?.placeId, 'region:admin2-us-oh-035');
  near(cuyahoga, 41.45, -81.65, 0.5);
  const english = readings('Lorries queued from Dover to Folkestone and across Kent.', ['Dover', 'Folkestone', 'Kent']);
  assert.equal(english.get('Kent')?.admin1, 'GBR.ENG');
  assert.equal(readings('Shoppers in Seattle, Tacoma and Kent lined up.', ['Seattle', 'Tacoma', 'Kent']).get('Kent')?.admin1, 'USA.WA');
  // A town of the subdivision's name inside it is what the name means.
  assert.equal(readings('Fans in Birmingham and Coventry celebrated.', ['Birmingham', 'Coventry']).get('Birmingham')?.resolution, 'city');
});

test('a capital that speaks or acts stands for its government; a capital where talks are held does not', () => {
  assert.ok(isActorSubject(' said on Monday that'));
  assert.ok(isActorSubject(' has also imposed sanctions'));
  assert.ok(!isActorSubject(' is a city of parks'));
  assert.ok(!isActorSubject(' saying it would'));
  const spoke = readings('Washington said the sanctions would stay.', ['Washington']).get('Washington');
  assert.equal(spoke?.government, 'USA');
  assert.equal(spoke?.placeId, 'place:geonames:4140963');
  const hosted = readings('Talks in Washington ended without a deal.', ['Washington']).get('Washington');
  assert.equal(hosted?.government, undefined);
  assert.equal(hosted?.placeId, 'place:geonames:4140963');
});

test('GeoNames alternate names resolve, below a place\'s own name', () => {
  const found = readings('Officials in Moscow and St. Petersburg disagreed.', ['Moscow', 'St. Petersburg']);
  assert.equal(found.get('St. Petersburg')?.country, 'RUS');
  assert.equal(resolveToponym('Leningrad', { countries: new Set(), locative: false })?.country, 'RUS');
});

test('adjectives and bodies named for a region point at it', () => {
  const empty = { countries: new Set<string>(), locative: false };
  assert.equal(resolveToponym('European', empty)?.placeId, 'region:europe');
  assert.equal(resolveToponym('EU', empty)?.placeId, 'region:europe');
  assert.equal(resolveToponym('Russian', empty)?.placeId, 'country:RUS');
});

test('a place a longer name is built on, but not the place a street or a demonym names', () => {
  const empty = { countries: new Set<string>(), locative: false };
  assert.equal(embeddedPlace('Harare City Council', empty)?.country, 'ZWE');
  assert.equal(embeddedPlace('University of California', empty)?.resolution, 'admin');
  assert.equal(embeddedPlace('Walker County Sheriff\'s Office', empty)?.resolution, 'admin');
  assert.equal(embeddedPlace('French Quarter', empty), undefined);
  assert.equal(embeddedPlace('Central American', empty), undefined);
});

test('a state abbreviation after a town we do not know places it in that state, not in a namesake elsewhere', () => {
  // No GeoNames town of this name is in Missouri; one is in Georgia.
  const stated = readings('TYRONE, Mo. (AP) — A sheriff named the victims.', ['TYRONE']).get('TYRONE');
  assert.equal(stated?.admin1, 'USA.MO');
  assert.equal(stated?.resolution, 'admin');
  assert.equal(containersAfter('Tyrone', ', Mo. (AP)')?.holds, false);
  assert.equal(containersAfter('Springfield', ', Mo., last week')?.holds, true);
  // A full state name after a comma may be the next item of a list: it places nothing it does not hold.
  assert.equal(containersAfter('West Palm Beach', ', New York'), undefined);
});

test('a small town in another state than those the document names is a namesake, not the place', () => {
  const ohio = 'Deputies in Dayton, Ohio, and across Montgomery County said the shooting happened at the Lockwood facility.';
  assert.equal(readings(ohio, ['Dayton', 'Ohio', 'Montgomery County', 'Lockwood']).get('Lockwood'), undefined);
  const context = { countries: new Set(['USA']), admin1s: new Set(['USA.TX']), locative: true };
  assert.equal(embeddedPlace('Hermann Hospital', context), undefined, 'a hospital named after a Missouri town, in Texas');
  assert.equal(embeddedPlace('Hermann Hospital', { countries: new Set(['USA']), locative: true })?.admin1, 'USA.MO',
    'without a state in view the town is still read');
  assert.equal(readings('She lives in Lockwood, Mont., and works in Billings.', ['Lockwood', 'Billings']).get('Lockwood')?.admin1, 'USA.MT');
});

test('the same text gives the same readings', () => {
  const text = 'Flooding in Paris, Texas, and in Lucknow, Uttar Pradesh, as Washington said it would help.';
  const names = ['Paris', 'Texas', 'Lucknow', 'Uttar Pradesh', 'Washington'];
  assert.deepEqual(resolveMentions(text, spans(text, names)), resolveMentions(text, spans(text, names)));
});

test('a name the text places ("Rome, N.Y.") is that place where the document repeats it alone', () => {
  const text = 'Rome, N.Y. - Police in Rome said a baby died. Rome police arrested the boyfriend in Whitesboro.';
  const mentions = spans(text, ['Rome', 'Whitesboro']);
  const resolved = resolveMentions(text, mentions);
  mentions.forEach((mention, i) => {
    if (mention.text === 'Rome') assert.equal(resolved[i]?.admin1, 'USA.NY', `${mention.start}`);
  });
});

test('a dateline placed by its state puts the document\'s other towns in that state', () => {
  const text = 'Teen shot in park\nSPRINGFIELD, Ill. (AP) — A man from Aurora was shot on Sunday.';
  const byName = readings(text, ['SPRINGFIELD', 'Aurora']);
  assert.equal(byName.get('SPRINGFIELD')?.admin1, 'USA.IL');
  assert.equal(byName.get('Aurora')?.admin1, 'USA.IL');
  assert.equal(readings('A man from Aurora was shot on Sunday.', ['Aurora']).get('Aurora')?.admin1, 'USA.CO');
});

test('an address\'s "Street" read as a name of its own does not carry a town stated in Virginia to England', () => {
  const text = 'Norfolk, Va,-Norfolk police were on the scene. The shooting took place at 861 W. 36th Street.';
  const names = ['Norfolk', 'Norfolk', 'Street'].map((name, i) => {
    const start = i === 0 ? 0 : i === 1 ? text.indexOf('Norfolk', 1) : text.indexOf('Street');
    return { text: name, start, end: start + name.length };
  });
  const [first, second] = resolveMentions(text, names);
  assert.equal(first?.admin1, 'USA.VA');
  assert.equal(second?.admin1, 'USA.VA');
});

test('a capital\'s other name does not outweigh the city whose own name it is ("Philadelphia" is not Amman)', () => {
  const empty = { countries: new Set<string>(), locative: false };
  assert.equal(resolveToponym('Philadelphia', empty)?.admin1, 'USA.PA');
  assert.equal(resolveToponym('Kiev', empty)?.country, 'UKR');
  assert.equal(resolveToponym('Peking', empty)?.country, 'CHN');
});

test('a quarter named by a compound direction is in the city after it ("Southwest Baltimore", "North-East Syria")', () => {
  const empty = { countries: new Set<string>(), locative: false };
  assert.equal(embeddedPlace('Southwest Baltimore', empty)?.admin1, 'USA.MD');
  assert.equal(embeddedPlace('Northeast Philadelphia', empty)?.admin1, 'USA.PA');
  assert.equal(embeddedPlace('North-East Syria', empty)?.country, 'SYR');
  assert.equal(embeddedPlace('Southwestern Nigeria', empty)?.country, 'NGA');
});
