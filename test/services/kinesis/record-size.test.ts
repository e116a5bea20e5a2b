/** The maximum record size: 1 MiB by default, raised at creation or with UpdateMaxRecordSize (up to 10 MiB). */
import { CreateStreamCommand, DescribeStreamSummaryCommand, KinesisClient, PutRecordCommand, UpdateMaxRecordSizeCommand } from '@aws-sdk/client-kinesis';
import { useMockAws } from '../lifecycle';
import { activeStream, freezeTime, streamArn } from './support';

describe('Kinesis maximum record size', () => {
  const aws = useMockAws();
  const kinesis = new KinesisClient({ region: 'us-east-1', maxAttempts: 1 });
  const big = Buffer.alloc(1536 * 1024, 'x');

  it('refuses a record over 1 MiB by default and takes it once UpdateMaxRecordSize raised the limit', async () => {
    freezeTime();
    await activeStream(kinesis, aws, 'sized', 1);
    expect((await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'sized' }))).StreamDescriptionSummary?.MaxRecordSizeInKiB).toBe(1024);
    await expect(kinesis.send(new PutRecordCommand({ StreamName: 'sized', Data: big, PartitionKey: 'k' }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: "1 validation error detected: Value at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576",
    });
    await kinesis.send(new UpdateMaxRecordSizeCommand({ StreamARN: streamArn('sized'), MaxRecordSizeInKiB: 2048 }));
    const summary = (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'sized' }))).StreamDescriptionSummary;
    expect(summary).toMatchObject({ MaxRecordSizeInKiB: 2048, StreamStatus: 'UPDATING' });
    // UPDATING still takes writes; a second update waits for ACTIVE.
    await expect(kinesis.send(new UpdateMaxRecordSizeCommand({ StreamARN: streamArn('sized'), MaxRecordSizeInKiB: 4096 }))).rejects.toMatchObject({
      name: 'ResourceInUseException',
    });
    const out = await kinesis.send(new PutRecordCommand({ StreamName: 'sized', Data: big, PartitionKey: 'k' }));
    expect(out.SequenceNumber).toMatch(/^\d{56}$/);
  });

  it('takes MaxRecordSizeInKiB at creation; the model bounds it to 1024..10240', async () => {
    freezeTime();
    await kinesis.send(new CreateStreamCommand({ StreamName: 'roomy', ShardCount: 1, MaxRecordSizeInKiB: 10240 }));
    aws.clock.advance(10);
    expect((await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'roomy' }))).StreamDescriptionSummary?.MaxRecordSizeInKiB).toBe(10240);
    await expect(kinesis.send(new UpdateMaxRecordSizeCommand({ StreamARN: streamArn('roomy'), MaxRecordSizeInKiB: 20000 }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 400 },
    });
    await expect(kinesis.send(new UpdateMaxRecordSizeCommand({ StreamARN: streamArn('ghost'), MaxRecordSizeInKiB: 2048 }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});
