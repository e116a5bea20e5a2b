import {
  BatchWriteItemCommand,
  DeleteItemCommand,
  DescribeTableCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { useMockAws } from '../lifecycle';
import { client, createTable, errorOf } from './helpers';

describe('DynamoDB items', () => {
  useMockAws();
  const ddb = client();

  it('stores an item and reads it back with every attribute type', async () => {
    await createTable(ddb, 'tbl');
    const item = {
      pk: { S: 'a' },
      n: { N: '1.50' },
      b: { B: Buffer.from('bin') },
      l: { L: [{ S: 'x' }, { BOOL: true }, { NULL: true }] },
      m: { M: { k: { SS: ['a', 'b'] } } },
      ns: { NS: ['1', '2'] },
    };
    const put = await ddb.send(new PutItemCommand({ TableName: 'tbl', Item: item, ReturnConsumedCapacity: 'TOTAL' }));
    expect(put.ConsumedCapacity).toEqual({ TableName: 'tbl', CapacityUnits: 1 });
    const got = await ddb.send(new GetItemCommand({ TableName: 'tbl', Key: { pk: { S: 'a' } } }));
    expect(got.Item?.n).toEqual({ N: '1.5' });
    expect(Buffer.from(got.Item?.b.B as Uint8Array).toString()).toBe('bin');
    expect(got.Item?.l).toEqual({ L: [{ S: 'x' }, { BOOL: true }, { NULL: true }] });
    expect(got.Item?.m.M?.k.SS).toEqual(['a', 'b']);
  });

  it('counts an overwritten item once, at its new size, in its place among its partition', async () => {
    // The same items written fresh into one table and by overwrites into another: what DescribeTable
    // reports must not tell them apart (an overwrite is swapped in place in the store).
    await createTable(ddb, 'fresh', 'N');
    await createTable(ddb, 'rewritten', 'N');
    const row = (sk: string, v: string) => ({ pk: { S: 'p' }, sk: { N: sk }, v: { S: v } });
    for (const sk of ['1', '2', '3']) await ddb.send(new PutItemCommand({ TableName: 'fresh', Item: row(sk, sk === '2' ? 'a longer value' : 'x') }));
    await ddb.send(new PutItemCommand({ TableName: 'fresh', Item: { pk: { S: 'q' }, sk: { N: '1' } } }));
    await ddb.send(new DeleteItemCommand({ TableName: 'fresh', Key: { pk: { S: 'q' }, sk: { N: '1' } } }));
    for (const sk of ['1', '2', '3']) await ddb.send(new PutItemCommand({ TableName: 'rewritten', Item: row(sk, 'x') }));
    await ddb.send(new PutItemCommand({ TableName: 'rewritten', Item: { pk: { S: 'q' }, sk: { N: '1' } } }));
    await ddb.send(new PutItemCommand({ TableName: 'rewritten', Item: row('2', 'a longer value') }));
    await ddb.send(new PutItemCommand({ TableName: 'rewritten', Item: { pk: { S: 'q' }, sk: { N: '1' } } }));
    await ddb.send(new DeleteItemCommand({ TableName: 'rewritten', Key: { pk: { S: 'q' }, sk: { N: '1' } } }));
    const fresh = (await ddb.send(new DescribeTableCommand({ TableName: 'fresh' }))).Table;
    const rewritten = (await ddb.send(new DescribeTableCommand({ TableName: 'rewritten' }))).Table;
    expect(rewritten?.ItemCount).toBe(3);
    expect(rewritten?.TableSizeBytes).toBe(fresh?.TableSizeBytes);
    expect(rewritten?.TableSizeBytes).toBeGreaterThan(0);
    const page = await ddb.send(
      new QueryCommand({ TableName: 'rewritten', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'p' } } }),
    );
    expect(page.Items?.map((i) => [i.sk.N, i.v.S])).toEqual([
      ['1', 'x'],
      ['2', 'a longer value'],
      ['3', 'x'],
    ]);
  });

  it('returns no Item for a missing key', async () => {
    await createTable(ddb, 'tbl');
    const got = await ddb.send(new GetItemCommand({ TableName: 'tbl', Key: { pk: { S: 'nope' } } }));
    expect(got.Item).toBeUndefined();
  });

  it('fails a conditional put with ConditionalCheckFailedException and returns the old item on request', async () => {
    await createTable(ddb, 'tbl');
    await ddb.send(new PutItemCommand({ TableName: 'tbl', Item: { pk: { S: 'a' }, v: { N: '1' } } }));
    const err = await errorOf(
      ddb.send(
        new PutItemCommand({
          TableName: 'tbl',
          Item: { pk: { S: 'a' } },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    );
    expect(err.name).toBe('ConditionalCheckFailedException');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.message).toBe('The conditional request failed');
    expect(err.Item).toEqual({ pk: { S: 'a' }, v: { N: '1' } });
  });

  it('answers ResourceNotFoundException for an unknown table', async () => {
    const err = await errorOf(ddb.send(new GetItemCommand({ TableName: 'missing', Key: { pk: { S: 'a' } } })));
    expect(err.name).toBe('ResourceNotFoundException');
    expect(err.message).toBe('Requested resource not found');
  });

  it('rejects a key that does not match the schema', async () => {
    await createTable(ddb, 'tbl', 'S');
    const err = await errorOf(ddb.send(new GetItemCommand({ TableName: 'tbl', Key: { pk: { S: 'a' } } })));
    expect(err.name).toBe('ValidationException');
    expect(err.message).toBe('The provided key element does not match the schema');
  });

  it('rejects an item missing its key or with a mistyped key', async () => {
    await createTable(ddb, 'tbl');
    let err = await errorOf(ddb.send(new PutItemCommand({ TableName: 'tbl', Item: { x: { S: 'a' } } })));
    expect(err.message).toBe('One or more parameter values were invalid: Missing the key pk in the item');
    err = await errorOf(ddb.send(new PutItemCommand({ TableName: 'tbl', Item: { pk: { N: '1' } } })));
    expect(err.message).toBe('One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N');
    err = await errorOf(ddb.send(new PutItemCommand({ TableName: 'tbl', Item: { pk: { S: '' } } })));
    expect(err.message).toBe(
      'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk',
    );
  });

  it('rejects empty and duplicate sets', async () => {
    await createTable(ddb, 'tbl');
    let err = await errorOf(ddb.send(new PutItemCommand({ TableName: 'tbl', Item: { pk: { S: 'a' }, s: { SS: [] } } })));
    expect(err.message).toBe('One or more parameter values were invalid: An string set  may not be empty');
    err = await errorOf(ddb.send(new PutItemCommand({ TableName: 'tbl', Item: { pk: { S: 'a' }, s: { SS: ['a', 'a'] } } })));
    expect(err.message).toBe('One or more parameter values were invalid: Input collection ["a", "a"] contains duplicates.');
  });

  it('rejects an item over 400 KB', async () => {
    await createTable(ddb, 'tbl');
    const err = await errorOf(
      ddb.send(new PutItemCommand({ TableName: 'tbl', Item: { pk: { S: 'a' }, big: { S: 'x'.repeat(400 * 1024) } } })),
    );
    expect(err.name).toBe('ValidationException');
    expect(err.message).toBe('Item size has exceeded the maximum allowed size');
  });

  it('returns ALL_OLD on put and delete, and rejects ALL_NEW on put', async () => {
    await createTable(ddb, 'tbl');
    await ddb.send(new PutItemCommand({ TableName: 'tbl', Item: { pk: { S: 'a' }, v: { S: '1' } } }));
    const put = await ddb.send(
      new PutItemCommand({ TableName: 'tbl', Item: { pk: { S: 'a' }, v: { S: '2' } }, ReturnValues: 'ALL_OLD' }),
    );
    expect(put.Attributes).toEqual({ pk: { S: 'a' }, v: { S: '1' } });
    const del = await ddb.send(new DeleteItemCommand({ TableName: 'tbl', Key: { pk: { S: 'a' } }, ReturnValues: 'ALL_OLD' }));
    expect(del.Attributes).toEqual({ pk: { S: 'a' }, v: { S: '2' } });
    const err = await errorOf(
      ddb.send(new PutItemCommand({ TableName: 'tbl', Item: { pk: { S: 'a' } }, ReturnValues: 'ALL_NEW' })),
    );
    expect(err.message).toBe('1 validation error detected: ReturnValues can only be ALL_OLD or NONE');
  });

  it('makes exactly one of 1,000 concurrent conditional puts on one key win', async () => {
    await createTable(ddb, 'tbl');
    const results = await Promise.allSettled(
      Array.from({ length: 1000 }, (_, i) =>
        ddb.send(
          new PutItemCommand({
            TableName: 'tbl',
            Item: { pk: { S: 'lock' }, owner: { N: String(i) } },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(rejected.every((r) => r.reason.name === 'ConditionalCheckFailedException')).toBe(true);
  });

  it('creates an item with UpdateItem and returns UPDATED_NEW', async () => {
    await createTable(ddb, 'tbl');
    const out = await ddb.send(
      new UpdateItemCommand({
        TableName: 'tbl',
        Key: { pk: { S: 'a' } },
        UpdateExpression: 'SET c = if_not_exists(c, :zero) + :one',
        ExpressionAttributeValues: { ':zero': { N: '0' }, ':one': { N: '1' } },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    expect(out.Attributes).toEqual({ c: { N: '1' } });
  });

  it('counts each item at its own size, whichever write stored it', async () => {
    // DynamoDB's item size: the UTF-8 bytes of each attribute name plus its value (a string's UTF-8 bytes).
    // The size measured when a write's item is checked is the one the table counts: one item per write,
    // two in one transaction and in one batch, each with its own.
    await createTable(ddb, 'sized');
    const set = (pk: string, v: string) => ({ TableName: 'sized', Key: { pk: { S: pk } }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { S: v } } });
    const item = (pk: string, v: string) => ({ pk: { S: pk }, v: { S: v } });
    await ddb.send(new PutItemCommand({ TableName: 'sized', Item: item('a', 'hello') })); // 2+1 + 1+5 = 9
    await ddb.send(new UpdateItemCommand(set('b', 'hi'))); // 6
    await ddb.send(
      new TransactWriteItemsCommand({
        TransactItems: [{ Put: { TableName: 'sized', Item: item('c', 'xyz') } }, { Update: set('d', 'four') }], // 7 + 8
      }),
    );
    await ddb.send(
      new BatchWriteItemCommand({
        RequestItems: { sized: [{ PutRequest: { Item: item('e', 'e') } }, { PutRequest: { Item: item('f', '') } }] }, // 5 + 4
      }),
    );
    const size = async () => (await ddb.send(new DescribeTableCommand({ TableName: 'sized' }))).Table?.TableSizeBytes;
    expect(await size()).toBe(39);
    await ddb.send(new UpdateItemCommand(set('a', 'hello world'))); // 9 becomes 15
    expect(await size()).toBe(45);
  });
});
