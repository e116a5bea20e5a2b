import { createRequest } from '../../../src/core/request';
import { useMockAws } from '../lifecycle';

/** Older SDKs and the CLI speak SQS's query protocol: form posts, XML answers. */
describe('SQS over the legacy query protocol', () => {
  const m = useMockAws();

  const post = async (path: string, form: Record<string, string>) => {
    const res = await m.dispatcher.dispatch(
      createRequest({
        method: 'POST',
        url: `https://sqs.us-east-1.amazonaws.com${path}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: new URLSearchParams({ Version: '2012-11-05', ...form }).toString(),
      }),
    );
    return { status: res.status, xml: (res.body as Buffer).toString('utf8') };
  };

  it('creates a queue, sends to its URL path, and receives with MD5s', async () => {
    const created = await post('/', { Action: 'CreateQueue', QueueName: 'legacy', 'Attribute.1.Name': 'VisibilityTimeout', 'Attribute.1.Value': '40' });
    expect(created.status).toBe(200);
    expect(created.xml).toContain('<QueueUrl>https://sqs.us-east-1.amazonaws.com/123456789012/legacy</QueueUrl>');
    const sent = await post('/123456789012/legacy', {
      Action: 'SendMessage',
      MessageBody: 'hello world',
      'MessageAttribute.1.Name': 'attribName1',
      'MessageAttribute.1.Value.DataType': 'String',
      'MessageAttribute.1.Value.StringValue': 'attribValue 1',
    });
    expect(sent.xml).toContain('<MD5OfMessageBody>5eb63bbbe01eeed093cb22bb8f5acdc3</MD5OfMessageBody>');
    expect(sent.xml).toContain('<MD5OfMessageAttributes>19e27d4e946b072f3f58da80d94fd778</MD5OfMessageAttributes>');
    const got = await post('/', { Action: 'ReceiveMessage', QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/legacy' });
    expect(got.xml).toContain('<Body>hello world</Body>');
    const attrs = await post('/123456789012/legacy', { Action: 'GetQueueAttributes', 'AttributeName.1': 'VisibilityTimeout' });
    expect(attrs.xml).toMatch(/<Name>VisibilityTimeout<\/Name><Value>40<\/Value>/);
  });

  it('answers errors with the query error codes', async () => {
    const res = await post('/', { Action: 'GetQueueUrl', QueueName: 'missing' });
    expect(res.status).toBe(400);
    expect(res.xml).toContain('<Code>AWS.SimpleQueueService.NonExistentQueue</Code>');
    expect(res.xml).toContain('<Type>Sender</Type>');
  });
});
