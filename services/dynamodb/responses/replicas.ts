/**
 * Global tables version 2019.11.21: UpdateTable's ReplicaUpdates (create,
 * update, delete a replica in another region), plus
 * DescribeTableReplicaAutoScaling / UpdateTableReplicaAutoScaling. A new
 * replica is built from the table's definition and items and joins its
 * replica group; write capacity auto scaling is shared by every replica,
 * read capacity auto scaling is per replica.
 */
import type {
  DescribeTableReplicaAutoScalingInput,
  DescribeTableReplicaAutoScalingOutput,
  ReplicationGroupUpdate,
  TableAutoScalingDescription,
  UpdateTableReplicaAutoScalingInput,
  UpdateTableReplicaAutoScalingOutput,
} from '../types';
import { awsError, invalidParameter, resourceNotFound, validation } from '../exceptions';
import { checkScalingUpdate, mergeScaling, scalingOf } from '../models/auto-scaling';
import { ReplicaGroup } from '../models/replication';
import { createInputFor, definitionOf, itemsOf } from '../models/snapshot';
import type { Table } from '../models/table';
import type { Ctx } from './common';
import { backendIn } from './global-tables';

function replicaNotFound(region: string) {
  return validation(`Replica specified in the Replica Update or Replica Delete action of the request was not found: ${region}`);
}

/** Checks a replica can be added to `table`; turns on the NEW_AND_OLD_IMAGES stream replication needs. */
function prepareSource(ctx: Ctx, table: Table): void {
  if (table.group?.version === '2017.11.29') {
    throw invalidParameter(`Table ${table.name} is a version 2017.11.29 global table; use UpdateGlobalTable`);
  }
  if (table.billingMode === 'PROVISIONED' && !table.features.autoScaling.get('')?.write) {
    throw validation('Table write capacity should either be Pay-Per-Request or AutoScaled.');
  }
  if (table.stream?.status === 'ENABLED' && table.stream.viewType !== 'NEW_AND_OLD_IMAGES') {
    throw validation('Table must have DynamoDB Streams enabled with StreamViewType NEW_AND_OLD_IMAGES to add replicas');
  }
  if (table.stream?.status !== 'ENABLED') ctx.backend.enableStream(table, 'NEW_AND_OLD_IMAGES');
}

async function createReplica(ctx: Ctx, table: Table, action: NonNullable<ReplicationGroupUpdate['Create']>): Promise<void> {
  const region = action.RegionName;
  if (region === table.region) throw validation(`Cannot add a replica in the table's own region ${region}`);
  const target = await backendIn(ctx, region);
  if (table.group?.members.has(region) || target.tables.has(table.name)) {
    throw validation(
      `Failed to create a the new replica of table with name: '${table.name}' because one or more replicas already existed as tables.`,
    );
  }
  prepareSource(ctx, table);
  const def = definitionOf(table);
  const read = action.ProvisionedThroughputOverride?.ReadCapacityUnits;
  const replica = target.createTable(
    createInputFor(def, table.name, read !== undefined ? { ProvisionedThroughputOverride: { ...def.throughput, ReadCapacityUnits: read } } : {}),
  );
  replica.sse = table.sse && { ...table.sse, inaccessibleAt: undefined };
  for (const item of itemsOf(table)) replica.write(replica.keyOf(item), item, false, true);
  target.enableStream(replica, 'NEW_AND_OLD_IMAGES');
  if (action.TableClassOverride) replica.tableClass = action.TableClassOverride;
  const write = table.features.autoScaling.get('')?.write;
  if (write) replica.features.autoScalingOf().write = write;
  const group = table.group ?? new ReplicaGroup('2019.11.21');
  if (!table.group) group.join(table);
  group.join(replica);
}

/** Applies UpdateTable's ReplicaUpdates, in order. */
export async function applyReplicaUpdates(ctx: Ctx, table: Table, updates: ReplicationGroupUpdate[]): Promise<void> {
  for (const u of updates) {
    if ([u.Create, u.Update, u.Delete, u.Disassociate].filter(Boolean).length !== 1) {
      throw validation('Each ReplicationGroupUpdate must contain exactly one of Create, Update, Delete or Disassociate');
    }
    if (u.Create) {
      await createReplica(ctx, table, u.Create);
      continue;
    }
    const region = (u.Update ?? u.Delete ?? u.Disassociate)!.RegionName;
    const replica = table.group?.members.get(region);
    if (!replica) throw replicaNotFound(region);
    if (u.Update) {
      if (u.Update.TableClassOverride) replica.tableClass = u.Update.TableClassOverride;
      const read = u.Update.ProvisionedThroughputOverride?.ReadCapacityUnits;
      if (read !== undefined) replica.throughput = { ...replica.throughput, ReadCapacityUnits: read };
    } else if (u.Delete) {
      if (replica === table) throw validation(`Cannot delete the replica in the region of the request (${region}); call UpdateTable from another replica's region`);
      (await backendIn(ctx, region)).deleteTable(table.name);
    } else {
      table.group?.leave(region);
    }
  }
}

