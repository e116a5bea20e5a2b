/** Per-table settings: TTL, tags, point-in-time recovery; account limits and endpoints. */
import type {
  DescribeContinuousBackupsInput,
  DescribeContinuousBackupsOutput,
  DescribeEndpointsResponse,
  DescribeLimitsOutput,
  DescribeTimeToLiveInput,
  DescribeTimeToLiveOutput,
  ListTagsOfResourceInput,
  ListTagsOfResourceOutput,
  TagResourceInput,
  UntagResourceInput,
  UpdateContinuousBackupsInput,
  UpdateContinuousBackupsOutput,
  UpdateTimeToLiveInput,
  UpdateTimeToLiveOutput,
} from '../types';
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import { invalidParameter, resourceNotFound, validation } from '../exceptions';
import type { Table } from '../models/table';
import { checkTableName } from '../models/table-schema';
import type { Ctx } from './common';

const MAX_TAGS = 50;

export function updateTimeToLive(input: UpdateTimeToLiveInput, ctx: Ctx): UpdateTimeToLiveOutput {
  checkTableName(input.TableName, 'tableName', 1);
  const table = ctx.backend.describeTarget(input.TableName);
  const spec = input.TimeToLiveSpecification;
  if (!spec?.AttributeName) throw validation('1 validation error detected: Value null at \'timeToLiveSpecification.attributeName\' failed to satisfy constraint: Member must not be null');
  if (spec.Enabled && table.ttl?.enabled) throw validation('TimeToLive is already enabled');
  if (!spec.Enabled && !table.ttl?.enabled) throw validation('TimeToLive is already disabled');
  if (!spec.Enabled && table.ttl && table.ttl.attribute !== spec.AttributeName) {
    throw validation(`TimeToLive attribute name mismatch: current ${table.ttl.attribute}, requested ${spec.AttributeName}`);
  }
  table.ttl = { attribute: spec.AttributeName, enabled: spec.Enabled };
  table.retrackTtl();
  return { TimeToLiveSpecification: { AttributeName: spec.AttributeName, Enabled: spec.Enabled } };
}

export function describeTimeToLive(input: DescribeTimeToLiveInput, ctx: Ctx): DescribeTimeToLiveOutput {
  checkTableName(input.TableName, 'tableName', 1);
  const table = ctx.backend.describeTarget(input.TableName);
  if (!table.ttl?.enabled) return { TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED' } };
  return { TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: table.ttl.attribute } };
}

function tableOfArn(ctx: Ctx, arn: string): Table {
  const table = [...ctx.backend.tables.values()].find((t) => t.arn === arn);
  if (!table) throw resourceNotFound(`Requested resource not found: ResourcArn: ${arn} not found`);
  return table;
}

function checkArn(arn: string): void {
  if (!/^arn:aws[a-z-]*:dynamodb:[^:]+:\d{12}:table\/[a-zA-Z0-9_.-]+/.test(arn ?? '')) {
    throw validation(`Invalid TableArn: Invalid ResourceArn provided as input ${arn}`);
  }
}

export function tagResource(input: TagResourceInput, ctx: Ctx): void {
  checkArn(input.ResourceArn);
  const table = tableOfArn(ctx, input.ResourceArn);
  const tags = new Map(table.tags.map((t) => [t.Key, t.Value]));
  for (const t of input.Tags ?? []) tags.set(t.Key, t.Value);
  if (tags.size > MAX_TAGS) {
    throw new AwsError('LimitExceededException', 'One or more parameter values were invalid: The number of tags exceeds the limit of 50', { status: 400 });
  }
  table.tags = [...tags].map(([Key, Value]) => ({ Key, Value }));
}

export function untagResource(input: UntagResourceInput, ctx: Ctx): void {
  checkArn(input.ResourceArn);
  const table = tableOfArn(ctx, input.ResourceArn);
  const drop = new Set(input.TagKeys ?? []);
  table.tags = table.tags.filter((t) => !drop.has(t.Key));
}

export function listTagsOfResource(input: ListTagsOfResourceInput, ctx: Ctx): ListTagsOfResourceOutput {
  checkArn(input.ResourceArn);
  const table = tableOfArn(ctx, input.ResourceArn);
  return { Tags: table.tags.map((t) => ({ ...t })) };
}

export function describeLimits(): DescribeLimitsOutput {
  return {
    AccountMaxReadCapacityUnits: 80000,
    AccountMaxWriteCapacityUnits: 80000,
    TableMaxReadCapacityUnits: 40000,
    TableMaxWriteCapacityUnits: 40000,
  };
}

export function describeEndpoints(_input: unknown, ctx: Ctx): DescribeEndpointsResponse {
  return { Endpoints: [{ Address: `dynamodb.${ctx.region}.amazonaws.com`, CachePeriodInMinutes: 1440 }] };
}

const pitr = new WeakMap<Table, boolean>();

function backupsOf(table: Table) {
  const enabled = pitr.get(table) ?? false;
  const now = clock.date();
  return {
    ContinuousBackupsStatus: 'ENABLED',
    PointInTimeRecoveryDescription: enabled
      ? { PointInTimeRecoveryStatus: 'ENABLED', RecoveryPeriodInDays: 35, EarliestRestorableDateTime: table.createdAt, LatestRestorableDateTime: now }
      : { PointInTimeRecoveryStatus: 'DISABLED' },
  };
}

export function describeContinuousBackups(input: DescribeContinuousBackupsInput, ctx: Ctx): DescribeContinuousBackupsOutput {
  const table = ctx.backend.tables.get(input.TableName);
  if (!table) throw new AwsError('TableNotFoundException', `Table not found: ${input.TableName}`, { status: 400 });
  return { ContinuousBackupsDescription: backupsOf(table) };
}

export function updateContinuousBackups(input: UpdateContinuousBackupsInput, ctx: Ctx): UpdateContinuousBackupsOutput {
  const table = ctx.backend.tables.get(input.TableName);
  if (!table) throw new AwsError('TableNotFoundException', `Table not found: ${input.TableName}`, { status: 400 });
  const spec = input.PointInTimeRecoverySpecification;
  if (spec?.PointInTimeRecoveryEnabled === undefined) throw invalidParameter('PointInTimeRecoveryEnabled must be specified');
  pitr.set(table, spec.PointInTimeRecoveryEnabled);
  return { ContinuousBackupsDescription: backupsOf(table) };
}
