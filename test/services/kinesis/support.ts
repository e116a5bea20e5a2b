/** Shared setup of the Kinesis tests: an ACTIVE stream in one call, and the clock frozen where needed. */
import { CreateStreamCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import type { MockAws } from '../../../src/mock';

export const ACCOUNT = '123456789012';
export const streamArn = (name: string, region = 'us-east-1') => `arn:aws:kinesis:${region}:${ACCOUNT}:stream/${name}`;

/** Freezes time at `now` (fake timers that leave the SDK's microtasks alone). */
export function freezeTime(now = Date.parse('2031-03-01T00:00:00Z')): void {
  jest.useFakeTimers({ now, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
}

/** Creates a provisioned stream of `shards` shards and lets it become ACTIVE on the clock. */
export async function activeStream(kinesis: KinesisClient, aws: MockAws, StreamName: string, shards = 1): Promise<void> {
  await kinesis.send(new CreateStreamCommand({ StreamName, ShardCount: shards }));
  aws.clock.advance(10);
}

export const text = (data: Uint8Array | undefined) => Buffer.from(data ?? new Uint8Array()).toString('utf8');
