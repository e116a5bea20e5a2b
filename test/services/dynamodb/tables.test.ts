import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  GetItemCommand,
  ListTablesCommand,
  ListTagsOfResourceCommand,
  PutItemCommand,
  TagResourceCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { useMockAws } from '../lifecycle';
import { client, createTable, errorOf } from './helpers';

describe('DynamoDB tables', () => {
  useMockAws();
  const ddb = client();

  it('creates a table that a waiter sees ACTIVE, with indexes described', async () => {
    const created = await createTable(ddb, 'users', 'S', {
      AttributeDefinitions: [{ AttributeName: 'email', AttributeType: 'S' }, { AttributeName: 'age', AttributeType: 'N' }],
      GlobalSecondaryIndexes: [{ IndexName: 'by-email', KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
      LocalSecondaryIndexes: [
        {
          IndexName: 'by-age',
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'age', KeyType: 'RANGE' }],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['name'] },
        },
      ],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      Tags: [{ Key: 'team', Value: 'core' }],
    });
    expect(created.TableDescription?.TableStatus).toBe('CREATING');
    expect(created.TableDescription?.TableArn).toBe('arn:aws:dynamodb:us-east-1:123456789012:table/users');
    await waitUntilTableExists({ client: ddb, maxWaitTime: 60 }, { TableName: 'users' });
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: 'users' }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(Table?.GlobalSecondaryIndexes?.[0]).toMatchObject({ IndexName: 'by-email', IndexStatus: 'ACTIVE' });
    expect(Table?.LocalSecondaryIndexes?.[0].Projection).toEqual({ ProjectionType: 'INCLUDE', NonKeyAttributes: ['name'] });
    expect(Table?.LatestStreamArn).toMatch(/^arn:aws:dynamodb:us-east-1:123456789012:table\/users\/stream\//);
    const tags = await ddb.send(new ListTagsOfResourceCommand({ ResourceArn: Table!.TableArn! }));
    expect(tags.Tags).toEqual([{ Key: 'team', Value: 'core' }]);
  });

  it('refuses a second table of the same name with ResourceInUseException', async () => {
    await createTable(ddb, 'dup');
    const err = await errorOf(createTable(ddb, 'dup'));
    expect(err.name).toBe('ResourceInUseException');
    expect(err.message).toBe('Table already exists: dup');
  });

  it('validates names, key schemas and billing like DynamoDB', async () => {
    let err = await errorOf(createTable(ddb, 'ab'));
    expect(err.message).toBe("1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3");
    err = await errorOf(
      ddb.send(
        new CreateTableCommand({
          TableName: 'prov',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        }),
      ),
    );
    expect(err.message).toBe('One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED');
    err = await errorOf(
      ddb.send(
        new CreateTableCommand({
          TableName: 'extra',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'x', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      ),
    );
    expect(err.message).toBe('One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions');
  });

  it('lists tables in pages', async () => {
    for (const n of ['ccc', 'aaa', 'bbb']) await createTable(ddb, n);
    const first = await ddb.send(new ListTablesCommand({ Limit: 2 }));
    expect(first.TableNames).toEqual(['aaa', 'bbb']);
    expect(first.LastEvaluatedTableName).toBe('bbb');
    const second = await ddb.send(new ListTablesCommand({ ExclusiveStartTableName: 'bbb' }));
    expect(second.TableNames).toEqual(['ccc']);
    expect(second.LastEvaluatedTableName).toBeUndefined();
  });

  it('deletes a table unless deletion protection is on', async () => {
    await createTable(ddb, 'guarded', undefined, { DeletionProtectionEnabled: true });
    const err = await errorOf(ddb.send(new DeleteTableCommand({ TableName: 'guarded' })));
    expect(err.name).toBe('ValidationException');
    await ddb.send(new UpdateTableCommand({ TableName: 'guarded', DeletionProtectionEnabled: false }));
    const out = await ddb.send(new DeleteTableCommand({ TableName: 'guarded' }));
    expect(out.TableDescription?.TableStatus).toBe('DELETING');
    const gone = await errorOf(ddb.send(new DescribeTableCommand({ TableName: 'guarded' })));
    expect(gone.name).toBe('ResourceNotFoundException');
    expect(gone.message).toBe('Requested resource not found: Table: guarded not found');
  });

  it('adds a GSI to an existing table and backfills it', async () => {
    await createTable(ddb, 'grow');
    await ddb.send(new PutItemCommand({ TableName: 'grow', Item: { pk: { S: 'a' }, c: { S: 'red' } } }));
    await ddb.send(
      new UpdateTableCommand({
        TableName: 'grow',
        AttributeDefinitions: [{ AttributeName: 'c', AttributeType: 'S' }],
        GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'by-c', KeySchema: [{ AttributeName: 'c', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } } }],
      }),
    );
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: 'grow' }));
    expect(Table?.GlobalSecondaryIndexes?.[0]).toMatchObject({ IndexName: 'by-c', ItemCount: 1 });
  });

  it('expires items by TTL as the clock passes their time', async () => {
    jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    await createTable(ddb, 'ttl');
    await ddb.send(new UpdateTimeToLiveCommand({ TableName: 'ttl', TimeToLiveSpecification: { Enabled: true, AttributeName: 'exp' } }));
    const desc = await ddb.send(new DescribeTimeToLiveCommand({ TableName: 'ttl' }));
    expect(desc.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'exp' });
    const soon = Math.floor(Date.now() / 1000) + 60;
    await ddb.send(new PutItemCommand({ TableName: 'ttl', Item: { pk: { S: 'a' }, exp: { N: String(soon) } } }));
    expect((await ddb.send(new GetItemCommand({ TableName: 'ttl', Key: { pk: { S: 'a' } } }))).Item).toBeDefined();
    jest.setSystemTime(Date.now() + 61_000);
    expect((await ddb.send(new GetItemCommand({ TableName: 'ttl', Key: { pk: { S: 'a' } } }))).Item).toBeUndefined();
    const again = await errorOf(ddb.send(new UpdateTimeToLiveCommand({ TableName: 'ttl', TimeToLiveSpecification: { Enabled: true, AttributeName: 'exp' } })));
    expect(again.message).toBe('TimeToLive is already enabled');
  });

  it('tags a table by ARN', async () => {
    const { TableDescription } = await createTable(ddb, 'tagged');
    await ddb.send(new TagResourceCommand({ ResourceArn: TableDescription!.TableArn!, Tags: [{ Key: 'a', Value: '1' }] }));
    const tags = await ddb.send(new ListTagsOfResourceCommand({ ResourceArn: TableDescription!.TableArn! }));
    expect(tags.Tags).toEqual([{ Key: 'a', Value: '1' }]);
  });
});
