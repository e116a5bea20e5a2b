/**
 * Scenario: DynamoDB programs written the way users write them, run
 * unchanged against mockAws(): table waiters and the lib-dynamodb document
 * client (native JS values, sets, nested maps, its paginators, batches,
 * transactions, removeUndefinedValues, descending GSI queries).
 */
import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  TransactionCanceledException,
  waitUntilTableExists,
  waitUntilTableNotExists,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateQuery,
  paginateScan,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockAws } from '../../src/index';

const m = mockAws();
const ddb = new DynamoDBClient({ region: 'us-east-1' });
const doc = DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } });
afterEach(() => m.reset());
afterAll(() => m.stop());

const waitFast = { client: ddb, maxWaitTime: 5, minDelay: 1, maxDelay: 1 };

/** The single-table layout many apps use: pk/sk plus one GSI on gsi1pk/gsi1sk. */
async function createTable(TableName = 'app'): Promise<void> {
  await ddb.send(
    new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'gsi1pk', AttributeType: 'S' },
        { AttributeName: 'gsi1sk', AttributeType: 'N' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'gsi1',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
  await waitUntilTableExists(waitFast, { TableName });
}

describe('DynamoDB table waiters', () => {
  it('waits for a table to exist and to be gone', async () => {
    await createTable('waited');
    await ddb.send(new DeleteTableCommand({ TableName: 'waited' }));
    expect((await waitUntilTableNotExists(waitFast, { TableName: 'waited' })).state).toBe('SUCCESS');
  });
});

describe('DynamoDB programs under realistic table timings', () => {
  afterEach(() => jest.useRealTimers());

  it('a setup script that creates the table, waits for it and writes runs as against AWS', async () => {
    jest.useFakeTimers({ now: new Date('2031-01-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    (await m.backends.dynamodb()).setTimings('realistic');
    const setup = (async () => {
      await ddb.send(
        new CreateTableCommand({
          TableName: 'app',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [
            { AttributeName: 'pk', AttributeType: 'S' },
            { AttributeName: 'sk', AttributeType: 'S' },
          ],
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
        }),
      );
      // A write before the waiter is the classic bug: AWS (and the fake) refuse it while CREATING.
      const early = await doc.send(new PutCommand({ TableName: 'app', Item: { pk: 'u', sk: '1' } })).catch((e: Error) => e.name);
      await waitUntilTableExists({ client: ddb, maxWaitTime: 120 }, { TableName: 'app' });
      await doc.send(new PutCommand({ TableName: 'app', Item: { pk: 'u', sk: '1', name: 'ready' } }));
      return early;
    })();
    // The waiter sleeps its 20 s back-off on the fake clock.
    await jest.advanceTimersByTimeAsync(30_000);
    expect(await setup).toBe('ResourceNotFoundException');
    const item = await doc.send(new GetCommand({ TableName: 'app', Key: { pk: 'u', sk: '1' } }));
    expect(item.Item?.name).toBe('ready');
  });
});

describe('DynamoDBDocumentClient', () => {
  beforeEach(() => createTable());

  it('round-trips nested maps, sets, numbers and drops undefined values', async () => {
    const item = {
      pk: 'user#1',
      sk: 'profile',
      name: 'Ada',
      age: 36,
      score: 1.5,
      big: 12345678901234,
      tags: new Set(['a', 'b']),
      lucky: new Set([3, 7]),
      address: { city: 'London', geo: { lat: 51.5, lng: -0.12 }, lines: ['1 Main St', null] },
      active: true,
      nickname: undefined,
    };
    await doc.send(new PutCommand({ TableName: 'app', Item: item }));
    const got = await doc.send(new GetCommand({ TableName: 'app', Key: { pk: 'user#1', sk: 'profile' } }));
    const { nickname: _dropped, ...stored } = item;
    expect(got.Item).toEqual(stored);
    expect(got.Item).not.toHaveProperty('nickname');
  });

  it('updates nested paths, adds to sets and counters', async () => {
    await doc.send(
      new PutCommand({ TableName: 'app', Item: { pk: 'u', sk: 'p', visits: 1, tags: new Set(['a']), prefs: { theme: 'dark' } } }),
    );
    const out = await doc.send(
      new UpdateCommand({
        TableName: 'app',
        Key: { pk: 'u', sk: 'p' },
        UpdateExpression: 'SET prefs.#lang = :lang, prefs.theme = :t ADD visits :one, tags :more REMOVE gone',
        ExpressionAttributeNames: { '#lang': 'lang' },
        ExpressionAttributeValues: { ':lang': 'en', ':t': 'light', ':one': 1, ':more': new Set(['b', 'c']) },
        ReturnValues: 'ALL_NEW',
      }),
    );
    expect(out.Attributes).toEqual({
      pk: 'u',
      sk: 'p',
      visits: 2,
      tags: new Set(['a', 'b', 'c']),
      prefs: { theme: 'light', lang: 'en' },
    });
  });

  it('batch-writes 25 items, batch-gets them, and pages Query and Scan', async () => {
    const items = Array.from({ length: 25 }, (_, i) => ({
      pk: 'order',
      sk: `o#${String(i).padStart(2, '0')}`,
      gsi1pk: 'by-total',
      gsi1sk: i * 10,
      total: i * 10,
    }));
    const written = await doc.send(
      new BatchWriteCommand({ RequestItems: { app: items.map((Item) => ({ PutRequest: { Item } })) } }),
    );
    expect(written.UnprocessedItems ?? {}).toEqual({});

    const got = await doc.send(
      new BatchGetCommand({ RequestItems: { app: { Keys: items.map(({ pk, sk }) => ({ pk, sk })) } } }),
    );
    expect(got.Responses?.app).toHaveLength(25);
    expect(got.UnprocessedKeys ?? {}).toEqual({});

    const queried: string[] = [];
    let pages = 0;
    for await (const page of paginateQuery(
      { client: doc, pageSize: 10 },
      { TableName: 'app', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'order' } },
    )) {
      pages++;
      for (const it of page.Items ?? []) queried.push(it.sk as string);
    }
    expect(queried).toEqual(items.map((i) => i.sk));
    expect(pages).toBeGreaterThanOrEqual(3);

    let scanned = 0;
    for await (const page of paginateScan({ client: doc, pageSize: 7 }, { TableName: 'app' })) scanned += page.Count ?? 0;
    expect(scanned).toBe(25);
  });

  it('queries a GSI newest-first with ScanIndexForward false', async () => {
    for (const [sk, total] of [['a', 30], ['b', 10], ['c', 20], ['d', 40]] as const) {
      await doc.send(new PutCommand({ TableName: 'app', Item: { pk: 'o', sk, gsi1pk: 'totals', gsi1sk: total } }));
    }
    const out = await doc.send(
      new QueryCommand({
        TableName: 'app',
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p AND gsi1sk > :min',
        ExpressionAttributeValues: { ':p': 'totals', ':min': 15 },
        ScanIndexForward: false,
        Limit: 2,
      }),
    );
    expect(out.Items?.map((i) => i.gsi1sk)).toEqual([40, 30]);
    expect(out.LastEvaluatedKey).toEqual({ pk: 'o', sk: 'a', gsi1pk: 'totals', gsi1sk: 30 });
  });

  it('cancels a TransactWrite whose condition fails, naming the reason per item', async () => {
    await doc.send(new PutCommand({ TableName: 'app', Item: { pk: 'acct', sk: 'a', balance: 5 } }));
    await doc.send(new PutCommand({ TableName: 'app', Item: { pk: 'acct', sk: 'b', balance: 0 } }));
    const transfer = new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: 'app',
            Key: { pk: 'acct', sk: 'a' },
            UpdateExpression: 'SET balance = balance - :amt',
            ConditionExpression: 'balance >= :amt',
            ExpressionAttributeValues: { ':amt': 10 },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        {
          Update: {
            TableName: 'app',
            Key: { pk: 'acct', sk: 'b' },
            UpdateExpression: 'SET balance = balance + :amt',
            ExpressionAttributeValues: { ':amt': 10 },
          },
        },
      ],
    });
    const err = await doc.send(transfer).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TransactionCanceledException);
    const cancelled = err as TransactionCanceledException;
    expect(cancelled.$metadata.httpStatusCode).toBe(400);
    expect(cancelled.message).toBe('Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]');
    expect(cancelled.CancellationReasons?.map((r) => r.Code)).toEqual(['ConditionalCheckFailed', 'None']);
    // The exception is not unmarshalled by lib-dynamodb: the old item comes back in wire form.
    expect(cancelled.CancellationReasons?.[0].Item).toEqual({ pk: { S: 'acct' }, sk: { S: 'a' }, balance: { N: '5' } });
    const b = await doc.send(new GetCommand({ TableName: 'app', Key: { pk: 'acct', sk: 'b' } }));
    expect(b.Item?.balance).toBe(0);
  });
});
