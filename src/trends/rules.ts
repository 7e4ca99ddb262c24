/**
 * Alert rules as data (JSON Lines, one rule per line, validated with line numbers) and their evaluation
 * over the items an analyst counts (stories, or events). Two kinds:
 * - `event`: one item of given types, involving given countries, with at least so many killed
 *   ("ASSAULT involving ARM or AZE with ≥ 10 killed");
 * - `spike`: a period's count of matching items above its rolling baseline (spike.ts) — "a dyad's
 *   weekly conflict count above its rolling baseline by 3σ".
 * An alert's id is made of the rule's and the item's or period's, so evaluating again fires nothing new.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { buildSeries, periodOf, PERIODS, type Period } from './series.js';
import { DEFAULT_SPIKE, spikes } from './spike.js';

const iso3 = z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166 alpha-3 code');
const common = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case words joined by hyphens'),
  title: z.string().min(1),
  types: z.array(z.string().regex(/^[A-Z]+$/)).optional(),
  /** Any of these countries among the actors or recipients. */
  countries: z.array(iso3).optional(),
  /** Both sides: one country among the actors and the other among the recipients, either way round. */
  dyad: z.tuple([iso3, iso3]).optional(),
  quadClass: z.number().int().min(1).max(4).optional(),
};
const ruleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('event'), ...common, minKilled: z.number().int().min(0).optional() }).strict(),
  z.object({
    kind: z.literal('spike'), ...common, by: z.enum(PERIODS as [Period, ...Period[]]),
    window: z.number().int().min(2).default(DEFAULT_SPIKE.window), sigma: z.number().positive().default(DEFAULT_SPIKE.sigma),
    minimum: z.number().int().min(1).default(DEFAULT_SPIKE.minimum),
  }).strict(),
]);
export type AlertRule = z.infer<typeof ruleSchema>;

export class AlertRuleError extends Error {}

/** The rules of a JSON Lines file; a bad line is an error naming it. */
export function readAlertRules(path: string): AlertRule[] {
  const values: Array<{ value: unknown; where: string }> = [];
  readFileSync(path, 'utf8').split('\n').forEach((line, index) => {
    if (!line.trim() || line.trimStart().startsWith('//')) return;
    try {
      values.push({ value: JSON.parse(line), where: `${path}:${index + 1}` });
    } catch {
      throw new AlertRuleError(`${path}:${index + 1}: not JSON`);
    }
  });
  return checkRules(values);
}

/** Rules given as values (an API request's body); a bad one is an error naming its position. */
export function parseAlertRules(values: readonly unknown[]): AlertRule[] {
  return checkRules(values.map((value, index) => ({ value, where: `rule ${index + 1}` })));
}

function checkRules(values: ReadonlyArray<{ value: unknown; where: string }>): AlertRule[] {
  const rules: AlertRule[] = [];
  const ids = new Set<string>();
  for (const { value, where } of values) {
    const parsed = ruleSchema.safeParse(value);
    if (!parsed.success) throw new AlertRuleError(`${where}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'rule'}: ${i.message}`).join('; ')}`);
    if (ids.has(parsed.data.id)) throw new AlertRuleError(`${where}: rule id "${parsed.data.id}" is used twice`);
    ids.add(parsed.data.id);
    rules.push(parsed.data);
  }
  return rules;
}

/** What a rule looks at in a story or an event. */
export interface AlertItem {
  /** A story id (or a stored event id). */
  id: string;
  date: string;
  plover: string;
  quadClass: 1 | 2 | 3 | 4;
  goldstein: number | null;
  actorCountries: readonly string[];
  recipientCountries: readonly string[];
  killed?: number;
  title?: string;
}

export interface Alert {
  /** `<rule id>:<item id>` or `<rule id>:<period>`. */
  id: string;
  rule: string;
  title: string;
  /** The item's date or the period's first day. */
  date: string;
  items: string[];
  message: string;
}

function matches(rule: AlertRule, item: AlertItem): boolean {
  if (rule.types && !rule.types.includes(item.plover)) return false;
  if (rule.quadClass !== undefined && item.quadClass !== rule.quadClass) return false;
  const all = [...item.actorCountries, ...item.recipientCountries];
  if (rule.countries && !rule.countries.some((c) => all.includes(c))) return false;
  if (rule.dyad) {
    const [a, b] = rule.dyad;
    const forward = item.actorCountries.includes(a) && item.recipientCountries.includes(b);
    const backward = item.actorCountries.includes(b) && item.recipientCountries.includes(a);
    if (!forward && !backward) return false;
  }
  return true;
}

/** Every alert the rules fire on the items, by date, then id. */
export function evaluateRules(rules: readonly AlertRule[], items: readonly AlertItem[]): Alert[] {
  const alerts: Alert[] = [];
  for (const rule of rules) {
    const matching = items.filter((item) => matches(rule, item));
    if (rule.kind === 'event') {
      for (const item of matching) {
        if (rule.minKilled !== undefined && (item.killed ?? 0) < rule.minKilled) continue;
        const killed = item.killed !== undefined ? `, ${item.killed} killed` : '';
        alerts.push({ id: `${rule.id}:${item.id}`, rule: rule.id, title: rule.title, date: item.date, items: [item.id], message: `${item.plover} on ${item.date}${killed}${item.title ? `: ${item.title}` : ''}` });
      }
      continue;
    }
    const series = buildSeries(matching, rule.by);
    for (const spike of spikes(series.rows.map((row) => row.count), rule)) {
      const row = series.rows[spike.index]!;
      const ids = matching.filter((item) => periodOf(item.date, rule.by) === row.period).map((item) => item.id).sort();
      alerts.push({
        id: `${rule.id}:${row.period}`, rule: rule.id, title: rule.title, date: row.period, items: ids,
        message: `${spike.count} in the ${rule.by} of ${row.period} against a baseline of ${spike.baseline} (z = ${spike.z})`,
      });
    }
  }
  return alerts.sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
}
