/**
 * Stream lifecycle and configuration: create, describe, list, delete,
 * limits, retention, stream mode, encryption, enhanced monitoring.
 */
import { clock } from '../../../src/core/clock';
import { AwsError, isAwsError } from '../../../src/core/errors';
import { invalidArgument, limitExceeded, streamNotActive } from '../exceptions';
import { ON_DEMAND_SHARDS } from '../models/backend';
import type { Stream } from '../models/stream';
import type * as T from '../types';
import { capacitySummary, checkDistribution, checkWarmThroughput, setWarmThroughput } from './capacity';
import { type Ctx, shardOut } from './common';

export function createStream(input: T.CreateStreamInput, ctx: Ctx) {
  const mode = (input.StreamModeDetails?.StreamMode ?? 'PROVISIONED') as 'PROVISIONED' | 'ON_DEMAND';
  if (mode === 'PROVISIONED' && input.ShardCount === undefined) {
    throw invalidArgument('ShardCount is required for PROVISIONED stream mode.');
  }
  const shards = mode === 'ON_DEMAND' ? ON_DEMAND_SHARDS : (input.ShardCount as number);
  if (shards < 1) throw invalidArgument(`ShardCount ${shards} must be at least 1.`);
  if (input.Tags && Object.keys(input.Tags).length > 50) {
    throw invalidArgument('Failed to create stream because a given stream cannot have more than 50 tags.');
  }
  if (input.WarmThroughputMiBps !== undefined) checkWarmThroughput(input.WarmThroughputMiBps, mode, input.StreamName, ctx);
  if (input.RecordDistributionStrategy === 'AUTO') checkDistribution('AUTO', mode, input.StreamName);
  const stream = ctx.backend.createStream(input.StreamName, mode, shards, input.Tags);
  if (input.MaxRecordSizeInKiB !== undefined) stream.maxRecordKiB = input.MaxRecordSizeInKiB;
  if (input.RecordDistributionStrategy === 'AUTO') stream.distribution = 'AUTO';
  if (input.WarmThroughputMiBps !== undefined) setWarmThroughput(stream, input.WarmThroughputMiBps);
}

/** UpdateMaxRecordSize: the model bounds the size (1024..10240 KiB); the stream must be ACTIVE and goes UPDATING. */
export function updateMaxRecordSize(input: T.UpdateMaxRecordSizeInput, ctx: Ctx) {
  const stream = ctx.backend.activeStream({ StreamARN: input.StreamARN });
  stream.maxRecordKiB = input.MaxRecordSizeInKiB;
  stream.transition('UPDATING', clock.now());
}

export function deleteStream(input: T.DeleteStreamInput, ctx: Ctx) {
  ctx.backend.deleteStream(input, input.EnforceConsumerDeletion ?? false);
}

function summary(stream: Stream) {
  const now = clock.now();
  return {
    StreamName: stream.name,
    StreamARN: stream.arn,
    StreamStatus: stream.status(now),
    StreamModeDetails: { StreamMode: stream.mode },
    RetentionPeriodHours: stream.retentionHours,
    StreamCreationTimestamp: new Date(stream.createdAt),
    EnhancedMonitoring: [{ ShardLevelMetrics: [...stream.shardLevelMetrics] }],
    EncryptionType: stream.encryption ? 'KMS' : 'NONE',
    KeyId: stream.encryption?.keyId,
  };
}

export function describeStream(input: T.DescribeStreamInput, ctx: Ctx) {
  const stream = ctx.backend.stream(input);
  const limit = input.Limit ?? 100;
  let shards = stream.shards;
  if (input.ExclusiveStartShardId !== undefined) {
    const after = input.ExclusiveStartShardId;
    shards = shards.filter((s) => s.id > after);
  }
  const page = shards.slice(0, limit);
  return {
    StreamDescription: { ...summary(stream), Shards: page.map(shardOut), HasMoreShards: shards.length > page.length },
  };
}

