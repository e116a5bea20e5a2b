/**
 * Global tables, version 2017.11.29: CreateGlobalTable, DescribeGlobalTable,
 * ListGlobalTables, UpdateGlobalTable, DescribeGlobalTableSettings and
 * UpdateGlobalTableSettings. The member tables must already exist in each
 * region with the same key schema, be empty, and stream NEW_AND_OLD_IMAGES;
 * once joined, a write to any member is applied to the others.
 */
import { clock } from '../../../src/core/clock';
import type {
  CreateGlobalTableInput,
  CreateGlobalTableOutput,
  DescribeGlobalTableInput,
  DescribeGlobalTableOutput,
  DescribeGlobalTableSettingsInput,
  DescribeGlobalTableSettingsOutput,
  GlobalTableDescription,
  ListGlobalTablesInput,
  ListGlobalTablesOutput,
  UpdateGlobalTableInput,
  UpdateGlobalTableOutput,
  UpdateGlobalTableSettingsInput,
  UpdateGlobalTableSettingsOutput,
} from '../types';
import { awsError, constraintFailure, invalidParameter, validation } from '../exceptions';
import type { DynamoDbBackend } from '../models/backend';
import { checkScalingUpdate, mergeScaling, replicaSettings } from '../models/auto-scaling';
import { keySchemaOf } from '../models/describe';
import { type GlobalTableRecord, ReplicaGroup, globalTableArn, globalTables } from '../models/replication';
import type { Table } from '../models/table';
import { checkTableName } from '../models/table-schema';
import type { Ctx } from './common';

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export async function backendIn(ctx: Ctx, region: string): Promise<DynamoDbBackend> {
  if (!REGION.test(region ?? '')) throw validation(`Invalid region name: ${region}`);
  return region === ctx.region ? ctx.backend : ctx.backends.get<DynamoDbBackend>('dynamodb', ctx.account, region);
}

function notFound(name: string) {
  return awsError('GlobalTableNotFoundException', `Global table not found: ${name}`);
}

function recordOf(ctx: Ctx, name: string): GlobalTableRecord {
  checkTableName(name, 'globalTableName');
  const record = globalTables(ctx.backends, ctx.account).get(name);
  if (!record) throw notFound(name);
  return record;
}

function describe(record: GlobalTableRecord, status = 'ACTIVE'): GlobalTableDescription {
  return {
    ReplicationGroup: record.group.regions().map((RegionName) => ({ RegionName, ReplicaStatus: 'ACTIVE' })),
    GlobalTableArn: record.arn,
    CreationDateTime: record.createdAt,
    GlobalTableStatus: status,
    GlobalTableName: record.name,
  };
}

/** The table that may join a global table in `region`, checked against DynamoDB's requirements. */
async function candidate(ctx: Ctx, name: string, region: string, like?: Table): Promise<Table> {
  const table = (await backendIn(ctx, region)).tables.get(name);
  if (!table) throw awsError('TableNotFoundException', `Table not found: ${name} in region ${region}`);
  if (table.group) throw invalidParameter(`Table ${name} in region ${region} is already a replica of a global table`);
  if (table.stream?.status !== 'ENABLED' || table.stream.viewType !== 'NEW_AND_OLD_IMAGES') {
    throw invalidParameter(`Table ${name} in region ${region} must have DynamoDB Streams enabled with StreamViewType NEW_AND_OLD_IMAGES`);
  }
  if (table.store.count > 0) throw invalidParameter(`Table ${name} in region ${region} is not empty`);
  if (like && JSON.stringify(keySchemaOf(table.key)) !== JSON.stringify(keySchemaOf(like.key))) {
    throw invalidParameter(`Table ${name} in region ${region} does not have the same key schema as the other replicas`);
  }
  return table;
}

export async function createGlobalTable(input: CreateGlobalTableInput, ctx: Ctx): Promise<CreateGlobalTableOutput> {
  checkTableName(input.GlobalTableName, 'globalTableName');
  const registry = globalTables(ctx.backends, ctx.account);
  if (registry.has(input.GlobalTableName)) {
    throw awsError('GlobalTableAlreadyExistsException', `Global table already exists: ${input.GlobalTableName}`);
  }
  const regions = (input.ReplicationGroup ?? []).map((r) => r.RegionName ?? '');
  if (new Set(regions).size !== regions.length) throw invalidParameter('Duplicate region in ReplicationGroup');
  const tables: Table[] = [];
  for (const region of regions) tables.push(await candidate(ctx, input.GlobalTableName, region, tables[0]));
  const group = new ReplicaGroup('2017.11.29');
  for (const t of tables) group.join(t);
  const record: GlobalTableRecord = {
    name: input.GlobalTableName,
    arn: globalTableArn(ctx.account, ctx.region, input.GlobalTableName),
    createdAt: clock.date(),
    group,
  };
  registry.set(record.name, record);
  return { GlobalTableDescription: describe(record, 'CREATING') };
}

