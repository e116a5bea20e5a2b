/** Metric streams: stored and managed through the SDK; running streams send each minute's aggregates to Firehose, on the clock. */
import {
  CloudWatchClient,
  DeleteMetricStreamCommand,
  GetMetricStreamCommand,
  ListMetricStreamsCommand,
  ListTagsForResourceCommand,
  PutMetricDataCommand,
  PutMetricStreamCommand,
  StartMetricStreamsCommand,
  StopMetricStreamsCommand,
} from '@aws-sdk/client-cloudwatch';
import type { CloudWatchBackend } from '../../../services/cloudwatch/models/backend';
import { BUCKET_ARN, ROLE, createActive, createBucket, listKeys, readObject } from '../firehose/support';
import { useMockAws } from '../lifecycle';
import { T0, freezeTime } from './support';

const FIREHOSE_ARN = 'arn:aws:firehose:us-east-1:123456789012:deliverystream/metrics';
const STREAM_ARN = 'arn:aws:cloudwatch:us-east-1:123456789012:metric-stream/all';

describe('CloudWatch metric streams', () => {
  const aws = useMockAws();
  const cw = new CloudWatchClient({ region: 'us-east-1' });
  const stream = (Name: string, extra: Record<string, unknown> = {}) =>
    new PutMetricStreamCommand({ Name, FirehoseArn: FIREHOSE_ARN, RoleArn: ROLE, OutputFormat: 'json', ...extra });

  it('Put creates or updates, Get / List describe, Stop / Start switch the state, Delete removes', async () => {
    freezeTime();
    const { Arn } = await cw.send(stream('all', { Tags: [{ Key: 'team', Value: 'obs' }] }));
    expect(Arn).toBe(STREAM_ARN);
    expect(await cw.send(new GetMetricStreamCommand({ Name: 'all' }))).toMatchObject({
      Arn,
      Name: 'all',
      FirehoseArn: FIREHOSE_ARN,
      RoleArn: ROLE,
      State: 'running',
      OutputFormat: 'json',
      IncludeFilters: [],
      ExcludeFilters: [],
      CreationDate: new Date(T0),
      LastUpdateDate: new Date(T0),
    });
    expect((await cw.send(new ListTagsForResourceCommand({ ResourceARN: STREAM_ARN }))).Tags).toEqual([{ Key: 'team', Value: 'obs' }]);
    await cw.send(new StopMetricStreamsCommand({ Names: ['all', 'ghost'] }));
    aws.clock.advance(1000);
    await cw.send(stream('all', { ExcludeFilters: [{ Namespace: 'AWS/Kinesis' }] }));
    const updated = await cw.send(new GetMetricStreamCommand({ Name: 'all' }));
    expect(updated).toMatchObject({ State: 'stopped', ExcludeFilters: [{ Namespace: 'AWS/Kinesis' }], CreationDate: new Date(T0), LastUpdateDate: new Date(T0 + 1000) });
    await cw.send(new StartMetricStreamsCommand({ Names: ['all'] }));
    expect((await cw.send(new GetMetricStreamCommand({ Name: 'all' }))).State).toBe('running');
    await cw.send(stream('b'));
    await cw.send(stream('c'));
    const page = await cw.send(new ListMetricStreamsCommand({ MaxResults: 2 }));
    expect(page.Entries?.map((e) => [e.Name, e.State, e.OutputFormat])).toEqual([
      ['all', 'running', 'json'],
      ['b', 'running', 'json'],
    ]);
    const rest = await cw.send(new ListMetricStreamsCommand({ MaxResults: 2, NextToken: page.NextToken }));
    expect(rest.Entries?.map((e) => e.Name)).toEqual(['c']);
    expect(rest.NextToken).toBeUndefined();
    await cw.send(new DeleteMetricStreamCommand({ Name: 'all' }));
    await cw.send(new DeleteMetricStreamCommand({ Name: 'all' }));
    await expect(cw.send(new GetMetricStreamCommand({ Name: 'all' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('refuses include and exclude filters together', async () => {
    await expect(
      cw.send(stream('both', { IncludeFilters: [{ Namespace: 'A' }], ExcludeFilters: [{ Namespace: 'B' }] })),
    ).rejects.toMatchObject({ name: 'InvalidParameterCombinationException' });
  });

  it('sends each minute of the selected metrics to Firehose as JSON lines, with additional statistics; nothing while stopped', async () => {
    freezeTime();
    await createBucket();
    await createActive(aws, {
      DeliveryStreamName: 'metrics',
      ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: BUCKET_ARN, Prefix: 'cw/', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 } },
    });
    await cw.send(
      stream('shop', {
        IncludeFilters: [{ Namespace: 'Shop', MetricNames: ['Latency'] }],
        StatisticsConfigurations: [{ IncludeMetrics: [{ Namespace: 'Shop', MetricName: 'Latency' }], AdditionalStatistics: ['p50'] }],
      }),
    );
    const put = (MetricName: string, Values: number[]) =>
      cw.send(new PutMetricDataCommand({ Namespace: 'Shop', MetricData: [{ MetricName, Values, Dimensions: [{ Name: 'Api', Value: 'orders' }], Unit: 'Milliseconds' }] }));
    await put('Latency', [10, 20, 30]);
    await put('Errors', [1]);
    // The minute is sent at its end; Firehose then buffers it for 60 s.
    aws.clock.advance(60_000);
    await aws.settle();
    aws.clock.advance(60_000);
    await aws.settle();
    const keys = await listKeys('cw/');
    expect(keys).toHaveLength(1);
    const lines = (await readObject(keys[0])).toString().split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      {
        metric_stream_name: 'shop',
        account_id: '123456789012',
        region: 'us-east-1',
        namespace: 'Shop',
        metric_name: 'Latency',
        dimensions: { Api: 'orders' },
        timestamp: T0,
        value: { max: 30, min: 10, sum: 60, count: 3, p50: 20 },
        unit: 'Milliseconds',
      },
    ]);

    await cw.send(new StopMetricStreamsCommand({ Names: ['shop'] }));
    await put('Latency', [99]);
    aws.clock.advance(180_000);
    await aws.settle();
    expect(await listKeys('cw/')).toHaveLength(1);
  });

  it('notes a delivery that fails (no such Firehose stream) in metricStreamFailures', async () => {
    freezeTime();
    await cw.send(stream('lost'));
    await cw.send(new PutMetricDataCommand({ Namespace: 'Shop', MetricData: [{ MetricName: 'X', Value: 1 }] }));
    aws.clock.advance(60_000);
    await aws.settle();
    const backend = (await aws.backends.cloudwatch()) as unknown as CloudWatchBackend;
    expect(backend.metricStreamFailures).toEqual([{ stream: 'lost', at: T0 + 60_000, error: expect.stringContaining('metrics') }]);
  });
});
