import { normaliseLanguage } from '../../index.js';
import { type Parsed, stringOption, UsageError } from './args.js';

/** `--language CODE`: a language code the user vouches for (eng, en, en-GB, fr …), normalised. */
export function languageOption(parsed: Parsed): string | undefined {
  const value = stringOption(parsed, 'language');
  if (value === undefined) return undefined;
  const language = normaliseLanguage(value);
  if (!language) throw new UsageError(`--language must be a language code such as eng, en or fr, got "${value}"`);
  return language;
}
