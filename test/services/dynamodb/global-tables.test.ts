import {
  CreateGlobalTableCommand,
  DeleteTableCommand,
  DescribeGlobalTableCommand,
  DescribeGlobalTableSettingsCommand,
  DescribeTableCommand,
  DescribeTableReplicaAutoScalingCommand,
  DynamoDBClient,
  GetItemCommand,
  ListGlobalTablesCommand,
  PutItemCommand,
  UpdateGlobalTableCommand,
  UpdateGlobalTableSettingsCommand,
  UpdateTableCommand,
  UpdateTableReplicaAutoScalingCommand,
} from '@aws-sdk/client-dynamodb';
import { useMockAws } from '../lifecycle';
import { createTable, errorOf } from './helpers';

describe('DynamoDB global tables', () => {
  useMockAws();
  const east = new DynamoDBClient({ region: 'us-east-1' });
  const west = new DynamoDBClient({ region: 'us-west-2' });
  const eu = new DynamoDBClient({ region: 'eu-west-1' });
  const streaming = { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' as const } };

  const get = (c: DynamoDBClient, table: string, pk: string) => c.send(new GetItemCommand({ TableName: table, Key: { pk: { S: pk } } }));

  describe('version 2017.11.29', () => {
    it('creates a global table over existing tables and replicates writes both ways', async () => {
      await createTable(east, 'users', undefined, streaming);
      await createTable(west, 'users', undefined, streaming);
      const created = await east.send(
        new CreateGlobalTableCommand({ GlobalTableName: 'users', ReplicationGroup: [{ RegionName: 'us-east-1' }, { RegionName: 'us-west-2' }] }),
      );
      expect(created.GlobalTableDescription).toMatchObject({
        GlobalTableName: 'users',
        GlobalTableStatus: 'CREATING',
        GlobalTableArn: 'arn:aws:dynamodb::123456789012:global-table/users',
      });
      await east.send(new PutItemCommand({ TableName: 'users', Item: { pk: { S: 'from-east' } } }));
      await west.send(new PutItemCommand({ TableName: 'users', Item: { pk: { S: 'from-west' } } }));
      expect((await get(west, 'users', 'from-east')).Item).toBeDefined();
      expect((await get(east, 'users', 'from-west')).Item).toBeDefined();
      const described = await west.send(new DescribeGlobalTableCommand({ GlobalTableName: 'users' }));
      expect(described.GlobalTableDescription?.GlobalTableStatus).toBe('ACTIVE');
      expect(described.GlobalTableDescription?.ReplicationGroup?.map((r) => r.RegionName)).toEqual(['us-east-1', 'us-west-2']);
      const again = await errorOf(east.send(new CreateGlobalTableCommand({ GlobalTableName: 'users', ReplicationGroup: [{ RegionName: 'us-east-1' }] })));
      expect(again.name).toBe('GlobalTableAlreadyExistsException');
    });

    it('checks the member tables: present, streaming new and old images, empty', async () => {
      await createTable(east, 'orders');
      const noStream = await errorOf(east.send(new CreateGlobalTableCommand({ GlobalTableName: 'orders', ReplicationGroup: [{ RegionName: 'us-east-1' }] })));
      expect(noStream.name).toBe('ValidationException');
      expect(noStream.message).toContain('NEW_AND_OLD_IMAGES');
      const missing = await errorOf(
        east.send(new CreateGlobalTableCommand({ GlobalTableName: 'orders', ReplicationGroup: [{ RegionName: 'eu-west-1' }] })),
      );
      expect(missing.name).toBe('TableNotFoundException');
      await createTable(eu, 'full', undefined, streaming);
      await eu.send(new PutItemCommand({ TableName: 'full', Item: { pk: { S: 'x' } } }));
      const notEmpty = await errorOf(east.send(new CreateGlobalTableCommand({ GlobalTableName: 'full', ReplicationGroup: [{ RegionName: 'eu-west-1' }] })));
      expect(notEmpty.message).toContain('is not empty');
      const unknown = await errorOf(east.send(new DescribeGlobalTableCommand({ GlobalTableName: 'nothing' })));
      expect(unknown.name).toBe('GlobalTableNotFoundException');
    });

    it('adds and removes replicas with UpdateGlobalTable and lists by region', async () => {
      for (const c of [east, west, eu]) await createTable(c, 'carts', undefined, streaming);
      await east.send(new CreateGlobalTableCommand({ GlobalTableName: 'carts', ReplicationGroup: [{ RegionName: 'us-east-1' }] }));
      const added = await east.send(new UpdateGlobalTableCommand({ GlobalTableName: 'carts', ReplicaUpdates: [{ Create: { RegionName: 'eu-west-1' } }] }));
      expect(added.GlobalTableDescription?.ReplicationGroup?.map((r) => r.RegionName)).toEqual(['us-east-1', 'eu-west-1']);
      const dup = await errorOf(east.send(new UpdateGlobalTableCommand({ GlobalTableName: 'carts', ReplicaUpdates: [{ Create: { RegionName: 'eu-west-1' } }] })));
      expect(dup.name).toBe('ReplicaAlreadyExistsException');
      const absent = await errorOf(east.send(new UpdateGlobalTableCommand({ GlobalTableName: 'carts', ReplicaUpdates: [{ Delete: { RegionName: 'us-west-2' } }] })));
      expect(absent.name).toBe('ReplicaNotFoundException');
      expect((await east.send(new ListGlobalTablesCommand({ RegionName: 'eu-west-1' }))).GlobalTables).toEqual([
        { GlobalTableName: 'carts', ReplicationGroup: [{ RegionName: 'us-east-1' }, { RegionName: 'eu-west-1' }] },
      ]);
      expect((await east.send(new ListGlobalTablesCommand({ RegionName: 'us-west-2' }))).GlobalTables).toEqual([]);
      await east.send(new UpdateGlobalTableCommand({ GlobalTableName: 'carts', ReplicaUpdates: [{ Delete: { RegionName: 'eu-west-1' } }] }));
      await east.send(new PutItemCommand({ TableName: 'carts', Item: { pk: { S: 'after' } } }));
      expect((await get(eu, 'carts', 'after')).Item).toBeUndefined();
    });

    it('describes and updates the settings of every replica', async () => {
      const provisioned = {
        BillingMode: 'PROVISIONED' as const,
        ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
        AttributeDefinitions: [{ AttributeName: 'g', AttributeType: 'S' as const }],
        GlobalSecondaryIndexes: [
          { IndexName: 'by-g', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' as const }], Projection: { ProjectionType: 'ALL' as const }, ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } },
        ],
        ...streaming,
      };
      await createTable(east, 'stock', undefined, provisioned);
      await createTable(west, 'stock', undefined, provisioned);
      await east.send(new CreateGlobalTableCommand({ GlobalTableName: 'stock', ReplicationGroup: [{ RegionName: 'us-east-1' }, { RegionName: 'us-west-2' }] }));
      const updated = await east.send(
        new UpdateGlobalTableSettingsCommand({
          GlobalTableName: 'stock',
          GlobalTableProvisionedWriteCapacityUnits: 12,
          GlobalTableGlobalSecondaryIndexSettingsUpdate: [{ IndexName: 'by-g', ProvisionedWriteCapacityUnits: 3 }],
          ReplicaSettingsUpdate: [
            {
              RegionName: 'us-west-2',
              ReplicaProvisionedReadCapacityUnits: 9,
              ReplicaProvisionedReadCapacityAutoScalingSettingsUpdate: {
                MinimumUnits: 2,
                MaximumUnits: 20,
                ScalingPolicyUpdate: { TargetTrackingScalingPolicyConfiguration: { TargetValue: 70 } },
              },
            },
          ],
        }),
      );
      const westSettings = updated.ReplicaSettings?.find((r) => r.RegionName === 'us-west-2');
      expect(westSettings).toMatchObject({ ReplicaProvisionedReadCapacityUnits: 9, ReplicaProvisionedWriteCapacityUnits: 12 });
      expect(westSettings?.ReplicaProvisionedReadCapacityAutoScalingSettings).toMatchObject({
        MinimumUnits: 2,
        MaximumUnits: 20,
        ScalingPolicies: [{ PolicyName: 'DynamoDBReadCapacityUtilization:table/stock', TargetTrackingScalingPolicyConfiguration: { TargetValue: 70 } }],
      });
      const settings = await west.send(new DescribeGlobalTableSettingsCommand({ GlobalTableName: 'stock' }));
      const eastSettings = settings.ReplicaSettings?.find((r) => r.RegionName === 'us-east-1');
      expect(eastSettings?.ReplicaProvisionedReadCapacityUnits).toBe(5);
      expect(eastSettings?.ReplicaGlobalSecondaryIndexSettings?.[0]).toMatchObject({ IndexName: 'by-g', ProvisionedWriteCapacityUnits: 3 });
      const table = await west.send(new DescribeTableCommand({ TableName: 'stock' }));
      expect(table.Table?.ProvisionedThroughput).toMatchObject({ ReadCapacityUnits: 9, WriteCapacityUnits: 12 });
      const noIndex = await errorOf(
        east.send(new UpdateGlobalTableSettingsCommand({ GlobalTableName: 'stock', GlobalTableGlobalSecondaryIndexSettingsUpdate: [{ IndexName: 'nope', ProvisionedWriteCapacityUnits: 1 }] })),
      );
      expect(noIndex.name).toBe('IndexNotFoundException');
      const noReplica = await errorOf(
        east.send(new UpdateGlobalTableSettingsCommand({ GlobalTableName: 'stock', ReplicaSettingsUpdate: [{ RegionName: 'eu-west-1', ReplicaProvisionedReadCapacityUnits: 1 }] })),
      );
      expect(noReplica.name).toBe('ReplicaNotFoundException');
      const target = await errorOf(
        east.send(
          new UpdateGlobalTableSettingsCommand({
            GlobalTableName: 'stock',
            GlobalTableProvisionedWriteCapacityAutoScalingSettingsUpdate: { ScalingPolicyUpdate: { TargetTrackingScalingPolicyConfiguration: { TargetValue: 95 } } },
          }),
        ),
      );
      expect(target.name).toBe('ValidationException');
    });
  });

  describe('version 2019.11.21', () => {
    it('adds a replica with UpdateTable, copying items and replicating later writes', async () => {
      await createTable(east, 'events', 'N');
      await east.send(new PutItemCommand({ TableName: 'events', Item: { pk: { S: 'old' }, sk: { N: '1' } } }));
      const out = await east.send(new UpdateTableCommand({ TableName: 'events', ReplicaUpdates: [{ Create: { RegionName: 'eu-west-1' } }] }));
      expect(out.TableDescription?.Replicas).toEqual([{ RegionName: 'eu-west-1', ReplicaStatus: 'ACTIVE' }]);
      const { Table } = await east.send(new DescribeTableCommand({ TableName: 'events' }));
      expect(Table?.GlobalTableVersion).toBe('2019.11.21');
      expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
      const replica = await eu.send(new DescribeTableCommand({ TableName: 'events' }));
      expect(replica.Table?.Replicas).toEqual([{ RegionName: 'us-east-1', ReplicaStatus: 'ACTIVE' }]);
      expect(replica.Table?.ItemCount).toBe(1);
      await eu.send(new PutItemCommand({ TableName: 'events', Item: { pk: { S: 'new' }, sk: { N: '2' } } }));
      const back = await east.send(new GetItemCommand({ TableName: 'events', Key: { pk: { S: 'new' }, sk: { N: '2' } } }));
      expect(back.Item).toBeDefined();
      const dup = await errorOf(east.send(new UpdateTableCommand({ TableName: 'events', ReplicaUpdates: [{ Create: { RegionName: 'eu-west-1' } }] })));
      expect(dup.name).toBe('ValidationException');
      await east.send(new UpdateTableCommand({ TableName: 'events', ReplicaUpdates: [{ Delete: { RegionName: 'eu-west-1' } }] }));
      const gone = await errorOf(eu.send(new DescribeTableCommand({ TableName: 'events' })));
      expect(gone.name).toBe('ResourceNotFoundException');
      const after = await east.send(new DescribeTableCommand({ TableName: 'events' }));
      expect(after.Table?.Replicas).toBeUndefined();
      expect(after.Table?.GlobalTableVersion).toBeUndefined();
    });

    it('requires on-demand or auto scaled write capacity before adding a replica, and stores auto scaling', async () => {
      await createTable(east, 'prov', undefined, { BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } });
      const err = await errorOf(east.send(new UpdateTableCommand({ TableName: 'prov', ReplicaUpdates: [{ Create: { RegionName: 'us-west-2' } }] })));
      expect(err.message).toBe('Table write capacity should either be Pay-Per-Request or AutoScaled.');
      const scaled = await east.send(
        new UpdateTableReplicaAutoScalingCommand({
          TableName: 'prov',
          ProvisionedWriteCapacityAutoScalingUpdate: {
            MinimumUnits: 5,
            MaximumUnits: 50,
            ScalingPolicyUpdate: { TargetTrackingScalingPolicyConfiguration: { TargetValue: 60 } },
          },
        }),
      );
      expect(scaled.TableAutoScalingDescription?.TableStatus).toBe('UPDATING');
      await east.send(new UpdateTableCommand({ TableName: 'prov', ReplicaUpdates: [{ Create: { RegionName: 'us-west-2' } }] }));
      const described = await west.send(new DescribeTableReplicaAutoScalingCommand({ TableName: 'prov' }));
      const replicas = described.TableAutoScalingDescription?.Replicas ?? [];
      expect(replicas.map((r) => r.RegionName)).toEqual(['us-east-1', 'us-west-2']);
      expect(replicas[1].ReplicaProvisionedWriteCapacityAutoScalingSettings).toMatchObject({ MinimumUnits: 5, MaximumUnits: 50, AutoScalingDisabled: false });
      expect(replicas[1].ReplicaProvisionedReadCapacityAutoScalingSettings).toEqual({ AutoScalingDisabled: true });
      const bad = await errorOf(
        east.send(new UpdateTableReplicaAutoScalingCommand({ TableName: 'prov', ProvisionedWriteCapacityAutoScalingUpdate: { MinimumUnits: 10, MaximumUnits: 2 } })),
      );
      expect(bad.name).toBe('ValidationException');
      const noRegion = await errorOf(
        east.send(new UpdateTableReplicaAutoScalingCommand({ TableName: 'prov', ReplicaUpdates: [{ RegionName: 'ap-south-1', ReplicaProvisionedReadCapacityAutoScalingUpdate: { MinimumUnits: 1 } }] })),
      );
      expect(noRegion.name).toBe('ReplicaNotFoundException');
      await createTable(east, 'ondemand');
      const onDemand = await errorOf(
        east.send(new UpdateTableReplicaAutoScalingCommand({ TableName: 'ondemand', ProvisionedWriteCapacityAutoScalingUpdate: { MinimumUnits: 1 } })),
      );
      expect(onDemand.name).toBe('ValidationException');
    });

    it('drops a replica from the group when its table is deleted in its region', async () => {
      await createTable(east, 'pair');
      await east.send(new UpdateTableCommand({ TableName: 'pair', ReplicaUpdates: [{ Create: { RegionName: 'us-west-2' } }] }));
      await west.send(new DeleteTableCommand({ TableName: 'pair' }));
      await east.send(new PutItemCommand({ TableName: 'pair', Item: { pk: { S: 'solo' } } }));
      expect((await east.send(new DescribeTableCommand({ TableName: 'pair' }))).Table?.Replicas).toBeUndefined();
    });
  });
});
