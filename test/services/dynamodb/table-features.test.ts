import {
  CreateTableCommand,
  DeleteResourcePolicyCommand,
  DeleteTableCommand,
  DescribeContributorInsightsCommand,
  DescribeKinesisStreamingDestinationCommand,
  DisableKinesisStreamingDestinationCommand,
  EnableKinesisStreamingDestinationCommand,
  GetResourcePolicyCommand,
  ListContributorInsightsCommand,
  PutResourcePolicyCommand,
  UpdateContributorInsightsCommand,
  UpdateKinesisStreamingDestinationCommand,
} from '@aws-sdk/client-dynamodb';
import { useMockAws } from '../lifecycle';
import { client, createTable, errorOf } from './helpers';

const ARN = 'arn:aws:dynamodb:us-east-1:123456789012:table/docs';
const STREAM = 'arn:aws:kinesis:us-east-1:123456789012:stream/changes';
const policy = (action: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: action, Resource: ARN }] });

describe('DynamoDB resource policies, contributor insights and Kinesis destinations', () => {
  useMockAws();
  const ddb = client();

  it('puts, gets and deletes a resource policy with revision ids', async () => {
    jest.useFakeTimers({ now: new Date('2031-05-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    await createTable(ddb, 'docs');
    const none = await errorOf(ddb.send(new GetResourcePolicyCommand({ ResourceArn: ARN })));
    expect(none.name).toBe('PolicyNotFoundException');
    expect(none.$metadata.httpStatusCode).toBe(400);
    const first = await ddb.send(new PutResourcePolicyCommand({ ResourceArn: ARN, Policy: policy('dynamodb:GetItem'), ExpectedRevisionId: 'NO_POLICY' }));
    expect(first.RevisionId).toBe(String(Date.parse('2031-05-01T00:00:00Z')));
    // The same document again keeps the revision.
    expect((await ddb.send(new PutResourcePolicyCommand({ ResourceArn: ARN, Policy: policy('dynamodb:GetItem') }))).RevisionId).toBe(first.RevisionId);
    const noPolicy = await errorOf(ddb.send(new PutResourcePolicyCommand({ ResourceArn: ARN, Policy: policy('dynamodb:Query'), ExpectedRevisionId: 'NO_POLICY' })));
    expect(noPolicy.name).toBe('PolicyNotFoundException');
    const stale = await errorOf(ddb.send(new PutResourcePolicyCommand({ ResourceArn: ARN, Policy: policy('dynamodb:Query'), ExpectedRevisionId: '1' })));
    expect(stale.name).toBe('PolicyNotFoundException');
    jest.setSystemTime(Date.now() + 1000);
    const second = await ddb.send(new PutResourcePolicyCommand({ ResourceArn: ARN, Policy: policy('dynamodb:Query'), ExpectedRevisionId: first.RevisionId }));
    expect(Number(second.RevisionId)).toBeGreaterThan(Number(first.RevisionId));
    const got = await ddb.send(new GetResourcePolicyCommand({ ResourceArn: ARN }));
    expect(got).toMatchObject({ Policy: policy('dynamodb:Query'), RevisionId: second.RevisionId });
    const wrongDelete = await errorOf(ddb.send(new DeleteResourcePolicyCommand({ ResourceArn: ARN, ExpectedRevisionId: first.RevisionId })));
    expect(wrongDelete.name).toBe('PolicyNotFoundException');
    expect((await ddb.send(new DeleteResourcePolicyCommand({ ResourceArn: ARN }))).RevisionId).toBe(second.RevisionId);
    expect((await errorOf(ddb.send(new DeleteResourcePolicyCommand({ ResourceArn: ARN })))).name).toBe('PolicyNotFoundException');
  });

  it('validates policy documents and targets, and takes a policy at CreateTable', async () => {
    await ddb.send(
      new CreateTableCommand({
        TableName: 'docs',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        ResourcePolicy: policy('dynamodb:Scan'),
      }),
    );
    expect((await ddb.send(new GetResourcePolicyCommand({ ResourceArn: ARN }))).Policy).toBe(policy('dynamodb:Scan'));
    const notJson = await errorOf(ddb.send(new PutResourcePolicyCommand({ ResourceArn: ARN, Policy: '{not json' })));
    expect(notJson.name).toBe('ValidationException');
    const big = await errorOf(ddb.send(new PutResourcePolicyCommand({ ResourceArn: ARN, Policy: JSON.stringify({ Statement: [], pad: 'x'.repeat(21000) }) })));
    expect(big.name).toBe('ValidationException');
    const missing = await errorOf(ddb.send(new GetResourcePolicyCommand({ ResourceArn: `${ARN}-gone` })));
    expect(missing.name).toBe('ResourceNotFoundException');
    await ddb.send(new DeleteTableCommand({ TableName: 'docs' }));
    await createTable(ddb, 'docs');
    // A table's policy goes with it.
    expect((await errorOf(ddb.send(new GetResourcePolicyCommand({ ResourceArn: ARN })))).name).toBe('PolicyNotFoundException');
  });

  it('enables, describes and lists contributor insights for a table and its GSIs', async () => {
    await createTable(ddb, 'docs', 'S', {
      AttributeDefinitions: [{ AttributeName: 'author', AttributeType: 'S' }],
      GlobalSecondaryIndexes: [{ IndexName: 'by-author', KeySchema: [{ AttributeName: 'author', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
    });
    expect((await ddb.send(new DescribeContributorInsightsCommand({ TableName: 'docs' }))).ContributorInsightsStatus).toBe('DISABLED');
    const on = await ddb.send(new UpdateContributorInsightsCommand({ TableName: 'docs', ContributorInsightsAction: 'ENABLE' }));
    expect(on).toMatchObject({ TableName: 'docs', ContributorInsightsStatus: 'ENABLING' });
    const described = await ddb.send(new DescribeContributorInsightsCommand({ TableName: 'docs' }));
    expect(described.ContributorInsightsStatus).toBe('ENABLED');
    expect(described.ContributorInsightsRuleList?.map((r) => r.split('-').slice(0, 3).join('-'))).toEqual([
      'DynamoDBContributorInsights-PKC-docs',
      'DynamoDBContributorInsights-PKT-docs',
      'DynamoDBContributorInsights-SKC-docs',
      'DynamoDBContributorInsights-SKT-docs',
    ]);
    expect(described.LastUpdateDateTime).toBeInstanceOf(Date);
    await ddb.send(new UpdateContributorInsightsCommand({ TableName: 'docs', IndexName: 'by-author', ContributorInsightsAction: 'ENABLE', ContributorInsightsMode: 'THROTTLED_KEYS' }));
    const listed = await ddb.send(new ListContributorInsightsCommand({ TableName: 'docs' }));
    expect(listed.ContributorInsightsSummaries).toEqual([
      { TableName: 'docs', ContributorInsightsStatus: 'ENABLED', ContributorInsightsMode: 'ACCESSED_AND_THROTTLED_KEYS' },
      { TableName: 'docs', IndexName: 'by-author', ContributorInsightsStatus: 'ENABLED', ContributorInsightsMode: 'THROTTLED_KEYS' },
    ]);
    const paged = await ddb.send(new ListContributorInsightsCommand({ MaxResults: 1 }));
    expect(paged.ContributorInsightsSummaries).toHaveLength(1);
    const rest = await ddb.send(new ListContributorInsightsCommand({ MaxResults: 1, NextToken: paged.NextToken }));
    expect(rest.ContributorInsightsSummaries?.[0].IndexName).toBe('by-author');
    expect(rest.NextToken).toBeUndefined();
    const off = await ddb.send(new UpdateContributorInsightsCommand({ TableName: 'docs', ContributorInsightsAction: 'DISABLE' }));
    expect(off.ContributorInsightsStatus).toBe('DISABLING');
    expect((await ddb.send(new DescribeContributorInsightsCommand({ TableName: 'docs' }))).ContributorInsightsStatus).toBe('DISABLED');
    const noIndex = await errorOf(ddb.send(new UpdateContributorInsightsCommand({ TableName: 'docs', IndexName: 'nope', ContributorInsightsAction: 'ENABLE' })));
    expect(noIndex.name).toBe('ResourceNotFoundException');
    const noTable = await errorOf(ddb.send(new DescribeContributorInsightsCommand({ TableName: 'ghost' })));
    expect(noTable.name).toBe('ResourceNotFoundException');
    const badAction = await errorOf(ddb.send(new UpdateContributorInsightsCommand({ TableName: 'docs', ContributorInsightsAction: 'PAUSE' as never })));
    expect(badAction.name).toBe('ValidationException');
  });

  it('stores Kinesis streaming destinations through enable, update and disable', async () => {
    await createTable(ddb, 'docs');
    const on = await ddb.send(new EnableKinesisStreamingDestinationCommand({ TableName: 'docs', StreamArn: STREAM }));
    expect(on).toMatchObject({ TableName: 'docs', StreamArn: STREAM, DestinationStatus: 'ENABLING', EnableKinesisStreamingConfiguration: { ApproximateCreationDateTimePrecision: 'MILLISECOND' } });
    const twice = await errorOf(ddb.send(new EnableKinesisStreamingDestinationCommand({ TableName: 'docs', StreamArn: STREAM })));
    expect(twice.name).toBe('ResourceInUseException');
    const upd = await ddb.send(
      new UpdateKinesisStreamingDestinationCommand({ TableName: ARN, StreamArn: STREAM, UpdateKinesisStreamingConfiguration: { ApproximateCreationDateTimePrecision: 'MICROSECOND' } }),
    );
    expect(upd.DestinationStatus).toBe('UPDATING');
    const desc = await ddb.send(new DescribeKinesisStreamingDestinationCommand({ TableName: 'docs' }));
    expect(desc.KinesisDataStreamDestinations).toEqual([{ StreamArn: STREAM, DestinationStatus: 'ACTIVE', ApproximateCreationDateTimePrecision: 'MICROSECOND' }]);
    const off = await ddb.send(new DisableKinesisStreamingDestinationCommand({ TableName: 'docs', StreamArn: STREAM }));
    expect(off.DestinationStatus).toBe('DISABLING');
    expect((await ddb.send(new DescribeKinesisStreamingDestinationCommand({ TableName: 'docs' }))).KinesisDataStreamDestinations?.[0].DestinationStatus).toBe('DISABLED');
    const again = await errorOf(ddb.send(new DisableKinesisStreamingDestinationCommand({ TableName: 'docs', StreamArn: STREAM })));
    expect(again.name).toBe('ResourceNotFoundException');
    const badArn = await errorOf(ddb.send(new EnableKinesisStreamingDestinationCommand({ TableName: 'docs', StreamArn: 'arn:aws:sqs:us-east-1:123456789012:not-a-stream' })));
    expect(badArn.name).toBe('ValidationException');
    // Re-enabling a disabled destination works.
    await ddb.send(new EnableKinesisStreamingDestinationCommand({ TableName: 'docs', StreamArn: STREAM }));
    expect((await ddb.send(new DescribeKinesisStreamingDestinationCommand({ TableName: 'docs' }))).KinesisDataStreamDestinations?.[0].DestinationStatus).toBe('ACTIVE');
  });
});
