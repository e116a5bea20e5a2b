import { BatchWriteItemCommand, PutItemCommand, QueryCommand, ScanCommand, paginateQuery, paginateScan } from '@aws-sdk/client-dynamodb';
import { useMockAws } from '../lifecycle';
import { client, createTable, errorOf } from './helpers';

describe('DynamoDB Query and Scan', () => {
  useMockAws();
  const ddb = client();

  async function seedNumbers(n: number) {
    await createTable(ddb, 'events', 'N', {
      AttributeDefinitions: [{ AttributeName: 'g', AttributeType: 'S' }],
      GlobalSecondaryIndexes: [
        { IndexName: 'by-g', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
      ],
    });
    for (let i = 0; i < n; i += 25) {
      const batch = Array.from({ length: Math.min(25, n - i) }, (_, j) => ({
        PutRequest: { Item: { pk: { S: 'p' }, sk: { N: String(i + j - 10) }, odd: { BOOL: (i + j) % 2 === 1 }, g: { S: `g${(i + j) % 3}` } } },
      }));
      await ddb.send(new BatchWriteItemCommand({ RequestItems: { events: batch } }));
    }
  }

  it('orders a partition numerically, forwards and backwards', async () => {
    await seedNumbers(30);
    const fwd = await ddb.send(new QueryCommand({ TableName: 'events', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'p' } } }));
    expect(fwd.Items?.map((i) => Number(i.sk.N))).toEqual(Array.from({ length: 30 }, (_, i) => i - 10));
    const back = await ddb.send(
      new QueryCommand({ TableName: 'events', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'p' } }, ScanIndexForward: false, Limit: 3 }),
    );
    expect(back.Items?.map((i) => i.sk.N)).toEqual(['19', '18', '17']);
  });

  it('supports every sort-key operator', async () => {
    await seedNumbers(30);
    const q = async (cond: string, values: Record<string, any>) =>
      (
        await ddb.send(
          new QueryCommand({ TableName: 'events', KeyConditionExpression: `pk = :p AND ${cond}`, ExpressionAttributeValues: { ':p': { S: 'p' }, ...values } }),
        )
      ).Items?.map((i) => Number(i.sk.N));
    expect(await q('sk < :v', { ':v': { N: '-8' } })).toEqual([-10, -9]);
    expect(await q('sk <= :v', { ':v': { N: '-8' } })).toEqual([-10, -9, -8]);
    expect(await q('sk > :v', { ':v': { N: '17.5' } })).toEqual([18, 19]);
    expect(await q('sk >= :v', { ':v': { N: '18' } })).toEqual([18, 19]);
    expect(await q('sk = :v', { ':v': { N: '5' } })).toEqual([5]);
    expect(await q('sk BETWEEN :a AND :b', { ':a': { N: '1' }, ':b': { N: '3' } })).toEqual([1, 2, 3]);
  });

  it('matches begins_with on a string sort key', async () => {
    await createTable(ddb, 'words', 'S');
    for (const w of ['apple', 'apricot', 'banana', 'ap']) {
      await ddb.send(new PutItemCommand({ TableName: 'words', Item: { pk: { S: 'x' }, sk: { S: w } } }));
    }
    const out = await ddb.send(
      new QueryCommand({ TableName: 'words', KeyConditionExpression: 'pk = :p AND begins_with(sk, :b)', ExpressionAttributeValues: { ':p': { S: 'x' }, ':b': { S: 'ap' } } }),
    );
    expect(out.Items?.map((i) => i.sk.S)).toEqual(['ap', 'apple', 'apricot']);
  });

  it('applies the filter after Limit and counts scanned items', async () => {
    await seedNumbers(10);
    const out = await ddb.send(
      new QueryCommand({
        TableName: 'events',
        KeyConditionExpression: 'pk = :p',
        FilterExpression: 'odd = :t',
        ExpressionAttributeValues: { ':p': { S: 'p' }, ':t': { BOOL: true } },
        Limit: 4,
      }),
    );
    expect(out.ScannedCount).toBe(4);
    expect(out.Count).toBe(2);
    expect(out.LastEvaluatedKey).toEqual({ pk: { S: 'p' }, sk: { N: '-7' } });
  });

  it('answers Select COUNT without items', async () => {
    await seedNumbers(10);
    const out = await ddb.send(new QueryCommand({ TableName: 'events', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'p' } }, Select: 'COUNT' }));
    expect(out.Count).toBe(10);
    expect(out.Items).toBeUndefined();
  });

  it('paginates Query and Scan to every item exactly once', async () => {
    await seedNumbers(100);
    const seen: string[] = [];
    for await (const page of paginateQuery({ client: ddb, pageSize: 7 }, { TableName: 'events', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'p' } } })) {
      seen.push(...(page.Items ?? []).map((i) => i.sk.N as string));
    }
    expect(seen).toHaveLength(100);
    const scanned: string[] = [];
    for await (const page of paginateScan({ client: ddb, pageSize: 9 }, { TableName: 'events' })) {
      scanned.push(...(page.Items ?? []).map((i) => i.sk.N as string));
    }
    expect(new Set(scanned).size).toBe(100);
  });

  it('splits a Scan into disjoint segments that cover the table', async () => {
    await createTable(ddb, 'spread');
    for (let i = 0; i < 60; i++) await ddb.send(new PutItemCommand({ TableName: 'spread', Item: { pk: { S: `k${i}` } } }));
    const all: string[] = [];
    for (let s = 0; s < 4; s++) {
      const out = await ddb.send(new ScanCommand({ TableName: 'spread', Segment: s, TotalSegments: 4 }));
      all.push(...(out.Items ?? []).map((i) => i.pk.S as string));
    }
    expect(all.sort()).toEqual(Array.from({ length: 60 }, (_, i) => `k${i}`).sort());
    const err = await errorOf(ddb.send(new ScanCommand({ TableName: 'spread', Segment: 4, TotalSegments: 4 })));
    expect(err.message).toBe('The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 4 is not less than TotalSegments: 4');
  });

  it('queries a GSI with its projection and maintains it on writes', async () => {
    await seedNumbers(9);
    const out = await ddb.send(new QueryCommand({ TableName: 'events', IndexName: 'by-g', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': { S: 'g0' } } }));
    expect(out.Count).toBe(3);
    expect(Object.keys(out.Items?.[0] ?? {}).sort()).toEqual(['g', 'pk', 'sk']);
    await ddb.send(new PutItemCommand({ TableName: 'events', Item: { pk: { S: 'p' }, sk: { N: '-10' }, g: { S: 'g9' } } }));
    const moved = await ddb.send(new QueryCommand({ TableName: 'events', IndexName: 'by-g', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': { S: 'g0' } } }));
    expect(moved.Count).toBe(2);
    const err = await errorOf(
      ddb.send(new QueryCommand({ TableName: 'events', IndexName: 'by-g', Select: 'ALL_ATTRIBUTES', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': { S: 'g0' } } })),
    );
    expect(err.message).toBe('One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index by-g because its projection type is not ALL');
  });

  it('rejects key conditions DynamoDB does not support', async () => {
    await seedNumbers(1);
    const q = (KeyConditionExpression: string, values: Record<string, any>) =>
      errorOf(ddb.send(new QueryCommand({ TableName: 'events', KeyConditionExpression, ExpressionAttributeValues: values })));
    expect((await q('sk = :v', { ':v': { N: '1' } })).message).toBe('Query condition missed key schema element: pk');
    expect((await q('pk = :p OR sk = :v', { ':p': { S: 'p' }, ':v': { N: '1' } })).message).toBe('Invalid operator used in KeyConditionExpression: OR');
    expect((await q('pk < :p', { ':p': { S: 'p' } })).message).toBe('Query key condition not supported');
    const none = await errorOf(ddb.send(new QueryCommand({ TableName: 'events' })));
    expect(none.message).toBe('Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
  });

  it('accepts legacy KeyConditions and QueryFilter', async () => {
    await seedNumbers(10);
    const out = await ddb.send(
      new QueryCommand({
        TableName: 'events',
        KeyConditions: { pk: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'p' }] }, sk: { ComparisonOperator: 'GT', AttributeValueList: [{ N: '-3' }] } },
        QueryFilter: { odd: { ComparisonOperator: 'EQ', AttributeValueList: [{ BOOL: false }] } },
      }),
    );
    expect(out.Items?.map((i) => i.sk.N)).toEqual(['-2']);
  });
});
