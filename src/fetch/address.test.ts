import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyAddress, type AddressRule } from './address.js';
import { AddressPolicy } from './guard.js';
import { FetchError } from './errors.js';

/** What the guard sees: the URL parser's hostname, which normalises every IPv4 spelling. */
function hostOf(url: string): string {
  return new URL(url).hostname;
}

const REFUSED: Array<[string, AddressRule]> = [
  ['http://127.0.0.1/', 'loopback'],
  ['http://127.0.0.2/', 'loopback'],
  ['http://2130706433/', 'loopback'],
  ['http://0x7f000001/', 'loopback'],
  ['http://0x7f.0x0.0x0.0x1/', 'loopback'],
  ['http://0177.0.0.1/', 'loopback'],
  ['http://017700000001/', 'loopback'],
  ['http://127.1/', 'loopback'],
  ['http://127.0.1/', 'loopback'],
  ['http://%31%32%37.0.0.1/', 'loopback'],
  ['http://127.0.0.1./', 'loopback'],
  ['http://[::1]/', 'loopback'],
  ['http://[0:0:0:0:0:0:0:1]/', 'loopback'],
  ['http://[::ffff:127.0.0.1]/', 'loopback'],
  ['http://[::ffff:7f00:1]/', 'loopback'],
  ['http://[::127.0.0.1]/', 'loopback'],
  ['http://[64:ff9b::127.0.0.1]/', 'loopback'],
  ['http://[2002:7f00:1::]/', 'loopback'],
  ['http://10.0.0.1/', 'private'],
  ['http://167772161/', 'private'],
  ['http://172.16.0.1/', 'private'],
  ['http://172.31.255.255/', 'private'],
  ['http://192.168.1.1/', 'private'],
  ['http://0xc0a80101/', 'private'],
  ['http://[::ffff:192.168.1.1]/', 'private'],
  ['http://[::ffff:10.0.0.1]/', 'private'],
  ['http://169.254.1.1/', 'link-local'],
  ['http://[fe80::1]/', 'link-local'],
  ['http://[febf::1]/', 'link-local'],
  ['http://[fc00::1]/', 'unique-local'],
  ['http://[fd12:3456::1]/', 'unique-local'],
  ['http://100.64.0.1/', 'carrier-grade NAT'],
  ['http://100.127.255.254/', 'carrier-grade NAT'],
  ['http://224.0.0.1/', 'multicast'],
  ['http://239.255.255.250/', 'multicast'],
  ['http://[ff02::1]/', 'multicast'],
  ['http://0.0.0.0/', 'unspecified'],
  ['http://0/', 'unspecified'],
  ['http://[::]/', 'unspecified'],
  ['http://255.255.255.255/', 'broadcast'],
  ['http://169.254.169.254/', 'cloud metadata'],
  ['http://2852039166/', 'cloud metadata'],
  ['http://[::ffff:169.254.169.254]/', 'cloud metadata'],
  ['http://[fd00:ec2::254]/', 'cloud metadata'],
  ['http://192.0.2.1/', 'reserved'],
  ['http://198.18.0.1/', 'reserved'],
  ['http://240.0.0.1/', 'reserved'],
  ['http://[2001:db8::1]/', 'reserved'],
  ['http://[fec0::1]/', 'reserved'],
  ['http://[100::1]/', 'reserved'],
];

test('every spelling of a non-public address is classified by its rule', () => {
  for (const [url, rule] of REFUSED) assert.equal(classifyAddress(hostOf(url)), rule, url);
});

test('public addresses pass, in IPv4, IPv6 and IPv4-mapped form', () => {
  for (const url of ['http://93.184.216.34/', 'http://1.1/', 'http://8.8.8.8/', 'http://[2606:4700::1111]/', 'http://[::ffff:8.8.8.8]/', 'http://172.32.0.1/', 'http://100.128.0.1/']) {
    assert.equal(classifyAddress(hostOf(url)), undefined, url);
  }
});

test('what a resolver returns is classified too, zone and all; a non-address never passes', () => {
  assert.equal(classifyAddress('fe80::1%eth0'), 'link-local');
  assert.equal(classifyAddress('::1'), 'loopback');
  assert.equal(classifyAddress('example.org'), 'reserved');
  assert.equal(classifyAddress(''), 'reserved');
});

function refusal(policy: AddressPolicy, url: string): string | undefined {
  try {
    policy.checkUrl(new URL(url));
    return undefined;
  } catch (error) {
    assert.ok(error instanceof FetchError && error.kind === 'refused', String(error));
    return error.message;
  }
}

test('a refusal is one line naming the address and the rule', () => {
  const policy = new AddressPolicy();
  assert.equal(refusal(policy, 'http://[::1]/'), 'refusing http://[::1]/: ::1 is a loopback address (SSRF guard; --allow-host to allow)');
  assert.equal(refusal(policy, 'http://2130706433/x'), 'refusing http://127.0.0.1/x: 127.0.0.1 is a loopback address (SSRF guard; --allow-host to allow)');
  assert.equal(refusal(policy, 'http://metadata.google.internal/computeMetadata/v1/'),
    'refusing http://metadata.google.internal/computeMetadata/v1/: metadata.google.internal is a cloud metadata host (SSRF guard; --allow-host to allow)');
  assert.match(refusal(policy, 'file:///etc/passwd') ?? '', /^refusing file:\/\/\/etc\/passwd: only http and https are fetched/);
  assert.match(refusal(policy, 'gopher://example.org/') ?? '', /only http and https/);
  assert.equal(refusal(policy, 'https://example.org/news'), undefined);
});

test('the allowlist takes a host, an IP in any spelling, or host:port, and nothing more', () => {
  const policy = new AddressPolicy(['127.0.0.1:8080', 'intranet.local', '0x0a000001']);
  assert.equal(refusal(policy, 'http://127.0.0.1:8080/'), undefined);
  assert.equal(refusal(policy, 'http://2130706433:8080/'), undefined);
  assert.match(refusal(policy, 'http://127.0.0.1:8081/') ?? '', /loopback/);
  assert.match(refusal(policy, 'http://127.0.0.2:8080/') ?? '', /loopback/);
  assert.match(refusal(policy, 'http://[::1]:8080/') ?? '', /loopback/);
  assert.equal(refusal(policy, 'http://10.0.0.1:9999/'), undefined);
  assert.equal(policy.allows('INTRANET.local', '443'), true);
  assert.throws(() => new AddressPolicy(['http://x/path']), /not a host name/);
});

test('after DNS every address is checked: one private answer refuses the host', async () => {
  const policy = new AddressPolicy();
  const resolver = async (): Promise<string[]> => ['93.184.216.34', '10.1.2.3'];
  await assert.rejects(policy.resolveChecked('http://news.test/', 'news.test', '80', resolver),
    /refusing http:\/\/news\.test\/: news\.test resolves to 10\.1\.2\.3, a private address \(SSRF guard/);
  assert.equal(await policy.resolveChecked('http://news.test/', 'news.test', '80', async () => ['93.184.216.34']), '93.184.216.34');
  const allowed = new AddressPolicy(['10.1.2.3']);
  assert.equal(await allowed.resolveChecked('http://wiki.test/', 'wiki.test', '80', async () => ['10.1.2.3']), '10.1.2.3');
});
