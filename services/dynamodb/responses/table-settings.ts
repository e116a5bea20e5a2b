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
import { constraintFailure, invalidParameter, listMember, resourceNotFound, stringMember, structureMember, validation } from '../exceptions';
import type { Table } from '../models/table';
import { checkTableRef } from '../models/table-schema';
import type { Ctx } from './common';

const MAX_TAGS = 50;

export function updateTimeToLive(input: UpdateTimeToLiveInput, ctx: Ctx): UpdateTimeToLiveOutput {
  checkTableRef(input.TableName);
  const spec = input.TimeToLiveSpecification;
  if (!spec?.AttributeName) throw validation('1 validation error detected: Value null at \'timeToLiveSpecification.attributeName\' failed to satisfy constraint: Member must not be null');
  stringMember(spec.AttributeName);
  const table = ctx.backend.describeTarget(input.TableName);
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
  checkTableRef(input.TableName);
  const table = ctx.backend.describeTarget(input.TableName);
  if (!table.ttl?.enabled) return { TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED' } };
  return { TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: table.ttl.attribute } };
}

const TABLE_OR_STREAM_ARN = /^arn:aws[a-z-]*:dynamodb:([a-z0-9-]*):(\d{12}):table\/([a-zA-Z0-9_.-]{3,255})(\/stream\/[^/]+)?$/;

/**
 * The table a tag operation names, refused as DynamoDB words each case: not
 * an ARN, not DynamoDB's, an index ARN, another region or a malformed ARN
 * (ValidationException), another account's table (AccessDeniedException:
 * no resource policy grants the tag actions across accounts), an unknown
 * table or one still CREATING (ResourceNotFoundException: the tagging
 * backend learns of a table only once it is active).
 */
function tagTarget(ctx: Ctx, arn: string, action: string): Table {
  stringMember(arn);
  if (!arn?.startsWith('arn:')) throw invalidParameter(`ARNs must start with 'arn:': ${arn}`);
  const service = arn.split(':')[2];
  if (service !== 'dynamodb') throw invalidParameter(`Provided Arn is not a DynamoDB resource arn: ${arn}`);
  if (/:table\/[^/]+\/index\//.test(arn)) {
    throw invalidParameter(`Invalid resource arn provided, only table or stream is accepted. Provided resource arn: ${arn}`);
  }
  const m = TABLE_OR_STREAM_ARN.exec(arn);
  if (!m || m[1] !== ctx.region) throw validation(`Invalid TableArn: Invalid ResourceArn provided as input ${arn}`);
  if (m[2] !== ctx.account) {
    throw new AwsError(
      'AccessDeniedException',
      `User: arn:aws:iam::${ctx.account}:root is not authorized to perform: dynamodb:${action} on resource: ${arn} because no resource-based policy allows the dynamodb:${action} action`,
      { status: 400 },
    );
  }
  const table = ctx.backend.find(m[3]);
  if (!table || m[4] || table.status === 'CREATING' || table.status === 'DELETING') {
    throw resourceNotFound(`Requested resource not found: ResourceArn: ${arn} not found`);
  }
  return table;
}

export function tagResource(input: TagResourceInput, ctx: Ctx): void {
  listMember(input.Tags);
  const table = tagTarget(ctx, input.ResourceArn, 'TagResource');
  if (!input.Tags?.length) throw validation('Atleast one Tag needs to be provided as Input.');
  const given = new Set<string>();
  input.Tags.forEach((t, i) => {
    structureMember(t);
    stringMember(t.Key);
    if (t.Key === undefined || t.Key === null) {
      throw validation(`1 validation error detected: Value null at 'tags.${i + 1}.member.key' failed to satisfy constraint: Member must not be null`);
    }
  });
  for (const t of input.Tags) {
    if (t.Key.startsWith('aws:')) throw validation(`Tag Key cannot be prefixed with aws:, Key: ${t.Key}`);
    if (given.has(t.Key)) throw validation(`Duplicate Tag Keys provided as input: Duplicate Tag Key found ${t.Key}`);
    given.add(t.Key);
  }
  const tags = new Map(table.tags.map((t) => [t.Key, t.Value]));
  for (const t of input.Tags) tags.set(t.Key, t.Value);
  // The 50-tag limit is a ValidationException, not a LimitExceededException.
  if (tags.size > MAX_TAGS) throw validation('Number of Tags exceed the current limit for the provided ResourceArn');
  table.tags = [...tags].map(([Key, Value]) => ({ Key, Value }));
}

export function untagResource(input: UntagResourceInput, ctx: Ctx): void {
  listMember(input.TagKeys);
  const table = tagTarget(ctx, input.ResourceArn, 'UntagResource');
  if (!input.TagKeys?.length) throw validation('Atleast one Tag Key needs to be provided as Input.');
  const drop = new Set(input.TagKeys ?? []);
  table.tags = table.tags.filter((t) => !drop.has(t.Key));
}

export function listTagsOfResource(input: ListTagsOfResourceInput, ctx: Ctx): ListTagsOfResourceOutput {
  const table = tagTarget(ctx, input.ResourceArn, 'ListTagsOfResource');
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
    throw validation('Invalid Request: Cannot specify RecoveryPeriodInDays when disabling point-in-time recovery.');
  }
  if (spec.PointInTimeRecoveryEnabled) table.pitr.enable(days ?? 35);
  else table.pitr.disable();
  return { ContinuousBackupsDescription: backupsOf(table) };
}
