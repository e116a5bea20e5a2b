/**
 * The wire layer answers malformed requests in each protocol's own words
 * (issue 9): values of the wrong type, bodies that do not parse, nesting far
 * past any legal input, operation names only the prototype has, and every
 * JSON service's errors in AWS's `__type` form.
 */
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { Dispatcher } from '../../src/core/dispatch';
import type { AwsResponse } from '../../src/core/request';
import { createSdkHandler } from '../../src/intercept/sdk-handler';
import { services } from '../../services';

const dispatcher = new Dispatcher({ services });
const auth = (svc: string) =>
  `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/${svc}/aws4_request, SignedHeaders=host, Signature=0`;

function json(target: string, body: string | Buffer, host = 'dynamodb.us-east-1.amazonaws.com'): Promise<AwsResponse> {
  return dispatcher.dispatch({
    method: 'POST',
    url: new URL(`https://${host}/`),
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target, authorization: auth(host.split('.')[0]) },
    body: Buffer.isBuffer(body) ? body : Buffer.from(body),
  });
}

function query(host: string, form: string): Promise<AwsResponse> {
  return dispatcher.dispatch({
    method: 'POST',
    url: new URL(`https://${host}/`),
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth(host.split('.')[0]) },
    body: Buffer.from(form),
  });
}

const doc = (res: AwsResponse) => JSON.parse(res.body.toString());
const xmlCode = (res: AwsResponse) => /<Code>([^<]*)<\/Code>/.exec(res.body.toString())?.[1];

describe('JSON: values of the wrong type are a SerializationException in Coral words', () => {
  const serialization = 'com.amazon.coral.service#SerializationException';

  it.each([
    ['a boolean for a string', 'DynamoDB_20120810.DescribeTable', '{"TableName": true}', 'TRUE_VALUE cannot be converted to String'],
    ['a number for a string', 'DynamoDB_20120810.DescribeTable', '{"TableName": 12}', 'NUMBER_VALUE cannot be converted to String'],
    ['an object for a string', 'DynamoDB_20120810.DescribeTable', '{"TableName": {}}', 'Start of structure or map found where not expected.'],
    ['a list for a string', 'DynamoDB_20120810.DescribeTable', '{"TableName": ["t"]}', 'Start of list found where not expected'],
    ['a number in an AttributeValue S', 'DynamoDB_20120810.GetItem', '{"TableName":"t","Key":{"pk":{"S":23}}}', 'NUMBER_VALUE cannot be converted to String'],
    ['a string for an AttributeValue L', 'DynamoDB_20120810.PutItem', '{"TableName":"t","Item":{"pk":{"L":"23"}}}', 'Unexpected field type'],
    ['a boolean for a map value', 'DynamoDB_20120810.BatchGetItem', '{"RequestItems":{"t":true}}', 'Unexpected field type'],
    ['a string for a number', 'DynamoDB_20120810.ListTables', '{"Limit":"10"}', 'STRING_VALUE cannot be converted to Number'],
    ['a string for a boolean', 'DynamoDB_20120810.Scan', '{"TableName":"t","ConsistentRead":"yes"}', 'STRING_VALUE cannot be converted to Boolean'],
    ['a body that is a list', 'DynamoDB_20120810.ListTables', '[1]', 'Start of structure or map found where not expected.'],
    ['a body that is not JSON', 'DynamoDB_20120810.ListTables', '{"Limit": ', 'Start of structure or map found where not expected.'],
  ])('%s', async (_what, target, body, message) => {
    const res = await json(target, body);
    expect(res.status).toBe(400);
    expect(doc(res)).toEqual({ __type: serialization, message });
  });

  it('answers a list nested 1,000 deep with a 400, not a stack overflow', async () => {
    const deep = `${'['.repeat(1000)}${']'.repeat(1000)}`;
    const res = await json('DynamoDB_20120810.PutItem', `{"TableName":"t","Item":{"a":{"L":${deep}}}}`);
    expect(res.status).toBe(400);
    expect(doc(res).__type).toBe(serialization);
  });

  it('answers invalid UTF-8 with a 400', async () => {
    const body = Buffer.concat([Buffer.from('{"TableName":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const res = await json('DynamoDB_20120810.DescribeTable', body);
    expect(res.status).toBe(400);
    expect(doc(res).__type).toBe(serialization);
  });

  it('reaches the SDK as a named SerializationException', async () => {
    const ddb = new DynamoDBClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 's' },
      maxAttempts: 1,
      requestHandler: createSdkHandler(() => dispatcher) as never,
    });
    const err = await ddb.send(new ListTablesCommand({ Limit: '10' as never })).catch((e) => e);
    expect(err.name).toBe('SerializationException');
    expect(err.message).toBe('STRING_VALUE cannot be converted to Number');
    expect(err.$metadata.httpStatusCode).toBe(400);
  });
});

