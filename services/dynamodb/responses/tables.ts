/** Table lifecycle: CreateTable, DescribeTable, ListTables, UpdateTable, DeleteTable. */
import { clock } from '../../../src/core/clock';
import type {
  CreateTableInput,
  CreateTableOutput,
  DeleteTableInput,
  DeleteTableOutput,
  DescribeTableInput,
  DescribeTableOutput,
  ListTablesInput,
  ListTablesOutput,
  UpdateTableInput,
  UpdateTableOutput,
} from '../types';
import { constraintFailure, invalidParameter, limitExceeded, resourceNotFound, validation } from '../exceptions';
import { describeTable } from '../models/describe';
import { resolveSse } from '../models/sse';
import type { Table } from '../models/table';
import { attributeTypes, checkBilling, checkTableName, checkTableRef, resolveGsi } from '../models/table-schema';
import { type Ctx, checkEnum } from './common';
import { applyReplicaUpdates } from './replicas';
import { attachPolicy } from './resource-policies';

export async function createTable(input: CreateTableInput, ctx: Ctx): Promise<CreateTableOutput> {
  checkTableName(input.TableName);
  checkEnum(input.BillingMode, ['PROVISIONED', 'PAY_PER_REQUEST'], 'billingMode');
  checkEnum(input.TableClass, ['STANDARD', 'STANDARD_INFREQUENT_ACCESS'], 'tableClass');
  if (input.StreamSpecification) {
    checkEnum(input.StreamSpecification.StreamViewType, ['NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES', 'KEYS_ONLY'], 'streamSpecification.streamViewType');
  }
  const sse = await resolveSse(input.SSESpecification, ctx.backends, ctx.account, ctx.region);
  const table = ctx.backend.createTable(input, sse);
  if (input.ResourcePolicy !== undefined) {
    try {
      attachPolicy(ctx.backend, table.arn, input.ResourcePolicy);
    } catch (err) {
      ctx.backend.tables.delete(table.name);
      throw err;
    }
  }
  // The answer is always CREATING; how long the state lasts is the backend's timings.
  return { TableDescription: describeTable(table, 'CREATING', true) };
}

export function describeTableHandler(input: DescribeTableInput, ctx: Ctx): DescribeTableOutput {
  checkTableRef(input.TableName);
  return { Table: describeTable(ctx.backend.describeTarget(input.TableName)) };
}

export function listTables(input: ListTablesInput, ctx: Ctx): ListTablesOutput {
  const limit = input.Limit ?? 100;
  if (limit < 1) throw constraintFailure(limit, 'limit', 'Member must have value greater than or equal to 1');
  if (limit > 100) throw constraintFailure(limit, 'limit', 'Member must have value less than or equal to 100');
  const names = [...ctx.backend.tables.keys()].sort();
  const start = input.ExclusiveStartTableName;
  const from = start === undefined ? 0 : names.findIndex((n) => n > start);
  const page = from < 0 ? [] : names.slice(from, from + limit);
  const more = from >= 0 && from + limit < names.length;
  return { TableNames: page, LastEvaluatedTableName: more ? page[page.length - 1] : undefined };
}

export function deleteTable(input: DeleteTableInput, ctx: Ctx): DeleteTableOutput {
  checkTableRef(input.TableName);
  const table = ctx.backend.deleteTable(input.TableName);
  return { TableDescription: describeTable(table, 'DELETING') };
}

export async function updateTable(input: UpdateTableInput, ctx: Ctx): Promise<UpdateTableOutput> {
  checkTableRef(input.TableName);
  checkEnum(input.BillingMode, ['PROVISIONED', 'PAY_PER_REQUEST'], 'billingMode');
  // A request that changes nothing is refused before the table is looked up (also on a missing table);
  // an empty GlobalSecondaryIndexUpdates list counts as absent (recorded 2026-10).
  const changes = [
    input.BillingMode, input.ProvisionedThroughput, input.GlobalSecondaryIndexUpdates?.length ? input.GlobalSecondaryIndexUpdates : undefined,
    input.StreamSpecification, input.SSESpecification, input.TableClass, input.DeletionProtectionEnabled, input.OnDemandThroughput,
    input.ReplicaUpdates, input.WarmThroughput,
  ].filter((x) => x !== undefined);
  if (changes.length === 0) {
    throw validation(
      'At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is required',
    );
  }
  const table = ctx.backend.changeTarget(input.TableName);
  // Enabled: false returns the table to the AWS owned key.
  const sse = input.SSESpecification ? await resolveSse(input.SSESpecification, ctx.backends, ctx.account, ctx.region) : undefined;
  const warm = input.WarmThroughput;
  if (warm && ((warm.ReadUnitsPerSecond ?? Infinity) < table.warm.read || (warm.WriteUnitsPerSecond ?? Infinity) < table.warm.write)) {
    // Warm throughput only ever rises (AWS's wording of this refusal is not recorded word for word).
    throw validation('One or more parameter values were invalid: decreasing WarmThroughput is not supported');
  }
  // Every change is checked before any is applied: a request with one bad change changes nothing.
  const steps = [
    billingStep(table, input),
    input.GlobalSecondaryIndexUpdates ? indexStep(table, input, clock.now() + ctx.backend.timings.indexMs) : undefined,
    input.StreamSpecification ? streamStep(ctx, table, input.StreamSpecification) : undefined,
  ];
  for (const step of steps) step?.();
  if (warm) table.raiseWarm(warm.ReadUnitsPerSecond ?? 0, warm.WriteUnitsPerSecond ?? 0);
  if (input.SSESpecification) table.sse = sse;
  if (input.TableClass) table.tableClass = input.TableClass;
  if (input.DeletionProtectionEnabled !== undefined) table.deletionProtection = input.DeletionProtectionEnabled;
  if (input.ReplicaUpdates?.length) await applyReplicaUpdates(ctx, table, input.ReplicaUpdates);
  table.updatedAt = clock.now() + ctx.backend.timings.updateMs;
  return { TableDescription: describeTable(table, 'UPDATING') };
}

