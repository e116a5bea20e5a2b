import { DeleteItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { client, createTable } from '../dynamodb/helpers';
import { useMockAws } from '../lifecycle';

describe('DynamoDB Streams', () => {
  useMockAws();
  const ddb = client();
  const streams = new DynamoDBStreamsClient({ region: 'us-east-1' });

  async function tableWithStream(view: 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES') {
    const out = await createTable(ddb, 'orders', undefined, { StreamSpecification: { StreamEnabled: true, StreamViewType: view } });
    return out.TableDescription!.LatestStreamArn!;
  }

  async function readAll(arn: string, type: 'TRIM_HORIZON' | 'LATEST' = 'TRIM_HORIZON') {
    const desc = await streams.send(new DescribeStreamCommand({ StreamArn: arn }));
    const shard = desc.StreamDescription!.Shards![0].ShardId!;
    const it = await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard, ShardIteratorType: type }));
    return { shard, iterator: it.ShardIterator! };
  }

  it('records INSERT, MODIFY and REMOVE with both images', async () => {
    const arn = await tableWithStream('NEW_AND_OLD_IMAGES');
    await ddb.send(new PutItemCommand({ TableName: 'orders', Item: { pk: { S: 'o1' }, n: { N: '1' } } }));
    await ddb.send(new UpdateItemCommand({ TableName: 'orders', Key: { pk: { S: 'o1' } }, UpdateExpression: 'SET n = :two', ExpressionAttributeValues: { ':two': { N: '2' } } }));
    await ddb.send(new DeleteItemCommand({ TableName: 'orders', Key: { pk: { S: 'o1' } } }));
    const { iterator } = await readAll(arn);
    const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
    expect(out.Records?.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    const [ins, mod, rem] = out.Records!;
    expect(ins.eventSource).toBe('aws:dynamodb');
    expect(ins.dynamodb?.Keys).toEqual({ pk: { S: 'o1' } });
    expect(ins.dynamodb?.NewImage).toEqual({ pk: { S: 'o1' }, n: { N: '1' } });
    expect(ins.dynamodb?.OldImage).toBeUndefined();
    expect(mod.dynamodb?.OldImage?.n).toEqual({ N: '1' });
    expect(mod.dynamodb?.NewImage?.n).toEqual({ N: '2' });
    expect(rem.dynamodb?.OldImage?.n).toEqual({ N: '2' });
    expect(BigInt(mod.dynamodb!.SequenceNumber!)).toBeGreaterThan(BigInt(ins.dynamodb!.SequenceNumber!));
    expect(out.NextShardIterator).toBeDefined();
    const after = await streams.send(new GetRecordsCommand({ ShardIterator: out.NextShardIterator! }));
    expect(after.Records).toEqual([]);
  });

  it('sends only keys for KEYS_ONLY and lists the stream', async () => {
    const arn = await tableWithStream('KEYS_ONLY');
    await ddb.send(new PutItemCommand({ TableName: 'orders', Item: { pk: { S: 'o1' }, n: { N: '1' } } }));
    const { iterator } = await readAll(arn);
    const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
    expect(out.Records?.[0].dynamodb).toMatchObject({ Keys: { pk: { S: 'o1' } }, StreamViewType: 'KEYS_ONLY' });
    expect(out.Records?.[0].dynamodb?.NewImage).toBeUndefined();
    const list = await streams.send(new ListStreamsCommand({ TableName: 'orders' }));
    expect(list.Streams).toEqual([{ StreamArn: arn, TableName: 'orders', StreamLabel: arn.split('/stream/')[1] }]);
  });

  it('starts LATEST after existing records and AT/AFTER_SEQUENCE_NUMBER where asked', async () => {
    const arn = await tableWithStream('NEW_IMAGE');
    await ddb.send(new PutItemCommand({ TableName: 'orders', Item: { pk: { S: 'a' } } }));
    const { shard, iterator: latest } = await readAll(arn, 'LATEST');
    await ddb.send(new PutItemCommand({ TableName: 'orders', Item: { pk: { S: 'b' } } }));
    const fromLatest = await streams.send(new GetRecordsCommand({ ShardIterator: latest }));
    expect(fromLatest.Records?.map((r) => r.dynamodb?.Keys?.pk.S)).toEqual(['b']);
    const seq = fromLatest.Records![0].dynamodb!.SequenceNumber!;
    const at = await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard, ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: seq }));
    expect((await streams.send(new GetRecordsCommand({ ShardIterator: at.ShardIterator! }))).Records).toHaveLength(1);
    const afterIt = await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: seq }));
    expect((await streams.send(new GetRecordsCommand({ ShardIterator: afterIt.ShardIterator! }))).Records).toHaveLength(0);
  });

  it('answers ResourceNotFoundException for an unknown stream', async () => {
    const err = await streams
      .send(new DescribeStreamCommand({ StreamArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/x/stream/2020-01-01T00:00:00.000' }))
      .catch((e) => e);
    expect(err.name).toBe('ResourceNotFoundException');
  });
});