export function describeStreamSummary(input: T.DescribeStreamSummaryInput, ctx: Ctx) {
  const stream = ctx.backend.stream(input);
  return {
    StreamDescriptionSummary: {
      ...summary(stream),
      OpenShardCount: stream.shards.filter((s) => s.open).length,
      MaxRecordSizeInKiB: stream.maxRecordKiB,
      ConsumerCount: stream.consumers.size,
      ...capacitySummary(stream, ctx),
    },
  };
}

export function listStreams(input: T.ListStreamsInput, ctx: Ctx) {
  const limit = input.Limit ?? 100;
  let after = input.ExclusiveStartStreamName;
  if (input.NextToken !== undefined) {
    const name = Buffer.from(input.NextToken, 'base64').toString('utf8');
    if (!name || Buffer.from(name, 'utf8').toString('base64') !== input.NextToken) {
      throw invalidArgument(`Invalid NextToken: ${input.NextToken}`);
    }
    after = name;
  }
  const { names, more } = ctx.backend.listNames(after, limit);
  const streams = names.map((n) => ctx.backend.listed(n));
  return {
    StreamNames: names,
    HasMoreStreams: more,
    NextToken: more ? Buffer.from(names[names.length - 1], 'utf8').toString('base64') : undefined,
    StreamSummaries: streams.map((s) => ({
      StreamName: s.name,
      StreamARN: s.arn,
      StreamStatus: s.status(clock.now()),
      StreamModeDetails: { StreamMode: s.mode },
      StreamCreationTimestamp: new Date(s.createdAt),
    })),
  };
}

export function describeLimits(_input: T.DescribeLimitsInput, ctx: Ctx) {
  return {
    ShardLimit: ctx.backend.shardLimit,
    OpenShardCount: ctx.backend.openShardCount(),
    OnDemandStreamCount: ctx.backend.onDemandStreamCount(),
    OnDemandStreamCountLimit: 50,
    ChannelCount: ctx.backend.channels().size,
  };
}

const MIN_RETENTION = 24;
const MAX_RETENTION = 8760;

function checkRetention(hours: number): void {
  if (hours < MIN_RETENTION) {
    throw invalidArgument(`Minimum allowed retention period is ${MIN_RETENTION} hours. Requested retention period (${hours} hours) is too short.`);
  }
  if (hours > MAX_RETENTION) {
    throw invalidArgument(`Maximum allowed retention period is ${MAX_RETENTION} hours. Requested retention period (${hours} hours) is too long.`);
  }
}

export function increaseStreamRetentionPeriod(input: T.IncreaseStreamRetentionPeriodInput, ctx: Ctx) {
  const stream = ctx.backend.activeStream(input);
  checkRetention(input.RetentionPeriodHours);
  if (input.RetentionPeriodHours < stream.retentionHours) {
    throw invalidArgument(
      `Requested retention period (${input.RetentionPeriodHours} hours) for stream ${stream.name} can not be shorter than existing retention period (${stream.retentionHours} hours). Use DecreaseRetentionPeriod API.`,
    );
  }
  stream.retentionHours = input.RetentionPeriodHours;
}

export function decreaseStreamRetentionPeriod(input: T.DecreaseStreamRetentionPeriodInput, ctx: Ctx) {
  const stream = ctx.backend.activeStream(input);
  checkRetention(input.RetentionPeriodHours);
  if (input.RetentionPeriodHours > stream.retentionHours) {
    throw invalidArgument(
      `Requested retention period (${input.RetentionPeriodHours} hours) for stream ${stream.name} can not be longer than existing retention period (${stream.retentionHours} hours). Use IncreaseRetentionPeriod API.`,
    );
  }
  stream.retentionHours = input.RetentionPeriodHours;
  stream.trim(clock.now());
}

