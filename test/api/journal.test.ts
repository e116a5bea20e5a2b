import { CreateQueueCommand, GetQueueUrlCommand, SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { mockAws } from '../../src/mock';
import { rejectionOf } from '../intercept/support';

describe('the call journal', () => {
  const m = mockAws();
  const sqs = new SQSClient({ region: 'eu-west-1' });
  afterEach(() => m.reset());
  afterAll(() => m.stop());

  it('records service, operation, parsed input, the raw request and the output', async () => {
    const out = await sqs.send(new CreateQueueCommand({ QueueName: 'orders', Attributes: { DelaySeconds: '5' } }));
    const [call] = m.calls();
    expect(call).toMatchObject({
      service: 'sqs',
      operation: 'CreateQueue',
      input: { QueueName: 'orders', Attributes: { DelaySeconds: '5' } },
      account: '123456789012',
      region: 'eu-west-1',
      requestId: out.$metadata.requestId,
      output: { QueueUrl: out.QueueUrl },
    });
    expect(call.request.method).toBe('POST');
    expect(call.request.headers['x-amz-target']).toBe('AmazonSQS.CreateQueue');
    expect(JSON.parse(call.request.body.toString())).toEqual({ QueueName: 'orders', Attributes: { DelaySeconds: '5' } });
    expect(call.response.status).toBe(200);
    expect(call.error).toBeUndefined();
  });

  it('records the AWS error of a failed call', async () => {
    const error = await rejectionOf(sqs.send(new GetQueueUrlCommand({ QueueName: 'missing' })));
    const [call] = m.calls({ failed: true });
    expect(call.operation).toBe('GetQueueUrl');
    expect(call.error?.code).toBe(error.name);
    expect(call.response.status).toBe(error.$metadata.httpStatusCode);
    expect(m.calls({ failed: false })).toHaveLength(0);
  });

  it('filters by service, operation and a partial input (nested, RegExp, asymmetric matchers)', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'events' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'first', DelaySeconds: 1 }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'second' }));
    expect(m.calls({ service: 'sqs' })).toHaveLength(3);
    expect(m.calls({ service: 's3' })).toHaveLength(0);
    expect(m.calls({ operation: 'SendMessage' })).toHaveLength(2);
    expect(m.calls({ operation: 'SendMessage', input: { MessageBody: 'second' } })).toHaveLength(1);
    expect(m.calls({ input: { MessageBody: /^fir/ } })).toHaveLength(1);
    expect(m.calls({ input: { QueueUrl: expect.stringContaining('/events'), DelaySeconds: 1 } })).toHaveLength(1);
    expect(m.calls({ input: (input) => input.QueueName === 'events' })).toHaveLength(1);
  });

  it('forgets the calls on resetHistory() but keeps the state', async () => {
    await sqs.send(new CreateQueueCommand({ QueueName: 'stays' }));
    m.resetHistory();
    expect(m.calls()).toHaveLength(0);
    const url = await sqs.send(new GetQueueUrlCommand({ QueueName: 'stays' }));
    expect(url.QueueUrl).toContain('/stays');
  });
});

describe('the journal limit', () => {
  it('keeps only the most recent calls', async () => {
    await mockAws({ journalLimit: 2 }, async (m) => {
      const sqs = new SQSClient({});
      for (const name of ['q1', 'q2', 'q3', 'q4', 'q5']) await sqs.send(new CreateQueueCommand({ QueueName: name }));
      expect(m.calls().map((c) => c.input.QueueName)).toEqual(['q4', 'q5']);
    });
    expect(() => mockAws({ journalLimit: -1 })).toThrow('mockaws: journalLimit must be a whole number >= 0, got -1');
  });
});
