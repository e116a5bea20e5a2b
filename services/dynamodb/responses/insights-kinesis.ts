/**
 * Contributor insights (Describe/Update/ListContributorInsights) and Kinesis
 * streaming destinations (Enable/Disable/Describe/UpdateKinesisStreamingDestination).
 * A change answers ENABLING / DISABLING / UPDATING and is done by the next
 * describe. No CloudWatch rules run for insights; item changes of a table
 * with an ACTIVE Kinesis destination go to its stream
 * (models/kinesis-destination.ts).
 */
import { clock } from '../../../src/core/clock';
import type {
  ContributorInsightsSummary,
  DescribeContributorInsightsInput,
  DescribeContributorInsightsOutput,
  DescribeKinesisStreamingDestinationInput,
  DescribeKinesisStreamingDestinationOutput,
  KinesisStreamingDestinationInput,
  KinesisStreamingDestinationOutput,
  ListContributorInsightsInput,
  ListContributorInsightsOutput,
  UpdateContributorInsightsInput,
  UpdateContributorInsightsOutput,
  UpdateKinesisStreamingDestinationInput,
  UpdateKinesisStreamingDestinationOutput,
} from '../types';
import { resourceInUse, resourceNotFound, validation } from '../exceptions';
import { kinesisSink } from '../models/kinesis-destination';
import type { Table } from '../models/table';
import { checkLength } from './backups';
import type { Ctx } from './common';
import { checkPageSize, page } from './paging';

const DEFAULT_MODE = 'ACCESSED_AND_THROTTLED_KEYS';

// ---- contributor insights ------------------------------------------------------

function insightsTarget(ctx: Ctx, tableName: string, indexName: string | undefined): Table {
  checkLength(tableName, 'tableName', 1, 1024);
  const table = ctx.backend.tableByArnOrName(tableName);
  if (indexName !== undefined && table.indexes.get(indexName)?.spec.kind !== 'GSI') {
    throw resourceNotFound(`Requested resource not found: Index: ${indexName} not found`);
  }
  return table;
}

/** The CloudWatch Contributor Insights rules DynamoDB creates: partition key (and sort key) accessed / throttled. */
function rulesFor(table: Table, indexName: string | undefined): string[] {
  const key = indexName ? table.indexes.get(indexName)?.spec.key : table.key;
  const target = indexName ? `${table.name}-${indexName}` : table.name;
  const stamp = clock.now();
  const kinds = key?.range ? ['PKC', 'PKT', 'SKC', 'SKT'] : ['PKC', 'PKT'];
  return kinds.map((k) => `DynamoDBContributorInsights-${k}-${target}-${stamp}`);
}

export function updateContributorInsights(input: UpdateContributorInsightsInput, ctx: Ctx): UpdateContributorInsightsOutput {
  const table = insightsTarget(ctx, input.TableName, input.IndexName);
  const key = input.IndexName ?? '';
  const prior = table.features.insights.get(key);
  const enable = input.ContributorInsightsAction === 'ENABLE';
  const mode = input.ContributorInsightsMode ?? prior?.mode ?? DEFAULT_MODE;
  table.features.insights.set(key, {
    status: enable ? 'ENABLED' : 'DISABLED',
    mode,
    updatedAt: clock.date(),
    rules: enable ? (prior?.rules ?? rulesFor(table, input.IndexName)) : undefined,
  });
  return {
    TableName: table.name,
    IndexName: input.IndexName,
    ContributorInsightsStatus: enable ? 'ENABLING' : 'DISABLING',
    ContributorInsightsMode: mode,
  };
}

export function describeContributorInsights(input: DescribeContributorInsightsInput, ctx: Ctx): DescribeContributorInsightsOutput {
  const table = insightsTarget(ctx, input.TableName, input.IndexName);
  const state = table.features.insights.get(input.IndexName ?? '');
  return {
    TableName: table.name,
    IndexName: input.IndexName,
    ContributorInsightsStatus: state?.status ?? 'DISABLED',
    ContributorInsightsRuleList: state?.rules,
    LastUpdateDateTime: state?.updatedAt,
    ContributorInsightsMode: state?.status === 'ENABLED' ? state.mode : undefined,
  };
}

function summariesOf(table: Table): ContributorInsightsSummary[] {
  const one = (index?: string): ContributorInsightsSummary => {
    const state = table.features.insights.get(index ?? '');
    return {
      TableName: table.name,
      IndexName: index,
      ContributorInsightsStatus: state?.status ?? 'DISABLED',
      ContributorInsightsMode: state?.status === 'ENABLED' ? state.mode : undefined,
    };
  };
  const gsis = [...table.indexes.values()].filter((i) => i.spec.kind === 'GSI').map((i) => one(i.spec.name));
  return [one(), ...gsis];
}

