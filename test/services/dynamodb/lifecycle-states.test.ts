/**
 * Table and index lifecycle: CREATING / UPDATING / DELETING on the core
 * clock. The default timings are instant (the answer carries the
 * transitional state, the next request sees it settled); `realistic`
 * timings make the windows last, and fake timers move them.
 */
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTagsOfResourceCommand,
  PutItemCommand,
  QueryCommand,
  TagResourceCommand,
  UpdateTableCommand,
  waitUntilTableExists,
  waitUntilTableNotExists,
} from '@aws-sdk/client-dynamodb';
import { useMockAws } from '../lifecycle';
import { client, createTable, errorOf } from './helpers';

const T0 = new Date('2030-01-01T00:00:00Z');
const ARN = 'arn:aws:dynamodb:us-east-1:123456789012:table/tbl';
const gsi = (name: string, attr: string) => ({
  Create: { IndexName: name, KeySchema: [{ AttributeName: attr, KeyType: 'HASH' as const }], Projection: { ProjectionType: 'ALL' as const } },
});

describe('DynamoDB table lifecycle', () => {
  const m = useMockAws();
  const ddb = client();

  async function realistic() {
    jest.useFakeTimers({ now: T0, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    (await m.backends.dynamodb()).setTimings('realistic');
  }
  const status = async () => (await ddb.send(new DescribeTableCommand({ TableName: 'tbl' }))).Table?.TableStatus;

  it('by default answers CREATING and is ACTIVE on the next request, so waiters return at once', async () => {
    const created = await createTable(ddb, 'tbl');
    expect(created.TableDescription?.TableStatus).toBe('CREATING');
    const started = Date.now();
    await waitUntilTableExists({ client: ddb, maxWaitTime: 60 }, { TableName: 'tbl' });
    expect(Date.now() - started).toBeLessThan(1000);
    await ddb.send(new PutItemCommand({ TableName: 'tbl', Item: { pk: { S: 'a' } } }));
    const deleted = await ddb.send(new DeleteTableCommand({ TableName: 'tbl' }));
    expect(deleted.TableDescription?.TableStatus).toBe('DELETING');
    await waitUntilTableNotExists({ client: ddb, maxWaitTime: 60 }, { TableName: 'tbl' });
  });

  it('keeps a realistic table CREATING until the clock passes, refusing items and changes meanwhile', async () => {
    await realistic();
    await createTable(ddb, 'tbl');
    expect(await status()).toBe('CREATING');
    const put = await errorOf(ddb.send(new PutItemCommand({ TableName: 'tbl', Item: { pk: { S: 'a' } } })));
    expect([put.name, put.message]).toEqual(['ResourceNotFoundException', 'Requested resource not found']);
    const get = await errorOf(ddb.send(new GetItemCommand({ TableName: 'tbl', Key: { pk: { S: 'a' } } })));
    expect(get.name).toBe('ResourceNotFoundException');
    const update = await errorOf(ddb.send(new UpdateTableCommand({ TableName: 'tbl', DeletionProtectionEnabled: true })));
    expect([update.name, update.message]).toEqual(['ResourceInUseException', 'Attempt to change a resource which is still in use: Table is being created: tbl']);
    const del = await errorOf(ddb.send(new DeleteTableCommand({ TableName: 'tbl' })));
    expect([del.name, del.message]).toEqual(['ResourceInUseException', 'Attempt to change a resource which is still in use: Table is being created: tbl']);
    const tag = await errorOf(ddb.send(new TagResourceCommand({ ResourceArn: ARN, Tags: [{ Key: 'k', Value: 'v' }] })));
    expect([tag.name, tag.message]).toEqual(['ResourceNotFoundException', `Requested resource not found: ResourceArn: ${ARN} not found`]);
    const again = await errorOf(createTable(ddb, 'tbl'));
    expect([again.name, again.message]).toEqual(['ResourceInUseException', 'Table already exists: tbl']);
    jest.advanceTimersByTime(5000);
    expect(await status()).toBe('ACTIVE');
    await ddb.send(new PutItemCommand({ TableName: 'tbl', Item: { pk: { S: 'a' } } }));
    expect((await ddb.send(new ListTagsOfResourceCommand({ ResourceArn: ARN }))).Tags).toEqual([]);
  });

  it('lets the table waiter poll through CREATING as the fake clock moves', async () => {
    await realistic();
    await createTable(ddb, 'tbl');
    let done = false;
    const waiting = waitUntilTableExists({ client: ddb, maxWaitTime: 120 }, { TableName: 'tbl' }).then((r) => {
      done = true;
      return r;
    });
    await jest.advanceTimersByTimeAsync(1000);
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(60_000);
    expect((await waiting).state).toBe('SUCCESS');
  });

  it('shows UPDATING after UpdateTable and refuses a second change until it settles', async () => {
    await realistic();
    await createTable(ddb, 'tbl');
    jest.advanceTimersByTime(5000);
    const updated = await ddb.send(new UpdateTableCommand({ TableName: 'tbl', DeletionProtectionEnabled: true }));
    expect(updated.TableDescription?.TableStatus).toBe('UPDATING');
    expect(await status()).toBe('UPDATING');
    // Items stay readable and writable while the table is UPDATING.
    await ddb.send(new PutItemCommand({ TableName: 'tbl', Item: { pk: { S: 'a' } } }));
    const second = await errorOf(ddb.send(new UpdateTableCommand({ TableName: 'tbl', DeletionProtectionEnabled: false })));
    expect([second.name, second.message]).toEqual(['ResourceInUseException', 'Attempt to change a resource which is still in use: Table is being updated: tbl']);
    jest.advanceTimersByTime(5000);
    expect(await status()).toBe('ACTIVE');
  });

  it('backfills a new GSI in CREATING, refusing reads of it and a second index until ACTIVE', async () => {
    await realistic();
    await createTable(ddb, 'tbl');
    jest.advanceTimersByTime(5000);
    await ddb.send(new PutItemCommand({ TableName: 'tbl', Item: { pk: { S: 'a' }, g: { S: 'x' } } }));
    await ddb.send(
      new UpdateTableCommand({ TableName: 'tbl', AttributeDefinitions: [{ AttributeName: 'g', AttributeType: 'S' }], GlobalSecondaryIndexUpdates: [gsi('byG', 'g')] }),
    );
    const d = (await ddb.send(new DescribeTableCommand({ TableName: 'tbl' }))).Table;
    expect(d?.GlobalSecondaryIndexes?.[0].IndexStatus).toBe('CREATING');
    const q = () => ddb.send(new QueryCommand({ TableName: 'tbl', IndexName: 'byG', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': { S: 'x' } } }));
    const read = await errorOf(q());
    expect([read.name, read.message]).toEqual(['ValidationException', 'Cannot read from backfilling global secondary index: byG']);
    jest.advanceTimersByTime(5000);
    // The SDK retries LimitExceededException as throttling: one attempt, so the answer is seen as sent.
    const once = new DynamoDBClient({ region: 'us-east-1', maxAttempts: 1 });
    const second = await errorOf(once.send(new UpdateTableCommand({ TableName: 'tbl', GlobalSecondaryIndexUpdates: [gsi('byPk', 'pk')] })));
    expect([second.name, second.message]).toEqual([
      'LimitExceededException',
      'Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table',
    ]);
    jest.advanceTimersByTime(30_000);
    expect((await ddb.send(new DescribeTableCommand({ TableName: 'tbl' }))).Table?.GlobalSecondaryIndexes?.[0].IndexStatus).toBe('ACTIVE');
    expect((await q()).Count).toBe(1);
  });

  it('shows DELETING until the table is gone, answering a second DeleteTable without error', async () => {
    await realistic();
    await createTable(ddb, 'tbl');
    jest.advanceTimersByTime(5000);
    const deleted = await ddb.send(new DeleteTableCommand({ TableName: 'tbl' }));
    expect(deleted.TableDescription?.TableStatus).toBe('DELETING');
    expect(await status()).toBe('DELETING');
    expect((await ddb.send(new DeleteTableCommand({ TableName: 'tbl' }))).TableDescription?.TableStatus).toBe('DELETING');
    const get = await errorOf(ddb.send(new GetItemCommand({ TableName: 'tbl', Key: { pk: { S: 'a' } } })));
    expect(get.name).toBe('ResourceNotFoundException');
    const recreate = await errorOf(createTable(ddb, 'tbl'));
    expect(recreate.name).toBe('ResourceInUseException');
    jest.advanceTimersByTime(5000);
    const gone = await errorOf(ddb.send(new DescribeTableCommand({ TableName: 'tbl' })));
    expect([gone.name, gone.message]).toEqual(['ResourceNotFoundException', 'Requested resource not found: Table: tbl not found']);
    await createTable(ddb, 'tbl');
  });

  it('takes explicit timings in milliseconds', async () => {
    jest.useFakeTimers({ now: T0, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    (await m.backends.dynamodb()).setTimings({ createMs: 250 });
    await ddb.send(
      new CreateTableCommand({
        TableName: 'tbl',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    jest.advanceTimersByTime(249);
    expect(await status()).toBe('CREATING');
    jest.advanceTimersByTime(1);
    expect(await status()).toBe('ACTIVE');
  });
});
