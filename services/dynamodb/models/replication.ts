/**
 * Replica groups: tables of one name in several regions that see each
 * other's writes. Version 2017.11.29 (CreateGlobalTable) groups are named
 * and listed account-wide; version 2019.11.21 groups are made by UpdateTable
 * ReplicaUpdates. A write to one member is applied to every other member at
 * once (the fake replicates synchronously; AWS within about a second).
 */
import { partitionOf } from '../../../src/core/ids';
import type { BackendAccess } from '../../../src/core/service';
import type { Item } from '../values/attribute-value';
import type { Table } from './table';

export type GlobalTableVersion = '2017.11.29' | '2019.11.21';

export class ReplicaGroup {
  /** Region → the member table there, in the order they joined. */
  readonly members = new Map<string, Table>();

  constructor(readonly version: GlobalTableVersion) {}

  join(table: Table): void {
    this.members.set(table.region, table);
    table.group = this;
  }

  leave(region: string): void {
    const table = this.members.get(region);
    if (table?.group === this) table.group = undefined;
    this.members.delete(region);
    // A 2019.11.21 table with no replica left is an ordinary table again.
    if (this.version === '2019.11.21' && this.members.size === 1) {
      const [last] = this.members.values();
      last.group = undefined;
      this.members.clear();
    }
  }

  /** Applies a write made to `from` to every other member. */
  replicate(from: Table, key: Item, next: Item | undefined): void {
    for (const table of this.members.values()) if (table !== from) table.write(key, next, false, true);
  }

  regions(): string[] {
    return [...this.members.keys()];
  }
}

/** A version 2017.11.29 global table: a name over a replica group. */
export interface GlobalTableRecord {
  name: string;
  arn: string;
  createdAt: Date;
  group: ReplicaGroup;
}

/** Global tables of every account of one mock instance (they span regions, so no region backend owns them). */

function registry(access: BackendAccess): Map<string, Map<string, GlobalTableRecord>> {
  return access.shared('dynamodb:global-tables', () => new Map<string, Map<string, GlobalTableRecord>>());
}

export function globalTables(access: BackendAccess, account: string): Map<string, GlobalTableRecord> {
  const byAccount = registry(access);
  let tables = byAccount.get(account);
  if (!tables) {
    tables = new Map();
    byAccount.set(account, tables);
  }
  return tables;
}

export function dropGlobalTables(access: BackendAccess, account: string): void {
  registry(access).delete(account);
}

export function globalTableArn(account: string, region: string, name: string): string {
  return `arn:${partitionOf(region)}:dynamodb::${account}:global-table/${name}`;
}
