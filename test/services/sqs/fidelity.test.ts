/**
 * SQS requests that fail change nothing, and user-chosen names that are also
 * JavaScript's (`__proto__`, `constructor`) are ordinary names.
 */
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { useMockAws } from '../lifecycle';

const region = 'us-east-1';

describe('SQS fidelity', () => {
  const mock = useMockAws();
  const sqs = new SQSClient({ region });

  async function queue(name = 'q') {
    return (await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl as string;
  }

  async function visible(QueueUrl: string) {
    const a = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
    return a.Attributes;
  }

  it('a ReceiveMessage with malformed MessageAttributeNames takes nothing in flight', async () => {
    const QueueUrl = await queue();
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'hello' }));
    const bad = await mock.dispatcher.dispatch({
      method: 'POST',
      url: new URL('https://sqs.us-east-1.amazonaws.com/'),
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.ReceiveMessage' },
      body: Buffer.from(JSON.stringify({ QueueUrl, MessageAttributeNames: 'All' })),
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body.toString()).__type).toBe('com.amazonaws.sqs#SerializationException');
    expect(await visible(QueueUrl)).toEqual({ ApproximateNumberOfMessages: '1', ApproximateNumberOfMessagesNotVisible: '0' });
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));
    expect(got.Messages?.[0].Attributes?.ApproximateReceiveCount).toBe('1');
  });

  it('a SendMessageBatch checks every entry before enqueuing any; a failing entry fails alone', async () => {
    const QueueUrl = await queue();
    const out = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [
          { Id: 'a', MessageBody: 'one' },
          { Id: 'b', MessageBody: 'two', DelaySeconds: 901 },
          { Id: 'c', MessageBody: 'three' },
        ],
      }),
    );
    expect(out.Successful?.map((s) => s.Id)).toEqual(['a', 'c']);
    expect(out.Failed).toEqual([
      expect.objectContaining({ Id: 'b', SenderFault: true, Code: 'InvalidParameterValue' }),
    ]);
    expect(await visible(QueueUrl)).toEqual({ ApproximateNumberOfMessages: '2', ApproximateNumberOfMessagesNotVisible: '0' });
  });

  it('a SendMessageBatch with a mistyped entry enqueues nothing', async () => {
    const QueueUrl = await queue();
    const res = await mock.dispatcher.dispatch({
      method: 'POST',
      url: new URL('https://sqs.us-east-1.amazonaws.com/'),
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.SendMessageBatch' },
      body: Buffer.from(JSON.stringify({ QueueUrl, Entries: [{ Id: 'a', MessageBody: 'one' }, { Id: 'b', MessageBody: 7 }] })),
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body.toString())).toMatchObject({ message: 'NUMBER_VALUE cannot be converted to String' });
    expect(await visible(QueueUrl)).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
  });

  /** A JSON call straight to the dispatcher: the wire as AWS answers it, before the SDK's deserializer. */
  async function raw(target: string, body: unknown) {
    const res = await mock.dispatcher.dispatch({
      method: 'POST',
      url: new URL('https://sqs.us-east-1.amazonaws.com/'),
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AmazonSQS.${target}` },
      body: Buffer.from(JSON.stringify(body)),
    });
    return { status: res.status, body: JSON.parse(res.body.toString() || '{}') };
  }

  it('keeps __proto__ and constructor as message attribute names and tag keys', async () => {
    const QueueUrl = await queue();
    const attributes = JSON.parse(
      '{"__proto__":{"DataType":"String","StringValue":"p"},"constructor":{"DataType":"String","StringValue":"c"}}',
    );
    expect((await raw('SendMessage', { QueueUrl, MessageBody: 'x', MessageAttributes: attributes })).status).toBe(200);
    const got = await raw('ReceiveMessage', { QueueUrl, MessageAttributeNames: ['All'] });
    const received = got.body.Messages[0].MessageAttributes;
    expect(Object.keys(received).sort()).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(received, '__proto__')?.value).toEqual({ DataType: 'String', StringValue: 'p' });
    expect(Object.getPrototypeOf(received)).toBe(Object.prototype);
    expect((await raw('TagQueue', { QueueUrl, Tags: JSON.parse('{"__proto__":"p","constructor":"c"}') })).status).toBe(200);
    const tags = (await raw('ListQueueTags', { QueueUrl })).body.Tags;
    expect(Object.keys(tags).sort()).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(tags, '__proto__')?.value).toBe('p');
  });
});
