/**
 * Account-level policies (a subscription filter policy delivers from every
 * selected group), field index policies, ListLogGroups, GetLogGroupFields
 * and anomaly detectors.
 */
import { gunzipSync } from 'node:zlib';
import {
  CloudWatchLogsClient,
  CreateLogAnomalyDetectorCommand,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteAccountPolicyCommand,
  DeleteIndexPolicyCommand,
  DeleteLogAnomalyDetectorCommand,
  DescribeAccountPoliciesCommand,
  DescribeFieldIndexesCommand,
  DescribeIndexPoliciesCommand,
  GetLogAnomalyDetectorCommand,
  GetLogGroupFieldsCommand,
  ListAnomaliesCommand,
  ListLogAnomalyDetectorsCommand,
  ListLogGroupsCommand,
  type ListLogGroupsCommandInput,
  PutAccountPolicyCommand,
  PutIndexPolicyCommand,
  PutLogEventsCommand,
  UpdateLogAnomalyDetectorCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateStreamCommand, GetRecordsCommand, GetShardIteratorCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import { useMockAws } from '../lifecycle';

const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/cwl`;

describe('CloudWatch Logs account policies, ListLogGroups, GetLogGroupFields, anomaly detectors', () => {
  const aws = useMockAws();
  const logs = new CloudWatchLogsClient({ region: 'us-east-1' });
  const group = async (name: string, options: { logGroupClass?: 'STANDARD' | 'INFREQUENT_ACCESS'; tags?: Record<string, string> } = {}) => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: name, ...options }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: name, logStreamName: 's' }));
  };
  const put = (logGroupName: string, messages: string[], at = aws.clock.now()) =>
    logs.send(new PutLogEventsCommand({ logGroupName, logStreamName: 's', logEvents: messages.map((message, i) => ({ timestamp: at + i, message })) }));

  describe('account policies', () => {
    it('stores policies by type, one data protection policy per account', async () => {
      const doc = JSON.stringify({ Name: 'dp', Version: '2021-06-01', Statement: [] });
      const { accountPolicy } = await logs.send(new PutAccountPolicyCommand({ policyName: 'dp', policyType: 'DATA_PROTECTION_POLICY', policyDocument: doc }));
      expect(accountPolicy).toMatchObject({ policyName: 'dp', policyType: 'DATA_PROTECTION_POLICY', scope: 'ALL', accountId: ACCOUNT, policyDocument: doc });
      await expect(
        logs.send(new PutAccountPolicyCommand({ policyName: 'other', policyType: 'DATA_PROTECTION_POLICY', policyDocument: doc })),
      ).rejects.toMatchObject({ name: 'LimitExceededException' });
      await logs.send(new PutAccountPolicyCommand({ policyName: 'idx', policyType: 'FIELD_INDEX_POLICY', policyDocument: '{"Fields":["requestId"]}', selectionCriteria: 'LogGroupNamePrefix IN ["/app"]' }));
      await expect(logs.send(new PutAccountPolicyCommand({ policyName: 'bad', policyType: 'FIELD_INDEX_POLICY', policyDocument: 'nope' }))).rejects.toMatchObject({
        name: 'InvalidParameterException',
      });
      const described = await logs.send(new DescribeAccountPoliciesCommand({ policyType: 'FIELD_INDEX_POLICY' }));
      expect(described.accountPolicies?.map((p) => [p.policyName, p.selectionCriteria])).toEqual([['idx', 'LogGroupNamePrefix IN ["/app"]']]);
      await logs.send(new DeleteAccountPolicyCommand({ policyName: 'dp', policyType: 'DATA_PROTECTION_POLICY' }));
      expect((await logs.send(new DescribeAccountPoliciesCommand({ policyType: 'DATA_PROTECTION_POLICY' }))).accountPolicies).toEqual([]);
      await expect(logs.send(new DeleteAccountPolicyCommand({ policyName: 'dp', policyType: 'DATA_PROTECTION_POLICY' }))).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
      });
    });

    it('a subscription filter policy delivers from every group its selection criteria keep', async () => {
      const kinesis = new KinesisClient({ region: 'us-east-1' });
      await kinesis.send(new CreateStreamCommand({ StreamName: 'all-logs', ShardCount: 1 }));
      await new Promise((r) => setTimeout(r, 10));
      await group('/app/a');
      await group('/app/noisy');
      const policyDocument = JSON.stringify({ DestinationArn: `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/all-logs`, RoleArn: ROLE, FilterPattern: 'ERROR', Distribution: 'Random' });
      await logs.send(new PutAccountPolicyCommand({ policyName: 'to-kinesis', policyType: 'SUBSCRIPTION_FILTER_POLICY', policyDocument, selectionCriteria: 'LogGroupName NOT IN ["/app/noisy"]' }));
      await expect(
        logs.send(
          new PutAccountPolicyCommand({
            policyName: 'missing',
            policyType: 'SUBSCRIPTION_FILTER_POLICY',
            policyDocument: JSON.stringify({ DestinationArn: `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/none`, RoleArn: ROLE }),
          }),
        ),
      ).rejects.toMatchObject({ name: 'LimitExceededException' });
      await put('/app/a', ['ERROR in a', 'ok']);
      await put('/app/noisy', ['ERROR in noisy']);
      await aws.settle();
      const { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamName: 'all-logs', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }));
      const { Records } = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
      const bodies = (Records ?? []).map((r) => JSON.parse(gunzipSync(Buffer.from(r.Data ?? [])).toString()));
      expect(bodies.map((b) => b.messageType)).toEqual(['CONTROL_MESSAGE', 'DATA_MESSAGE']);
      expect(bodies[1]).toMatchObject({ logGroup: '/app/a', subscriptionFilters: ['to-kinesis'], logEvents: [{ message: 'ERROR in a' }] });
    });

    it('a subscription filter policy to a stream that does not exist is refused', async () => {
      await expect(
        logs.send(
          new PutAccountPolicyCommand({
            policyName: 'p',
            policyType: 'SUBSCRIPTION_FILTER_POLICY',
            policyDocument: JSON.stringify({ DestinationArn: `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/none`, RoleArn: ROLE }),
          }),
        ),
      ).rejects.toMatchObject({ name: 'InvalidParameterException', message: expect.stringContaining('Could not deliver test message to specified Kinesis stream') });
      expect((await logs.send(new DescribeAccountPoliciesCommand({ policyType: 'SUBSCRIPTION_FILTER_POLICY' }))).accountPolicies).toEqual([]);
    });
  });

  it('ListLogGroups pages name summaries, filtered by pattern alternatives, class and tags', async () => {
    await group('/aws/lambda/one', { tags: { team: 'payments' } });
    await group('/aws/lambda/two', { tags: { team: 'search' } });
    await group('/app/discovery', { logGroupClass: 'INFREQUENT_ACCESS' });
    await group('other');
    const names = async (input: ListLogGroupsCommandInput) =>
      (await logs.send(new ListLogGroupsCommand(input))).logGroups?.map((g) => g.logGroupName);
    expect(await names({ logGroupNamePattern: '^/aws/lambda|discovery' })).toEqual(['/app/discovery', '/aws/lambda/one', '/aws/lambda/two']);
    expect(await names({ logGroupNamePattern: 'LAMBDA' })).toEqual([]);
    expect(await names({ logGroupClass: 'INFREQUENT_ACCESS' })).toEqual(['/app/discovery']);
    expect(await names({ logGroupTags: [{ key: 'team', values: ['pay*'] }] })).toEqual(['/aws/lambda/one']);
    const first = await logs.send(new ListLogGroupsCommand({ limit: 3 }));
    expect(first.logGroups?.[0]).toEqual({ logGroupName: '/app/discovery', logGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/app/discovery`, logGroupClass: 'INFREQUENT_ACCESS' });
    const second = await logs.send(new ListLogGroupsCommand({ limit: 3, nextToken: first.nextToken }));
    expect(second.logGroups?.map((g) => g.logGroupName)).toEqual(['other']);
    expect(second.nextToken).toBeUndefined();
  });

  it('GetLogGroupFields counts the fields of recent events, most frequent first', async () => {
    await group('g');
    await put('g', [JSON.stringify({ level: 'info', http: { status: 200 } }), JSON.stringify({ level: 'error' }), 'plain text', JSON.stringify({ level: 'info', user: 'u' })], aws.clock.now() - 60_000);
    const { logGroupFields } = await logs.send(new GetLogGroupFieldsCommand({ logGroupName: 'g' }));
    expect(logGroupFields).toEqual([
      { name: '@ingestionTime', percent: 100 },
      { name: '@log', percent: 100 },
      { name: '@logStream', percent: 100 },
      { name: '@message', percent: 100 },
      { name: '@timestamp', percent: 100 },
      { name: 'level', percent: 75 },
      { name: 'http.status', percent: 25 },
      { name: 'user', percent: 25 },
    ]);
    aws.clock.advance(20 * 60_000);
    expect((await logs.send(new GetLogGroupFieldsCommand({ logGroupName: 'g' }))).logGroupFields).toEqual([]);
    const centred = await logs.send(new GetLogGroupFieldsCommand({ logGroupIdentifier: 'g', time: Math.floor((aws.clock.now() - 20 * 60_000) / 1000) }));
    expect(centred.logGroupFields).toHaveLength(8);
    await expect(logs.send(new GetLogGroupFieldsCommand({ logGroupName: 'nope' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('anomaly detectors are created on one log group, listed, updated and deleted', async () => {
    await group('g');
    const groupArn = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:g`;
    const { anomalyDetectorArn } = await logs.send(
      new CreateLogAnomalyDetectorCommand({ logGroupArnList: [groupArn], detectorName: 'd', evaluationFrequency: 'FIVE_MIN', filterPattern: 'ERROR' }),
    );
    expect(anomalyDetectorArn).toMatch(new RegExp(`^arn:aws:logs:us-east-1:${ACCOUNT}:anomaly-detector:[0-9a-f-]{36}$`));
    expect(await logs.send(new GetLogAnomalyDetectorCommand({ anomalyDetectorArn }))).toMatchObject({
      detectorName: 'd',
      logGroupArnList: [groupArn],
      evaluationFrequency: 'FIVE_MIN',
      filterPattern: 'ERROR',
      anomalyDetectorStatus: 'INITIALIZING',
      anomalyVisibilityTime: 21,
    });
    await expect(logs.send(new CreateLogAnomalyDetectorCommand({ logGroupArnList: [`${groupArn}-missing`] }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(logs.send(new CreateLogAnomalyDetectorCommand({ logGroupArnList: [groupArn], anomalyVisibilityTime: 3 }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await logs.send(new UpdateLogAnomalyDetectorCommand({ anomalyDetectorArn, enabled: false, evaluationFrequency: 'ONE_HOUR' }));
    const listed = await logs.send(new ListLogAnomalyDetectorsCommand({ filterLogGroupArn: groupArn }));
    expect(listed.anomalyDetectors?.map((d) => [d.anomalyDetectorArn, d.anomalyDetectorStatus, d.evaluationFrequency])).toEqual([[anomalyDetectorArn, 'PAUSED', 'ONE_HOUR']]);
    expect((await logs.send(new ListAnomaliesCommand({ anomalyDetectorArn }))).anomalies).toEqual([]);
    await logs.send(new DeleteLogAnomalyDetectorCommand({ anomalyDetectorArn }));
    await expect(logs.send(new ListAnomaliesCommand({ anomalyDetectorArn }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(logs.send(new GetLogAnomalyDetectorCommand({ anomalyDetectorArn }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('field index policies: per group (Standard class only) or from the account, and the indexes found in the events', async () => {
    await group('g');
    await group('/app/ia', { logGroupClass: 'INFREQUENT_ACCESS' });
    await group('/app/std');
    const doc = JSON.stringify({ Fields: ['requestId'], FieldsV2: { status: { type: 'FACET' } } });
    const { indexPolicy } = await logs.send(new PutIndexPolicyCommand({ logGroupIdentifier: 'g', policyDocument: doc }));
    expect(indexPolicy).toMatchObject({ logGroupIdentifier: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:g`, policyDocument: doc, source: 'LOG_GROUP' });
    expect(indexPolicy?.policyName).toBeUndefined();
    await expect(logs.send(new PutIndexPolicyCommand({ logGroupIdentifier: '/app/ia', policyDocument: doc }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(logs.send(new PutIndexPolicyCommand({ logGroupIdentifier: 'g', policyDocument: '{"Fields":[]}' }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      logs.send(new PutIndexPolicyCommand({ logGroupIdentifier: 'g', policyDocument: JSON.stringify({ Fields: ['a'], FieldsV2: { a: { type: 'FACET' } } }) })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });

    const at = aws.clock.now() - 60_000;
    await put('g', [JSON.stringify({ requestId: 'r1' }), JSON.stringify({ status: 200 }), JSON.stringify({ requestId: 'r2' })], at);
    const { fieldIndexes } = await logs.send(new DescribeFieldIndexesCommand({ logGroupIdentifiers: ['g'] }));
    expect(fieldIndexes?.map((f) => [f.fieldIndexName, f.type, f.firstEventTime, f.lastEventTime])).toEqual([
      ['requestId', 'FIELD_INDEX', at, at + 2],
      ['status', 'FACET', at + 1, at + 1],
    ]);

    await logs.send(
      new PutAccountPolicyCommand({ policyName: 'idx', policyType: 'FIELD_INDEX_POLICY', policyDocument: '{"Fields":["traceId"]}', selectionCriteria: 'LogGroupNamePrefix IN ["/app"]' }),
    );
    const fromAccount = await logs.send(new DescribeIndexPoliciesCommand({ logGroupIdentifiers: ['/app/std'] }));
    expect(fromAccount.indexPolicies).toEqual([expect.objectContaining({ policyName: 'idx', source: 'ACCOUNT', policyDocument: '{"Fields":["traceId"]}' })]);
    await logs.send(new DeleteIndexPolicyCommand({ logGroupIdentifier: 'g' }));
    expect((await logs.send(new DescribeIndexPoliciesCommand({ logGroupIdentifiers: ['g'] }))).indexPolicies).toEqual([]);
    await expect(logs.send(new DeleteIndexPolicyCommand({ logGroupIdentifier: 'g' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
