/** A Kinesis data stream as the source of a delivery stream: records read on the clock and delivered to S3. */
import { DeleteDeliveryStreamCommand, DescribeDeliveryStreamCommand, PutRecordCommand as FirehosePut } from '@aws-sdk/client-firehose';
import { CreateStreamCommand, KinesisClient, PutRecordCommand, SplitShardCommand } from '@aws-sdk/client-kinesis';
import type { FirehoseBackend } from '../../../services/firehose/models/backend';
import { useMockAws } from '../lifecycle';
import { BUCKET_ARN, ROLE, createActive, createBucket, firehose, listKeys, readObject } from './support';

const kinesis = new KinesisClient({ region: 'us-east-1', maxAttempts: 1 });
const KINESIS_ARN = 'arn:aws:kinesis:us-east-1:123456789012:stream/clicks';

describe('Firehose with a Kinesis stream as source', () => {
  const aws = useMockAws();

  beforeEach(async () => {
    jest.useFakeTimers({ now: new Date('2030-03-01T10:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    await createBucket();
    await kinesis.send(new CreateStreamCommand({ StreamName: 'clicks', ShardCount: 2 }));
    aws.clock.advance(10);
  });

  const put = (s: string, PartitionKey = s) => kinesis.send(new PutRecordCommand({ StreamName: 'clicks', Data: Buffer.from(s), PartitionKey }));

  function sourced(name: string) {
    return {
      DeliveryStreamName: name,
      DeliveryStreamType: 'KinesisStreamAsSource' as const,
      KinesisStreamSourceConfiguration: { KinesisStreamARN: KINESIS_ARN, RoleARN: ROLE },
      ExtendedS3DestinationConfiguration: {
        RoleARN: ROLE,
        BucketARN: BUCKET_ARN,
        Prefix: 'clicks/!{timestamp:yyyy/MM/dd}/',
        ErrorOutputPrefix: 'errors/!{firehose:error-output-type}/',
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
      },
    };
  }

  it('reads from LATEST at creation, once a second, and delivers what it read under the dated prefix', async () => {
    await put('before');
    aws.clock.advance(1);
    await createActive(aws, sourced('hose'));
    const described = await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'hose' }));
    expect(described.DeliveryStreamDescription?.Source?.KinesisStreamSourceDescription).toMatchObject({
      KinesisStreamARN: KINESIS_ARN,
      RoleARN: ROLE,
      DeliveryStartTimestamp: new Date('2030-03-01T10:00:00.011Z'),
    });
    await put('one', 'a');
    await put('two', 'a');
    aws.clock.advance(1000);
    await aws.settle();
    // Read into the buffer; the interval (60 s from the read) has not passed.
    expect(await listKeys()).toEqual([]);
    aws.clock.advance(60_000);
    await aws.settle();
    const keys = await listKeys();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^clicks\/2030\/03\/01\/hose-1-2030-03-01-10-00-01-/);
    expect((await readObject(keys[0])).toString()).toBe('onetwo');
  });

  it('keeps reading across a shard split, parents before children', async () => {
    await createActive(aws, sourced('split'));
    await put('p1', 'k');
    await kinesis.send(new SplitShardCommand({ StreamName: 'clicks', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: (1n << 126n).toString() }));
    aws.clock.advance(10);
    await put('c1', 'k');
    aws.clock.advance(61_000);
    await aws.settle();
    const keys = await listKeys('clicks/');
    expect(keys).toHaveLength(1);
    expect((await readObject(keys[0])).toString()).toBe('p1c1');
  });

  it('refuses direct puts; stops reading once deleted', async () => {
    await createActive(aws, sourced('direct'));
    await expect(firehose.send(new FirehosePut({ DeliveryStreamName: 'direct', Record: { Data: Buffer.from('x') } }))).rejects.toMatchObject({
      name: 'InvalidArgumentException',
    });
    await firehose.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: 'direct' }));
    aws.clock.advance(10);
    await aws.settle();
    await put('late');
    aws.clock.advance(400_000);
    await aws.settle();
    expect(await listKeys()).toEqual([]);
  });

  it('notes a missing source stream once in failures and picks it up when it appears', async () => {
    await createActive(aws, { ...sourced('missing'), KinesisStreamSourceConfiguration: { KinesisStreamARN: `${KINESIS_ARN}-later`, RoleARN: ROLE } });
    aws.clock.advance(3000);
    await aws.settle();
    const backend = (await aws.backends.firehose()) as unknown as FirehoseBackend;
    expect(backend.failures).toEqual([
      expect.objectContaining({ stream: 'missing', error: expect.stringContaining('Stream clicks-later under account 123456789012 not found.') }),
    ]);
    await kinesis.send(new CreateStreamCommand({ StreamName: 'clicks-later', ShardCount: 1 }));
    aws.clock.advance(10);
    await kinesis.send(new PutRecordCommand({ StreamName: 'clicks-later', Data: Buffer.from('found'), PartitionKey: 'k' }));
    aws.clock.advance(61_000);
    await aws.settle();
    const keys = await listKeys('clicks/');
    expect((await readObject(keys[0])).toString()).toBe('found');
    expect(backend.failures).toHaveLength(1);
  });
});