// ---- replica auto scaling --------------------------------------------------------

function replicasOf(table: Table): Table[] {
  return table.group ? [...table.group.members.values()] : [table];
}

function autoScalingDescription(table: Table, status: string): TableAutoScalingDescription {
  return {
    TableName: table.name,
    TableStatus: status,
    Replicas: replicasOf(table).map((t) => ({
      RegionName: t.region,
      ReplicaStatus: 'ACTIVE',
      ReplicaProvisionedReadCapacityAutoScalingSettings: scalingOf(t, 'Read'),
      ReplicaProvisionedWriteCapacityAutoScalingSettings: scalingOf(t, 'Write'),
      GlobalSecondaryIndexes: [...t.indexes.values()]
        .filter((i) => i.spec.kind === 'GSI')
        .map((i) => ({
          IndexName: i.spec.name,
          IndexStatus: i.status,
          ProvisionedReadCapacityAutoScalingSettings: scalingOf(t, 'Read', i.spec.name),
          ProvisionedWriteCapacityAutoScalingSettings: scalingOf(t, 'Write', i.spec.name),
        })),
    })),
  };
}

export function describeTableReplicaAutoScaling(input: DescribeTableReplicaAutoScalingInput, ctx: Ctx): DescribeTableReplicaAutoScalingOutput {
  return { TableAutoScalingDescription: autoScalingDescription(ctx.backend.tableByArnOrName(input.TableName), 'ACTIVE') };
}

function gsiOf(table: Table, name: string | undefined): string {
  if (!name || table.indexes.get(name)?.spec.kind !== 'GSI') {
    throw resourceNotFound(`Requested resource not found: Index: ${name} not found`);
  }
  return name;
}

export function updateTableReplicaAutoScaling(input: UpdateTableReplicaAutoScalingInput, ctx: Ctx): UpdateTableReplicaAutoScalingOutput {
  const table = ctx.backend.tableByArnOrName(input.TableName);
  if (!input.ProvisionedWriteCapacityAutoScalingUpdate && !input.GlobalSecondaryIndexUpdates?.length && !input.ReplicaUpdates?.length) {
    throw validation('At least one of ProvisionedWriteCapacityAutoScalingUpdate, GlobalSecondaryIndexUpdates or ReplicaUpdates is required');
  }
  if (table.billingMode !== 'PROVISIONED') {
    throw validation('Auto scaling is only supported for tables in PROVISIONED billing mode');
  }
  const members = replicasOf(table);
  const changes: Array<() => void> = [];
  const w = input.ProvisionedWriteCapacityAutoScalingUpdate;
  if (w) {
    checkScalingUpdate(w);
    changes.push(() => members.forEach((t) => { const s = t.features.autoScalingOf(); s.write = mergeScaling(s.write, w, t, 'Write'); }));
  }
  for (const g of input.GlobalSecondaryIndexUpdates ?? []) {
    const name = gsiOf(table, g.IndexName);
    const u = g.ProvisionedWriteCapacityAutoScalingUpdate;
    if (!u) continue;
    checkScalingUpdate(u);
    changes.push(() => members.forEach((t) => { const s = t.features.autoScalingOf(name); s.write = mergeScaling(s.write, u, t, 'Write', name); }));
  }
  for (const r of input.ReplicaUpdates ?? []) {
    const t = members.find((m) => m.region === r.RegionName);
    if (!t) throw awsError('ReplicaNotFoundException', `Replica not found in region ${r.RegionName} for table ${table.name}`);
    const read = r.ReplicaProvisionedReadCapacityAutoScalingUpdate;
    if (read) {
      checkScalingUpdate(read);
      changes.push(() => { const s = t.features.autoScalingOf(); s.read = mergeScaling(s.read, read, t, 'Read'); });
    }
    for (const g of r.ReplicaGlobalSecondaryIndexUpdates ?? []) {
      const name = gsiOf(t, g.IndexName);
      const u = g.ProvisionedReadCapacityAutoScalingUpdate;
      if (!u) continue;
      checkScalingUpdate(u);
      changes.push(() => { const s = t.features.autoScalingOf(name); s.read = mergeScaling(s.read, u, t, 'Read', name); });
    }
  }
  for (const apply of changes) apply();
  return { TableAutoScalingDescription: autoScalingDescription(table, 'UPDATING') };
}
