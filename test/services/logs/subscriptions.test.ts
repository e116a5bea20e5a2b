/**
 * Subscription filters: the destination is checked when the filter is put (a
 * Lambda function must exist; a Kinesis or Firehose stream is sent a
 * CONTROL_MESSAGE it must accept), then matching events leave in AWS's
 * gzipped payload (messageType DATA_MESSAGE, owner, logGroup, logStream,
 * subscriptionFilters, logEvents[{id, timestamp, message}]) — base64 in
 * `{awslogs: {data}}` for Lambda, the gzipped bytes as the record for Kinesis
 * and Firehose, through a Logs destination (PutDestination) to its stream.
 */
import { gunzipSync } from 'node:zlib';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeSubscriptionFiltersCommand,
  PutDestinationCommand,
  PutLogEventsCommand,
  PutSubscriptionFilterCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateStreamCommand, DeleteStreamCommand, GetRecordsCommand, GetShardIteratorCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { LogsBackend } from '../../../services/logs/models/backend';
import { BUCKET_ARN, createActive, createBucket, listKeys, readObject } from '../firehose/support';
import { useMockAws } from '../lifecycle';
import { createLambdaRole, createNodeFunction, lambdaClient } from '../lambda/support';

const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/cwl`;
const streamArn = (name: string) => `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/${name}`;
const firehoseArn = (name: string) => `arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/${name}`;
const functionArn = (name: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`;
const EVENT_ID = /^\d{56}$/;

