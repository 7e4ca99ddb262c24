/** One step of the schema: applied once, in order, inside a transaction of its own (schema.ts migrate). */
export interface Migration {
  version: number;
  sql: string;
}
