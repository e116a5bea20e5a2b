/** TableDescription / index descriptions as DescribeTable (and friends) return them. */
import { sseRefusal } from './sse';
import type {
  GlobalSecondaryIndexDescription,
  KeySchemaElement,
  LocalSecondaryIndexDescription,
  ReplicaDescription,
  TableDescription,
} from '../types';
import type { KeySpec } from './table-schema';
import type { Table } from './table';

export function keySchemaOf(key: KeySpec): KeySchemaElement[] {
  const out: KeySchemaElement[] = [{ AttributeName: key.hash.name, KeyType: 'HASH' }];
  if (key.range) out.push({ AttributeName: key.range.name, KeyType: 'RANGE' });
  return out;
}

function throughputOf(table: Table, t: { ReadCapacityUnits?: number; WriteCapacityUnits?: number } | undefined) {
  const provisioned = table.billingMode === 'PROVISIONED';
  return {
    NumberOfDecreasesToday: 0,
    ReadCapacityUnits: provisioned ? (t?.ReadCapacityUnits ?? 0) : 0,
    WriteCapacityUnits: provisioned ? (t?.WriteCapacityUnits ?? 0) : 0,
    ...(table.throughputChangedAt ? { LastIncreaseDateTime: table.throughputChangedAt } : {}),
  };
}

/**
 * `created`: the CreateTable answer, which AWS sends without WarmThroughput
 * and without LastUpdateToPayPerRequestDateTime.
 */
export function describeTable(table: Table, status: string = table.status, created = false): TableDescription {
  const gsis: GlobalSecondaryIndexDescription[] = [];
  const lsis: LocalSecondaryIndexDescription[] = [];
  for (const index of table.indexes.values()) {
    const base = {
      IndexName: index.spec.name,
      KeySchema: keySchemaOf(index.spec.key),
      Projection: index.spec.projection,
      IndexSizeBytes: index.store.bytes,
      ItemCount: index.store.count,
      IndexArn: `${table.arn}/index/${index.spec.name}`,
    };
    if (index.spec.kind === 'LSI') lsis.push(base);
    else {
      const t = index.spec.throughput;
      const onDemand = table.billingMode === 'PAY_PER_REQUEST';
      gsis.push({
        ...base,
        // The indexes of a table being created are created with it.
        IndexStatus: status === 'CREATING' ? 'CREATING' : index.status,
        ProvisionedThroughput: throughputOf(table, t),
        ...(created
          ? {}
          : {
              WarmThroughput: {
                ReadUnitsPerSecond: onDemand ? 12000 : (t?.ReadCapacityUnits ?? 0),
                WriteUnitsPerSecond: onDemand ? 4000 : (t?.WriteCapacityUnits ?? 0),
                Status: index.status === 'CREATING' ? 'CREATING' : 'ACTIVE',
              },
            }),
      });
    }
  }
  const d: TableDescription = {
    AttributeDefinitions: table.attributeDefinitions,
    TableName: table.name,
    KeySchema: keySchemaOf(table.key),
    TableStatus: status,
    CreationDateTime: table.createdAt,
    ProvisionedThroughput: throughputOf(table, table.throughput),
    TableSizeBytes: table.store.bytes,
    ItemCount: table.store.count,
    TableArn: table.arn,
    TableId: table.id,
    DeletionProtectionEnabled: table.deletionProtection,
  };
  if (table.payPerRequestAt) {
    d.BillingModeSummary = { BillingMode: table.billingMode };
    if (!created) d.BillingModeSummary.LastUpdateToPayPerRequestDateTime = table.payPerRequestAt;
  }
  if (!created) {
    d.WarmThroughput = { ReadUnitsPerSecond: table.warm.read, WriteUnitsPerSecond: table.warm.write, Status: 'ACTIVE' };
  }
  if (lsis.length) d.LocalSecondaryIndexes = lsis;
  if (gsis.length) d.GlobalSecondaryIndexes = gsis;
  if (table.stream) {
    d.StreamSpecification = { StreamEnabled: table.stream.status === 'ENABLED', StreamViewType: table.stream.viewType };
    d.LatestStreamLabel = table.stream.label;
    d.LatestStreamArn = table.stream.arn;
  }
  if (table.sse?.enabled) {
    d.SSEDescription = { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: table.sse.kmsKey };
    // A table that lost its key says so in its status (only once it is otherwise ACTIVE).
    if (sseRefusal(table.sse) && status === 'ACTIVE') d.TableStatus = 'INACCESSIBLE_ENCRYPTION_CREDENTIALS';
    if (table.sse.inaccessibleAt !== undefined) d.SSEDescription.InaccessibleEncryptionDateTime = new Date(table.sse.inaccessibleAt);
  }
  if (table.tableClass !== 'STANDARD') d.TableClassSummary = { TableClass: table.tableClass };
  if (table.restoreSummary) d.RestoreSummary = { ...table.restoreSummary };
  if (table.group) {
    d.GlobalTableVersion = table.group.version;
    // A 2019.11.21 table lists its other replicas; a 2017.11.29 one is described by DescribeGlobalTable.
    if (table.group.version === '2019.11.21') d.Replicas = replicasOf(table);
  }
  return d;
}

export function replicasOf(table: Table): ReplicaDescription[] {
  const out: ReplicaDescription[] = [];
  for (const [region, replica] of table.group?.members ?? []) {
    if (replica === table) continue;
    const r: ReplicaDescription = { RegionName: region, ReplicaStatus: 'ACTIVE' };
    if (replica.tableClass !== 'STANDARD') r.ReplicaTableClassSummary = { TableClass: replica.tableClass };
    out.push(r);
  }
  return out;
}
