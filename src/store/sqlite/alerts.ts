/**
 * Alerts in SQLite: one row per fired alert, unique by its id, its JSON kept whole; `fired_at` is when
 * this store first stored it.
 */
import type Database from 'better-sqlite3';
import type { Alert } from '../../trends/rules.js';
import type { AlertQuery } from '../store.js';

export class SqliteAlerts {
  private readonly insert;
  private readonly exists;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare('INSERT INTO alerts (key, rule, story, fired_at, alert_json) VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING');
    this.exists = db.prepare('SELECT 1 FROM alerts WHERE key = ?').pluck();
  }

  /** Stores the alerts not stored before, in one transaction; returns them. */
  put(alerts: readonly Alert[], firedAt: string): Alert[] {
    return this.db.transaction(() => {
      const fresh: Alert[] = [];
      for (const alert of alerts) {
        if (this.exists.get(alert.id)) continue;
        this.insert.run(alert.id, alert.rule, alert.items.length === 1 ? alert.items[0] : null, firedAt, JSON.stringify(alert));
        fresh.push(alert);
      }
      return fresh;
    }).immediate();
  }

  list(query: AlertQuery): Alert[] {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (query.rule) {
      conditions.push('rule = ?');
      params.push(query.rule);
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    params.push(query.limit ?? -1);
    const rows = this.db.prepare(`SELECT alert_json FROM alerts ${where} ORDER BY json_extract(alert_json, '$.date') DESC, key LIMIT ?`).pluck().all(...params) as string[];
    return rows.map((row) => JSON.parse(row) as Alert);
  }
}