describe('CloudWatch Logs subscription filters', () => {
  const aws = useMockAws();
  const logs = new CloudWatchLogsClient({ region: 'us-east-1' });
  const kinesis = new KinesisClient({ region: 'us-east-1' });
  const put = (messages: string[], at = aws.clock.now()) =>
    logs.send(new PutLogEventsCommand({ logGroupName: 'g', logStreamName: 's', logEvents: messages.map((message, i) => ({ timestamp: at + i, message })) }));
  const subscribe = (filterName: string, destinationArn: string, filterPattern = '', roleArn: string | undefined = ROLE) =>
    logs.send(new PutSubscriptionFilterCommand({ logGroupName: 'g', filterName, filterPattern, destinationArn, roleArn }));
  const createStream = async (name: string) => {
    await kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
    await new Promise((r) => setTimeout(r, 10));
  };
  const records = async (name: string) => {
    const { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamName: name, ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }));
    const out = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
    return (out.Records ?? []).map((r) => ({ key: r.PartitionKey, body: JSON.parse(gunzipSync(Buffer.from(r.Data ?? [])).toString()) }));
  };
  beforeEach(async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: 's' }));
  });

  it('checks the destination before storing the filter, with AWS errors', async () => {
    await expect(subscribe('k', streamArn('missing'))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Could not deliver test message to specified Kinesis stream. Check if the given kinesis stream is in ACTIVE state.',
    });
    await expect(subscribe('f', firehoseArn('missing'))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Could not deliver test message to specified Firehose stream. Check if the given Firehose stream is in ACTIVE state.',
    });
    await expect(subscribe('l', functionArn('missing'), '', undefined)).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Could not execute the lambda function. Make sure you have given CloudWatch Logs permission to execute your function.',
    });
    await expect(subscribe('k', streamArn('s'), '', undefined)).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(subscribe('d', `arn:aws:logs:us-east-1:${ACCOUNT}:destination:nope`)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(subscribe('x', `arn:aws:sqs:us-east-1:${ACCOUNT}:q`)).rejects.toMatchObject({ name: 'InvalidParameterException', message: `Invalid destination arn: arn:aws:sqs:us-east-1:${ACCOUNT}:q` });
    expect((await logs.send(new DescribeSubscriptionFiltersCommand({ logGroupName: 'g' }))).subscriptionFilters).toEqual([]);
  });

  it('allows two filters per group and sends Kinesis a CONTROL_MESSAGE, then gzip(DATA_MESSAGE) records', async () => {
    await createStream('logs-in');
    await subscribe('errors', streamArn('logs-in'), 'ERROR');
    await subscribe('all', streamArn('logs-in'));
    await expect(subscribe('third', streamArn('logs-in'))).rejects.toMatchObject({ name: 'LimitExceededException', message: 'Resource limit exceeded.' });
    const described = await logs.send(new DescribeSubscriptionFiltersCommand({ logGroupName: 'g' }));
    expect(described.subscriptionFilters?.map((f) => [f.filterName, f.distribution, f.roleArn])).toEqual([
      ['all', 'ByLogStream', ROLE],
      ['errors', 'ByLogStream', ROLE],
    ]);

    await put(['ERROR a', 'fine', 'ERROR b']);
    await aws.settle();
    const got = await records('logs-in');
    // Two control messages (one per PutSubscriptionFilter), then one record per filter.
    expect(got.map((r) => r.body.messageType)).toEqual(['CONTROL_MESSAGE', 'CONTROL_MESSAGE', 'DATA_MESSAGE', 'DATA_MESSAGE']);
    expect(got[0].body).toEqual({
      messageType: 'CONTROL_MESSAGE',
      owner: 'CloudwatchLogs',
      logGroup: '',
      logStream: '',
      subscriptionFilters: [],
      logEvents: [{ id: '', timestamp: expect.any(Number), message: 'CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.' }],
    });
    const errors = got.find((r) => r.body.subscriptionFilters?.[0] === 'errors');
    expect(errors?.key).toMatch(/^[0-9a-f]{32}$/);
    expect(errors?.body).toEqual({
      messageType: 'DATA_MESSAGE',
      owner: ACCOUNT,
      logGroup: 'g',
      logStream: 's',
      subscriptionFilters: ['errors'],
      logEvents: [
        { id: expect.stringMatching(EVENT_ID), timestamp: expect.any(Number), message: 'ERROR a' },
        { id: expect.stringMatching(EVENT_ID), timestamp: expect.any(Number), message: 'ERROR b' },
      ],
    });
    expect(got.find((r) => r.body.subscriptionFilters?.[0] === 'all')?.body.logEvents).toHaveLength(3);
  });

  it('delivers to a Firehose stream, whose objects hold the gzipped payloads', async () => {
    await createBucket();
    await createActive(aws, { DeliveryStreamName: 'to-s3', ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: BUCKET_ARN, BufferingHints: { IntervalInSeconds: 60, SizeInMBs: 1 } } });
    await subscribe('errors', firehoseArn('to-s3'), '{ $.level = "error" }');
    await put(['{"level":"error","n":1}', '{"level":"info","n":2}']);
    await aws.settle();
    aws.clock.advance(60_000);
    await aws.settle();
    const keys = await listKeys();
    expect(keys).toHaveLength(1);
    // The object is the records as sent, one gzip member each: the control message, then the data.
    const text = gunzipSync(await readObject(keys[0])).toString();
    const messages = text.split(/(?<=\})(?=\{"messageType")/).map((m) => JSON.parse(m));
    expect(messages.map((m) => m.messageType)).toEqual(['CONTROL_MESSAGE', 'DATA_MESSAGE']);
    expect(messages[0].logEvents[0].message).toBe('CWL CONTROL MESSAGE: Checking health of destination Firehose.');
    expect(messages[1]).toMatchObject({ owner: ACCOUNT, logGroup: 'g', logStream: 's', subscriptionFilters: ['errors'], logEvents: [{ message: '{"level":"error","n":1}' }] });
  });

  it('forwards through a Logs destination to its Kinesis stream', async () => {
    await createStream('central');
    const { destination } = await logs.send(new PutDestinationCommand({ destinationName: 'central', targetArn: streamArn('central'), roleArn: ROLE }));
    await subscribe('fwd', destination?.arn ?? '', 'WARN');
    await put(['WARN x', 'INFO y']);
    await aws.settle();
    const got = await records('central');
    expect(got.map((r) => r.body.messageType)).toEqual(['CONTROL_MESSAGE', 'DATA_MESSAGE']);
    expect(got[1].body).toMatchObject({ logGroup: 'g', subscriptionFilters: ['fwd'], logEvents: [{ message: 'WARN x' }] });
  });

  it('invokes a Lambda function asynchronously with {awslogs: {data}} = base64(gzip(payload))', async () => {
    await createLambdaRole();
    const sqs = new SQSClient({ region: 'us-east-1' });
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'seen' }));
    // The function decodes what it receives as a real consumer would, and forwards it to a queue.
    const code = `
      const zlib = require('node:zlib');
      const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
      const sqs = new SQSClient({ region: 'us-east-1' });
      exports.handler = async (event) => {
        const payload = zlib.gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString();
        await sqs.send(new SendMessageCommand({ QueueUrl: ${JSON.stringify(QueueUrl)}, MessageBody: payload }));
      };`;
    await createNodeFunction(lambdaClient(), 'sink', { 'index.js': code });
    await subscribe('errors', functionArn('sink'), 'ERROR', undefined);
    await put(['ERROR one', 'fine']);
    await aws.settle();
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 0 }));
    expect(Messages).toHaveLength(1);
    expect(JSON.parse(Messages?.[0].Body ?? '')).toEqual({
      messageType: 'DATA_MESSAGE',
      owner: ACCOUNT,
      logGroup: 'g',
      logStream: 's',
      subscriptionFilters: ['errors'],
      logEvents: [{ id: expect.stringMatching(EVENT_ID), timestamp: expect.any(Number), message: 'ERROR one' }],
    });
    const backend = await aws.backends.get<LogsBackend>('logs');
    expect(backend.deliveries.map((d) => [d.filterName, d.error])).toEqual([['errors', undefined]]);
  });

  it('records a delivery that fails after the filter was put (stream deleted)', async () => {
    await createStream('brief');
    await subscribe('f', streamArn('brief'));
    await kinesis.send(new DeleteStreamCommand({ StreamName: 'brief' }));
    await new Promise((r) => setTimeout(r, 10));
    await put(['x']);
    await aws.settle();
    const backend = await aws.backends.get<LogsBackend>('logs');
    expect(backend.deliveries.map((d) => d.error)).toEqual(['ResourceNotFoundException']);
  });
});
