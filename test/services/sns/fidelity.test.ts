/**
 * SNS keeps `__proto__` and `constructor` as ordinary names: message
 * attributes (through to an SQS subscriber's envelope) and tag keys. Checked
 * on the wire, before the SDK's deserializer (which drops `__proto__` keys).
 */
import { useMockAws } from '../lifecycle';

describe('SNS names that JavaScript also uses', () => {
  const mock = useMockAws();

  async function sns(form: Record<string, string>) {
    const res = await mock.dispatcher.dispatch({
      method: 'POST',
      url: new URL('https://sns.us-east-1.amazonaws.com/'),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.from(new URLSearchParams({ Version: '2010-03-31', ...form }).toString()),
    });
    return { status: res.status, xml: res.body.toString() };
  }

  async function sqs(target: string, body: unknown) {
    const res = await mock.dispatcher.dispatch({
      method: 'POST',
      url: new URL('https://sqs.us-east-1.amazonaws.com/'),
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AmazonSQS.${target}` },
      body: Buffer.from(JSON.stringify(body)),
    });
    return JSON.parse(res.body.toString() || '{}');
  }

  it('delivers message attributes named __proto__ and constructor, and lists such tag keys', async () => {
    const created = await sns({ Action: 'CreateTopic', Name: 't' });
    const TopicArn = /<TopicArn>([^<]+)<\/TopicArn>/.exec(created.xml)?.[1] as string;
    const { QueueUrl } = await sqs('CreateQueue', { QueueName: 'sub' });
    await sns({ Action: 'Subscribe', TopicArn, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:123456789012:sub' });
    const published = await sns({
      Action: 'Publish',
      TopicArn,
      Message: 'hi',
      'MessageAttributes.entry.1.Name': '__proto__',
      'MessageAttributes.entry.1.Value.DataType': 'String',
      'MessageAttributes.entry.1.Value.StringValue': 'p',
      'MessageAttributes.entry.2.Name': 'constructor',
      'MessageAttributes.entry.2.Value.DataType': 'String',
      'MessageAttributes.entry.2.Value.StringValue': 'c',
    });
    expect(published.status).toBe(200);
    const got = await sqs('ReceiveMessage', { QueueUrl });
    const envelope = JSON.parse(got.Messages[0].Body);
    expect(Object.keys(envelope.MessageAttributes).sort()).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(envelope.MessageAttributes, '__proto__')?.value).toEqual({ Type: 'String', Value: 'p' });

    const tagged = await sns({
      Action: 'TagResource',
      ResourceArn: TopicArn,
      'Tags.member.1.Key': '__proto__',
      'Tags.member.1.Value': 'p',
      'Tags.member.2.Key': 'constructor',
      'Tags.member.2.Value': 'c',
    });
    expect(tagged.status).toBe(200);
    const listed = await sns({ Action: 'ListTagsForResource', ResourceArn: TopicArn });
    expect(listed.xml).toContain('<Key>__proto__</Key><Value>p</Value>');
    expect(listed.xml).toContain('<Key>constructor</Key><Value>c</Value>');
  });
});
