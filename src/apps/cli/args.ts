import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how the command was called: exit code 2, one line, no stack. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A failure while doing what was asked (unreadable file, unreachable URL, unwritable database): exit code 1. */
export class RuntimeError extends Error {
  override name = 'RuntimeError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** parseArgs in strict mode, with its errors turned into usage errors that name the command. */
export function parseCommand(command: string, args: readonly string[], options: Options): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args: [...args], options: { help: { type: 'boolean', short: 'h' }, ...options }, allowPositionals: true, strict: true,
    });
    return { values: values as Parsed['values'], positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error);
    throw new UsageError(`${command}: ${message.replace(/\. To specify a positional argument.*$/, '')}`);
  }
}

export function stringOption(parsed: Parsed, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : undefined;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A YYYY-MM-DD option that names a real calendar day, or a usage error saying what was wrong. */
export function dateOption(parsed: Parsed, name: string): string | undefined {
  const value = stringOption(parsed, name);
  if (value === undefined) return undefined;
  const match = ISO_DAY.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!date || date.toISOString().slice(0, 10) !== value) {
    throw new UsageError(`--${name} must be a date as YYYY-MM-DD, got "${value}"`);
  }
  return value;
}

/** The two publication-date options of the commands that analyse documents. */
export const PUBLISHED_OPTIONS = { published: { type: 'string' }, 'set-published': { type: 'string' } } as const;

/** `--published` (a fallback for documents without a date) and `--set-published` (an override), not both. */
export function publishedOptions(parsed: Parsed): { published?: string; setPublished?: string } {
  const published = dateOption(parsed, 'published');
  const setPublished = dateOption(parsed, 'set-published');
  if (published && setPublished) {
    throw new UsageError('--published fills in missing dates and --set-published replaces every date: give one of them');
  }
  return setPublished ? { setPublished } : published ? { published } : {};
}

/**
 * A whole-number option: digits only, from min up to the largest integer a JavaScript number holds
 * exactly, so an overlong value is the user's mistake here rather than a database error later.
 */
export function integerOption(parsed: Parsed, name: string, fallback: number, min = 0): number {
  const value = stringOption(parsed, name);
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < min) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${Number.MAX_SAFE_INTEGER}, got "${value}"`);
  }
  return number;
}

export function choiceOption<T extends string>(parsed: Parsed, name: string, choices: readonly T[], fallback: T): T {
  const value = stringOption(parsed, name);
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got "${value}"`);
  }
  return value as T;
}