export function listContributorInsights(input: ListContributorInsightsInput, ctx: Ctx): ListContributorInsightsOutput {
  const size = checkPageSize(input.MaxResults, 'maxResults', 100);
  const tables = input.TableName !== undefined
    ? [ctx.backend.tableByArnOrName(input.TableName)]
    : [...ctx.backend.tables.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  const all = tables.flatMap(summariesOf);
  const { items, next } = page(all, (s) => `${s.TableName}\u0000${s.IndexName ?? ''}`, input.NextToken, size);
  return { ContributorInsightsSummaries: items, NextToken: next };
}

// ---- Kinesis streaming destinations ---------------------------------------------

const KINESIS_ARN = /^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:\d{12}:stream\/[a-zA-Z0-9_.-]{1,128}$/;

function kinesisTarget(ctx: Ctx, input: { TableName: string; StreamArn: string }): Table {
  checkLength(input.TableName, 'tableName', 1, 1024);
  checkLength(input.StreamArn, 'streamArn', 37, 1024);
  if (!KINESIS_ARN.test(input.StreamArn)) throw validation(`Invalid StreamArn: ${input.StreamArn}`);
  return ctx.backend.tableByArnOrName(input.TableName);
}

export function enableKinesisStreamingDestination(input: KinesisStreamingDestinationInput, ctx: Ctx): KinesisStreamingDestinationOutput {
  const table = kinesisTarget(ctx, input);
  const current = table.features.kinesis.get(input.StreamArn);
  if (current?.status === 'ACTIVE') {
    throw resourceInUse(`Table ${table.name} is already streaming to Kinesis stream ${input.StreamArn}`);
  }
  const precision = input.EnableKinesisStreamingConfiguration?.ApproximateCreationDateTimePrecision ?? 'MILLISECOND';
  table.features.kinesis.set(input.StreamArn, { streamArn: input.StreamArn, status: 'ACTIVE', precision });
  table.features.kinesisSink ??= kinesisSink(ctx.backends, table.name, ctx.backend.region);
  return {
    TableName: table.name,
    StreamArn: input.StreamArn,
    DestinationStatus: 'ENABLING',
    EnableKinesisStreamingConfiguration: { ApproximateCreationDateTimePrecision: precision },
  };
}

function activeDestination(table: Table, streamArn: string) {
  const d = table.features.kinesis.get(streamArn);
  if (d?.status !== 'ACTIVE') {
    throw resourceNotFound(`Requested resource not found: Kinesis streaming destination ${streamArn} is not enabled for table ${table.name}`);
  }
  return d;
}

export function disableKinesisStreamingDestination(input: KinesisStreamingDestinationInput, ctx: Ctx): KinesisStreamingDestinationOutput {
  const table = kinesisTarget(ctx, input);
  const d = activeDestination(table, input.StreamArn);
  d.status = 'DISABLED';
  return {
    TableName: table.name,
    StreamArn: input.StreamArn,
    DestinationStatus: 'DISABLING',
    EnableKinesisStreamingConfiguration: { ApproximateCreationDateTimePrecision: d.precision },
  };
}

export function updateKinesisStreamingDestination(input: UpdateKinesisStreamingDestinationInput, ctx: Ctx): UpdateKinesisStreamingDestinationOutput {
  const table = kinesisTarget(ctx, input);
  const d = activeDestination(table, input.StreamArn);
  const precision = input.UpdateKinesisStreamingConfiguration?.ApproximateCreationDateTimePrecision;
  if (!precision) throw validation('UpdateKinesisStreamingConfiguration must be specified');
  if (precision === d.precision) {
    throw validation(`Kinesis streaming destination ${input.StreamArn} already uses ApproximateCreationDateTimePrecision ${precision}`);
  }
  d.precision = precision;
  return {
    TableName: table.name,
    StreamArn: input.StreamArn,
    DestinationStatus: 'UPDATING',
    UpdateKinesisStreamingConfiguration: { ApproximateCreationDateTimePrecision: precision },
  };
}

export function describeKinesisStreamingDestination(
  input: DescribeKinesisStreamingDestinationInput,
  ctx: Ctx,
): DescribeKinesisStreamingDestinationOutput {
  checkLength(input.TableName, 'tableName', 1, 1024);
  const table = ctx.backend.tableByArnOrName(input.TableName);
  return {
    TableName: table.name,
    KinesisDataStreamDestinations: [...table.features.kinesis.values()].map((d) => ({
      StreamArn: d.streamArn,
      DestinationStatus: d.status,
      DestinationStatusDescription: d.description,
      ApproximateCreationDateTimePrecision: d.precision,
    })),
  };
}
