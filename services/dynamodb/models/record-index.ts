/**
 * Export and import records in the order they were started, all of them and
 * per table, behind ListExports and ListImports. Records are never removed,
 * so each one's position in both lists is fixed: a page seeks to its token's
 * record through a map and costs O(page), never a scan of the records before
 * it or of other tables' records.
 */

interface Position<T> {
  record: T;
  /** Index in the list of all records. */
  at: number;
  /** Index in its table's list. */
  atInTable: number;
}

/** Up to `size` records and the one after them (the next page's first), if any. */
export interface RecordSlice<T> {
  items: T[];
  next?: T;
}

export class RecordIndex<T extends { arn: string; tableArn: string }> {
  private readonly positions = new Map<string, Position<T>>();
  private readonly all: T[] = [];
  private readonly tables = new Map<string, T[]>();

  get(arn: string): T | undefined {
    return this.positions.get(arn)?.record;
  }

  /** Every record, oldest first. */
  values(): IterableIterator<T> {
    return this.all.values();
  }

  /** Appends a new record (ARNs carry a timed id, so they never repeat). */
  add(record: T): void {
    if (this.positions.has(record.arn)) throw new Error(`duplicate record ${record.arn}`);
    let table = this.tables.get(record.tableArn);
    if (!table) {
      table = [];
      this.tables.set(record.tableArn, table);
    }
    this.positions.set(record.arn, { record, at: this.all.length, atInTable: table.length });
    this.all.push(record);
    table.push(record);
  }

  /**
   * The records of one table (every record without `tableArn`), starting at
   * the one whose ARN is `from` (at the first without it); undefined when
   * `from` is not among them.
   */
  slice(tableArn: string | undefined, from: string | undefined, size: number): RecordSlice<T> | undefined {
    const list = tableArn === undefined ? this.all : (this.tables.get(tableArn) ?? []);
    let start = 0;
    if (from !== undefined) {
      const pos = this.positions.get(from);
      if (!pos || (tableArn !== undefined && pos.record.tableArn !== tableArn)) return undefined;
      start = tableArn === undefined ? pos.at : pos.atInTable;
    }
    return { items: list.slice(start, start + size), next: list[start + size] };
  }
}