export function updateStreamMode(input: T.UpdateStreamModeInput, ctx: Ctx) {
  const stream = ctx.backend.activeStream({ StreamARN: input.StreamARN });
  const mode = input.StreamModeDetails.StreamMode as 'PROVISIONED' | 'ON_DEMAND';
  if (mode === stream.mode) {
    throw invalidArgument(`Stream ${stream.name} under account ${ctx.account} is already in ${mode} mode.`);
  }
  if (mode === 'ON_DEMAND' && ctx.backend.onDemandStreamCount() >= 50) {
    throw limitExceeded(`This request would exceed the on-demand stream limit for the account ${ctx.account} in ${ctx.region}.`);
  }
  // "This field is only valid when the stream mode is being updated to on-demand."
  if (input.WarmThroughputMiBps !== undefined) checkWarmThroughput(input.WarmThroughputMiBps, mode, stream.name, ctx);
  stream.mode = mode;
  if (mode === 'PROVISIONED') {
    // Provisioned streams have neither warm throughput nor AUTO distribution.
    stream.warm = undefined;
    stream.distribution = 'USER_PARTITION_KEY';
  }
  if (input.WarmThroughputMiBps !== undefined) setWarmThroughput(stream, input.WarmThroughputMiBps);
  stream.transition('UPDATING', clock.now());
}

/** Kinesis reports the KMS backend's verdict on a key in its own KMS* error codes. */
export async function checkKey(keyId: string, ctx: Ctx): Promise<void> {
  const kms = await ctx.backends.get<{ findKey(id: string): Promise<{ state: string }> }>('kms', ctx.account, ctx.region);
  let key: { state: string };
  try {
    key = await kms.findKey(keyId);
  } catch (err) {
    if (isAwsError(err)) throw new AwsError('KMSNotFoundException', err.message);
    throw err;
  }
  if (key.state === 'Disabled') throw new AwsError('KMSDisabledException', `${keyId} is disabled.`);
  if (key.state !== 'Enabled') throw new AwsError('KMSInvalidStateException', `${keyId} is ${key.state}.`);
}

export async function startStreamEncryption(input: T.StartStreamEncryptionInput, ctx: Ctx) {
  const stream = ctx.backend.activeStream(input);
  if (input.EncryptionType !== 'KMS') throw invalidArgument(`Invalid EncryptionType ${input.EncryptionType}. Only KMS is supported.`);
  await checkKey(input.KeyId, ctx);
  if (stream.status(clock.now()) !== 'ACTIVE') throw streamNotActive(stream.name, ctx.account, stream.status(clock.now()));
  stream.encryption = { type: 'KMS', keyId: input.KeyId };
  stream.transition('UPDATING', clock.now());
}

export function stopStreamEncryption(input: T.StopStreamEncryptionInput, ctx: Ctx) {
  const stream = ctx.backend.activeStream(input);
  if (input.EncryptionType !== 'KMS') throw invalidArgument(`Invalid EncryptionType ${input.EncryptionType}. Only KMS is supported.`);
  stream.encryption = undefined;
  stream.transition('UPDATING', clock.now());
}

const ALL_METRICS = [
  'IncomingBytes',
  'IncomingRecords',
  'OutgoingBytes',
  'OutgoingRecords',
  'WriteProvisionedThroughputExceeded',
  'ReadProvisionedThroughputExceeded',
  'IteratorAgeMilliseconds',
];

function expand(metrics: string[]): string[] {
  return metrics.includes('ALL') ? ALL_METRICS : metrics;
}

function monitoring(stream: Stream, next: string[]) {
  const current = [...stream.shardLevelMetrics];
  stream.shardLevelMetrics = ALL_METRICS.filter((m) => next.includes(m));
  return {
    StreamName: stream.name,
    StreamARN: stream.arn,
    CurrentShardLevelMetrics: current,
    DesiredShardLevelMetrics: [...stream.shardLevelMetrics],
  };
}

export function enableEnhancedMonitoring(input: T.EnableEnhancedMonitoringInput, ctx: Ctx) {
  const stream = ctx.backend.activeStream(input);
  return monitoring(stream, [...stream.shardLevelMetrics, ...expand(input.ShardLevelMetrics)]);
}

export function disableEnhancedMonitoring(input: T.DisableEnhancedMonitoringInput, ctx: Ctx) {
  const stream = ctx.backend.activeStream(input);
  const drop = expand(input.ShardLevelMetrics);
  return monitoring(stream, stream.shardLevelMetrics.filter((m) => !drop.includes(m)));
}
