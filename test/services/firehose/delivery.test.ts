import { gunzipSync } from 'node:zlib';
import { CreateDeliveryStreamCommand, PutRecordBatchCommand, PutRecordCommand, UpdateDestinationCommand } from '@aws-sdk/client-firehose';
import { useMockAws } from '../lifecycle';
import { BUCKET_ARN, ROLE, createActive, createBucket, firehose, listKeys, readObject, s3Stream, text } from './support';

const KiB = 1024;
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

describe('Firehose delivery to S3', () => {
  const aws = useMockAws();

  beforeEach(async () => {
    jest.useFakeTimers({ now: new Date('2030-03-01T10:20:30Z') });
    await createBucket();
  });

  it('buffers until the interval hint, then writes one object: records concatenated as sent, default dated prefix and name', async () => {
    await createActive(aws, s3Stream('clicks', { BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 60 } }));
    const { RecordId } = await firehose.send(new PutRecordCommand({ DeliveryStreamName: 'clicks', Record: text('{"a":1}') }));
    expect(RecordId).toMatch(/^[0-9a-f]{32}$/);
    const batch = await firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'clicks', Records: [text('{"b":2}'), text('{"c":3}')] }));
    expect(batch).toMatchObject({ FailedPutCount: 0, Encrypted: false });
    expect(batch.RequestResponses?.map((r) => typeof r.RecordId)).toEqual(['string', 'string']);
    aws.clock.advance(59_000);
    await aws.settle();
    expect(await listKeys()).toEqual([]);
    aws.clock.advance(1_000);
    await aws.settle();
    const keys = await listKeys();
    expect(keys).toHaveLength(1);
    // The oldest record arrived at 10:20:30.005 (after the CREATING few ms).
    expect(keys[0]).toMatch(new RegExp(`^2030/03/01/10/clicks-1-2030-03-01-10-20-30-${UUID}$`));
    expect((await readObject(keys[0])).toString()).toBe('{"a":1}{"b":2}{"c":3}');
    aws.clock.advance(600_000);
    await aws.settle();
    expect(await listKeys()).toHaveLength(1);
  });

  it('flushes as soon as the size hint (MiB) is reached', async () => {
    await createActive(aws, s3Stream('big', { BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 900 } }));
    const chunk = Buffer.alloc(600 * KiB, 'x');
    await firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'big', Records: [{ Data: chunk }] }));
    await aws.settle();
    expect(await listKeys()).toEqual([]);
    await firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'big', Records: [{ Data: chunk }] }));
    await aws.settle();
    const keys = await listKeys();
    expect(keys).toHaveLength(1);
    expect((await readObject(keys[0])).length).toBe(1200 * KiB);
  });

  it('custom prefixes: timestamp and random-string expressions, no default time added; GZIP objects end in .gz', async () => {
    await createActive(
      aws,
      s3Stream('gz', {
        Prefix: 'events/dt=!{timestamp:yyyy-MM-dd}/h=!{timestamp:HH}/!{firehose:random-string}/',
        ErrorOutputPrefix: 'errors/!{firehose:error-output-type}/',
        CompressionFormat: 'GZIP',
        BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 60 },
      }),
    );
    await firehose.send(new PutRecordCommand({ DeliveryStreamName: 'gz', Record: text('line 1\n') }));
    await firehose.send(new PutRecordCommand({ DeliveryStreamName: 'gz', Record: text('line 2\n') }));
    aws.clock.advance(60_000);
    await aws.settle();
    const keys = await listKeys();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(new RegExp(`^events/dt=2030-03-01/h=10/[A-Za-z0-9]{11}/gz-1-2030-03-01-10-20-30-${UUID}\\.gz$`));
    expect(gunzipSync(await readObject(keys[0])).toString()).toBe('line 1\nline 2\n');
  });

  it("timestamp patterns take Java's quoted literals; an unsupported pattern letter is refused", async () => {
    await createActive(aws, s3Stream('q', { Prefix: "dt=!{timestamp:yyyy'-'MM'-'dd}/hr=!{timestamp:HH}/", ErrorOutputPrefix: 'e/!{firehose:error-output-type}/', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 } }));
    await firehose.send(new PutRecordCommand({ DeliveryStreamName: 'q', Record: text('x') }));
    aws.clock.advance(60_000);
    await aws.settle();
    expect(await listKeys()).toEqual([expect.stringMatching(new RegExp(`^dt=2030-03-01/hr=10/q-1-2030-03-01-10-20-30-${UUID}$`))]);
    await expect(
      firehose.send(new CreateDeliveryStreamCommand(s3Stream('w', { Prefix: '!{timestamp:QQQ}/', ErrorOutputPrefix: 'e/!{firehose:error-output-type}/' }))),
    ).rejects.toMatchObject({ name: 'InvalidArgumentException' });
  });

  it('a prefix without a timestamp expression gets yyyy/MM/dd/HH/ appended; the plain S3 configuration delivers too; the version is in the name after an update', async () => {
    await createActive(aws, s3Stream('plain', { Prefix: 'raw/', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 10 } }, true));
    await firehose.send(new PutRecordCommand({ DeliveryStreamName: 'plain', Record: text('one') }));
    aws.clock.advance(10_000);
    await aws.settle();
    await firehose.send(
      new UpdateDestinationCommand({
        DeliveryStreamName: 'plain',
        CurrentDeliveryStreamVersionId: '1',
        DestinationId: 'destinationId-000000000001',
        S3DestinationUpdate: { Prefix: 'v2/' },
      }),
    );
    await firehose.send(new PutRecordCommand({ DeliveryStreamName: 'plain', Record: text('two') }));
    aws.clock.advance(10_000);
    await aws.settle();
    const keys = await listKeys();
    expect(keys).toEqual([
      expect.stringMatching(new RegExp(`^raw/2030/03/01/10/plain-1-2030-03-01-10-20-30-${UUID}$`)),
      expect.stringMatching(new RegExp(`^v2/2030/03/01/10/plain-2-2030-03-01-10-20-40-${UUID}$`)),
    ]);
    expect((await readObject(keys[1])).toString()).toBe('two');
  });

  it('limits: 500 records and 1,000 KiB per record (model), 4 MiB per batch; records over the per-second quota fail one by one', async () => {
    await createActive(aws, s3Stream('lim'));
    const many = Array.from({ length: 501 }, () => text('x'));
    await expect(firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'lim', Records: many }))).rejects.toMatchObject({
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(firehose.send(new PutRecordCommand({ DeliveryStreamName: 'lim', Record: { Data: Buffer.alloc(1000 * KiB + 1) } }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
    const full = { Data: Buffer.alloc(1000 * KiB) };
    await expect(firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'lim', Records: [full, full, full, full, full] }))).rejects.toMatchObject({
      name: 'InvalidArgumentException',
    });
    // us-east-1: 5 MiB per second. 4 × 1,000 KiB, then 2 more: the sixth does not fit this second.
    expect((await firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'lim', Records: [full, full, full, full] }))).FailedPutCount).toBe(0);
    const out = await firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'lim', Records: [full, full] }));
    expect(out.FailedPutCount).toBe(1);
    expect(out.RequestResponses?.[0].RecordId).toBeDefined();
    expect(out.RequestResponses?.[1]).toEqual({ ErrorCode: 'ServiceUnavailableException', ErrorMessage: 'Slow down.' });
    await expect(firehose.send(new PutRecordCommand({ DeliveryStreamName: 'lim', Record: full }))).rejects.toMatchObject({
      name: 'ServiceUnavailableException',
      message: 'Slow down.',
      $metadata: { httpStatusCode: 503 },
    });
    aws.clock.advance(1_000);
    expect((await firehose.send(new PutRecordCommand({ DeliveryStreamName: 'lim', Record: full }))).RecordId).toBeDefined();
  });

  it('other services put records through the backend, by name or ARN', async () => {
    const arn = await createActive(aws, s3Stream('fanin', { BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 } }));
    const backend = await aws.backends.firehose();
    expect(backend.putRecords(arn, [Buffer.from('from ')])).toHaveLength(1);
    backend.putRecords('fanin', [Buffer.from('logs')]);
    expect(() => backend.putRecords('nope', [Buffer.from('x')])).toThrow('Firehose nope under account 123456789012 not found.');
    aws.clock.advance(60_000);
    await aws.settle();
    const keys = await listKeys();
    expect(keys).toHaveLength(1);
    expect((await readObject(keys[0])).toString()).toBe('from logs');
  });

  it('records into a missing bucket are a recorded delivery failure', async () => {
    await createActive(aws, { DeliveryStreamName: 'lost', ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::no-such-bucket', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 } } });
    await firehose.send(new PutRecordCommand({ DeliveryStreamName: 'lost', Record: text('x') }));
    await aws.settle();
    const backend = await aws.backends.firehose();
    expect(backend.failures).toEqual([expect.objectContaining({ stream: 'lost', bucket: 'no-such-bucket', records: 1 })]);
    expect(backend.deliveries).toEqual([]);
  });

  it('HTTP endpoint destinations: batches recorded, not sent', async () => {
    await createActive(aws, {
      DeliveryStreamName: 'hook',
      HttpEndpointDestinationConfiguration: {
        EndpointConfiguration: { Url: 'https://example.com/ingest', Name: 'ingest', AccessKey: 'secret' },
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
        S3Configuration: { RoleARN: ROLE, BucketARN: BUCKET_ARN },
      },
    });
    await firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'hook', Records: [text('a'), text('bc')] }));
    aws.clock.advance(60_000);
    await aws.settle();
    const backend = await aws.backends.firehose();
    expect(backend.deliveries).toEqual([{ stream: 'hook', destination: 'http', url: 'https://example.com/ingest', records: 2, bytes: 3 }]);
  });
});