export function describeGlobalTable(input: DescribeGlobalTableInput, ctx: Ctx): DescribeGlobalTableOutput {
  return { GlobalTableDescription: describe(recordOf(ctx, input.GlobalTableName)) };
}

export function listGlobalTables(input: ListGlobalTablesInput, ctx: Ctx): ListGlobalTablesOutput {
  const limit = input.Limit ?? 100;
  if (limit < 1) throw constraintFailure(limit, 'limit', 'Member must have value greater than or equal to 1');
  if (limit > 100) throw constraintFailure(limit, 'limit', 'Member must have value less than or equal to 100');
  const start = input.ExclusiveStartGlobalTableName;
  const all = [...globalTables(ctx.backends, ctx.account).values()]
    .filter((r) => input.RegionName === undefined || r.group.members.has(input.RegionName))
    .filter((r) => start === undefined || r.name > start)
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const pageOf = all.slice(0, limit);
  return {
    GlobalTables: pageOf.map((r) => ({ GlobalTableName: r.name, ReplicationGroup: r.group.regions().map((RegionName) => ({ RegionName })) })),
    LastEvaluatedGlobalTableName: all.length > limit ? pageOf[pageOf.length - 1].name : undefined,
  };
}

export async function updateGlobalTable(input: UpdateGlobalTableInput, ctx: Ctx): Promise<UpdateGlobalTableOutput> {
  const record = recordOf(ctx, input.GlobalTableName);
  const group = record.group;
  const updates = input.ReplicaUpdates ?? [];
  if (updates.length === 0) throw validation('ReplicaUpdates must contain at least one update');
  // Check every update before applying any.
  const joins: Table[] = [];
  const leaves: string[] = [];
  for (const u of updates) {
    if (!!u.Create === !!u.Delete) throw validation('Each ReplicaUpdate must contain exactly one of Create or Delete');
    if (u.Create) {
      const region = u.Create.RegionName;
      if (group.members.has(region) || joins.some((t) => t.region === region)) {
        throw awsError('ReplicaAlreadyExistsException', `Replica already exists in region ${region} for global table ${record.name}`);
      }
      joins.push(await candidate(ctx, record.name, region, [...group.members.values()][0]));
    } else if (u.Delete) {
      if (!group.members.has(u.Delete.RegionName)) {
        throw awsError('ReplicaNotFoundException', `Replica not found in region ${u.Delete.RegionName} for global table ${record.name}`);
      }
      leaves.push(u.Delete.RegionName);
    }
  }
  for (const region of leaves) group.leave(region);
  for (const t of joins) group.join(t);
  return { GlobalTableDescription: describe(record, 'UPDATING') };
}

export function describeGlobalTableSettings(input: DescribeGlobalTableSettingsInput, ctx: Ctx): DescribeGlobalTableSettingsOutput {
  const record = recordOf(ctx, input.GlobalTableName);
  return { GlobalTableName: record.name, ReplicaSettings: [...record.group.members.values()].map(replicaSettings) };
}

