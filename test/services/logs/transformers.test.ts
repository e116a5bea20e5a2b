/**
 * Log transformers: stored per log group (the first processor a parser, at
 * most 20), and TestTransformer running the processors on sample messages.
 */
import { gunzipSync } from 'node:zlib';
import { CloudWatchClient, GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteTransformerCommand,
  GetTransformerCommand,
  type Processor,
  PutLogEventsCommand,
  PutMetricFilterCommand,
  PutSubscriptionFilterCommand,
  PutTransformerCommand,
  TestTransformerCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateStreamCommand, GetRecordsCommand, GetShardIteratorCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import type { LogsBackend } from '../../../services/logs/models/backend';
import { useMockAws } from '../lifecycle';

describe('CloudWatch Logs transformers', () => {
  const aws = useMockAws();
  const logs = new CloudWatchLogsClient({ region: 'us-east-1' });
  const test = async (transformerConfig: Processor[], messages: string[]) =>
    (await logs.send(new TestTransformerCommand({ transformerConfig, logEventMessages: messages }))).transformedLogs?.map((t) =>
      t.transformedEventMessage === t.eventMessage ? t.eventMessage : JSON.parse(t.transformedEventMessage ?? ''),
    );

  it('stores, returns and deletes a log group transformer', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
    const transformerConfig: Processor[] = [{ parseJSON: {} }, { addKeys: { entries: [{ key: 'env', value: 'prod' }] } }];
    await logs.send(new PutTransformerCommand({ logGroupIdentifier: 'g', transformerConfig }));
    const got = await logs.send(new GetTransformerCommand({ logGroupIdentifier: 'g' }));
    expect(got).toMatchObject({ logGroupIdentifier: 'g', transformerConfig, creationTime: expect.any(Number), lastModifiedTime: expect.any(Number) });
    await expect(logs.send(new PutTransformerCommand({ logGroupIdentifier: 'g', transformerConfig: [{ addKeys: { entries: [{ key: 'a', value: 'b' }] } }] }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'The first processor in a transformer must be a parser.',
    });
    await expect(logs.send(new PutTransformerCommand({ logGroupIdentifier: 'nope', transformerConfig }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await logs.send(new DeleteTransformerCommand({ logGroupIdentifier: 'g' }));
    await expect(logs.send(new GetTransformerCommand({ logGroupIdentifier: 'g' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('TestTransformer parses JSON and applies the key processors in order', async () => {
    const out = await test(
      [
        { parseJSON: {} },
        { addKeys: { entries: [{ key: 'env', value: 'prod' }, { key: 'level', value: 'x' }] } },
        { copyValue: { entries: [{ source: 'user.id', target: 'userId' }] } },
        { renameKeys: { entries: [{ key: 'msg', renameTo: 'message' }] } },
        { lowerCaseString: { withKeys: ['level'] } },
        { trimString: { withKeys: ['message'] } },
        { substituteString: { entries: [{ source: 'message', from: '\\d+', to: 'N' }] } },
        { typeConverter: { entries: [{ key: 'latency', type: 'integer' }] } },
        { deleteKeys: { withKeys: ['user'] } },
      ],
      [JSON.stringify({ level: 'ERROR', msg: '  failed 3 times ', latency: '250', user: { id: 'u1' } }), 'not json'],
    );
    expect(out).toEqual([{ level: 'error', message: 'failed N times', latency: 250, env: 'prod', userId: 'u1' }, 'not json']);
  });

  it('TestTransformer parses key=value pairs into a destination and splits strings', async () => {
    const out = await test(
      [
        { parseKeyValue: { fieldDelimiter: ' ', keyValueDelimiter: '=', destination: 'kv', keyPrefix: 'p_' } },
        { splitString: { entries: [{ source: 'kv.p_tags', delimiter: ',' }] } },
        { upperCaseString: { withKeys: ['kv.p_method'] } },
        { moveKeys: { entries: [{ source: 'kv.p_status', target: 'status' }] } },
      ],
      ['method=get status=200 tags=a,b'],
    );
    expect(out).toEqual([{ kv: { p_method: 'GET', p_tags: ['a', 'b'] }, status: '200' }]);
  });

  it('TestTransformer refuses a processor the fake does not implement rather than ignoring it', async () => {
    await expect(logs.send(new TestTransformerCommand({ transformerConfig: [{ grok: { match: '%{COMMONAPACHELOG}' } }], logEventMessages: ['x'] }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'mockaws does not implement the grok processor in TestTransformer.',
    });
  });

  it('metric and subscription filters with applyOnTransformedLogs see the transformed events; others the originals', async () => {
    const kinesis = new KinesisClient({ region: 'us-east-1' });
    await kinesis.send(new CreateStreamCommand({ StreamName: 'out', ShardCount: 1 }));
    await new Promise((r) => setTimeout(r, 10));
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'app' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: 'app', logStreamName: 's' }));
    await logs.send(
      new PutTransformerCommand({
        logGroupIdentifier: 'app',
        transformerConfig: [{ parseKeyValue: { fieldDelimiter: ' ' } }, { typeConverter: { entries: [{ key: 'ms', type: 'integer' }] } }],
      }),
    );
    const slow = { metricName: 'Slow', metricNamespace: 'App', metricValue: '$.ms' };
    await logs.send(new PutMetricFilterCommand({ logGroupName: 'app', filterName: 'on-transformed', filterPattern: '{ $.ms > 100 }', metricTransformations: [slow], applyOnTransformedLogs: true }));
    await logs.send(new PutMetricFilterCommand({ logGroupName: 'app', filterName: 'on-original', filterPattern: '{ $.ms > 100 }', metricTransformations: [{ ...slow, metricName: 'SlowOriginal' }] }));
    await logs.send(
      new PutSubscriptionFilterCommand({
        logGroupName: 'app',
        filterName: 'sub',
        filterPattern: '{ $.op = "get" }',
        destinationArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/out',
        roleArn: 'arn:aws:iam::123456789012:role/cwl',
        applyOnTransformedLogs: true,
      }),
    );
    const at = aws.clock.now() - 1000;
    await logs.send(new PutLogEventsCommand({ logGroupName: 'app', logStreamName: 's', logEvents: [{ timestamp: at, message: 'op=get ms=250' }, { timestamp: at + 1, message: 'op=put ms=50' }] }));
    await aws.settle();

    const stats = await new CloudWatchClient({ region: 'us-east-1' }).send(
      new GetMetricStatisticsCommand({ Namespace: 'App', MetricName: 'Slow', StartTime: new Date(at - 60_000), EndTime: new Date(at + 60_000), Period: 60, Statistics: ['Sum', 'SampleCount'] }),
    );
    expect(stats.Datapoints).toEqual([expect.objectContaining({ Sum: 250, SampleCount: 1 })]);
    const backend = await aws.backends.get<LogsBackend>('logs');
    expect(backend.metricPublications.map((p) => p.filterName)).toEqual(['on-transformed']);

    const { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamName: 'out', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }));
    const { Records } = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
    const data = (Records ?? []).map((r) => JSON.parse(gunzipSync(Buffer.from(r.Data ?? [])).toString())).filter((b) => b.messageType === 'DATA_MESSAGE');
    expect(data.map((b) => b.logEvents.map((e: { message: string }) => JSON.parse(e.message)))).toEqual([[{ op: 'get', ms: 250 }]]);
  });
});
