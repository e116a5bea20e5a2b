/**
 * Validation from the model, on by default for every service, through the
 * real SDK clients: constraint traits from botocore, AWS's wording, at most
 * 10 violations listed with a count that matches, before any handler runs.
 */
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ScanCommand,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { DescribeStreamCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { useMockAws } from '../services/lifecycle';

const region = 'us-east-1';

async function errorOf(p: Promise<unknown>): Promise<{ name: string; message: string; $metadata: { httpStatusCode?: number } }> {
  return p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e) => e,
  );
}

describe('model validation (DynamoDB, AWS wording word for word)', () => {
  const mock = useMockAws();
  const ddb = new DynamoDBClient({ region });

  const cases: [string, () => Promise<unknown>, string][] = [
    [
      'a list-tables limit above the range',
      () => ddb.send(new ListTablesCommand({ Limit: 101 })),
      "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100",
    ],
    [
      'a list-tables limit below the range',
      () => ddb.send(new ListTablesCommand({ Limit: 0 })),
      "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    ],
    [
      'a start table name too short',
      () => ddb.send(new ListTablesCommand({ ExclusiveStartTableName: 'ab' })),
      "1 validation error detected: Value 'ab' at 'exclusiveStartTableName' failed to satisfy constraint: Member must have length greater than or equal to 3",
    ],
    [
      'a start table name outside the pattern',
      () => ddb.send(new ListTablesCommand({ ExclusiveStartTableName: 'my table' })),
      "1 validation error detected: Value 'my table' at 'exclusiveStartTableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
    ],
    [
      'a name failing both pattern and length',
      () => ddb.send(new ListTablesCommand({ ExclusiveStartTableName: '!' })),
      "2 validation errors detected: Value '!' at 'exclusiveStartTableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
        "Value '!' at 'exclusiveStartTableName' failed to satisfy constraint: Member must have length greater than or equal to 3",
    ],
    [
      'an empty table name (name or ARN since 2023: length 1 to 1024)',
      () => ddb.send(new DescribeTableCommand({ TableName: '' })),
      "1 validation error detected: Value '' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ],
    [
      'a missing table name',
      () => ddb.send(new DescribeTableCommand({} as never)),
      "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null",
    ],
    [
      'a scan segment out of range and a bad Select',
      () => ddb.send(new ScanCommand({ TableName: 't', Segment: 1000000, TotalSegments: 2, Select: 'EVERYTHING' as never })),
      "2 validation errors detected: Value 'EVERYTHING' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES, SPECIFIC_ATTRIBUTES, COUNT]; " +
        "Value '1000000' at 'segment' failed to satisfy constraint: Member must have value less than or equal to 999999",
    ],
    [
      'an empty key schema',
      () =>
        ddb.send(
          new CreateTableCommand({ TableName: 'tbl', KeySchema: [], AttributeDefinitions: [], BillingMode: 'PAY_PER_REQUEST' }),
        ),
      "1 validation error detected: Value '[]' at 'keySchema' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ],
    [
      'a key attribute name too long, deep in a list',
      () =>
        ddb.send(
          new CreateTableCommand({
            TableName: 'tbl',
            KeySchema: [{ AttributeName: 'a'.repeat(256), KeyType: 'HASH' }],
            AttributeDefinitions: [{ AttributeName: 'a', AttributeType: 'S' }],
            BillingMode: 'PAY_PER_REQUEST',
          }),
        ),
      `1 validation error detected: Value '${'a'.repeat(256)}' at 'keySchema.1.member.attributeName' failed to satisfy constraint: Member must have length less than or equal to 255`,
    ],
    [
      'a provisioned throughput of zero',
      () => ddb.send(new UpdateTableCommand({ TableName: 'tbl', ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 1 } })),
      "1 validation error detected: Value '0' at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1",
    ],
    [
      'a batch write of an empty list for a table',
      () => ddb.send(new BatchWriteItemCommand({ RequestItems: { tbl: [] } })),
      "1 validation error detected: Value '{tbl=[]}' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]",
    ],
  ];

  it.each(cases)('answers %s', async (_what, call, message) => {
    const err = await errorOf(call());
    expect(err.name).toBe('ValidationException');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.message).toBe(message);
  });

  it('lists at most 10 violations and counts only those', async () => {
    const err = await errorOf(
      ddb.send(
        new ScanCommand({
          TableName: '',
          IndexName: '!',
          AttributesToGet: [],
          Limit: 0,
          Select: 'X' as never,
          ScanFilter: { f: { ComparisonOperator: 'X' as never } },
          ConditionalOperator: 'X' as never,
          ReturnConsumedCapacity: 'X' as never,
          TotalSegments: 0,
          Segment: -1,
        }),
      ),
    );
    const parts = err.message.replace(/^\d+ validation errors detected: /, '').split('; ');
    expect(parts).toHaveLength(10);
    expect(err.message.startsWith('10 validation errors detected: ')).toBe(true);
  });

  it('runs before the handler: nothing is created by a rejected call', async () => {
    await errorOf(
      ddb.send(
        new CreateTableCommand({
          TableName: 'valid-name',
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
          Tags: [{ Key: '', Value: 'v' }],
        }),
      ),
    );
    expect((await ddb.send(new ListTablesCommand({}))).TableNames).toEqual([]);
    expect(mock).toBeDefined();
  });
});

describe('model validation in services that never asked for it', () => {
  useMockAws();

  it('answers Kinesis and KMS (JSON) with ValidationException before the handler', async () => {
    const kinesis = new KinesisClient({ region });
    const err = await errorOf(kinesis.send(new DescribeStreamCommand({ StreamName: 'bad name!', Limit: 20000 })));
    expect(err.name).toBe('ValidationException');
    expect(err.message).toBe(
      "2 validation errors detected: Value 'bad name!' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
        "Value '20000' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000",
    );
    const kms = new KMSClient({ region });
    const kmsErr = await errorOf(kms.send(new DescribeKeyCommand({ KeyId: '' })));
    expect(kmsErr.name).toBe('ValidationException');
    expect(kmsErr.message).toBe(
      "1 validation error detected: Value '' at 'keyId' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  it('answers STS (query) with ValidationError', async () => {
    const sts = new STSClient({ region });
    const err = await errorOf(
      sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/r', RoleSessionName: 'bad session', DurationSeconds: 60 })),
    );
    expect(err.name).toBe('ValidationError');
    expect(err.message).toBe(
      "2 validation errors detected: Value 'bad session' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*; " +
        "Value '60' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    );
  });
});
