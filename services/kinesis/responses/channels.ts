/**
 * Channels: CreateChannel / DescribeChannel / ListChannels / UpdateChannel /
 * DeleteChannel. A channel reads one ON_DEMAND stream and names one
 * destination (a general purpose S3 bucket or one S3 Tables table).
 */
import { clock } from '../../../src/core/clock';
import { AwsError } from '../../../src/core/errors';
import { parseArn } from '../../../src/core/ids';
import { invalidArgument, resourceInUse, resourceNotFound } from '../exceptions';
import { Channel, DEFAULT_FRESHNESS_S } from '../models/channel';
import type * as T from '../types';
import { type Ctx, decodeToken, encodeToken } from './common';
import { checkKey } from './streams';

const NAME = /^[a-zA-Z0-9_.-]{1,128}$/;
/** ListChannels: 100 per page by default and at most. */
const PAGE = 100;
/** A ListChannels NextToken lives 300 s, as ListShards' does. */
const TOKEN_TTL_MS = 300_000;

function checkName(name: string): void {
  if (!NAME.test(name)) {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value '${name}' at 'channelName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+`,
    );
  }
}

function channelByArn(channelArn: string, ctx: Ctx): Channel {
  const parsed = parseArn(channelArn);
  if (!parsed?.resource.startsWith('channel/')) throw invalidArgument(`Invalid ChannelARN ${channelArn}`);
  const name = parsed.resource.slice('channel/'.length);
  const channel = ctx.backend.channels().get(name);
  if (!channel || channel.arn !== channelArn) throw resourceNotFound(`Channel ${channelArn} under account ${ctx.account} not found.`);
  return channel;
}

export async function createChannel(input: T.CreateChannelInput, ctx: Ctx) {
  checkName(input.ChannelName);
  const s3 = input.S3DestinationConfiguration;
  const tables = input.S3TablesDestinationConfiguration;
  if ((s3 === undefined) === (tables === undefined)) {
    throw invalidArgument('Exactly one of S3DestinationConfiguration or S3TablesDestinationConfiguration must be specified.');
  }
  if (input.StreamConfigurationList.length !== 1) {
    throw invalidArgument('StreamConfigurationList must contain exactly one stream configuration.');
  }
  if (tables && tables.S3TablesConfigurationList.length !== 1) {
    throw invalidArgument('S3TablesConfigurationList must contain exactly one table configuration.');
  }
  if (input.Tags && Object.keys(input.Tags).length > 50) throw invalidArgument('A channel cannot have more than 50 tags.');
  const source = input.StreamConfigurationList[0];
  const stream = ctx.backend.activeStream({ StreamARN: source.StreamARN });
  if (stream.mode !== 'ON_DEMAND') {
    throw invalidArgument(`Stream ${stream.name} under account ${ctx.account} must be in ON_DEMAND capacity mode to be used by a channel.`);
  }
  if (input.EncryptionConfiguration) await checkKey(input.EncryptionConfiguration.KeyId, ctx);
  if (ctx.backend.channels().has(input.ChannelName)) {
    throw resourceInUse(`Channel ${input.ChannelName} under account ${ctx.account} already exists.`);
  }
  const now = clock.now();
  const channel = new Channel(
    input.ChannelName,
    ctx.backend.channelArn(input.ChannelName),
    now,
    input.ServiceExecutionRoleARN,
    [{ streamArn: stream.arn, streamCreatedAt: stream.createdAt, record: source.RecordConfiguration }],
    s3 && {
      DataFreshnessInSeconds: s3.DataFreshnessInSeconds ?? DEFAULT_FRESHNESS_S,
      // "If not specified, it defaults to the destination bucket."
      DeadLetterQueueS3Configuration: s3.DeadLetterQueueS3Configuration ?? {
        BucketARN: s3.StorageConfiguration.BucketARN,
        ExpectedBucketOwner: s3.StorageConfiguration.ExpectedBucketOwner,
      },
      StorageConfiguration: s3.StorageConfiguration,
    },
    tables && {
      DataFreshnessInSeconds: tables.DataFreshnessInSeconds ?? DEFAULT_FRESHNESS_S,
      DeadLetterQueueS3Configuration: tables.DeadLetterQueueS3Configuration,
      S3TablesConfigurationList: tables.S3TablesConfigurationList,
    },
    input.EncryptionConfiguration,
    input.LoggingConfiguration ?? { CloudWatchLogs: { Enabled: false } },
  );
  for (const [k, v] of Object.entries(input.Tags ?? {})) channel.tags.set(k, v);
  ctx.backend.addChannel(channel);
  return { ChannelDescription: channel.description(now) };
}

