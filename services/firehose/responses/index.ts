/** The Firehose handler table: every operation of the model. */
import type { HandlerTable } from '../../../src/core/service';
import type { FirehoseBackend } from '../models/backend';
import type { FirehoseOperations } from '../types';
import * as encryption from './encryption';
import * as records from './records';
import * as streams from './streams';
import * as tags from './tags';

export const handlers: HandlerTable<FirehoseOperations, FirehoseBackend> = {
  CreateDeliveryStream: streams.createDeliveryStream,
  DeleteDeliveryStream: streams.deleteDeliveryStream,
  DescribeDeliveryStream: streams.describeDeliveryStream,
  ListDeliveryStreams: streams.listDeliveryStreams,
  ListTagsForDeliveryStream: tags.listTagsForDeliveryStream,
  PutRecord: records.putRecord,
  PutRecordBatch: records.putRecordBatch,
  StartDeliveryStreamEncryption: encryption.startDeliveryStreamEncryption,
  StopDeliveryStreamEncryption: encryption.stopDeliveryStreamEncryption,
  TagDeliveryStream: tags.tagDeliveryStream,
  UntagDeliveryStream: tags.untagDeliveryStream,
  UpdateDestination: streams.updateDestination,
};
