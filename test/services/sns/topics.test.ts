import {
  CreateTopicCommand,
  DeleteTopicCommand,
  GetDataProtectionPolicyCommand,
  GetTopicAttributesCommand,
  ListTagsForResourceCommand,
  ListTopicsCommand,
  PutDataProtectionPolicyCommand,
  SetTopicAttributesCommand,
  SNSClient,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-sns';
import { useMockAws } from '../lifecycle';

describe('SNS topics', () => {
  useMockAws();
  const sns = new SNSClient({ region: 'us-east-1' });

  it('creates topics idempotently and lists them in pages of 100', async () => {
    const a = await sns.send(new CreateTopicCommand({ Name: 'orders' }));
    expect(a.TopicArn).toBe('arn:aws:sns:us-east-1:123456789012:orders');
    expect((await sns.send(new CreateTopicCommand({ Name: 'orders' }))).TopicArn).toBe(a.TopicArn);
    for (let i = 0; i < 120; i++) await sns.send(new CreateTopicCommand({ Name: `t${String(i).padStart(3, '0')}` }));
    const p1 = await sns.send(new ListTopicsCommand({}));
    expect(p1.Topics).toHaveLength(100);
    const p2 = await sns.send(new ListTopicsCommand({ NextToken: p1.NextToken }));
    expect(p2.Topics).toHaveLength(21);
    expect(p2.NextToken).toBeUndefined();
  });

  it('reports attributes and counts, and sets the settable ones', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 't', Attributes: { DisplayName: 'Hi' } }));
    await sns.send(new SetTopicAttributesCommand({ TopicArn, AttributeName: 'DisplayName', AttributeValue: 'Hello' }));
    const { Attributes } = await sns.send(new GetTopicAttributesCommand({ TopicArn }));
    expect(Attributes).toMatchObject({
      TopicArn,
      Owner: '123456789012',
      DisplayName: 'Hello',
      SubscriptionsConfirmed: '0',
      SubscriptionsPending: '0',
      SubscriptionsDeleted: '0',
    });
    expect(JSON.parse(Attributes?.Policy ?? '{}').Statement[0].Resource).toBe(TopicArn);
    await expect(
      sns.send(new SetTopicAttributesCommand({ TopicArn, AttributeName: 'Nope', AttributeValue: 'x' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Invalid parameter: AttributeName' });
  });

  it('answers a missing topic with NotFound (404)', async () => {
    const err = await sns
      .send(new GetTopicAttributesCommand({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:none' }))
      .catch((e) => e);
    expect(err.name).toBe('NotFoundException');
    expect(err.message).toBe('Topic does not exist');
    expect(err.$metadata.httpStatusCode).toBe(404);
    // Deleting a topic that does not exist is not an error.
    await sns.send(new DeleteTopicCommand({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:none' }));
  });

  it('creates FIFO topics only with FifoTopic=true and a .fifo name', async () => {
    const { TopicArn } = await sns.send(
      new CreateTopicCommand({ Name: 't.fifo', Attributes: { FifoTopic: 'true', ContentBasedDeduplication: 'true' } }),
    );
    const { Attributes } = await sns.send(new GetTopicAttributesCommand({ TopicArn }));
    expect(Attributes).toMatchObject({ FifoTopic: 'true', ContentBasedDeduplication: 'true' });
    await expect(sns.send(new CreateTopicCommand({ Name: 'x.fifo' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(
      sns.send(new CreateTopicCommand({ Name: 'std', Attributes: { ContentBasedDeduplication: 'true' } })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('tags topics and refuses unknown resources', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 't', Tags: [{ Key: 'a', Value: '1' }] }));
    await sns.send(new TagResourceCommand({ ResourceArn: TopicArn, Tags: [{ Key: 'b', Value: '2' }] }));
    await sns.send(new UntagResourceCommand({ ResourceArn: TopicArn, TagKeys: ['a'] }));
    expect((await sns.send(new ListTagsForResourceCommand({ ResourceArn: TopicArn }))).Tags).toEqual([{ Key: 'b', Value: '2' }]);
    await expect(
      sns.send(new ListTagsForResourceCommand({ ResourceArn: 'arn:aws:sns:us-east-1:123456789012:none' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await expect(sns.send(new TagResourceCommand({ ResourceArn: TopicArn, Tags: many }))).rejects.toMatchObject({
      name: 'TagLimitExceededException',
    });
  });

  it('stores a data protection policy', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 't' }));
    const policy = JSON.stringify({ Name: 'p', Version: '2021-06-01', Statement: [] });
    await sns.send(new PutDataProtectionPolicyCommand({ ResourceArn: TopicArn, DataProtectionPolicy: policy }));
    expect((await sns.send(new GetDataProtectionPolicyCommand({ ResourceArn: TopicArn }))).DataProtectionPolicy).toBe(policy);
  });
});