export function describeChannel(input: T.DescribeChannelInput, ctx: Ctx) {
  return { ChannelDescription: channelByArn(input.ChannelARN, ctx).description(clock.now()) };
}

interface ListToken {
  after: string;
  issuedAt: number;
}

const isListToken = (v: unknown): v is ListToken =>
  typeof v === 'object' && v !== null && typeof (v as ListToken).after === 'string' && typeof (v as ListToken).issuedAt === 'number';

/** Pages by name; a StreamFilter keeps the channels reading one of its streams (and, if given, that incarnation). */
export function listChannels(input: T.ListChannelsInput, ctx: Ctx) {
  const now = clock.now();
  const limit = Math.min(input.MaxResults ?? PAGE, PAGE);
  let after: string | undefined;
  if (input.NextToken !== undefined) {
    const token = decodeToken(input.NextToken, isListToken);
    if (!token) throw invalidArgument(`Invalid NextToken: ${input.NextToken}`);
    if (now - token.issuedAt > TOKEN_TTL_MS) {
      throw new AwsError('ExpiredNextTokenException', `The timestamp in the NextToken has expired: ${input.NextToken}`);
    }
    after = token.after;
  }
  const filters = input.StreamFilter ?? [];
  const keep = (channel: Channel) =>
    filters.length === 0 ||
    channel.sources.some((s) =>
      filters.some((f) => f.StreamARN === s.streamArn && (f.StreamCreationTimestamp === undefined || f.StreamCreationTimestamp.getTime() === s.streamCreatedAt)),
    );
  const channels = ctx.backend.channels();
  const summaries: T.ChannelSummary[] = [];
  let last: string | undefined;
  let more = false;
  // Filtered listings read on in pages of names until the page is full or the names run out.
  for (;;) {
    const page = ctx.backend.channelPage(after, limit);
    for (const name of page.names) {
      if (summaries.length === limit) {
        more = true;
        break;
      }
      last = name;
      const channel = channels.get(name) as Channel;
      if (keep(channel)) summaries.push(channel.summary(now));
    }
    if (more || page.next === undefined) break;
    after = page.next;
  }
  return {
    ChannelSummaries: summaries,
    NextToken: more && last !== undefined ? encodeToken({ after: last, issuedAt: now }) : undefined,
  };
}

/** Only the delivery freshness of the channel's own destination type and the logging change; the channel goes UPDATING. */
export function updateChannel(input: T.UpdateChannelInput, ctx: Ctx) {
  const channel = channelByArn(input.ChannelARN, ctx);
  const now = clock.now();
  const status = channel.status(now);
  if (status !== 'ACTIVE') throw resourceInUse(`Channel ${channel.arn} under account ${ctx.account} not ACTIVE, instead in state ${status}`);
  if (input.S3DestinationConfiguration && !channel.s3) {
    throw invalidArgument(`Channel ${channel.name} does not deliver to an S3 destination; S3DestinationConfiguration cannot be updated.`);
  }
  if (input.S3TablesDestinationConfiguration && !channel.s3Tables) {
    throw invalidArgument(`Channel ${channel.name} does not deliver to an S3 Tables destination; S3TablesDestinationConfiguration cannot be updated.`);
  }
  if (input.S3DestinationConfiguration && channel.s3) {
    channel.s3 = { ...channel.s3, DataFreshnessInSeconds: input.S3DestinationConfiguration.DataFreshnessInSeconds };
  }
  if (input.S3TablesDestinationConfiguration && channel.s3Tables) {
    channel.s3Tables = { ...channel.s3Tables, DataFreshnessInSeconds: input.S3TablesDestinationConfiguration.DataFreshnessInSeconds };
  }
  if (input.LoggingConfiguration) channel.logging = { CloudWatchLogs: { ...input.LoggingConfiguration.CloudWatchLogs } };
  channel.transition('UPDATING', now);
  return { ChannelDescription: channel.description(now) };
}

export function deleteChannel(input: T.DeleteChannelInput, ctx: Ctx) {
  const channel = channelByArn(input.ChannelARN, ctx);
  const now = clock.now();
  if (channel.status(now) === 'DELETING') throw resourceNotFound(`Channel ${channel.arn} under account ${ctx.account} not found.`);
  channel.transition('DELETING', now);
}
