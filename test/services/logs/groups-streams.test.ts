import {
  AssociateKmsKeyCommand,
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DeleteRetentionPolicyCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  ListTagsForResourceCommand,
  ListTagsLogGroupCommand,
  PutLogEventsCommand,
  PutLogGroupDeletionProtectionCommand,
  PutRetentionPolicyCommand,
  TagLogGroupCommand,
  TagResourceCommand,
  UntagLogGroupCommand,
  UntagResourceCommand,
  paginateDescribeLogGroups,
} from '@aws-sdk/client-cloudwatch-logs';
import { useMockAws } from '../lifecycle';

describe('CloudWatch Logs groups and streams', () => {
  const aws = useMockAws();
  const logs = new CloudWatchLogsClient({ region: 'us-east-1' });

  it('creates a group with class, KMS key and tags, and refuses a duplicate', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/app/api', kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k1', logGroupClass: 'INFREQUENT_ACCESS', tags: { team: 'a' } }));
    const { logGroups } = await logs.send(new DescribeLogGroupsCommand({}));
    expect(logGroups).toEqual([
      expect.objectContaining({
        logGroupName: '/app/api',
        arn: 'arn:aws:logs:us-east-1:123456789012:log-group:/app/api:*',
        logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/app/api',
        kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k1',
        logGroupClass: 'INFREQUENT_ACCESS',
        metricFilterCount: 0,
        storedBytes: 0,
      }),
    ]);
    expect(logGroups?.[0].retentionInDays).toBeUndefined();
    await expect(logs.send(new CreateLogGroupCommand({ logGroupName: '/app/api' }))).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
      message: 'The specified log group already exists',
    });
  });

  it('validates names with the model constraint wording', async () => {
    await expect(logs.send(new CreateLogGroupCommand({ logGroupName: 'bad name' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: "1 validation error detected: Value 'bad name' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+",
    });
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
    await expect(logs.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: 'a:b' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(logs.send(new CreateLogStreamCommand({ logGroupName: 'nope', logStreamName: 's' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The specified log group does not exist.',
    });
  });

  it('pages DescribeLogGroups in name order with a prefix, and filters by pattern', async () => {
    for (const n of ['b/2', 'a/1', 'b/1', 'c', 'b/3']) await logs.send(new CreateLogGroupCommand({ logGroupName: n }));
    const names: string[] = [];
    for await (const page of paginateDescribeLogGroups({ client: logs, pageSize: 2 }, { logGroupNamePrefix: 'b/' })) {
      expect(page.logGroups?.length).toBeLessThanOrEqual(2);
      names.push(...(page.logGroups ?? []).map((g) => g.logGroupName as string));
    }
    expect(names).toEqual(['b/1', 'b/2', 'b/3']);
    const byPattern = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePattern: '/1' }));
    expect(byPattern.logGroups?.map((g) => g.logGroupName)).toEqual(['a/1', 'b/1']);
    await expect(logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'a', logGroupNamePattern: 'b' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(logs.send(new DescribeLogGroupsCommand({ limit: 51 }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('accepts only the retention periods AWS lists, and expires events on the clock', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
    await expect(logs.send(new PutRetentionPolicyCommand({ logGroupName: 'g', retentionInDays: 2 }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining('Member must satisfy enum value set: [1, 3, 5, 7, 14, 30'),
    });
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: 'g', retentionInDays: 1 }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: 's' }));
    await logs.send(new PutLogEventsCommand({ logGroupName: 'g', logStreamName: 's', logEvents: [{ timestamp: aws.clock.now(), message: 'x' }] }));
    const stored = async () => (await logs.send(new DescribeLogStreamsCommand({ logGroupName: 'g' }))).logStreams?.[0].storedBytes;
    expect(await stored()).toBe(1);
    aws.clock.advance(25 * 3_600_000);
    expect(await stored()).toBe(0);
    expect((await logs.send(new DescribeLogGroupsCommand({}))).logGroups?.[0].retentionInDays).toBe(1);
    await logs.send(new DeleteRetentionPolicyCommand({ logGroupName: 'g' }));
    expect((await logs.send(new DescribeLogGroupsCommand({}))).logGroups?.[0].retentionInDays).toBeUndefined();
  });

  it('tags through both the legacy and the ARN-based APIs', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'g', tags: { a: '1' } }));
    await logs.send(new TagLogGroupCommand({ logGroupName: 'g', tags: { b: '2' } }));
    const resourceArn = 'arn:aws:logs:us-east-1:123456789012:log-group:g';
    await logs.send(new TagResourceCommand({ resourceArn, tags: { c: '3' } }));
    expect((await logs.send(new ListTagsLogGroupCommand({ logGroupName: 'g' }))).tags).toEqual({ a: '1', b: '2', c: '3' });
    await logs.send(new UntagLogGroupCommand({ logGroupName: 'g', tags: ['a'] }));
    await logs.send(new UntagResourceCommand({ resourceArn, tagKeys: ['b'] }));
    expect((await logs.send(new ListTagsForResourceCommand({ resourceArn }))).tags).toEqual({ c: '3' });
  });

  it('keeps the KMS key and honours deletion protection', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
    await logs.send(new AssociateKmsKeyCommand({ logGroupName: 'g', kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k2' }));
    expect((await logs.send(new DescribeLogGroupsCommand({}))).logGroups?.[0].kmsKeyId).toBe('arn:aws:kms:us-east-1:123456789012:key/k2');
    await logs.send(new PutLogGroupDeletionProtectionCommand({ logGroupIdentifier: 'g', deletionProtectionEnabled: true }));
    await expect(logs.send(new DeleteLogGroupCommand({ logGroupName: 'g' }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await logs.send(new PutLogGroupDeletionProtectionCommand({ logGroupIdentifier: 'g', deletionProtectionEnabled: false }));
    await logs.send(new DeleteLogGroupCommand({ logGroupName: 'g' }));
    await expect(logs.send(new DeleteLogGroupCommand({ logGroupName: 'g' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('orders streams by name (prefix, descending) or by last event time', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
    const t = aws.clock.now();
    for (const [name, at] of [['s-b', t - 1000], ['s-a', t - 500], ['x', t - 2000]] as const) {
      await logs.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: name }));
      await logs.send(new PutLogEventsCommand({ logGroupName: 'g', logStreamName: name, logEvents: [{ timestamp: at, message: name }] }));
    }
    const names = async (input: object) =>
      (await logs.send(new DescribeLogStreamsCommand({ logGroupName: 'g', ...input }))).logStreams?.map((s) => s.logStreamName);
    expect(await names({})).toEqual(['s-a', 's-b', 'x']);
    expect(await names({ logStreamNamePrefix: 's-' })).toEqual(['s-a', 's-b']);
    expect(await names({ descending: true })).toEqual(['x', 's-b', 's-a']);
    expect(await names({ orderBy: 'LastEventTime', descending: true })).toEqual(['s-a', 's-b', 'x']);
    const first = await logs.send(new DescribeLogStreamsCommand({ logGroupName: 'g', orderBy: 'LastEventTime', limit: 2 }));
    expect(first.logStreams?.map((s) => s.logStreamName)).toEqual(['x', 's-b']);
    const second = await logs.send(new DescribeLogStreamsCommand({ logGroupName: 'g', orderBy: 'LastEventTime', limit: 2, nextToken: first.nextToken }));
    expect(second.logStreams?.map((s) => s.logStreamName)).toEqual(['s-a']);
    expect(second.nextToken).toBeUndefined();
    await expect(names({ orderBy: 'LastEventTime', logStreamNamePrefix: 's' })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Cannot order by LastEventTime with a logStreamNamePrefix.',
    });
  });
});
