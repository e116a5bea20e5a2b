/**
 * SNS behaviours established emulator suites pin: numeric filter policies on
 * Number attributes (comparisons, ranges, `=`), filter policy validation
 * wording, message attribute validation (Number casts, String.Array), the
 * pending-confirmation lifecycle, and the SQS envelope SNS delivers.
 * @see https://docs.aws.amazon.com/sns/latest/dg/numeric-matching.html
 * @see https://docs.aws.amazon.com/sns/latest/dg/sns-message-attributes.html
 * @see https://docs.aws.amazon.com/sns/latest/dg/sns-message-and-json-formats.html
 */
import {
  ConfirmSubscriptionCommand,
  CreateTopicCommand,
  GetSubscriptionAttributesCommand,
  ListSubscriptionsByTopicCommand,
  PublishCommand,
  SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { useMockAws } from '../lifecycle';
import { createQueue, queueArn } from '../sqs/support';

describe('SNS fidelity: filters, attributes, lifecycle and envelopes', () => {
  useMockAws();
  const sns = new SNSClient({ region: 'us-east-1' });
  const sqs = new SQSClient({ region: 'us-east-1' });
  const topic = async () => (await sns.send(new CreateTopicCommand({ Name: 't' }))).TopicArn as string;

  const subscribed = async (TopicArn: string, Attributes: Record<string, string>) => {
    const name = `q${Math.random().toString(36).slice(2)}`;
    const QueueUrl = await createQueue(sqs, name);
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: queueArn(name), Attributes }));
    return async () => (await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }))).Messages ?? [];
  };

  it('delivers by numeric comparison, range and equality on Number attributes only', async () => {
    const TopicArn = await topic();
    const above = await subscribed(TopicArn, { RawMessageDelivery: 'true', FilterPolicy: JSON.stringify({ price: [{ numeric: ['>', 100] }] }) });
    const equal = await subscribed(TopicArn, { RawMessageDelivery: 'true', FilterPolicy: JSON.stringify({ price: [{ numeric: ['=', 100] }] }) });
    const range = await subscribed(TopicArn, { RawMessageDelivery: 'true', FilterPolicy: JSON.stringify({ price: [{ numeric: ['>=', 0, '<', 100] }] }) });
    const sends: Array<[string, string]> = [
      ['Number', '150'],
      ['Number', '100'],
      ['Number', '1e2'],
      ['Number', '99.5'],
      ['String', '150'],
    ];
    for (const [DataType, StringValue] of sends) {
      await sns.send(new PublishCommand({ TopicArn, Message: `${DataType}:${StringValue}`, MessageAttributes: { price: { DataType, StringValue } } }));
    }
    const bodies = async (read: typeof above) => (await read()).map((x) => x.Body).sort();
    expect(await bodies(above)).toEqual(['Number:150']);
    expect(await bodies(equal)).toEqual(['Number:100', 'Number:1e2']);
    expect(await bodies(range)).toEqual(['Number:99.5']);
  });

  it('refuses filter policies with SNS wording', async () => {
    const TopicArn = await topic();
    await createQueue(sqs, 'fp');
    const subscribe = (policy: unknown) =>
      sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: queueArn('fp'), Attributes: { FilterPolicy: JSON.stringify(policy) } }));
    await expect(subscribe({ a: [[1]] })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: FilterPolicy Reason: Match value must be String, number, true, false, or null',
    });
    await expect(subscribe({ a: [{ numeric: ['<>', 1] }] })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: FilterPolicy Reason: Unrecognized numeric range operator: <>',
    });
  });

  it('validates Number and String.Array attribute values on Publish', async () => {
    const TopicArn = await topic();
    await expect(
      sns.send(new PublishCommand({ TopicArn, Message: 'x', MessageAttributes: { price: { DataType: 'Number', StringValue: 'cheap' } } })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: "Could not cast message attribute 'price' value to number.",
      $metadata: { httpStatusCode: 400 },
    });
    for (const StringValue of ['not json', '[["nested"]]', '[{"a":1}]', '{"a":1}']) {
      await expect(
        sns.send(new PublishCommand({ TopicArn, Message: 'x', MessageAttributes: { tags: { DataType: 'String.Array', StringValue } } })),
      ).rejects.toMatchObject({
        name: 'InvalidParameterException',
        message: "Invalid parameter: The message attribute 'tags' with type 'String.Array' has an invalid value.",
      });
    }
    // Strings, numbers, booleans and null are all array elements SNS accepts.
    const ok = await sns.send(
      new PublishCommand({ TopicArn, Message: 'x', MessageAttributes: { tags: { DataType: 'String.Array', StringValue: '["a", 1, true, null]' } } }),
    );
    expect(ok.MessageId).toBeDefined();
  });

  it('lists a pending subscription as PendingConfirmation, unsubscribes it, and refuses a wrong token', async () => {
    const TopicArn = await topic();
    const sub = await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'http', Endpoint: 'http://example.com/hook', ReturnSubscriptionArn: true }));
    const listed = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }));
    expect(listed.Subscriptions).toEqual([
      { SubscriptionArn: 'PendingConfirmation', Owner: '123456789012', Protocol: 'http', Endpoint: 'http://example.com/hook', TopicArn },
    ]);
    const { Attributes } = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: sub.SubscriptionArn }));
    expect(Attributes).toMatchObject({ PendingConfirmation: 'true', ConfirmationWasAuthenticated: 'false' });
    await expect(sns.send(new ConfirmSubscriptionCommand({ TopicArn, Token: 'not-a-token' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: Token',
    });
    await sns.send(new UnsubscribeCommand({ SubscriptionArn: sub.SubscriptionArn }));
    expect((await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions).toEqual([]);
  });

  it('delivers the JSON envelope to SQS with typed message attributes', async () => {
    const TopicArn = await topic();
    const read = await subscribed(TopicArn, {});
    await sns.send(
      new PublishCommand({
        TopicArn,
        Message: 'hello',
        Subject: 'greeting',
        MessageAttributes: {
          n: { DataType: 'Number', StringValue: '5' },
          b: { DataType: 'Binary', BinaryValue: Buffer.from([1, 2]) },
        },
      }),
    );
    const [msg] = await read();
    const envelope = JSON.parse(msg.Body as string);
    expect(Object.keys(envelope)).toEqual([
      'Type',
      'MessageId',
      'TopicArn',
      'Subject',
      'Message',
      'Timestamp',
      'SignatureVersion',
      'Signature',
      'SigningCertURL',
      'UnsubscribeURL',
      'MessageAttributes',
    ]);
    expect(envelope).toMatchObject({ Type: 'Notification', TopicArn, Subject: 'greeting', Message: 'hello', SignatureVersion: '1' });
    expect(envelope.Timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(envelope.MessageAttributes).toEqual({ n: { Type: 'Number', Value: '5' }, b: { Type: 'Binary', Value: 'AQI=' } });
  });
});
