/** Dynamic partitioning with inline parsing: partition keys from a JQ query place each partition's records in its own object. */
import { CreateDeliveryStreamCommand, DescribeDeliveryStreamCommand, PutRecordBatchCommand, UpdateDestinationCommand } from '@aws-sdk/client-firehose';
import { useMockAws } from '../lifecycle';
import { BUCKET_ARN, ROLE, createActive, createBucket, firehose, listKeys, readObject, s3Stream } from './support';

const processing = (query: string) => ({
  Enabled: true,
  Processors: [
    { Type: 'MetadataExtraction' as const, Parameters: [{ ParameterName: 'MetadataExtractionQuery' as const, ParameterValue: query }, { ParameterName: 'JsonParsingEngine' as const, ParameterValue: 'JQ-1.6' }] },
    { Type: 'AppendDelimiterToRecord' as const },
  ],
});

function partitioned(name: string, conf: Record<string, unknown> = {}) {
  return s3Stream(name, {
    Prefix: 'customers/!{partitionKeyFromQuery:customer}/!{partitionKeyFromQuery:region}/!{timestamp:yyyy}/',
    ErrorOutputPrefix: 'errors/!{firehose:error-output-type}/',
    DynamicPartitioningConfiguration: { Enabled: true },
    ProcessingConfiguration: processing('{customer: .customer_id, region: .where.region}'),
    BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 60 },
    ...conf,
  });
}

describe('Firehose dynamic partitioning', () => {
  const aws = useMockAws();

  beforeEach(async () => {
    jest.useFakeTimers({ now: new Date('2030-03-01T10:00:00Z') });
    await createBucket();
  });

  it('writes one object per partition, with a newline after each record; records without the keys go to partitioning-failed', async () => {
    await createActive(aws, partitioned('orders'));
    const rec = (o: unknown) => ({ Data: Buffer.from(JSON.stringify(o)) });
    await firehose.send(
      new PutRecordBatchCommand({
        DeliveryStreamName: 'orders',
        Records: [
          rec({ customer_id: 'c1', where: { region: 'eu' }, n: 1 }),
          rec({ customer_id: 'c2', where: { region: 'us' }, n: 2 }),
          rec({ customer_id: 'c1', where: { region: 'eu' }, n: 3 }),
          rec({ customer_id: 'c3' }),
          { Data: Buffer.from('not json') },
        ],
      }),
    );
    aws.clock.advance(60_000);
    await aws.settle();
    const keys = (await listKeys()).sort();
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(/^customers\/c1\/eu\/2030\/orders-1-2030-03-01-10-00-00-/);
    expect(keys[1]).toMatch(/^customers\/c2\/us\/2030\/orders-1-/);
    expect(keys[2]).toMatch(/^errors\/partitioning-failed\/2030\/03\/01\/10\/orders-1-/);
    expect((await readObject(keys[0])).toString()).toBe('{"customer_id":"c1","where":{"region":"eu"},"n":1}\n{"customer_id":"c1","where":{"region":"eu"},"n":3}\n');
    expect((await readObject(keys[2])).toString()).toBe('{"customer_id":"c3"}\nnot json\n');
    const d = await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'orders' }));
    expect(d.DeliveryStreamDescription?.Destinations?.[0].ExtendedS3DestinationDescription?.DynamicPartitioningConfiguration).toEqual({
      Enabled: true,
      RetryOptions: { DurationInSeconds: 300 },
    });
  });

  it('refuses a prefix without partition keys, keys the query does not extract, JQ it does not parse, and switching later', async () => {
    const invalid = { name: 'InvalidArgumentException' };
    await expect(firehose.send(new CreateDeliveryStreamCommand(partitioned('a', { Prefix: 'plain/' })))).rejects.toMatchObject(invalid);
    await expect(
      firehose.send(new CreateDeliveryStreamCommand(partitioned('b', { Prefix: 'x/!{partitionKeyFromQuery:other}/' }))),
    ).rejects.toMatchObject(invalid);
    await expect(
      firehose.send(new CreateDeliveryStreamCommand(partitioned('c', { ProcessingConfiguration: processing('.customer_id | ascii_downcase') }))),
    ).rejects.toMatchObject(invalid);
    // Partition key expressions without dynamic partitioning are refused as any unknown expression.
    await expect(
      firehose.send(new CreateDeliveryStreamCommand(s3Stream('d', { Prefix: 'x/!{partitionKeyFromQuery:customer}/', ErrorOutputPrefix: 'e/!{firehose:error-output-type}/' }))),
    ).rejects.toMatchObject(invalid);
    await createActive(aws, s3Stream('plain'));
    await expect(
      firehose.send(
        new UpdateDestinationCommand({
          DeliveryStreamName: 'plain',
          CurrentDeliveryStreamVersionId: '1',
          DestinationId: 'destinationId-000000000001',
          ExtendedS3DestinationUpdate: { RoleARN: ROLE, BucketARN: BUCKET_ARN, DynamicPartitioningConfiguration: { Enabled: true } },
        }),
      ),
    ).rejects.toMatchObject(invalid);
  });
});
