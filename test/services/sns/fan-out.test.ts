import {
  ConfirmSubscriptionCommand,
  CreateTopicCommand,
  GetSubscriptionAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListSubscriptionsCommand,
  PublishBatchCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SnsBackend } from '../../../services/sns/models/backend';
import { useMockAws } from '../lifecycle';
import { createQueue, queueArn } from '../sqs/support';

describe('SNS fan-out', () => {
  const m = useMockAws();
  const sns = new SNSClient({ region: 'us-east-1' });
  const sqs = new SQSClient({ region: 'us-east-1' });

  const queue = async (name: string) => ({ QueueUrl: await createQueue(sqs, name), arn: queueArn(name) });
  const receiveAll = async (QueueUrl: string) =>
    (await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] }))).Messages ?? [];

  it('delivers the notification envelope to a subscribed queue', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 't' }));
    const q = await queue('q');
    const sub = await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: q.arn }));
    expect(sub.SubscriptionArn).toMatch(/^arn:aws:sns:us-east-1:123456789012:t:[0-9a-f-]{36}$/);
    const out = await sns.send(
      new PublishCommand({
        TopicArn,
        Message: 'hello',
        Subject: 'greeting',
        MessageAttributes: { color: { DataType: 'String', StringValue: 'red' } },
      }),
    );
    const [msg] = await receiveAll(q.QueueUrl);
    const env = JSON.parse(msg.Body as string);
    expect(env).toMatchObject({
      Type: 'Notification',
      MessageId: out.MessageId,
      TopicArn,
      Subject: 'greeting',
      Message: 'hello',
      SignatureVersion: '1',
      MessageAttributes: { color: { Type: 'String', Value: 'red' } },
    });
    expect(env.Timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(env.SigningCertURL).toMatch(/^https:\/\/sns\.us-east-1\.amazonaws\.com\/SimpleNotificationService-.*\.pem$/);
    expect(env.UnsubscribeURL).toContain(`SubscriptionArn=${sub.SubscriptionArn}`);
    expect(typeof env.Signature).toBe('string');
  });

  it('delivers the raw message and its attributes with RawMessageDelivery', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 't' }));
    const q = await queue('raw');
    await sns.send(
      new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: q.arn, Attributes: { RawMessageDelivery: 'true' } }),
    );
    await sns.send(new PublishCommand({ TopicArn, Message: 'plain', MessageAttributes: { n: { DataType: 'Number', StringValue: '5' } } }));
    const [msg] = await receiveAll(q.QueueUrl);
    expect(msg.Body).toBe('plain');
    expect(msg.MessageAttributes).toEqual({ n: { DataType: 'Number', StringValue: '5' } });
  });

  it('picks the per-protocol message with MessageStructure json', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 't' }));
    const q = await queue('q');
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: q.arn, Attributes: { RawMessageDelivery: 'true' } }));
    await sns.send(new PublishCommand({ TopicArn, MessageStructure: 'json', Message: JSON.stringify({ default: 'd', sqs: 'for sqs' }) }));
    expect((await receiveAll(q.QueueUrl))[0].Body).toBe('for sqs');
    await expect(
      sns.send(new PublishCommand({ TopicArn, MessageStructure: 'json', Message: JSON.stringify({ sqs: 'x' }) })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: Message Structure - No default entry in JSON message body',
    });
  });

  it('keeps email and HTTP subscriptions pending until confirmed, and records what they are sent', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 't' }));
    const sub = await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'https', Endpoint: 'https://example.com/hook' }));
    expect(sub.SubscriptionArn).toBe('pending confirmation');
    const backend = await m.dispatcher.backends.get<SnsBackend>('sns');
    const confirmation = backend.deliveries.find((d) => d.type === 'SubscriptionConfirmation');
    const token = JSON.parse(confirmation?.body ?? '{}').Token;
    await sns.send(new PublishCommand({ TopicArn, Message: 'before' }));
    expect(backend.deliveries.filter((d) => d.type === 'Notification')).toHaveLength(0);
    const confirmed = await sns.send(new ConfirmSubscriptionCommand({ TopicArn, Token: token }));
    expect(confirmed.SubscriptionArn).toMatch(/^arn:aws:sns:/);
    await sns.send(new PublishCommand({ TopicArn, Message: 'after' }));
    const sent = backend.deliveries.filter((d) => d.type === 'Notification');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ protocol: 'https', endpoint: 'https://example.com/hook' });
    expect(JSON.parse(sent[0].body).Message).toBe('after');
  });

  it('lists, describes and removes subscriptions', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 't' }));
    const q = await queue('q');
    const { SubscriptionArn } = await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: q.arn }));
    const again = await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: q.arn }));
    expect(again.SubscriptionArn).toBe(SubscriptionArn);
    expect((await sns.send(new ListSubscriptionsCommand({}))).Subscriptions).toEqual([
      { SubscriptionArn, Owner: '123456789012', Protocol: 'sqs', Endpoint: q.arn, TopicArn },
    ]);
    const { Attributes } = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }));
    expect(Attributes).toMatchObject({ Protocol: 'sqs', Endpoint: q.arn, RawMessageDelivery: 'false', PendingConfirmation: 'false' });
    await sns.send(new UnsubscribeCommand({ SubscriptionArn }));
    expect((await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions).toEqual([]);
    await expect(sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }))).rejects.toMatchObject({
      name: 'NotFoundException',
    });
  });

  it('fans a FIFO topic out to FIFO queues with group ids and deduplication', async () => {
    const { TopicArn } = await sns.send(
      new CreateTopicCommand({ Name: 't.fifo', Attributes: { FifoTopic: 'true', ContentBasedDeduplication: 'true' } }),
    );
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'q.fifo', Attributes: { FifoQueue: 'true' } }));
    await sns.send(
      new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:123456789012:q.fifo', Attributes: { RawMessageDelivery: 'true' } }),
    );
    const a = await sns.send(new PublishCommand({ TopicArn, Message: 'one', MessageGroupId: 'g' }));
    const b = await sns.send(new PublishCommand({ TopicArn, Message: 'one', MessageGroupId: 'g' }));
    expect(b.MessageId).toBe(a.MessageId);
    expect(a.SequenceNumber).toMatch(/^\d+$/);
    await sns.send(new PublishCommand({ TopicArn, Message: 'two', MessageGroupId: 'g' }));
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['MessageGroupId'] }));
    expect(got.Messages?.map((x) => x.Body)).toEqual(['one', 'two']);
    expect(got.Messages?.[0].Attributes?.MessageGroupId).toBe('g');
    await expect(sns.send(new PublishCommand({ TopicArn, Message: 'x' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it('refuses a FIFO queue on a standard topic', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 't' }));
    await expect(
      sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:123456789012:q.fifo' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('publishes batches with per-entry results', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 't' }));
    const q = await queue('q');
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: q.arn, Attributes: { RawMessageDelivery: 'true' } }));
    const out = await sns.send(
      new PublishBatchCommand({
        TopicArn,
        PublishBatchRequestEntries: [
          { Id: 'a', Message: 'A' },
          { Id: 'b', Message: 'B', Subject: '' },
        ],
      }),
    );
    expect(out.Successful?.map((s) => s.Id)).toEqual(['a']);
    expect(out.Failed).toEqual([expect.objectContaining({ Id: 'b', Code: 'InvalidParameter', SenderFault: true })]);
    expect((await receiveAll(q.QueueUrl)).map((x) => x.Body)).toEqual(['A']);
    await expect(
      sns.send(new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries: [{ Id: 'a', Message: 'x' }, { Id: 'a', Message: 'y' }] })),
    ).rejects.toMatchObject({ name: 'BatchEntryIdsNotDistinctException' });
    await expect(sns.send(new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries: [] }))).rejects.toMatchObject({
      name: 'EmptyBatchRequestException',
    });
  });

  it('records a failed delivery when the subscribed queue is gone, without failing the publish', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 't' }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:123456789012:gone' }));
    await sns.send(new PublishCommand({ TopicArn, Message: 'x' }));
    const backend = await m.dispatcher.backends.get<SnsBackend>('sns');
    expect(backend.deliveries[0]).toMatchObject({ protocol: 'sqs', error: 'QueueDoesNotExist' });
  });

  it('records SMS and sets subscription attributes', async () => {
    await sns.send(new PublishCommand({ PhoneNumber: '+15555550100', Message: 'code 1234' }));
    const backend = await m.dispatcher.backends.get<SnsBackend>('sns');
    expect(backend.deliveries[0]).toMatchObject({ protocol: 'sms', endpoint: '+15555550100', body: 'code 1234' });
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 't' }));
    const { SubscriptionArn } = await sns.send(
      new SubscribeCommand({ TopicArn, Protocol: 'email', Endpoint: 'a@example.com', ReturnSubscriptionArn: true }),
    );
    await expect(
      sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn, AttributeName: 'RawMessageDelivery', AttributeValue: 'true' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });
});
