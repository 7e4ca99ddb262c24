export { classifyAddress, describeRule, isIpLiteral, type AddressRule } from './address.js';
export { FetchError, type FetchErrorKind } from './errors.js';
export {
  createFetcher, DEFAULTS as FETCH_DEFAULTS, MIN_HOST_DELAY_MS, PAGE_TYPES, parseRetryAfter,
  type Fetcher, type FetcherSettings, type FetchOptions, type FetchResult,
} from './fetcher.js';
export { AddressPolicy, type Resolver } from './guard.js';
export { decodeFetched, declaredCharset } from './text.js';
