import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodeText } from './decode.js';

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const story = 'The envoy said “we will not give up” — and the crowd in Genève cheered. ';

test('one invalid byte in UTF-8 text is replaced with a warning; the quotes around it survive', () => {
  const bytes = Buffer.concat([utf8(story.repeat(3)), Buffer.from([0xff]), utf8(' Talks go on.')]);
  const decoded = decodeText(bytes);
  assert.equal(decoded.encoding, 'utf-8');
  assert.equal(decoded.text, `${story.repeat(3)}\ufffd Talks go on.`);
  assert.equal(decoded.messages.length, 1);
  const [message] = decoded.messages;
  assert.equal(message?.ruleId, 'invalid-utf8');
  assert.equal(message?.severity, 'warning');
  assert.match(message?.reason ?? '', new RegExp(`1 byte sequence not valid UTF-8 \\(first at byte ${utf8(story.repeat(3)).length}\\)`));
});

test('text with no UTF-8 in it is decoded in the legacy encoding chardet detects, and says so', () => {
  const windows1252 = Buffer.from('The minister said \x93we will talk\x94 at the caf\xe9 on Friday, and the talks went on until late. ', 'latin1');
  const decoded = decodeText(windows1252);
  assert.equal(decoded.encoding, 'windows-1252');
  assert.equal(decoded.text, 'The minister said “we will talk” at the café on Friday, and the talks went on until late. ');
  assert.equal(decoded.messages[0]?.ruleId, 'encoding');
  assert.match(decoded.messages[0]?.reason ?? '', /not UTF-8; decoded as windows-1252 \(detected/);

  const windows1251 = Buffer.from([
    0xcf, 0xf0, 0xe5, 0xe7, 0xe8, 0xe4, 0xe5, 0xed, 0xf2, 0x20, 0xef, 0xf0, 0xe8, 0xe5, 0xf5, 0xe0, 0xeb, 0x20, 0xe2, 0x20,
    0xf1, 0xf2, 0xee, 0xeb, 0xe8, 0xf6, 0xf3, 0x20, 0xe2, 0x20, 0xef, 0xff, 0xf2, 0xed, 0xe8, 0xf6, 0xf3, 0x2e,
  ]);
  const russian = decodeText(windows1251);
  assert.equal(russian.encoding, 'windows-1251');
  assert.equal(russian.text, 'Президент приехал в столицу в пятницу.');
});

test('UTF-16 without a byte order mark is read as text in either byte order', () => {
  const text = 'Talks resumed in Genève on Friday.';
  const little = decodeText(Buffer.from(text, 'utf16le'));
  assert.deepEqual([little.text, little.encoding], [text, 'utf-16le']);
  assert.match(little.messages[0]?.reason ?? '', /no byte order mark/);
  const big = Buffer.from(text, 'utf16le').swap16();
  assert.deepEqual([decodeText(big).text, decodeText(big).encoding], [text, 'utf-16be']);
});

test('a byte order mark decides; a broken byte after a UTF-8 BOM is still only replaced', () => {
  assert.deepEqual(decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0x41])), { text: 'A', encoding: 'utf-8', messages: [] });
  assert.equal(decodeText(Buffer.from([0xfe, 0xff, 0x00, 0x41])).text, 'A');
  const broken = decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0x93, 0x41]));
  assert.deepEqual([broken.text, broken.messages[0]?.ruleId], ['\ufffdA', 'invalid-utf8']);
  assert.match(broken.messages[0]?.reason ?? '', /byte order mark/);
});

test('a declared charset is used and named; an unknown one is reported and ignored', () => {
  const declared = decodeText(Buffer.from([0x43, 0x61, 0x66, 0xe9]), { charset: 'iso-8859-1', from: 'the Content-Type header' });
  assert.equal(declared.text, 'Café');
  assert.equal(declared.encoding, 'windows-1252');
  assert.match(declared.messages[0]?.reason ?? '', /declared in the Content-Type header/);
  const unknown = decodeText(utf8('Café “talks”'), { charset: 'no-such-charset', from: '<meta charset>' });
  assert.equal(unknown.text, 'Café “talks”');
  assert.equal(unknown.messages[0]?.ruleId, 'unknown-charset');
  const liar = decodeText(Buffer.concat([utf8('Talks “resumed” '), Buffer.from([0xc3])]), { charset: 'utf-8', from: '<meta charset>' });
  assert.equal(liar.text, 'Talks “resumed” \ufffd');
  assert.match(liar.messages[0]?.reason ?? '', /UTF-8 as declared in <meta charset>/);
});

test('well-formed UTF-8 decodes to itself with nothing to say', () => {
  fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }).filter((s) => !s.includes('\u0000')), (text) => {
    const decoded = decodeText(utf8(text));
    assert.equal(decoded.text, text);
    assert.deepEqual(decoded.messages, []);
  }));
});
