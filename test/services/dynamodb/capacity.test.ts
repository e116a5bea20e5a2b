import {
  BatchWriteItemCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { useMockAws } from '../lifecycle';
import { client, createTable } from './helpers';

describe('DynamoDB consumed capacity per index and item collection metrics', () => {
  useMockAws();
  const ddb = client();

  /** Table `tbl` (pk, sk) with a GSI on `g` (KEYS_ONLY) and an LSI on `l` (INCLUDE note). */
  async function indexed() {
    await createTable(ddb, 'tbl', 'S', {
      AttributeDefinitions: [{ AttributeName: 'g', AttributeType: 'S' }, { AttributeName: 'l', AttributeType: 'S' }],
      GlobalSecondaryIndexes: [{ IndexName: 'gsi', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } }],
      LocalSecondaryIndexes: [
        {
          IndexName: 'lsi',
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'l', KeyType: 'RANGE' }],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['note'] },
        },
      ],
    });
  }
  const key = (sk: string) => ({ pk: { S: 'p' }, sk: { S: sk } });

  it('charges every index a write touches and splits it per index with INDEXES', async () => {
    await indexed();
    const put = await ddb.send(
      new PutItemCommand({ TableName: 'tbl', Item: { ...key('1'), g: { S: 'a' }, l: { S: 'x' }, note: { S: 'n' } }, ReturnConsumedCapacity: 'INDEXES' }),
    );
    expect(put.ConsumedCapacity).toEqual({
      TableName: 'tbl',
      CapacityUnits: 3,
      Table: { CapacityUnits: 1 },
      GlobalSecondaryIndexes: { gsi: { CapacityUnits: 1 } },
      LocalSecondaryIndexes: { lsi: { CapacityUnits: 1 } },
    });
    // Changing the GSI key: delete + put on the GSI; the LSI's projection is unchanged.
    const moved = await ddb.send(
      new UpdateItemCommand({ TableName: 'tbl', Key: key('1'), UpdateExpression: 'SET g = :g', ExpressionAttributeValues: { ':g': { S: 'b' } }, ReturnConsumedCapacity: 'INDEXES' }),
    );
    expect(moved.ConsumedCapacity?.GlobalSecondaryIndexes).toEqual({ gsi: { CapacityUnits: 2 } });
    expect(moved.ConsumedCapacity?.LocalSecondaryIndexes).toBeUndefined();
    // An attribute neither index holds costs the table only; TOTAL is the sum.
    const other = await ddb.send(
      new UpdateItemCommand({ TableName: 'tbl', Key: key('1'), UpdateExpression: 'SET extra = :o', ExpressionAttributeValues: { ':o': { S: 'z' } }, ReturnConsumedCapacity: 'TOTAL' }),
    );
    expect(other.ConsumedCapacity).toEqual({ TableName: 'tbl', CapacityUnits: 1 });
    // A sparse item (no index keys) costs no index writes.
    const sparse = await ddb.send(new PutItemCommand({ TableName: 'tbl', Item: key('2'), ReturnConsumedCapacity: 'TOTAL' }));
    expect(sparse.ConsumedCapacity?.CapacityUnits).toBe(1);
    const del = await ddb.send(new DeleteItemCommand({ TableName: 'tbl', Key: key('1'), ReturnConsumedCapacity: 'TOTAL' }));
    expect(del.ConsumedCapacity?.CapacityUnits).toBe(3);
  });

  it('doubles transactional writes, index writes included', async () => {
    await indexed();
    const out = await ddb.send(
      new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: 'tbl', Item: { ...key('1'), g: { S: 'a' } } } }], ReturnConsumedCapacity: 'INDEXES' }),
    );
    expect(out.ConsumedCapacity).toEqual([{ TableName: 'tbl', CapacityUnits: 4, Table: { CapacityUnits: 2 }, GlobalSecondaryIndexes: { gsi: { CapacityUnits: 2 } } }]);
  });

  it('reports reads with TOTAL and INDEXES: the table for item reads, the index for index reads', async () => {
    await indexed();
    await ddb.send(new PutItemCommand({ TableName: 'tbl', Item: { ...key('1'), g: { S: 'a' }, l: { S: 'x' } } }));
    const get = await ddb.send(new GetItemCommand({ TableName: 'tbl', Key: key('1'), ReturnConsumedCapacity: 'INDEXES' }));
    expect(get.ConsumedCapacity).toEqual({ TableName: 'tbl', CapacityUnits: 0.5, Table: { CapacityUnits: 0.5 } });
    const q = await ddb.send(
      new QueryCommand({ TableName: 'tbl', IndexName: 'gsi', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': { S: 'a' } }, ReturnConsumedCapacity: 'INDEXES' }),
    );
    expect(q.ConsumedCapacity).toEqual({ TableName: 'tbl', CapacityUnits: 0.5, Table: { CapacityUnits: 0 }, GlobalSecondaryIndexes: { gsi: { CapacityUnits: 0.5 } } });
    const scan = await ddb.send(new ScanCommand({ TableName: 'tbl', ConsistentRead: true, ReturnConsumedCapacity: 'TOTAL' }));
    expect(scan.ConsumedCapacity).toEqual({ TableName: 'tbl', CapacityUnits: 1 });
    // Transactional reads cost two strongly consistent reads per item.
    const tx = await ddb.send(
      new TransactGetItemsCommand({ TransactItems: [{ Get: { TableName: 'tbl', Key: key('1') } }, { Get: { TableName: 'tbl', Key: key('9') } }], ReturnConsumedCapacity: 'INDEXES' }),
    );
    expect(tx.ConsumedCapacity).toEqual([{ TableName: 'tbl', CapacityUnits: 4, Table: { CapacityUnits: 4 } }]);
  });

  it('returns item collection metrics for tables with local secondary indexes', async () => {
    await indexed();
    const put = await ddb.send(new PutItemCommand({ TableName: 'tbl', Item: { ...key('1'), l: { S: 'x' } }, ReturnItemCollectionMetrics: 'SIZE' }));
    expect(put.ItemCollectionMetrics).toEqual({ ItemCollectionKey: { pk: { S: 'p' } }, SizeEstimateRangeGB: [0, 1] });
    const batch = await ddb.send(
      new BatchWriteItemCommand({
        RequestItems: { tbl: [{ PutRequest: { Item: key('2') } }, { PutRequest: { Item: { pk: { S: 'q' }, sk: { S: '1' } } } }, { DeleteRequest: { Key: key('1') } }] },
        ReturnItemCollectionMetrics: 'SIZE',
      }),
    );
    expect(batch.ItemCollectionMetrics?.tbl.map((x) => x.ItemCollectionKey?.pk.S)).toEqual(['p', 'q']);
    const tx = await ddb.send(
      new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: 'tbl', Item: key('3') } }], ReturnItemCollectionMetrics: 'SIZE' }),
    );
    expect(tx.ItemCollectionMetrics?.tbl).toHaveLength(1);
    await createTable(ddb, 'plain');
    const plain = await ddb.send(new PutItemCommand({ TableName: 'plain', Item: { pk: { S: 'x' } }, ReturnItemCollectionMetrics: 'SIZE' }));
    expect(plain.ItemCollectionMetrics).toBeUndefined();
    const none = await ddb.send(new PutItemCommand({ TableName: 'tbl', Item: key('4') }));
    expect(none.ItemCollectionMetrics).toBeUndefined();
  });

  it('fetches non-projected attributes of an LSI read from the table, and charges the table for them', async () => {
    await indexed();
    await ddb.send(new PutItemCommand({ TableName: 'tbl', Item: { ...key('1'), l: { S: 'x' }, note: { S: 'kept' }, secret: { S: 's1' } } }));
    await ddb.send(new PutItemCommand({ TableName: 'tbl', Item: { ...key('2'), l: { S: 'y' }, note: { S: 'kept' }, secret: { S: 's2' } } }));
    const query = (extra: object) =>
      ddb.send(
        new QueryCommand({
          TableName: 'tbl',
          IndexName: 'lsi',
          KeyConditionExpression: 'pk = :p',
          ExpressionAttributeValues: { ':p': { S: 'p' }, ...((extra as { ExpressionAttributeValues?: object }).ExpressionAttributeValues ?? {}) },
          ReturnConsumedCapacity: 'INDEXES',
          ...extra,
        } as never),
      );
    const projected = await query({ ProjectionExpression: 'note' });
    expect(projected.Items).toEqual([{ note: { S: 'kept' } }, { note: { S: 'kept' } }]);
    expect(projected.ConsumedCapacity?.Table).toEqual({ CapacityUnits: 0 });
    expect(projected.ConsumedCapacity?.LocalSecondaryIndexes).toEqual({ lsi: { CapacityUnits: 0.5 } });
    const fetched = await query({ ProjectionExpression: 'secret' });
    expect(fetched.Items).toEqual([{ secret: { S: 's1' } }, { secret: { S: 's2' } }]);
    expect(fetched.ConsumedCapacity?.Table).toEqual({ CapacityUnits: 1 });
    expect(fetched.ConsumedCapacity?.CapacityUnits).toBe(1.5);
    const filtered = await query({ FilterExpression: 'secret = :s', ExpressionAttributeValues: { ':p': { S: 'p' }, ':s': { S: 's2' } } });
    expect(filtered.Count).toBe(1);
    expect(filtered.ScannedCount).toBe(2);
    const all = await query({ Select: 'ALL_ATTRIBUTES' });
    expect(all.Items?.[0].secret).toEqual({ S: 's1' });
    const defaults = await query({});
    expect(defaults.Items?.[0].secret).toBeUndefined();
    expect(defaults.Items?.[0]).toEqual({ ...key('1'), l: { S: 'x' }, note: { S: 'kept' } });
  });
});
