import '../../src/jest/matchers';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockAws } from '../../src/mock';

describe('jest matchers', () => {
  const m = mockAws();
  afterAll(() => m.stop());

  beforeAll(async () => {
    const sqs = new SQSClient({});
    await sqs.send(new CreateQueueCommand({ QueueName: 'a', Attributes: { VisibilityTimeout: '40' } }));
    await sqs.send(new CreateQueueCommand({ QueueName: 'b' }));
  });

  it('toHaveReceivedOperation passes on a call, with or without an input match', () => {
    expect(m).toHaveReceivedOperation('sqs', 'CreateQueue');
    expect(m).toHaveReceivedOperation('sqs', 'CreateQueue', { Attributes: { VisibilityTimeout: '40' } });
    expect(m).not.toHaveReceivedOperation('sqs', 'CreateQueue', { QueueName: 'c' });
    expect(m).not.toHaveReceivedOperation('s3', 'PutObject');
  });

  it('toHaveReceivedOperationTimes counts the calls', () => {
    expect(m).toHaveReceivedOperationTimes('sqs', 'CreateQueue', 2);
    expect(m).toHaveReceivedOperationTimes('sqs', 'CreateQueue', 1, { QueueName: 'b' });
    expect(m).not.toHaveReceivedOperationTimes('sqs', 'CreateQueue', 3);
  });

  it('lists what the mock did receive when it fails', () => {
    expect(() => expect(m).toHaveReceivedOperation('s3', 'PutObject', { Key: 'k' })).toThrow(
      'expected the mock to have received s3.PutObject with input matching {"Key":"k"}; it received:\n' +
        '  sqs.CreateQueue {"QueueName":"a","Attributes":{"VisibilityTimeout":"40"}}\n' +
        '  sqs.CreateQueue {"QueueName":"b"}',
    );
    expect(() => expect(m).toHaveReceivedOperationTimes('sqs', 'CreateQueue', 1)).toThrow(
      /expected the mock to have received sqs\.CreateQueue 1 time\(s\), but it did 2 time\(s\)/,
    );
  });

  it('needs a mock handle', () => {
    expect(() => expect({}).toHaveReceivedOperation('s3', 'PutObject')).toThrow(
      'mockaws matchers: expect() needs a mock handle, e.g. expect(mockAws())',
    );
  });
});
