/** The Kinesis handler table, keyed by the model's operation names: every operation of the model. */
import type { HandlerTable } from '../../../src/core/service';
import type { KinesisBackend } from '../models/backend';
import type { KinesisOperations } from '../types';
import * as capacity from './capacity';
import * as channels from './channels';
import * as consumers from './consumers';
import * as records from './records';
import * as shards from './shards';
import * as streams from './streams';
import * as subscribe from './subscribe';
import * as tags from './tags';

export const handlers: HandlerTable<KinesisOperations, KinesisBackend> = {
  AddTagsToStream: tags.addTagsToStream,
  CreateChannel: channels.createChannel,
  CreateStream: streams.createStream,
  DecreaseStreamRetentionPeriod: streams.decreaseStreamRetentionPeriod,
  DeleteChannel: channels.deleteChannel,
  DeleteResourcePolicy: tags.deleteResourcePolicy,
  DeleteStream: streams.deleteStream,
  DeregisterStreamConsumer: consumers.deregisterStreamConsumer,
  DescribeAccountSettings: capacity.describeAccountSettings,
  DescribeChannel: channels.describeChannel,
  DescribeLimits: streams.describeLimits,
  DescribeStream: streams.describeStream,
  DescribeStreamConsumer: consumers.describeStreamConsumer,
  DescribeStreamSummary: streams.describeStreamSummary,
  DisableEnhancedMonitoring: streams.disableEnhancedMonitoring,
  EnableEnhancedMonitoring: streams.enableEnhancedMonitoring,
  GetRecords: records.getRecords,
  GetResourcePolicy: tags.getResourcePolicy,
  GetShardIterator: records.getShardIterator,
  IncreaseStreamRetentionPeriod: streams.increaseStreamRetentionPeriod,
  ListChannels: channels.listChannels,
  ListShards: shards.listShards,
  ListStreamConsumers: consumers.listStreamConsumers,
  ListStreams: streams.listStreams,
  ListTagsForResource: tags.listTagsForResource,
  ListTagsForStream: tags.listTagsForStream,
  MergeShards: shards.mergeShards,
  PutRecord: records.putRecord,
  PutRecords: records.putRecords,
  PutResourcePolicy: tags.putResourcePolicy,
  RegisterStreamConsumer: consumers.registerStreamConsumer,
  RemoveTagsFromStream: tags.removeTagsFromStream,
  SplitShard: shards.splitShard,
  StartStreamEncryption: streams.startStreamEncryption,
  StopStreamEncryption: streams.stopStreamEncryption,
  SubscribeToShard: subscribe.subscribeToShard,
  TagResource: tags.tagResource,
  UntagResource: tags.untagResource,
  UpdateAccountSettings: capacity.updateAccountSettings,
  UpdateChannel: channels.updateChannel,
  UpdateMaxRecordSize: streams.updateMaxRecordSize,
  UpdateShardCount: shards.updateShardCount,
  UpdateStreamMode: streams.updateStreamMode,
  UpdateStreamRecordDistributionStrategy: capacity.updateStreamRecordDistributionStrategy,
  UpdateStreamWarmThroughput: capacity.updateStreamWarmThroughput,
};
