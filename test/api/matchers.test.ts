/**
 * The jest matchers, on a par with aws-sdk-client-mock-jest: received,
 * received-times, received-with (partial input, asymmetric matchers), nth
 * and last call, any call, once; by `service, operation` or Command class;
 * failures print with jest's own hint and diff.
 */
import { stripVTControlCharacters } from 'node:util';
import '../../src/jest/matchers';
import { CreateQueueCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { mockAws } from '../../src/mock';

/** The failure text of an assertion, without colours. */
function failure(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return stripVTControlCharacters((error as Error).message);
  }
  throw new Error('the assertion passed');
}

describe('jest matchers', () => {
  const m = mockAws();
  afterAll(() => m.stop());

  beforeAll(async () => {
    const sqs = new SQSClient({});
    await sqs.send(new CreateQueueCommand({ QueueName: 'a', Attributes: { VisibilityTimeout: '40' } }));
    await sqs.send(new CreateQueueCommand({ QueueName: 'b' }));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'c' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'hello world' }));
  });

  it('toHaveReceivedOperation passes on a call, with or without an input match', () => {
    expect(m).toHaveReceivedOperation('sqs', 'CreateQueue');
    expect(m).toHaveReceivedOperation('sqs', 'CreateQueue', { Attributes: { VisibilityTimeout: '40' } });
    expect(m).not.toHaveReceivedOperation('sqs', 'CreateQueue', { QueueName: 'z' });
    expect(m).not.toHaveReceivedOperation('s3', 'PutObject');
  });

  it('names the operation by its Command class too (aws-sdk-client-mock-jest names)', () => {
    expect(m).toHaveReceivedCommand(CreateQueueCommand);
    expect(m).toHaveReceivedCommandWith(SendMessageCommand, { MessageBody: 'hello world' });
    expect(m).toHaveReceivedCommandTimes(CreateQueueCommand, 3);
    expect(m).toHaveReceivedCommandOnce(SendMessageCommand);
    expect(m).toHaveReceivedNthCommandWith(CreateQueueCommand, 2, { QueueName: 'b' });
    expect(m).toHaveReceivedLastCommandWith(CreateQueueCommand, { QueueName: 'c' });
    expect(m).toHaveReceivedAnyCommand();
    expect(m).not.toHaveReceivedCommand(PutObjectCommand);
  });

  it('matches inputs partially, with RegExps and asymmetric matchers', () => {
    expect(m).toHaveReceivedOperationWith('sqs', 'SendMessage', {
      QueueUrl: expect.stringContaining('/c'),
      MessageBody: /^hello/,
    });
    expect(m).toHaveReceivedOperationWith('sqs', 'CreateQueue', { QueueName: expect.any(String), Attributes: expect.anything() });
    expect(m).toHaveReceivedOperationWith('sqs', 'SendMessage', (input) => String(input.MessageBody).length === 11);
    expect(m).not.toHaveReceivedOperationWith('sqs', 'SendMessage', { MessageBody: expect.stringContaining('bye') });
  });

  it('counts calls: times and once', () => {
    expect(m).toHaveReceivedOperationTimes('sqs', 'CreateQueue', 3);
    expect(m).toHaveReceivedOperationTimes('sqs', 'CreateQueue', 1, { QueueName: 'b' });
    expect(m).not.toHaveReceivedOperationTimes('sqs', 'CreateQueue', 2);
    expect(m).toHaveReceivedOperationOnce('sqs', 'SendMessage');
    expect(m).not.toHaveReceivedOperationOnce('sqs', 'CreateQueue');
    expect(m).toHaveReceivedOperationTimes('s3', 'PutObject', 0);
  });

  it('checks the nth and the last call', () => {
    expect(m).toHaveReceivedNthOperationWith('sqs', 'CreateQueue', 1, { QueueName: 'a' });
    expect(m).not.toHaveReceivedNthOperationWith('sqs', 'CreateQueue', 1, { QueueName: 'b' });
    expect(m).not.toHaveReceivedNthOperationWith('sqs', 'CreateQueue', 4, { QueueName: 'a' });
    expect(m).toHaveReceivedLastOperationWith('sqs', 'CreateQueue', { QueueName: 'c' });
    expect(m).not.toHaveReceivedLastOperationWith('sqs', 'CreateQueue', { QueueName: 'a' });
  });

  it('any call at all', () => {
    expect(m).toHaveReceivedAnyOperation();
    const fresh = mockAws({ account: '222222222222' });
    try {
      expect(fresh).not.toHaveReceivedAnyOperation();
    } finally {
      fresh.stop();
    }
  });

  it('fails with jest’s hint, a diff against the nearest call, and the calls received', () => {
    const text = failure(() => expect(m).toHaveReceivedOperationWith('sqs', 'CreateQueue', { QueueName: 'x' }));
    expect(text).toContain('expect(aws).toHaveReceivedOperationWith(sqs.CreateQueue)');
    expect(text).toContain('Expected: at least one call of sqs.CreateQueue with input matching {"QueueName": "x"}');
    expect(text).toContain('Received: 0 matching calls (3 calls of sqs.CreateQueue)');
    expect(text).toContain('Difference from the last call received:');
    expect(text).toMatch(/- {3}"QueueName": "x",\n\+ {3}"QueueName": "c",/);
    expect(text).toContain('Calls received:\n  1. sqs.CreateQueue {"Attributes": {"VisibilityTimeout": "40"}, "QueueName": "a"}');
    expect(text).toContain('  4. sqs.SendMessage');
  });

  it('says how many calls there were when the count is wrong, and what the nth call was', () => {
    expect(failure(() => expect(m).toHaveReceivedOperationTimes('sqs', 'CreateQueue', 1))).toContain(
      'Expected: 1 call of sqs.CreateQueue\nReceived: 3 such calls',
    );
    const nth = failure(() => expect(m).toHaveReceivedNthCommandWith(CreateQueueCommand, 2, { QueueName: 'a' }));
    expect(nth).toContain('Expected: call 2 of CreateQueueCommand with input matching {"QueueName": "a"}');
    expect(nth).toContain('Received: call 2 with input {"QueueName": "b"}');
    expect(failure(() => expect(m).not.toHaveReceivedOperation('sqs', 'SendMessage'))).toContain(
      'Expected not: at least one call of sqs.SendMessage',
    );
  });

  it('needs a mock handle and a named operation', () => {
    expect(() => expect({}).toHaveReceivedOperation('s3', 'PutObject')).toThrow(
      'mockaws matchers: expect() needs a mock handle, e.g. expect(mockAws())',
    );
    expect(() => expect(m).toHaveReceivedOperation('S3' as never, 'PutObject')).toThrow("did you mean 's3'?");
  });
});
