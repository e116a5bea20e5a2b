/**
 * The Kinesis handler table, keyed by the model's operation names. Left out
 * (they answer NotImplemented): the channel and account-settings operations,
 * UpdateStreamRecordDistributionStrategy, UpdateStreamWarmThroughput.
 */
import type { HandlerTable } from '../../../src/core/service';
import type { KinesisBackend } from '../models/backend';
import type { KinesisOperations } from '../types';
import * as consumers from './consumers';
import * as records from './records';
import * as shards from './shards';
import * as streams from './streams';
import * as subscribe from './subscribe';
import * as tags from './tags';

export const handlers: HandlerTable<KinesisOperations, KinesisBackend> = {
  AddTagsToStream: tags.addTagsToStream,
  CreateStream: streams.createStream,
  DecreaseStreamRetentionPeriod: streams.decreaseStreamRetentionPeriod,
  DeleteResourcePolicy: tags.deleteResourcePolicy,
  DeleteStream: streams.deleteStream,
  DeregisterStreamConsumer: consumers.deregisterStreamConsumer,
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
  UpdateMaxRecordSize: streams.updateMaxRecordSize,
  UpdateShardCount: shards.updateShardCount,
  UpdateStreamMode: streams.updateStreamMode,
};
