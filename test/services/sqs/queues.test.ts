import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  SetQueueAttributesCommand,
  SQSClient,
  TagQueueCommand,
  UntagQueueCommand,
  AddPermissionCommand,
  RemovePermissionCommand,
} from '@aws-sdk/client-sqs';
import { useMockAws } from '../lifecycle';

describe('SQS queues', () => {
  useMockAws();
  const sqs = new SQSClient({ region: 'us-east-1' });

  it('creates a queue and hands back a URL on the SQS host the SDK calls', async () => {
    const out = await sqs.send(new CreateQueueCommand({ QueueName: 'orders' }));
    expect(out.QueueUrl).toBe('https://sqs.us-east-1.amazonaws.com/123456789012/orders');
    expect(out.$metadata.httpStatusCode).toBe(200);
    const got = await sqs.send(new GetQueueUrlCommand({ QueueName: 'orders' }));
    expect(got.QueueUrl).toBe(out.QueueUrl);
  });

  it('uses the region of the client in the URL and ARN', async () => {
    const eu = new SQSClient({ region: 'eu-west-1' });
    const { QueueUrl } = await eu.send(new CreateQueueCommand({ QueueName: 'q' }));
    expect(QueueUrl).toBe('https://sqs.eu-west-1.amazonaws.com/123456789012/q');
    const attrs = await eu.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    expect(attrs.Attributes).toEqual({ QueueArn: 'arn:aws:sqs:eu-west-1:123456789012:q' });
    await expect(sqs.send(new GetQueueUrlCommand({ QueueName: 'q' }))).rejects.toMatchObject({
      name: 'QueueDoesNotExist',
    });
  });

  it('returns the same queue for the same name and attributes, QueueNameExists for different ones', async () => {
    const a = await sqs.send(new CreateQueueCommand({ QueueName: 'q', Attributes: { VisibilityTimeout: '60' } }));
    const b = await sqs.send(new CreateQueueCommand({ QueueName: 'q', Attributes: { VisibilityTimeout: '60' } }));
    expect(b.QueueUrl).toBe(a.QueueUrl);
    const err = await sqs
      .send(new CreateQueueCommand({ QueueName: 'q', Attributes: { VisibilityTimeout: '61' } }))
      .catch((e) => e);
    expect(err.name).toBe('QueueNameExists');
    expect(err.Code).toBe('QueueAlreadyExists');
    expect(err.$metadata.httpStatusCode).toBe(400);
  });

  it('answers a missing queue with QueueDoesNotExist and its query-compatible code', async () => {
    const err = await sqs.send(new GetQueueUrlCommand({ QueueName: 'nope' })).catch((e) => e);
    expect(err.name).toBe('QueueDoesNotExist');
    expect(err.message).toBe('The specified queue does not exist.');
    expect(err.Code).toBe('AWS.SimpleQueueService.NonExistentQueue');
    expect(err.Type).toBe('Sender');
  });

  it('rejects invalid names and attribute values', async () => {
    await expect(sqs.send(new CreateQueueCommand({ QueueName: 'bad name' }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
    await expect(sqs.send(new CreateQueueCommand({ QueueName: 'x'.repeat(81) }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
    await expect(
      sqs.send(new CreateQueueCommand({ QueueName: 'q', Attributes: { VisibilityTimeout: '43201' } })),
    ).rejects.toMatchObject({ name: 'InvalidAttributeValue', message: 'Invalid value for the parameter VisibilityTimeout.' });
    await expect(
      sqs.send(new CreateQueueCommand({ QueueName: 'q', Attributes: { Bogus: '1' } as never })),
    ).rejects.toMatchObject({ name: 'InvalidAttributeName', message: 'Unknown Attribute Bogus.' });
    await expect(
      sqs.send(new CreateQueueCommand({ QueueName: 'q.fifo' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    const list = await sqs.send(new ListQueuesCommand({}));
    expect(list.QueueUrls).toBeUndefined();
  });

  it('reports every attribute with All, defaults included', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'q' }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    expect(Attributes).toMatchObject({
      QueueArn: 'arn:aws:sqs:us-east-1:123456789012:q',
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
      ApproximateNumberOfMessagesDelayed: '0',
      VisibilityTimeout: '30',
      MaximumMessageSize: '1048576',
      MessageRetentionPeriod: '345600',
      DelaySeconds: '0',
      ReceiveMessageWaitTimeSeconds: '0',
      SqsManagedSseEnabled: 'true',
    });
    expect(Number(Attributes?.CreatedTimestamp)).toBeGreaterThan(1_600_000_000);
    expect(Attributes?.FifoQueue).toBeUndefined();
  });

  it('sets attributes, and rejects unknown attribute names on get', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'q' }));
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { DelaySeconds: '10', KmsMasterKeyId: 'alias/aws/sqs' } }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['DelaySeconds', 'KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds', 'SqsManagedSseEnabled'] }),
    );
    expect(Attributes).toEqual({
      DelaySeconds: '10',
      KmsMasterKeyId: 'alias/aws/sqs',
      KmsDataKeyReusePeriodSeconds: '300',
      SqsManagedSseEnabled: 'false',
    });
    await expect(
      sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['Nope' as never] })),
    ).rejects.toMatchObject({ name: 'InvalidAttributeName' });
    await expect(
      sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { QueueArn: 'x' } as never })),
    ).rejects.toMatchObject({ name: 'InvalidAttributeName' });
  });

  it('lists queues by prefix and pages with NextToken', async () => {
    for (const n of ['a-1', 'a-2', 'a-3', 'b-1', 'a-4']) await sqs.send(new CreateQueueCommand({ QueueName: n }));
    const all = await sqs.send(new ListQueuesCommand({}));
    expect(all.QueueUrls?.map((u) => u.split('/').pop())).toEqual(['a-1', 'a-2', 'a-3', 'a-4', 'b-1']);
    expect(all.NextToken).toBeUndefined();
    const p1 = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'a-', MaxResults: 3 }));
    expect(p1.QueueUrls?.map((u) => u.split('/').pop())).toEqual(['a-1', 'a-2', 'a-3']);
    expect(p1.NextToken).toBeDefined();
    const p2 = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'a-', MaxResults: 3, NextToken: p1.NextToken }));
    expect(p2.QueueUrls?.map((u) => u.split('/').pop())).toEqual(['a-4']);
    expect(p2.NextToken).toBeUndefined();
    await expect(sqs.send(new ListQueuesCommand({ MaxResults: 1001 }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
  });

  it('deletes a queue', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'q' }));
    await sqs.send(new DeleteQueueCommand({ QueueUrl }));
    await expect(sqs.send(new DeleteQueueCommand({ QueueUrl }))).rejects.toMatchObject({ name: 'QueueDoesNotExist' });
    expect((await sqs.send(new ListQueuesCommand({}))).QueueUrls).toBeUndefined();
  });

  it('tags and untags queues, also at creation', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'q', tags: { team: 'a' } }));
    await sqs.send(new TagQueueCommand({ QueueUrl, Tags: { env: 'test', team: 'b' } }));
    expect((await sqs.send(new ListQueueTagsCommand({ QueueUrl }))).Tags).toEqual({ team: 'b', env: 'test' });
    await sqs.send(new UntagQueueCommand({ QueueUrl, TagKeys: ['team'] }));
    expect((await sqs.send(new ListQueueTagsCommand({ QueueUrl }))).Tags).toEqual({ env: 'test' });
  });

  it('writes AddPermission statements into the queue Policy and removes them', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'q' }));
    await sqs.send(new AddPermissionCommand({ QueueUrl, Label: 'l1', AWSAccountIds: ['111122223333'], Actions: ['SendMessage'] }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['Policy'] }));
    const policy = JSON.parse(Attributes?.Policy ?? '{}');
    expect(policy.Statement).toEqual([
      expect.objectContaining({
        Sid: 'l1',
        Principal: { AWS: ['arn:aws:iam::111122223333:root'] },
        Action: ['SQS:SendMessage'],
        Resource: 'arn:aws:sqs:us-east-1:123456789012:q',
      }),
    ]);
    await expect(
      sqs.send(new AddPermissionCommand({ QueueUrl, Label: 'l1', AWSAccountIds: ['111122223333'], Actions: ['SendMessage'] })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    await sqs.send(new RemovePermissionCommand({ QueueUrl, Label: 'l1' }));
    const after = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['Policy'] }));
    expect(after.Attributes).toBeUndefined();
    await expect(sqs.send(new RemovePermissionCommand({ QueueUrl, Label: 'l1' }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
  });
});
