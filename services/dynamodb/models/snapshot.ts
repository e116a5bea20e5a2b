/**
 * A table's definition captured at one moment (for backups, PITR restores
 * and replicas), and building a new table from a definition plus items:
 * the path RestoreTableFromBackup, RestoreTableToPointInTime and replica
 * creation share. Overrides go through CreateTable's own validation.
 */
import type { TableSse } from './sse';
import { AwsError } from '../../../src/core/errors';
import { cloneItem, type Item } from '../values/attribute-value';
import type {
  AttributeDefinition,
  CreateTableInput,
  GlobalSecondaryIndex,
  LocalSecondaryIndex,
  OnDemandThroughput,
  ProvisionedThroughput,
  RestoreSummary,
  SSESpecification,
} from '../types';
import type { DynamoDbBackend } from './backend';
import { keySchemaOf } from './describe';
import type { Table } from './table';
import type { IndexSpec, KeySpec } from './table-schema';

export interface TableDefinition {
  name: string;
  id: string;
  arn: string;
  createdAt: Date;
  key: KeySpec;
  attributeDefinitions: AttributeDefinition[];
  indexes: IndexSpec[];
  billingMode: string;
  throughput: ProvisionedThroughput;
  sse?: TableSse;
  tableClass: string;
  stream?: { enabled: boolean; viewType: string };
  ttl?: { attribute: string; enabled: boolean };
  itemCount: number;
  bytes: number;
}

export function definitionOf(table: Table): TableDefinition {
  return {
    name: table.name,
    id: table.id,
    arn: table.arn,
    createdAt: table.createdAt,
    key: table.key,
    attributeDefinitions: table.attributeDefinitions.map((d) => ({ ...d })),
    indexes: [...table.indexes.values()].map((i) => structuredClone(i.spec)),
    billingMode: table.billingMode,
    throughput: { ...table.throughput },
    sse: table.sse && { ...table.sse },
    tableClass: table.tableClass,
    stream: table.stream && { enabled: table.stream.status === 'ENABLED', viewType: table.stream.viewType },
    ttl: table.ttl && { ...table.ttl },
    itemCount: table.store.count,
    bytes: table.store.bytes,
  };
}

/** Every item of a table now (items are never mutated in place, so sharing them is safe). */
export function itemsOf(table: Table): Item[] {
  const out: Item[] = [];
  for (const e of table.store.scan()) out.push(e.item);
  return out;
}

export interface RestoreOverrides {
  BillingModeOverride?: string;
  GlobalSecondaryIndexOverride?: GlobalSecondaryIndex[];
  LocalSecondaryIndexOverride?: LocalSecondaryIndex[];
  ProvisionedThroughputOverride?: ProvisionedThroughput;
  OnDemandThroughputOverride?: OnDemandThroughput;
  SSESpecificationOverride?: SSESpecification;
}

export function tableAlreadyExists(name: string): AwsError {
  return new AwsError('TableAlreadyExistsException', `Table already exists: ${name}`, { status: 400 });
}

/** The CreateTable request that recreates `def` under `target`, overrides applied. */
export function createInputFor(def: TableDefinition, target: string, o: RestoreOverrides = {}): CreateTableInput {
  const billing = o.BillingModeOverride ?? def.billingMode;
  const provisioned = billing === 'PROVISIONED';
  const throughput = o.ProvisionedThroughputOverride ?? (provisioned && def.billingMode === 'PROVISIONED' ? def.throughput : undefined);
  const gsis =
    o.GlobalSecondaryIndexOverride ??
    def.indexes
      .filter((i) => i.kind === 'GSI')
      .map((i) => ({
        IndexName: i.name,
        KeySchema: keySchemaOf(i.key),
        Projection: i.projection,
        ProvisionedThroughput: provisioned ? (def.billingMode === 'PROVISIONED' ? i.throughput : throughput) : undefined,
      }));
  const lsis =
    o.LocalSecondaryIndexOverride ??
    def.indexes.filter((i) => i.kind === 'LSI').map((i) => ({ IndexName: i.name, KeySchema: keySchemaOf(i.key), Projection: i.projection }));
  // Only the definitions of attributes some key of the new table uses.
  const used = new Set<string>();
  for (const k of [...keySchemaOf(def.key), ...gsis.flatMap((g) => g.KeySchema ?? []), ...lsis.flatMap((l) => l.KeySchema ?? [])]) {
    used.add(k.AttributeName);
  }
  const sse = o.SSESpecificationOverride ?? (def.sse?.enabled ? { Enabled: true, SSEType: 'KMS', KMSMasterKeyId: def.sse.kmsKey } : undefined);
  return {
    TableName: target,
    AttributeDefinitions: def.attributeDefinitions.filter((d) => used.has(d.AttributeName)),
    KeySchema: keySchemaOf(def.key),
    BillingMode: billing,
    ProvisionedThroughput: provisioned ? throughput : undefined,
    GlobalSecondaryIndexes: gsis.length ? gsis.map((g) => ({ ...g, ProvisionedThroughput: provisioned ? g.ProvisionedThroughput ?? throughput : undefined })) : undefined,
    LocalSecondaryIndexes: lsis.length ? lsis : undefined,
    SSESpecification: sse,
    TableClass: def.tableClass,
  };
}

/** Creates `target` from a definition and loads `items` into it. */
export function restoreTable(
  backend: DynamoDbBackend,
  target: string,
  def: TableDefinition,
  items: Iterable<Item>,
  overrides: RestoreOverrides,
  summary?: Omit<RestoreSummary, 'RestoreInProgress'>,
  sseOverride?: TableSse,
): Table {
  if (backend.tables.has(target)) throw tableAlreadyExists(target);
  const table = backend.createTable(createInputFor(def, target, overrides));
  // The source's key carries over unless the restore names its own (resolved with KMS by the handler).
  table.sse = overrides.SSESpecificationOverride ? sseOverride : def.sse && { ...def.sse, inaccessibleAt: undefined };
  // Copies: the items come from another table, a backup or a PITR log, and a table sharing item objects
  // with them would be saved whole by a state directory, not in chunks (src/core/persist-hints.ts).
  for (const item of items) table.write(table.keyOf(item), cloneItem(item));
  if (summary) table.restoreSummary = { ...summary, RestoreInProgress: false };
  return table;
}
