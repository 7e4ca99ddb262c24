/**
 * The URL a document is said to come from ends up as a link in listings, exports and dashboards, so
 * only a web address is kept: a `javascript:`, `data:` or `file:` URL given with an input would run
 * code or open local files when someone clicks it.
 */
const WEB_SCHEMES = new Set(['http:', 'https:']);
// eslint-disable-next-line no-control-regex -- control characters have no place in a URL and could reach a terminal
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Why a source URL cannot be kept, or undefined when it is an http(s) address. */
export function refuseSourceUrl(url: string): string | undefined {
  if (CONTROL.test(url)) return 'it contains control characters';
  if (!URL.canParse(url)) return 'it is not a valid URL';
  const scheme = new URL(url).protocol;
  return WEB_SCHEMES.has(scheme) ? undefined : `only http and https URLs are kept, not ${scheme.replace(/:$/, '')}`;
}
