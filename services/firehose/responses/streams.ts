/** Delivery streams: create, describe, list, delete, update the destination. */
import { clock } from '../../../src/core/clock';
import { concurrentModification, inUse, invalidArgument, limitExceeded } from '../exceptions';
import { DESTINATION_ID, type DeliveryStream } from '../models/stream';
import type {
  CreateDeliveryStreamInput,
  DeleteDeliveryStreamInput,
  DeliveryStreamEncryptionConfiguration,
  DescribeDeliveryStreamInput,
  ListDeliveryStreamsInput,
  UpdateDestinationInput,
} from '../types';
import type { Ctx } from './common';
import { createDestination, describeDestination, notDelivered, updatedDestination } from './destinations';
import { checkKey, encryptionFromInput } from './encryption';

/** Delivery streams per account and region (docs: limits.html). */
export const STREAM_LIMIT = 5000;

export async function createDeliveryStream(input: CreateDeliveryStreamInput, ctx: Ctx) {
  const b = ctx.backend;
  const name = input.DeliveryStreamName;
  if (b.streams.has(name)) throw inUse(`Firehose ${name} under accountId ${b.account} already exists`);
  if (b.streams.size >= STREAM_LIMIT) throw limitExceeded(`You have already consumed your firehose quota of ${STREAM_LIMIT} hoses. Firehose names: ${name}`);
  const type = input.DeliveryStreamType ?? 'DirectPut';
  if (type === 'MSKAsSource' || type === 'DatabaseAsSource' || input.MSKSourceConfiguration || input.DatabaseSourceConfiguration) {
    throw notDelivered(`${type} streams`);
  }
  const kinesis = input.KinesisStreamSourceConfiguration;
  if (type === 'KinesisStreamAsSource' && !kinesis) throw invalidArgument('KinesisStreamSourceConfiguration is required when DeliveryStreamType is KinesisStreamAsSource.');
  if (type !== 'KinesisStreamAsSource' && kinesis) throw invalidArgument('KinesisStreamSourceConfiguration is only allowed when DeliveryStreamType is KinesisStreamAsSource.');
  if (type === 'KinesisStreamAsSource' && input.DeliveryStreamEncryptionConfigurationInput) {
    throw invalidArgument('Server-side encryption is not supported for Firehose streams with a Kinesis data stream as source.');
  }
  const encryption: DeliveryStreamEncryptionConfiguration = input.DeliveryStreamEncryptionConfigurationInput
    ? { ...encryptionFromInput(input.DeliveryStreamEncryptionConfigurationInput), Status: 'ENABLED' }
    : { Status: 'DISABLED' };
  const destination = createDestination(input);
  await checkKey(encryption, ctx);
  // A concurrent create of the same name may have landed while KMS was asked.
  if (b.streams.has(name)) throw inUse(`Firehose ${name} under accountId ${b.account} already exists`);
  const now = clock.date();
  const stream: DeliveryStream = {
    name,
    arn: b.arn(name),
    status: 'CREATING',
    type,
    version: 1,
    createTimestamp: now,
    encryption,
    source: kinesis && { KinesisStreamSourceDescription: { KinesisStreamARN: kinesis.KinesisStreamARN, RoleARN: kinesis.RoleARN, DeliveryStartTimestamp: now } },
    destination,
    tags: new Map((input.Tags ?? []).map((t) => [t.Key, t.Value ?? ''])),
    buffer: { records: [], bytes: 0 },
    window: { second: 0, records: 0, bytes: 0, requests: 0 },
  };
  b.add(stream);
  return { DeliveryStreamARN: stream.arn };
}

export function describeDeliveryStream(input: DescribeDeliveryStreamInput, ctx: Ctx) {
  const s = ctx.backend.stream(input.DeliveryStreamName);
  // One destination per stream: a page after it is empty.
  const destinations = input.ExclusiveStartDestinationId === DESTINATION_ID ? [] : [{ DestinationId: DESTINATION_ID, ...describeDestination(s.destination) }];
  return {
    DeliveryStreamDescription: {
      DeliveryStreamName: s.name,
      DeliveryStreamARN: s.arn,
      DeliveryStreamStatus: s.status,
      DeliveryStreamEncryptionConfiguration: s.encryption,
      DeliveryStreamType: s.type,
      VersionId: String(s.version),
      CreateTimestamp: s.createTimestamp,
      LastUpdateTimestamp: s.lastUpdateTimestamp,
      Source: s.source,
      Destinations: destinations,
      HasMoreDestinations: false,
    },
  };
}

export function listDeliveryStreams(input: ListDeliveryStreamsInput, ctx: Ctx) {
  const b = ctx.backend;
  const limit = input.Limit ?? 10;
  const names: string[] = [];
  let more = false;
  // Names in order after the exclusive start; a type filter skips the others.
  for (const name of b.names.from(input.ExclusiveStartDeliveryStreamName, true)) {
    if (input.DeliveryStreamType && b.streams.get(name)?.type !== input.DeliveryStreamType) continue;
    if (names.length === limit) {
      more = true;
      break;
    }
    names.push(name);
  }
  return { DeliveryStreamNames: names, HasMoreDeliveryStreams: more };
}

export function deleteDeliveryStream(input: DeleteDeliveryStreamInput, ctx: Ctx) {
  const s = ctx.backend.stream(input.DeliveryStreamName);
  if (s.status === 'CREATING') throw inUse(`Firehose ${s.name} under account ${ctx.backend.account} is in CREATING state and cannot be deleted.`);
  if (s.status !== 'DELETING') ctx.backend.remove(s);
  return {};
}

export function updateDestination(input: UpdateDestinationInput, ctx: Ctx) {
  const s = ctx.backend.stream(input.DeliveryStreamName);
  if (s.status !== 'ACTIVE') throw inUse(`Firehose ${s.name} under account ${ctx.backend.account} is not in ACTIVE state.`);
  if (input.CurrentDeliveryStreamVersionId !== String(s.version)) {
    throw concurrentModification(
      `Cannot update firehose: ${s.name} since the current version id: ${s.version} and specified version id: ${input.CurrentDeliveryStreamVersionId} do not match`,
    );
  }
  if (input.DestinationId !== DESTINATION_ID) throw invalidArgument(`Destination Id ${input.DestinationId} not found.`);
  s.destination = updatedDestination(s.destination, input);
  s.version++;
  s.lastUpdateTimestamp = clock.date();
  return {};
}
