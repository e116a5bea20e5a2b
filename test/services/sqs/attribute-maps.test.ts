/**
 * Attribute maps and name lists as each client sends them: the query protocol's
 * flattened `Attribute.N.Name/Value`, `MessageAttribute.N.Name/Value.*`,
 * `AttributeName.N` and `MessageAttributeName.N` (older SDKs, the v3 SDK forced
 * onto query), and JSON maps from boto3 and the AWS CLI against the server.
 * MessageAttributeNames take `All`, `.*`, exact names and `prefix.*`.
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html#SQS-ReceiveMessage-request-MessageAttributeNames
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-making-api-requests-xml.html
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { AwsQueryProtocol } from '@aws-sdk/core/protocols';
import { spec } from '../../../services/sqs/spec';
import { createRequest } from '../../../src/core/request';
import { useServer } from '../../server/support/server-fixture';
import { useMockAws } from '../lifecycle';

const run = promisify(execFile);
const ACCOUNT = '123456789012';

function has(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('SQS attribute maps over the query protocol', () => {
  const m = useMockAws();
  const post = async (path: string, form: Record<string, string>) => {
    const res = await m.dispatcher.dispatch(
      createRequest({
        method: 'POST',
        url: `https://sqs.us-east-1.amazonaws.com${path}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: new URLSearchParams({ Version: '2012-11-05', ...form }).toString(),
      }),
    );
    return { status: res.status, xml: (res.body as Buffer).toString('utf8') };
  };
  const names = (xml: string) => [...xml.matchAll(/<MessageAttribute><Name>([^<]+)<\/Name>/g)].map((x) => x[1]).sort();

  it('reads Attribute.N maps on CreateQueue in index order (10 before 2), on SetQueueAttributes, and AttributeName.N lists', async () => {
    const attrs: Array<[string, string]> = [
      ['VisibilityTimeout', '60'],
      ['DelaySeconds', '3'],
      ['MaximumMessageSize', '2048'],
      ['MessageRetentionPeriod', '120'],
      ['ReceiveMessageWaitTimeSeconds', '2'],
      ['Policy', ''],
      ['RedrivePolicy', ''],
      ['SqsManagedSseEnabled', 'false'],
      ['KmsMasterKeyId', 'alias/aws/sqs'],
      ['KmsDataKeyReusePeriodSeconds', '600'],
    ];
    const form: Record<string, string> = { Action: 'CreateQueue', QueueName: 'mapped' };
    // Posted from the highest index down: the parser orders by index number, not by text or arrival.
    attrs.forEach(([k, v], i) => {
      const n = attrs.length - i;
      form[`Attribute.${n}.Name`] = k;
      form[`Attribute.${n}.Value`] = v;
    });
    const created = await post('/', form);
    expect(created.status).toBe(200);
    const set = await post(`/${ACCOUNT}/mapped`, { Action: 'SetQueueAttributes', 'Attribute.1.Name': 'VisibilityTimeout', 'Attribute.1.Value': '61' });
    expect(set.status).toBe(200);
    const got = await post(`/${ACCOUNT}/mapped`, {
      Action: 'GetQueueAttributes',
      'AttributeName.1': 'VisibilityTimeout',
      'AttributeName.2': 'DelaySeconds',
      'AttributeName.3': 'KmsDataKeyReusePeriodSeconds',
    });
    expect(got.xml).toContain('<Attribute><Name>VisibilityTimeout</Name><Value>61</Value></Attribute>');
    expect(got.xml).toContain('<Attribute><Name>DelaySeconds</Name><Value>3</Value></Attribute>');
    expect(got.xml).toContain('<Attribute><Name>KmsDataKeyReusePeriodSeconds</Name><Value>600</Value></Attribute>');
    const unknown = await post('/', { Action: 'CreateQueue', QueueName: 'other', 'Attribute.1.Name': 'Bogus', 'Attribute.1.Value': '1' });
    expect(unknown.status).toBe(400);
    expect(unknown.xml).toContain('<Code>InvalidAttributeName</Code><Message>Unknown Attribute Bogus.</Message>');
  });

  it('reads MessageAttribute.N (String, Number, Binary) on SendMessage and SendMessageBatch, and filters by MessageAttributeName.N', async () => {
    await post('/', { Action: 'CreateQueue', QueueName: 'attrs' });
    const sent = await post(`/${ACCOUNT}/attrs`, {
      Action: 'SendMessage',
      MessageBody: 'one',
      'MessageAttribute.1.Name': 'order.id',
      'MessageAttribute.1.Value.DataType': 'String',
      'MessageAttribute.1.Value.StringValue': 'A-1',
      'MessageAttribute.2.Name': 'order.total',
      'MessageAttribute.2.Value.DataType': 'Number',
      'MessageAttribute.2.Value.StringValue': '12.5',
      'MessageAttribute.3.Name': 'blob',
      'MessageAttribute.3.Value.DataType': 'Binary',
      'MessageAttribute.3.Value.BinaryValue': Buffer.from([1, 2, 3]).toString('base64'),
    });
    expect(sent.status).toBe(200);
    expect(sent.xml).toMatch(/<MD5OfMessageAttributes>[0-9a-f]{32}<\/MD5OfMessageAttributes>/);
    const batch = await post(`/${ACCOUNT}/attrs`, {
      Action: 'SendMessageBatch',
      'SendMessageBatchRequestEntry.1.Id': 'a',
      'SendMessageBatchRequestEntry.1.MessageBody': 'two',
      'SendMessageBatchRequestEntry.1.MessageAttribute.1.Name': 'other',
      'SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.DataType': 'String',
      'SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.StringValue': 'x',
    });
    expect(batch.xml).toContain('<SendMessageBatchResultEntry><Id>a</Id>');
    const receive = (extra: Record<string, string>) =>
      post(`/${ACCOUNT}/attrs`, { Action: 'ReceiveMessage', MaxNumberOfMessages: '10', VisibilityTimeout: '0', ...extra });
    const prefixed = await receive({ 'MessageAttributeName.1': 'order.*' });
    expect(names(prefixed.xml)).toEqual(['order.id', 'order.total']);
    expect(prefixed.xml).toContain('<Value><StringValue>12.5</StringValue><DataType>Number</DataType></Value>');
    expect(names((await receive({ 'MessageAttributeName.1': '.*' })).xml)).toEqual(['blob', 'order.id', 'order.total', 'other']);
    expect(names((await receive({ 'MessageAttributeName.1': 'All' })).xml)).toEqual(['blob', 'order.id', 'order.total', 'other']);
    expect(names((await receive({ 'MessageAttributeName.1': 'blob', 'MessageAttributeName.2': 'other' })).xml)).toEqual(['blob', 'other']);
    expect(names((await receive({})).xml)).toEqual([]);
  });

  it('answers the v3 SDK forced onto the query protocol', async () => {
    const sqs = new SQSClient({
      region: 'us-east-1',
      md5: false,
      protocol: new AwsQueryProtocol({ defaultNamespace: spec.namespace, xmlNamespace: spec.xmlNamespace as string, version: spec.apiVersion }),
    } as never);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'sdkq', Attributes: { VisibilityTimeout: '45', DelaySeconds: '0' } }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['VisibilityTimeout'] }));
    expect(Attributes).toEqual({ VisibilityTimeout: '45' });
    await sqs.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: 'b',
        MessageAttributes: { 'order.id': { DataType: 'String', StringValue: '7' }, note: { DataType: 'String', StringValue: 'n' } },
      }),
    );
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MessageAttributeNames: ['order.*'] }));
    expect(got.Messages?.[0].MessageAttributes).toEqual({ 'order.id': { DataType: 'String', StringValue: '7' } });
  });
});

describe('SQS attribute maps from boto3 and the AWS CLI (server mode)', () => {
  const server = useServer();
  const env = { ...process.env, AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'x', AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: '/dev/null' };

  const boto3 = has('python3', ['-c', 'import boto3']);
  (boto3 ? it : it.skip)('boto3: CreateQueue attributes, message attributes, `.*` and prefixes', async () => {
    if (!boto3) console.log('skipped: python3 with boto3 is not installed');
    const script = `
import boto3, sys, json
sqs = boto3.client('sqs', endpoint_url=sys.argv[1], region_name='us-east-1')
url = sqs.create_queue(QueueName='boto', Attributes={'VisibilityTimeout': '60', 'DelaySeconds': '0'})['QueueUrl']
print(sqs.get_queue_attributes(QueueUrl=url, AttributeNames=['VisibilityTimeout'])['Attributes']['VisibilityTimeout'])
sqs.send_message(QueueUrl=url, MessageBody='m', MessageAttributes={
    'order.id': {'DataType': 'String', 'StringValue': '1'}, 'other': {'DataType': 'Number', 'StringValue': '2'}})
for names in (['order.*'], ['.*']):
    got = sqs.receive_message(QueueUrl=url, MessageAttributeNames=names, VisibilityTimeout=0)
    print(','.join(sorted(got['Messages'][0]['MessageAttributes'])))
`;
    const { stdout } = await run('python3', ['-c', script, server().url], { env });
    expect(stdout.trim().split('\n')).toEqual(['60', 'order.id', 'order.id,other']);
  }, 30_000);

  const cli = has('aws', ['--version']);
  (cli ? it : it.skip)('AWS CLI: --attributes shorthand on create-queue and set-queue-attributes', async () => {
    if (!cli) console.log('skipped: the aws CLI is not installed');
    const aws = async (...args: string[]) => JSON.parse((await run('aws', ['--endpoint-url', server().url, '--output', 'json', 'sqs', ...args], { env })).stdout || '{}');
    const { QueueUrl } = await aws('create-queue', '--queue-name', 'cli', '--attributes', 'VisibilityTimeout=60,DelaySeconds=2');
    await aws('set-queue-attributes', '--queue-url', QueueUrl, '--attributes', 'MaximumMessageSize=2048');
    const { Attributes } = await aws('get-queue-attributes', '--queue-url', QueueUrl, '--attribute-names', 'All');
    expect(Attributes).toMatchObject({ VisibilityTimeout: '60', DelaySeconds: '2', MaximumMessageSize: '2048' });
  }, 30_000);
});
