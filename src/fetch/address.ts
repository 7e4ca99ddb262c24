import ipaddr from 'ipaddr.js';

/**
 * Why an address may not be fetched, or undefined when it is a public unicast address. The names are
 * the ones a refusal line shows: "::1 is a loopback address".
 */
export type AddressRule =
  | 'loopback' | 'private' | 'link-local' | 'unique-local' | 'carrier-grade NAT' | 'multicast'
  | 'unspecified' | 'broadcast' | 'cloud metadata' | 'reserved';

/** Cloud instance-metadata endpoints: link-local or unique-local too, but named for what they are. */
const METADATA_ADDRESSES = new Set(['169.254.169.254', 'fd00:ec2::254', '100.100.100.200']);
/** Host names that lead to a cloud metadata service whatever the resolver says. */
export const METADATA_HOSTS = new Set(['metadata.google.internal', 'metadata.goog', 'metadata']);

const IPV4_RULES: Record<string, AddressRule> = {
  unspecified: 'unspecified', broadcast: 'broadcast', multicast: 'multicast', linkLocal: 'link-local',
  loopback: 'loopback', carrierGradeNat: 'carrier-grade NAT', private: 'private',
  reserved: 'reserved', as112: 'reserved', amt: 'reserved',
};

const IPV6_RULES: Record<string, AddressRule> = {
  unspecified: 'unspecified', linkLocal: 'link-local', multicast: 'multicast', loopback: 'loopback',
  uniqueLocal: 'unique-local', deprecatedSiteLocal: 'reserved',
};

/** Global unicast IPv6 (2000::/3); anything outside it is not an address a news site answers on. */
const GLOBAL_UNICAST = ipaddr.IPv6.parseCIDR('2000::/3');

/** The IPv4 address an IPv6 address carries (mapped, translated, NAT64, 6to4), if any. */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const range = address.range();
  const parts = address.parts;
  const fromLow = (): ipaddr.IPv4 => new ipaddr.IPv4([parts[6]! >> 8, parts[6]! & 0xff, parts[7]! >> 8, parts[7]! & 0xff]);
  if (range === 'ipv4Mapped' || range === 'rfc6145' || range === 'rfc6052') return fromLow();
  if (range === '6to4') return new ipaddr.IPv4([parts[1]! >> 8, parts[1]! & 0xff, parts[2]! >> 8, parts[2]! & 0xff]);
  // IPv4-compatible (::a.b.c.d, deprecated) is still routed as the IPv4 address by some stacks.
  if (parts.slice(0, 6).every((part) => part === 0) && (parts[6] !== 0 || parts[7]! > 1)) return fromLow();
  return undefined;
}

function classifyIPv4(address: ipaddr.IPv4): AddressRule | undefined {
  if (METADATA_ADDRESSES.has(address.toString())) return 'cloud metadata';
  return IPV4_RULES[address.range()];
}

function classifyIPv6(address: ipaddr.IPv6): AddressRule | undefined {
  if (METADATA_ADDRESSES.has(address.toString())) return 'cloud metadata';
  const embedded = embeddedIPv4(address);
  if (embedded) return classifyIPv4(embedded);
  const rule = IPV6_RULES[address.range()];
  if (rule) return rule;
  if (address.range() !== 'unicast' || !address.match(GLOBAL_UNICAST)) return 'reserved';
  return undefined;
}

/**
 * The rule an IP address breaks, or undefined for a public unicast address. Takes the forms a resolver
 * or the WHATWG URL parser produces (dotted-quad IPv4, IPv6 with or without brackets, with a zone).
 * A string that is not an IP address at all is 'reserved': nothing unparsed is ever let through.
 */
export function classifyAddress(text: string): AddressRule | undefined {
  const bare = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) return classifyIPv4(ipaddr.IPv4.parse(bare));
  if (ipaddr.IPv6.isValid(bare)) return classifyIPv6(ipaddr.IPv6.parse(bare));
  return 'reserved';
}

/** True when the text is an IP literal (as a URL's hostname holds it: IPv6 in brackets). */
export function isIpLiteral(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return ipaddr.IPv4.isValidFourPartDecimal(bare) || ipaddr.IPv6.isValid(bare);
}

/** "a loopback address", "an unspecified address", "a cloud metadata address". */
export function describeRule(rule: AddressRule): string {
  return `${/^[aeiou]/.test(rule) ? 'an' : 'a'} ${rule} address`;
}
