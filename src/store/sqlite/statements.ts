import type Database from 'better-sqlite3';

/** Prepared statements by SQL text: filter combinations are few, so each distinct query is prepared once and kept. */
export class StatementCache {
  private readonly prepared = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  get(sql: string): Database.Statement {
    let statement = this.prepared.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.prepared.set(sql, statement);
    }
    return statement;
  }

  clear(): void {
    this.prepared.clear();
  }
}