export function updateGlobalTableSettings(input: UpdateGlobalTableSettingsInput, ctx: Ctx): UpdateGlobalTableSettingsOutput {
  const record = recordOf(ctx, input.GlobalTableName);
  const members = [...record.group.members.values()];
  const billing = input.GlobalTableBillingMode ?? members[0]?.billingMode;
  const changes: Array<() => void> = [];
  const provisionedOnly = (what: string) => {
    if (billing !== 'PROVISIONED') throw validation(`${what} cannot be specified when the billing mode is PAY_PER_REQUEST`);
  };
  if (input.GlobalTableBillingMode) {
    changes.push(() => members.forEach((t) => { t.billingMode = billing; }));
  }
  const wcu = input.GlobalTableProvisionedWriteCapacityUnits;
  if (wcu !== undefined) {
    provisionedOnly('GlobalTableProvisionedWriteCapacityUnits');
    if (wcu < 1) throw constraintFailure(wcu, 'globalTableProvisionedWriteCapacityUnits', 'Member must have value greater than or equal to 1');
    changes.push(() => members.forEach((t) => { t.throughput = { ...t.throughput, WriteCapacityUnits: wcu }; }));
  }
  const wScaling = input.GlobalTableProvisionedWriteCapacityAutoScalingSettingsUpdate;
  if (wScaling) {
    provisionedOnly('GlobalTableProvisionedWriteCapacityAutoScalingSettingsUpdate');
    checkScalingUpdate(wScaling);
    changes.push(() => members.forEach((t) => { const s = t.features.autoScalingOf(); s.write = mergeScaling(s.write, wScaling, t, 'Write'); }));
  }
  for (const g of input.GlobalTableGlobalSecondaryIndexSettingsUpdate ?? []) {
    for (const t of members) {
      if (t.indexes.get(g.IndexName)?.spec.kind !== 'GSI') {
        throw awsError('IndexNotFoundException', `The specified index ${g.IndexName} does not exist on table ${t.name} in region ${t.region}`);
      }
    }
    if (g.ProvisionedWriteCapacityUnits !== undefined) provisionedOnly('ProvisionedWriteCapacityUnits');
    if (g.ProvisionedWriteCapacityAutoScalingSettingsUpdate) checkScalingUpdate(g.ProvisionedWriteCapacityAutoScalingSettingsUpdate);
    changes.push(() =>
      members.forEach((t) => {
        const spec = t.indexes.get(g.IndexName)!.spec;
        if (g.ProvisionedWriteCapacityUnits !== undefined) {
          spec.throughput = { ReadCapacityUnits: spec.throughput?.ReadCapacityUnits ?? 1, WriteCapacityUnits: g.ProvisionedWriteCapacityUnits };
        }
        const u = g.ProvisionedWriteCapacityAutoScalingSettingsUpdate;
        if (u) { const s = t.features.autoScalingOf(g.IndexName); s.write = mergeScaling(s.write, u, t, 'Write', g.IndexName); }
      }),
    );
  }
  for (const r of input.ReplicaSettingsUpdate ?? []) {
    const t = record.group.members.get(r.RegionName);
    if (!t) throw awsError('ReplicaNotFoundException', `Replica not found in region ${r.RegionName} for global table ${record.name}`);
    changes.push(...replicaChanges(t, r, provisionedOnly));
  }
  for (const apply of changes) apply();
  return { GlobalTableName: record.name, ReplicaSettings: members.map(replicaSettings) };
}

/** The changes one ReplicaSettingsUpdate makes to its region's table (checked now, applied later). */
function replicaChanges(
  t: Table,
  r: NonNullable<UpdateGlobalTableSettingsInput['ReplicaSettingsUpdate']>[number],
  provisionedOnly: (what: string) => void,
): Array<() => void> {
  const out: Array<() => void> = [];
  const rcu = r.ReplicaProvisionedReadCapacityUnits;
  if (rcu !== undefined) {
    provisionedOnly('ReplicaProvisionedReadCapacityUnits');
    out.push(() => { t.throughput = { ...t.throughput, ReadCapacityUnits: rcu }; });
  }
  const scaling = r.ReplicaProvisionedReadCapacityAutoScalingSettingsUpdate;
  if (scaling) {
    checkScalingUpdate(scaling);
    out.push(() => { const s = t.features.autoScalingOf(); s.read = mergeScaling(s.read, scaling, t, 'Read'); });
  }
  if (r.ReplicaTableClass) out.push(() => { t.tableClass = r.ReplicaTableClass as string; });
  for (const g of r.ReplicaGlobalSecondaryIndexSettingsUpdate ?? []) {
    const index = t.indexes.get(g.IndexName);
    if (index?.spec.kind !== 'GSI') {
      throw awsError('IndexNotFoundException', `The specified index ${g.IndexName} does not exist on table ${t.name} in region ${t.region}`);
    }
    const u = g.ProvisionedReadCapacityAutoScalingSettingsUpdate;
    if (u) checkScalingUpdate(u);
    out.push(() => {
      if (g.ProvisionedReadCapacityUnits !== undefined) {
        index.spec.throughput = { WriteCapacityUnits: index.spec.throughput?.WriteCapacityUnits ?? 1, ReadCapacityUnits: g.ProvisionedReadCapacityUnits };
      }
      if (u) { const s = t.features.autoScalingOf(g.IndexName); s.read = mergeScaling(s.read, u, t, 'Read', g.IndexName); }
    });
  }
  return out;
}
