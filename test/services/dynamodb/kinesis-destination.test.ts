import { DeleteItemCommand, DisableKinesisStreamingDestinationCommand, EnableKinesisStreamingDestinationCommand, PutItemCommand, UpdateItemCommand, UpdateKinesisStreamingDestinationCommand } from '@aws-sdk/client-dynamodb';
import { CreateStreamCommand, GetRecordsCommand, GetShardIteratorCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import { useMockAws } from '../lifecycle';
import { client, createTable } from './helpers';

const STREAM = 'arn:aws:kinesis:us-east-1:123456789012:stream/changes';

describe('DynamoDB Kinesis streaming destinations deliver item changes', () => {
  const aws = useMockAws();
  const ddb = client();
  const kinesis = new KinesisClient({ region: 'us-east-1' });

  async function records() {
    const { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamName: 'changes', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }));
    const out = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
    return (out.Records ?? []).map((r) => ({ partitionKey: r.PartitionKey, body: JSON.parse(Buffer.from(r.Data ?? []).toString()) }));
  }

  beforeEach(async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'changes', ShardCount: 1 }));
    await new Promise((r) => setTimeout(r, 10));
    await createTable(ddb, 'docs');
  });

  it('puts INSERT, MODIFY and REMOVE records in AWS\'s JSON format, keyed by the item', async () => {
    await ddb.send(new PutItemCommand({ TableName: 'docs', Item: { pk: { S: 'before' } } }));
    await ddb.send(new EnableKinesisStreamingDestinationCommand({ TableName: 'docs', StreamArn: STREAM }));
    const before = Date.now();
    await ddb.send(new PutItemCommand({ TableName: 'docs', Item: { pk: { S: 'a' }, n: { N: '1' }, bin: { B: Buffer.from('hi') } } }));
    await ddb.send(new UpdateItemCommand({ TableName: 'docs', Key: { pk: { S: 'a' } }, UpdateExpression: 'SET n = :two', ExpressionAttributeValues: { ':two': { N: '2' } } }));
    await ddb.send(new DeleteItemCommand({ TableName: 'docs', Key: { pk: { S: 'a' } } }));
    await ddb.send(new PutItemCommand({ TableName: 'docs', Item: { pk: { S: 'b' } } }));
    await aws.settle();
    const got = await records();
    expect(got.map((r) => r.body.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE', 'INSERT']);
    const [insert, modify, remove, other] = got;
    expect(insert.body).toEqual({
      awsRegion: 'us-east-1',
      eventID: expect.stringMatching(/^[0-9a-f-]{36}$/),
      eventName: 'INSERT',
      userIdentity: null,
      recordFormat: 'application/json',
      tableName: 'docs',
      dynamodb: {
        ApproximateCreationDateTime: expect.any(Number),
        Keys: { pk: { S: 'a' } },
        NewImage: { pk: { S: 'a' }, n: { N: '1' }, bin: { B: Buffer.from('hi').toString('base64') } },
        SizeBytes: expect.any(Number),
      },
      eventSource: 'aws:dynamodb',
    });
    expect(insert.body.dynamodb.ApproximateCreationDateTime).toBeGreaterThanOrEqual(before);
    expect(insert.body.dynamodb.ApproximateCreationDateTime).toBeLessThan(before + 60_000);
    expect(modify.body.dynamodb).toMatchObject({ OldImage: { n: { N: '1' } }, NewImage: { n: { N: '2' } } });
    expect(remove.body.dynamodb.OldImage).toMatchObject({ pk: { S: 'a' }, n: { N: '2' } });
    expect(remove.body.dynamodb.NewImage).toBeUndefined();
    // One item's changes share a partition key; another item's differs.
    expect(new Set([insert, modify, remove].map((r) => r.partitionKey)).size).toBe(1);
    expect(other.partitionKey).not.toBe(insert.partitionKey);
  });

  it('uses microseconds once the precision is MICROSECOND, and stops when disabled', async () => {
    await ddb.send(new EnableKinesisStreamingDestinationCommand({ TableName: 'docs', StreamArn: STREAM }));
    await ddb.send(new UpdateKinesisStreamingDestinationCommand({ TableName: 'docs', StreamArn: STREAM, UpdateKinesisStreamingConfiguration: { ApproximateCreationDateTimePrecision: 'MICROSECOND' } }));
    const before = Date.now();
    await ddb.send(new PutItemCommand({ TableName: 'docs', Item: { pk: { S: 'micro' } } }));
    await ddb.send(new DisableKinesisStreamingDestinationCommand({ TableName: 'docs', StreamArn: STREAM }));
    await ddb.send(new PutItemCommand({ TableName: 'docs', Item: { pk: { S: 'after-disable' } } }));
    await aws.settle();
    const got = await records();
    expect(got.map((r) => r.body.dynamodb.Keys.pk.S)).toEqual(['micro']);
    expect(got[0].body.dynamodb.ApproximateCreationDateTime).toBeGreaterThanOrEqual(before * 1000);
  });
});
