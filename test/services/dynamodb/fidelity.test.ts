/**
 * Behaviours DynamoDB has that a lenient fake misses: table ARNs as
 * TableName, parenthesised operands, PartiQL path projection, per-item read
 * capacity in batches, parallel-scan segments over the whole hash space,
 * attribute names that are JavaScript's own (`__proto__`), and the
 * DescribeTable fields AWS always sends.
 */
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteItemCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  ExecuteStatementCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { useMockAws } from '../lifecycle';
import { client, createTable, errorOf } from './helpers';

const ARN = (name: string) => `arn:aws:dynamodb:us-east-1:123456789012:table/${name}`;

describe('DynamoDB fidelity', () => {
  const m = useMockAws();
  const ddb = client();

  it('accepts the table ARN as TableName in every table and item operation', async () => {
    await createTable(ddb, 'arnt', 'S');
    const TableName = ARN('arnt');
    expect((await ddb.send(new DescribeTableCommand({ TableName }))).Table?.TableName).toBe('arnt');
    await ddb.send(new PutItemCommand({ TableName, Item: { pk: { S: 'a' }, sk: { S: '1' }, n: { N: '1' } } }));
    await ddb.send(new UpdateItemCommand({ TableName, Key: { pk: { S: 'a' }, sk: { S: '1' } }, UpdateExpression: 'SET n = n + :one', ExpressionAttributeValues: { ':one': { N: '1' } } }));
    expect((await ddb.send(new GetItemCommand({ TableName, Key: { pk: { S: 'a' }, sk: { S: '1' } } }))).Item?.n).toEqual({ N: '2' });
    const q = await ddb.send(new QueryCommand({ TableName, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'a' } } }));
    expect(q.Count).toBe(1);
    expect((await ddb.send(new ScanCommand({ TableName }))).Count).toBe(1);
    await ddb.send(new BatchWriteItemCommand({ RequestItems: { [TableName]: [{ PutRequest: { Item: { pk: { S: 'b' }, sk: { S: '1' } } } }] } }));
    const batch = await ddb.send(new BatchGetItemCommand({ RequestItems: { [TableName]: { Keys: [{ pk: { S: 'b' }, sk: { S: '1' } }] } } }));
    expect(batch.Responses?.[TableName]).toEqual([{ pk: { S: 'b' }, sk: { S: '1' } }]);
    await ddb.send(new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName, Item: { pk: { S: 'c' }, sk: { S: '1' } } } }] }));
    const tx = await ddb.send(new TransactGetItemsCommand({ TransactItems: [{ Get: { TableName, Key: { pk: { S: 'c' }, sk: { S: '1' } } } }] }));
    expect(tx.Responses?.[0].Item?.pk).toEqual({ S: 'c' });
    const del = await ddb.send(new DeleteItemCommand({ TableName, Key: { pk: { S: 'c' }, sk: { S: '1' } }, ReturnConsumedCapacity: 'TOTAL' }));
    // ConsumedCapacity names the table as the request did (API reference, ConsumedCapacity.TableName).
    expect(del.ConsumedCapacity?.TableName).toBe(TableName);
    const w = await ddb.send(new BatchWriteItemCommand({ RequestItems: { [TableName]: [{ DeleteRequest: { Key: { pk: { S: 'b' }, sk: { S: '1' } } } }] }, ReturnConsumedCapacity: 'TOTAL' }));
    expect(w.ConsumedCapacity).toEqual([{ TableName, CapacityUnits: 1 }]);
    const byName = await ddb.send(new GetItemCommand({ TableName: 'arnt', Key: { pk: { S: 'a' }, sk: { S: '1' } }, ReturnConsumedCapacity: 'TOTAL' }));
    expect(byName.ConsumedCapacity).toEqual({ TableName: 'arnt', CapacityUnits: 0.5 });
    expect((await ddb.send(new UpdateTableCommand({ TableName, DeletionProtectionEnabled: false }))).TableDescription?.TableStatus).toBe('UPDATING');
    expect((await ddb.send(new DeleteTableCommand({ TableName }))).TableDescription?.TableName).toBe('arnt');
  });

  it('parses parenthesised operands in conditions and SET values', async () => {
    await createTable(ddb, 'paren');
    await ddb.send(new PutItemCommand({ TableName: 'paren', Item: { pk: { S: 'a' }, a: { S: 'xyz' }, b: { N: '1' } } }));
    await ddb.send(
      new UpdateItemCommand({
        TableName: 'paren',
        Key: { pk: { S: 'a' } },
        ConditionExpression: '(size(a)) = :three',
        UpdateExpression: 'SET b = (:one), c = ((b) + (:one))',
        ExpressionAttributeValues: { ':three': { N: '3' }, ':one': { N: '1' } },
      }),
    );
    const item = (await ddb.send(new GetItemCommand({ TableName: 'paren', Key: { pk: { S: 'a' } } }))).Item;
    expect(item?.b).toEqual({ N: '1' });
    expect(item?.c).toEqual({ N: '2' });
    const failed = await errorOf(
      ddb.send(new DeleteItemCommand({ TableName: 'paren', Key: { pk: { S: 'a' } }, ConditionExpression: '(b) > (:one)', ExpressionAttributeValues: { ':one': { N: '1' } } })),
    );
    expect(failed.name).toBe('ConditionalCheckFailedException');
    const redundant = await errorOf(
      ddb.send(new DeleteItemCommand({ TableName: 'paren', Key: { pk: { S: 'a' } }, ConditionExpression: '((b = :one))', ExpressionAttributeValues: { ':one': { N: '1' } } })),
    );
    expect(redundant.message).toBe('Invalid ConditionExpression: The expression has redundant parentheses;');
  });

  it('projects a PartiQL path under its own name', async () => {
    await createTable(ddb, 'pql');
    await ddb.send(new PutItemCommand({ TableName: 'pql', Item: { pk: { S: 'a' }, mymap: { M: { nested: { S: 'n' }, other: { S: 'o' } } }, top: { N: '1' } } }));
    const out = await ddb.send(new ExecuteStatementCommand({ Statement: `SELECT mymap.nested, top FROM pql WHERE pk = 'a'` }));
    expect(out.Items).toEqual([{ nested: { S: 'n' }, top: { N: '1' } }]);
  });

  it('charges BatchGetItem per item, each rounded up to 4 KB and halved when eventually consistent', async () => {
    await createTable(ddb, 'cap');
    const filler = 'x'.repeat(1000);
    for (const k of ['a', 'b', 'c']) await ddb.send(new PutItemCommand({ TableName: 'cap', Item: { pk: { S: k }, f: { S: filler } } }));
    const keys = ['a', 'b', 'c', 'missing'].map((k) => ({ pk: { S: k } }));
    const eventual = await ddb.send(new BatchGetItemCommand({ RequestItems: { cap: { Keys: keys } }, ReturnConsumedCapacity: 'TOTAL' }));
    expect(eventual.ConsumedCapacity).toEqual([{ TableName: 'cap', CapacityUnits: 2 }]);
    const strong = await ddb.send(new BatchGetItemCommand({ RequestItems: { cap: { Keys: keys, ConsistentRead: true } }, ReturnConsumedCapacity: 'INDEXES' }));
    expect(strong.ConsumedCapacity).toEqual([{ TableName: 'cap', CapacityUnits: 4, Table: { CapacityUnits: 4 } }]);
  });

  it('spreads parallel-scan segments over the whole hash space', async () => {
    await createTable(ddb, 'segs');
    for (let i = 0; i < 200; i += 25) {
      const batch = Array.from({ length: 25 }, (_, j) => ({ PutRequest: { Item: { pk: { S: `item-${i + j}` } } } }));
      await ddb.send(new BatchWriteItemCommand({ RequestItems: { segs: batch } }));
    }
    const counts: number[] = [];
    for (let s = 0; s < 8; s++) counts.push((await ddb.send(new ScanCommand({ TableName: 'segs', Segment: s, TotalSegments: 8 }))).Count ?? 0);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(200);
    // 25 expected per segment; a fair hash keeps every one well inside [10, 45].
    for (const c of counts) {
      expect(c).toBeGreaterThanOrEqual(10);
      expect(c).toBeLessThanOrEqual(45);
    }
  });

  it('keeps __proto__, constructor and prototype as ordinary attribute names, map keys and #names', async () => {
    await createTable(ddb, 'proto');
    await ddb.send(
      new PutItemCommand({
        TableName: 'proto',
        Item: JSON.parse('{"pk":{"S":"a"},"__proto__":{"S":"p"},"constructor":{"N":"1"},"m":{"M":{"__proto__":{"S":"inner"}}}}'),
      }),
    );
    await ddb.send(
      new UpdateItemCommand({
        TableName: 'proto',
        Key: { pk: { S: 'a' } },
        UpdateExpression: 'SET #p = :v, #proto2 = :v',
        ConditionExpression: 'attribute_exists(#c) AND attribute_not_exists(#t)',
        ExpressionAttributeNames: { '#p': 'prototype', '#proto2': '__proto__', '#c': 'constructor', '#t': 'toString' },
        ExpressionAttributeValues: { ':v': { S: 'set' } },
      }),
    );
    const table = (await m.backends.dynamodb()).tables.get('proto');
    const stored = table?.get({ pk: { S: 'a' } });
    expect(stored && Object.getPrototypeOf(stored)).toBeNull();
    expect(stored && Object.hasOwn(stored, '__proto__')).toBe(true);
    expect(stored && Object.getOwnPropertyDescriptor(stored, '__proto__')?.value).toEqual({ S: 'set' });
    expect(stored?.prototype).toEqual({ S: 'set' });
    expect(stored?.constructor).toEqual({ N: '1' });
    expect(stored?.m.M && Object.hasOwn(stored.m.M, '__proto__')).toBe(true);
    // A name the item does not have is missing, not an inherited member.
    const missing = await errorOf(
      ddb.send(new DeleteItemCommand({ TableName: 'proto', Key: { pk: { S: 'a' } }, ConditionExpression: 'attribute_exists(hasOwnProperty)' })),
    );
    expect(missing.name).toBe('ConditionalCheckFailedException');
    const projected = await ddb.send(
      new GetItemCommand({ TableName: 'proto', Key: { pk: { S: 'a' } }, ProjectionExpression: '#c, m.#p', ExpressionAttributeNames: { '#c': 'constructor', '#p': '__proto__' } }),
    );
    expect(projected.Item?.constructor).toEqual({ N: '1' });
  });

  it('accepts a table named __proto__ in batch maps', async () => {
    await createTable(ddb, '__proto__');
    await ddb.send(new BatchWriteItemCommand({ RequestItems: JSON.parse('{"__proto__":[{"PutRequest":{"Item":{"pk":{"S":"a"}}}}]}') }));
    // The answer's map keyed "__proto__" is built by the core serializer (src/protocols/document-walk.ts
    // writeDocument), which still assigns into a plain object: checked on the stored state here.
    const table = (await m.backends.dynamodb()).tables.get('__proto__');
    expect(table?.store.count).toBe(1);
    const got = await ddb.send(new GetItemCommand({ TableName: '__proto__', Key: { pk: { S: 'a' } } }));
    expect(got.Item).toEqual({ pk: { S: 'a' } });
  });

  it('applies none of an UpdateTable whose later change is invalid', async () => {
    await createTable(ddb, 'upd');
    const err = await errorOf(
      ddb.send(
        new UpdateTableCommand({
          TableName: 'upd',
          BillingMode: 'PROVISIONED',
          ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
          DeletionProtectionEnabled: true,
          GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'nope' } }],
        }),
      ),
    );
    expect([err.name, err.message]).toEqual(['ResourceNotFoundException', 'Requested resource not found: Index: nope not found']);
    const d = (await ddb.send(new DescribeTableCommand({ TableName: 'upd' }))).Table;
    expect(d?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(d?.DeletionProtectionEnabled).toBe(false);
  });

  it('describes WarmThroughput always, and BillingModeSummary only on tables that were ever on demand', async () => {
    const created = await createTable(ddb, 'ondemand');
    expect(created.TableDescription?.WarmThroughput).toBeUndefined();
    expect(created.TableDescription?.BillingModeSummary).toEqual({ BillingMode: 'PAY_PER_REQUEST' });
    const d = (await ddb.send(new DescribeTableCommand({ TableName: 'ondemand' }))).Table;
    expect(d?.WarmThroughput).toEqual({ ReadUnitsPerSecond: 12000, WriteUnitsPerSecond: 4000, Status: 'ACTIVE' });
    expect(d?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(d?.BillingModeSummary?.LastUpdateToPayPerRequestDateTime).toBeInstanceOf(Date);

    await ddb.send(
      new CreateTableCommand({
        TableName: 'provisioned',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        ProvisionedThroughput: { ReadCapacityUnits: 3, WriteCapacityUnits: 2 },
      }),
    );
    const p = (await ddb.send(new DescribeTableCommand({ TableName: 'provisioned' }))).Table;
    expect(p?.BillingModeSummary).toBeUndefined();
    expect(p?.WarmThroughput).toEqual({ ReadUnitsPerSecond: 3, WriteUnitsPerSecond: 2, Status: 'ACTIVE' });
    // Down again: warm throughput never decreases.
    await ddb.send(new UpdateTableCommand({ TableName: 'provisioned', ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } }));
    expect((await ddb.send(new DescribeTableCommand({ TableName: 'provisioned' }))).Table?.WarmThroughput).toEqual({ ReadUnitsPerSecond: 3, WriteUnitsPerSecond: 2, Status: 'ACTIVE' });
    // On demand once, then back: the summary stays, with the time of the switch.
    await ddb.send(new UpdateTableCommand({ TableName: 'provisioned', BillingMode: 'PAY_PER_REQUEST' }));
    await ddb.send(new UpdateTableCommand({ TableName: 'provisioned', BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } }));
    const back = (await ddb.send(new DescribeTableCommand({ TableName: 'provisioned' }))).Table;
    expect(back?.BillingModeSummary?.BillingMode).toBe('PROVISIONED');
    expect(back?.BillingModeSummary?.LastUpdateToPayPerRequestDateTime).toBeInstanceOf(Date);
    expect(back?.WarmThroughput).toEqual({ ReadUnitsPerSecond: 12000, WriteUnitsPerSecond: 4000, Status: 'ACTIVE' });
  });
});