type Step = (() => void) | undefined;

function billingStep(table: Table, input: UpdateTableInput): Step {
  const mode = input.BillingMode ?? table.billingMode;
  if (input.ProvisionedThroughput || input.BillingMode) {
    const throughput = input.ProvisionedThroughput ?? (mode === 'PROVISIONED' && table.billingMode === 'PROVISIONED' ? table.throughput : undefined);
    checkBilling(mode, throughput);
    const t = input.ProvisionedThroughput;
    if (t && mode === table.billingMode && t.ReadCapacityUnits === table.throughput.ReadCapacityUnits && t.WriteCapacityUnits === table.throughput.WriteCapacityUnits) {
      throw validation(
        `The provisioned throughput for the table will not change. The requested value equals the current value. Current ReadCapacityUnits provisioned for the table: ${t.ReadCapacityUnits}. Requested ReadCapacityUnits: ${t.ReadCapacityUnits}. Current WriteCapacityUnits provisioned for the table: ${t.WriteCapacityUnits}. Requested WriteCapacityUnits: ${t.WriteCapacityUnits}. Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.`,
      );
    }
    return () => {
      table.billingMode = mode;
      if (t) {
        table.throughput = t;
        table.throughputChangedAt = clock.date();
      }
    };
  }
  return undefined;
}

function indexStep(table: Table, input: UpdateTableInput, readyAt: number): Step {
  const defs = [...table.attributeDefinitions];
  for (const d of input.AttributeDefinitions ?? []) if (!defs.some((x) => x.AttributeName === d.AttributeName)) defs.push(d);
  const types = attributeTypes(defs);
  const changes: Array<() => void> = [];
  const gsis = [...table.indexes.values()].filter((i) => i.spec.kind === 'GSI');
  let creating = gsis.some((i) => i.status === 'CREATING');
  const deleted = new Set<string>();
  for (const u of input.GlobalSecondaryIndexUpdates ?? []) {
    if (u.Create) {
      const spec = resolveGsi(
        { ...u.Create, Projection: u.Create.Projection },
        types,
        table.billingMode,
        (name) => {
          if (table.indexes.has(name)) throw validation('Attempting to create an index which already exists');
        },
        new Set(),
      );
      if (gsis.length >= 20) {
        throw limitExceeded('Subscriber limit exceeded: Number of global secondary indexes exceeds per-table limit of 20');
      }
      if (creating) {
        throw limitExceeded('Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table');
      }
      creating = readyAt > clock.now();
      changes.push(() => table.addIndex(spec, readyAt));
    } else if (u.Delete) {
      const name = u.Delete.IndexName;
      if (!table.indexes.get(name) || deleted.has(name)) throw resourceNotFound(`Requested resource not found: Index: ${name} not found`);
      if (table.indexes.get(name)?.spec.kind === 'LSI') throw validation(`Cannot delete an index that is not a GlobalSecondaryIndex: ${name}`);
      deleted.add(name);
      changes.push(() => table.indexes.delete(name));
    } else if (u.Update) {
      const index = table.indexes.get(u.Update.IndexName);
      if (index?.spec.kind === 'LSI') throw validation(`Cannot update an index that is not a GlobalSecondaryIndex: ${u.Update.IndexName}`);
      if (index?.spec.kind !== 'GSI') {
        throw resourceNotFound(`Requested resource not found: Index: ${u.Update.IndexName} not found`);
      }
      const t = u.Update.ProvisionedThroughput;
      if (t) changes.push(() => { index.spec.throughput = t; });
    }
  }
  return () => {
    for (const change of changes) change();
    // Keep only the definitions some key still uses.
    const used = new Set(table.keyNames);
    for (const i of table.indexes.values()) {
      used.add(i.spec.key.hash.name);
      if (i.spec.key.range) used.add(i.spec.key.range.name);
    }
    table.attributeDefinitions = defs.filter((d) => used.has(d.AttributeName));
  };
}

function streamStep(ctx: Ctx, table: Table, spec: { StreamEnabled: boolean; StreamViewType?: string }): Step {
  if (spec.StreamEnabled) {
    if (table.stream?.status === 'ENABLED') throw validation('Table already has an enabled stream');
    if (!spec.StreamViewType) throw invalidParameter('You must specify a StreamViewType when enabling a stream');
    return () => ctx.backend.enableStream(table, spec.StreamViewType);
  }
  const stream = table.stream;
  if (stream?.status !== 'ENABLED') throw validation('Table already has stream disabled');
  return () => stream.disable();
}
