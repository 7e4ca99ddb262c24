import type { Writable } from 'node:stream';
import { ByteWriter, ParquetWriter, schemaFromColumnData, type BasicType, type ColumnSource } from 'hyparquet-writer';
import { writeOut } from './write.js';
import { EXPORT_COLUMNS, type ExportColumn, type ExportEvent } from './columns.js';

export const DEFAULT_ROW_GROUP_SIZE = 10_000;

const PARQUET_TYPE: Record<ExportColumn['type'], BasicType> = { text: 'STRING', number: 'DOUBLE', boolean: 'BOOLEAN' };

/**
 * The bytes of each row group go to the stream as soon as the group is encoded (the library calls
 * flush after every group), so the buffer never holds more than one group.
 */
class StreamWriter extends ByteWriter {
  constructor(private readonly out: Writable) {
    super(1 << 20);
  }

  flush(): Promise<void> {
    const chunk = Buffer.from(this.getBytes());
    this.index = 0;
    return writeOut(chunk, this.out);
  }

  override finish(): Promise<void> {
    return this.flush();
  }
}

/**
 * Writes events as a Parquet file in row groups of `rowGroupSize`: rows are gathered column by column
 * until a group is full, encoded (Snappy), written out and dropped, so memory is bounded by one group
 * whatever the number of events. The columns are those of the CSV export, typed (text as UTF-8
 * strings, numbers as doubles, booleans), every one nullable.
 */
export class ParquetEventWriter {
  private readonly writer: ParquetWriter;
  private columns: unknown[][];
  private rows = 0;

  constructor(out: Writable, private readonly rowGroupSize = DEFAULT_ROW_GROUP_SIZE, private readonly schemaColumns: readonly ExportColumn[] = EXPORT_COLUMNS) {
    const columnData = this.columnSources(schemaColumns.map(() => []));
    this.writer = new ParquetWriter({ writer: new StreamWriter(out), schema: schemaFromColumnData({ columnData }), createdBy: 'dyad' });
    this.columns = schemaColumns.map(() => []);
  }

  async add(event: ExportEvent): Promise<void> {
    this.schemaColumns.forEach((column, index) => this.columns[index]!.push(column.value(event) ?? null));
    this.rows += 1;
    if (this.rows >= this.rowGroupSize) await this.flushGroup();
  }

  async finish(): Promise<void> {
    await this.flushGroup();
    await this.writer.finish();
  }

  private async flushGroup(): Promise<void> {
    if (this.rows === 0) return;
    const columnData = this.columnSources(this.columns);
    this.columns = this.schemaColumns.map(() => []);
    const rows = this.rows;
    this.rows = 0;
    await this.writer.write({ columnData, rowGroupSize: rows });
  }

  private columnSources(data: unknown[][]): ColumnSource[] {
    return this.schemaColumns.map((column, index) => ({
      name: column.name, type: PARQUET_TYPE[column.type], nullable: true, data: data[index] as ColumnSource['data'],
    }));
  }
}
