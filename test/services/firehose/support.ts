/** Helpers for the Firehose tests: a client, a bucket, streams made ACTIVE, objects read back. */
import { CreateDeliveryStreamCommand, type CreateDeliveryStreamCommandInput, FirehoseClient } from '@aws-sdk/client-firehose';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { TRANSITION_MS } from '../../../services/firehose/models/backend';
import type { MockAws } from '../../../src/mock';

export const ROLE = 'arn:aws:iam::123456789012:role/firehose';
export const BUCKET = 'firehose-out';
export const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;

// One attempt: the SDK retries LimitExceededException and ServiceUnavailableException (throttling, 503), which fake timers would hold.
export const firehose = new FirehoseClient({ region: 'us-east-1', maxAttempts: 1 });
export const s3 = new S3Client({ region: 'us-east-1', forcePathStyle: true });

export async function createBucket(): Promise<void> {
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
}

/** Creates a stream and lets its CREATING state pass on the clock. */
export async function createActive(aws: MockAws, input: CreateDeliveryStreamCommandInput): Promise<string> {
  const out = await firehose.send(new CreateDeliveryStreamCommand(input));
  aws.clock.advance(TRANSITION_MS);
  await aws.settle();
  return out.DeliveryStreamARN ?? '';
}

/** An S3-destination stream (extended configuration unless `plain`). */
export function s3Stream(name: string, conf: Record<string, unknown> = {}, plain = false): CreateDeliveryStreamCommandInput {
  const destination = { RoleARN: ROLE, BucketARN: BUCKET_ARN, ...conf };
  return plain
    ? { DeliveryStreamName: name, S3DestinationConfiguration: destination }
    : { DeliveryStreamName: name, ExtendedS3DestinationConfiguration: destination };
}

export async function listKeys(prefix = ''): Promise<string[]> {
  const out = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
  return (out.Contents ?? []).map((o) => o.Key ?? '');
}

export async function readObject(key: string): Promise<Buffer> {
  const out = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return Buffer.from((await out.Body?.transformToByteArray()) ?? []);
}

export const text = (s: string) => ({ Data: Buffer.from(s) });
