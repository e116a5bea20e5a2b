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
import { AwsError } from '../../../src/core/errors';
import { constraintFailure, resourceNotFound, validation } from '../exceptions';
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

function backupsOf(table: Table): DescribeContinuousBackupsOutput['ContinuousBackupsDescription'] {
  return { ContinuousBackupsStatus: 'ENABLED', PointInTimeRecoveryDescription: table.pitr.describe() };
}

export function describeContinuousBackups(input: DescribeContinuousBackupsInput, ctx: Ctx): DescribeContinuousBackupsOutput {
  return { ContinuousBackupsDescription: backupsOf(ctx.backend.backupTarget(input.TableName)) };
}

export function updateContinuousBackups(input: UpdateContinuousBackupsInput, ctx: Ctx): UpdateContinuousBackupsOutput {
  const table = ctx.backend.backupTarget(input.TableName);
  const spec = input.PointInTimeRecoverySpecification;
  const days = spec.RecoveryPeriodInDays;
  if (days !== undefined && (days < 1 || days > 35)) {
    throw constraintFailure(days, 'pointInTimeRecoverySpecification.recoveryPeriodInDays', `Member must have value ${days < 1 ? 'greater than or equal to 1' : 'less than or equal to 35'}`);
  }
  if (!spec.PointInTimeRecoveryEnabled && days !== undefined) {
    throw validation('RecoveryPeriodInDays can only be specified when PointInTimeRecoveryEnabled is true');
  }
  if (spec.PointInTimeRecoveryEnabled) table.pitr.enable(days ?? 35);
  else table.pitr.disable();
  return { ContinuousBackupsDescription: backupsOf(table) };
}