describe('operation names are own properties of the model, in every protocol', () => {
  it.each(['toString', 'hasOwnProperty', 'valueOf', '__proto__', 'constructor'])('JSON X-Amz-Target DynamoDB_20120810.%s', async (name) => {
    const res = await json(`DynamoDB_20120810.${name}`, '{}');
    expect(res.status).toBe(400);
    expect(doc(res).__type).toBe('com.amazon.coral.service#UnknownOperationException');
  });

  it('JSON (SQS) answers UnknownOperationException in its namespace', async () => {
    const res = await json('AmazonSQS.toString', '{}', 'sqs.us-east-1.amazonaws.com');
    expect(res.status).toBe(400);
    expect(doc(res).__type).toBe('com.amazonaws.sqs#UnknownOperationException');
  });

  it.each([
    ['sts.amazonaws.com', 'Action=toString&Version=2011-06-15'],
    ['sns.us-east-1.amazonaws.com', 'Action=hasOwnProperty&Version=2010-03-31'],
    ['ec2.us-east-1.amazonaws.com', 'Action=valueOf&Version=2016-11-15'],
  ])('query/EC2 %s answers InvalidAction', async (host, form) => {
    const res = await query(host, form);
    expect(res.status).toBe(400);
    expect(xmlCode(res)).toBe('InvalidAction');
  });

  it('rpc-v2-cbor /service/<Service>/operation/toString answers 400', async () => {
    const res = await dispatcher.dispatch({
      method: 'POST',
      url: new URL('https://monitoring.us-east-1.amazonaws.com/service/GraniteServiceVersion20100801/operation/toString'),
      headers: { 'smithy-protocol': 'rpc-v2-cbor', 'content-type': 'application/cbor', authorization: auth('monitoring') },
      body: Buffer.from([0xa0]),
    });
    expect(res.status).toBe(400);
  });
});

describe('query and rest-xml: mistyped values in their own codes', () => {
  it('answers a non-numeric STS DurationSeconds with InvalidParameterValue', async () => {
    const res = await query('sts.amazonaws.com', 'Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fr&RoleSessionName=s&DurationSeconds=abc');
    expect(res.status).toBe(400);
    expect(xmlCode(res)).toBe('InvalidParameterValue');
  });

  it('answers a non-numeric S3 max-keys with InvalidArgument', async () => {
    await dispatcher.dispatch({
      method: 'PUT',
      url: new URL('https://wire-bucket.s3.us-east-1.amazonaws.com/'),
      headers: { authorization: auth('s3') },
      body: Buffer.alloc(0),
    });
    const res = await dispatcher.dispatch({
      method: 'GET',
      url: new URL('https://wire-bucket.s3.us-east-1.amazonaws.com/?list-type=2&max-keys=abc'),
      headers: { authorization: auth('s3') },
      body: Buffer.alloc(0),
    });
    expect(res.status).toBe(400);
    expect(xmlCode(res)).toBe('InvalidArgument');
  });
});

describe('__type forms of JSON services', () => {
  it('DynamoDB: versioned namespace for its errors, Coral namespaces for validation', async () => {
    const missing = await json('DynamoDB_20120810.DescribeTable', '{"TableName":"nope"}');
    expect(doc(missing).__type).toBe('com.amazonaws.dynamodb.v20120810#ResourceNotFoundException');
    const invalid = await json('DynamoDB_20120810.DescribeTable', '{}');
    expect(doc(invalid).__type).toBe('com.amazon.coral.validate#ValidationException');
  });

  it('SQS keeps its model namespace; Kinesis answers bare shape names', async () => {
    const sqs = await json('AmazonSQS.GetQueueUrl', '{"QueueName":"nope"}', 'sqs.us-east-1.amazonaws.com');
    expect(doc(sqs).__type).toBe('com.amazonaws.sqs#QueueDoesNotExist');
    const kinesis = await dispatcher.dispatch({
      method: 'POST',
      url: new URL('https://kinesis.us-east-1.amazonaws.com/'),
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Kinesis_20131202.DescribeStream', authorization: auth('kinesis') },
      body: Buffer.from('{"StreamName":"bad name!"}'),
    });
    expect(doc(kinesis).__type).toBe('ValidationException');
  });
});
