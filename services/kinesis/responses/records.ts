/** Writing and reading records: PutRecord, PutRecords, GetShardIterator, GetRecords. */
import { AwsError } from '../../../src/core/errors';
import { invalidArgument } from '../exceptions';
import { KinesisBackend, type PutEntry, type PutResult } from '../models/backend';
import type { Stream } from '../models/stream';
import type * as T from '../types';
import { type Ctx, childShardOut, recordOut } from './common';

/** A PutRecords request carries at most 5 MiB, partition keys included. */
const MAX_PUT_RECORDS_BYTES = 5 * 1024 * 1024;

/** The checks of one entry, in the model's words (the member paths are lower camel case, as Coral prints them). */
/** A record's data may not exceed the stream's maximum record size (1 MiB unless UpdateMaxRecordSize raised it). */
function checkEntry(stream: Stream, data: Uint8Array, partitionKey: string | undefined, explicitHashKey: string | undefined, prefix: string): PutEntry {
  const maxBytes = stream.maxRecordKiB * 1024;
  if (partitionKey === undefined) {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value null at '${prefix}partitionKey' failed to satisfy constraint: Member must not be null`,
    );
  }
  if (data.byteLength > maxBytes) {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value at '${prefix}data' failed to satisfy constraint: Member must have length less than or equal to ${maxBytes}`,
    );
  }
  KinesisBackend.checkHashKey(explicitHashKey);
  return { data, partitionKey, explicitHashKey };
}

/** KMS-encrypted streams need their key usable at write time; the failure is per record. */
async function keyFailure(stream: Stream, ctx: Ctx): Promise<{ errorCode: string; errorMessage: string } | undefined> {
  if (!stream.encryption) return undefined;
  const kms = await ctx.backends.get<{ findKey(id: string): Promise<{ state: string }> }>('kms', ctx.account, ctx.region);
  const keyId = stream.encryption.keyId;
  try {
    const key = await kms.findKey(keyId);
    if (key.state === 'Disabled') return { errorCode: 'KMSDisabledException', errorMessage: `${keyId} is disabled.` };
    if (key.state !== 'Enabled') return { errorCode: 'KMSInvalidStateException', errorMessage: `${keyId} is ${key.state}.` };
  } catch (err) {
    return { errorCode: 'KMSNotFoundException', errorMessage: err instanceof Error ? err.message : String(err) };
  }
  return undefined;
}

/** The stream metrics of a write: IncomingRecords / IncomingBytes of what was stored, throttled ones apart. */
async function written(stream: Stream, entries: PutEntry[], results: PutResult[], ctx: Ctx): Promise<void> {
  let records = 0;
  let bytes = 0;
  let throttled = 0;
  results.forEach((r, i) => {
    if (!('errorCode' in r)) {
      records++;
      bytes += entries[i].data.byteLength;
    } else if (r.errorCode === 'ProvisionedThroughputExceededException') throttled++;
  });
  if (records > 0) {
    await ctx.backend.metric(stream, 'IncomingRecords', records, 'Count');
    await ctx.backend.metric(stream, 'IncomingBytes', bytes, 'Bytes');
  }
  if (throttled > 0) await ctx.backend.metric(stream, 'WriteProvisionedThroughputExceeded', throttled, 'Count');
}

export async function putRecord(input: T.PutRecordInput, ctx: Ctx) {
  const stream = ctx.backend.writableStream(input);
  const entry = checkEntry(stream, input.Data, input.PartitionKey, input.ExplicitHashKey, '');
  const failure = await keyFailure(stream, ctx);
  if (failure) throw new AwsError(failure.errorCode, failure.errorMessage);
  const [result] = ctx.backend.write(stream, [entry]);
  await written(stream, [entry], [result], ctx);
  if ('errorCode' in result) throw new AwsError(result.errorCode, result.errorMessage);
  return { ShardId: result.shardId, SequenceNumber: result.sequenceNumber, EncryptionType: result.encryptionType ?? 'NONE' };
}

export async function putRecords(input: T.PutRecordsInput, ctx: Ctx) {
  const stream = ctx.backend.writableStream(input);
  let total = 0;
  const entries = input.Records.map((r, i) => {
    total += r.Data.byteLength + Buffer.byteLength(r.PartitionKey ?? '', 'utf8');
    return checkEntry(stream, r.Data, r.PartitionKey, r.ExplicitHashKey, `records.${i + 1}.member.`);
  });
  if (total > MAX_PUT_RECORDS_BYTES) throw invalidArgument(`Records size exceeds 5 MB limit`);
  const failure = await keyFailure(stream, ctx);
  const results = failure ? entries.map(() => failure) : ctx.backend.write(stream, entries);
  await written(stream, entries, results, ctx);
  let failed = 0;
  const records = results.map((r) => {
    if ('errorCode' in r) {
      failed++;
      return { ErrorCode: r.errorCode, ErrorMessage: r.errorMessage };
    }
    return { ShardId: r.shardId, SequenceNumber: r.sequenceNumber };
  });
  return { FailedRecordCount: failed, Records: records, EncryptionType: stream.encryption ? 'KMS' : 'NONE' };
}

export function getShardIterator(input: T.GetShardIteratorInput, ctx: Ctx) {
  const stream = ctx.backend.writableStream(input);
  const iterator = ctx.backend.iterator(stream, input.ShardId, input.ShardIteratorType, {
    sequenceNumber: input.StartingSequenceNumber,
    timestamp: input.Timestamp,
  });
  return { ShardIterator: iterator };
}

export async function getRecords(input: T.GetRecordsInput, ctx: Ctx) {
  const out = ctx.backend.getRecords(input.ShardIterator, input.Limit ?? 10000);
  const bytes = out.records.reduce((n, r) => n + r.data.byteLength, 0);
  await ctx.backend.metric(out.stream, 'GetRecords.Records', out.records.length, 'Count');
  await ctx.backend.metric(out.stream, 'GetRecords.Bytes', bytes, 'Bytes');
  await ctx.backend.metric(out.stream, 'GetRecords.IteratorAgeMilliseconds', out.millisBehindLatest, 'Milliseconds');
  return {
    Records: out.records.map(recordOut),
    NextShardIterator: out.nextIterator,
    MillisBehindLatest: out.millisBehindLatest,
    ChildShards: out.childShards?.map(childShardOut),
  };
}
