/**
 * The alerts part of the Store contract: fired alerts are kept once each, listed latest first, and rules
 * evaluated over the stored stories fire on what the store holds.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { collectItems } from '../trends/collect.js';
import { evaluateRules, type Alert, type AlertRule } from '../trends/rules.js';
import type { Store } from './store.js';
import { storyDocs } from './stories.contract.js';

const alert = (id: string, date: string, rule = 'r'): Alert => ({ id: `${rule}:${id}`, rule, title: 'a rule', date, items: [id], message: `${id} on ${date}` });

export function runAlertsContract(name: string, makeStore: () => Promise<Store> | Store): void {
  describe(`Store contract, alerts: ${name}`, () => {
    test('an alert is stored once: putting it again returns nothing new; listing is latest first, by rule, limited', async () => {
      const store = await makeStore();
      try {
        const first = [alert('s1', '2020-09-27'), alert('s2', '2020-10-02'), alert('s3', '2020-09-30', 'other')];
        assert.deepEqual(await store.putAlerts(first), first);
        assert.deepEqual(await store.putAlerts([first[0]!, alert('s4', '2020-10-05')]), [alert('s4', '2020-10-05')]);
        assert.deepEqual((await store.listAlerts()).map((a) => a.id), ['r:s4', 'r:s2', 'other:s3', 'r:s1']);
        assert.deepEqual((await store.listAlerts({ rule: 'other' })).map((a) => a.id), ['other:s3']);
        assert.deepEqual((await store.listAlerts({ limit: 1 })).map((a) => a.id), ['r:s4']);
        assert.deepEqual((await store.listAlerts())[0], alert('s4', '2020-10-05'), 'the alert comes back whole');
      } finally {
        await store.close();
      }
    });

    test('rules over the stored stories fire on them, once', async () => {
      const store = await makeStore();
      try {
        await store.putDocs(Object.values(storyDocs()));
        const rules: AlertRule[] = [{ kind: 'event', id: 'any-assault', title: 'any assault', types: ['ASSAULT'] }];
        const items = await collectItems(store, {});
        const stories = await store.queryStories({ plover: 'ASSAULT' });
        assert.ok(stories.length > 0);
        const fired = await store.putAlerts(evaluateRules(rules, items));
        assert.deepEqual(fired.map((a) => a.items[0]).sort(), stories.filter((s) => s.date).map((s) => s.id).sort());
        assert.deepEqual(await store.putAlerts(evaluateRules(rules, await collectItems(store, {}))), [], 'nothing new the second time');
      } finally {
        await store.close();
      }
    });
  });
}
