import { InvokeCommand, PutFunctionEventInvokeConfigCommand, GetFunctionEventInvokeConfigCommand, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { useMockAws } from '../lifecycle';
import { createNodeFunction, encode, eventually, lambdaClient, useLambdaRole } from './support';

const ACCOUNT = '123456789012';
const queueArn = (name: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`;

describe('Lambda asynchronous invocation', () => {
  const m = useMockAws();
  useLambdaRole();
  const lambda = lambdaClient();
  const sqs = new SQSClient({ region: 'us-east-1' });

  async function receiveAll(name: string) {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] }));
    return out.Messages ?? [];
  }

  /** A function whose attempts are recorded, failing while `fail` is true. */
  async function recorded(name: string, fail: boolean) {
    await createNodeFunction(lambda, name, { 'index.js': 'exports.handler = async () => 1;' });
    const attempts: number[] = [];
    (await m.backends.lambda()).setHandler(name, async (event: unknown) => {
      attempts.push(Date.now());
      if (fail) throw new TypeError('cannot handle');
      return { handled: event };
    });
    return attempts;
  }

  it('retries twice, one then two minutes apart, then sends the record to the OnFailure destination', async () => {
    await sqs.send(new CreateQueueCommand({ QueueName: 'failures' }));
    const attempts = await recorded('flaky', true);
    await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'flaky', DestinationConfig: { OnFailure: { Destination: queueArn('failures') } } }));
    const t0 = Math.ceil(Date.now() / 1000) * 1000 + 60_000;
    jest.useFakeTimers({ now: t0, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'flaky', InvocationType: 'Event', Payload: encode({ order: 9 }) }));
    expect(out.StatusCode).toBe(202);
    await jest.advanceTimersByTimeAsync(0);
    expect(attempts).toEqual([t0]);
    await jest.advanceTimersByTimeAsync(59_999);
    expect(attempts).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(attempts).toEqual([t0, t0 + 60_000]);
    await jest.advanceTimersByTimeAsync(120_000);
    expect(attempts).toEqual([t0, t0 + 60_000, t0 + 180_000]);
    jest.useRealTimers();
    const [msg] = await receiveAll('failures');
    const record = JSON.parse(msg.Body as string);
    expect(record).toMatchObject({
      version: '1.0',
      requestContext: { functionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:flaky:$LATEST`, condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload: { order: 9 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorType: 'TypeError', errorMessage: 'cannot handle' },
    });
  });

  it('honours MaximumRetryAttempts 0 and falls back to the dead-letter queue', async () => {
    await sqs.send(new CreateQueueCommand({ QueueName: 'dlq' }));
    const attempts = await recorded('once', true);
    await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'once', MaximumRetryAttempts: 0 }));
    const cfg = await lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: 'once' }));
    expect(cfg).toMatchObject({ MaximumRetryAttempts: 0, FunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:once:$LATEST` });
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'once', DeadLetterConfig: { TargetArn: queueArn('dlq') } }));
    await new Promise((r) => setTimeout(r, 10));
    await lambda.send(new InvokeCommand({ FunctionName: 'once', InvocationType: 'Event', Payload: encode({ n: 1 }) }));
    let msg: Awaited<ReturnType<typeof receiveAll>>[number] | undefined;
    await eventually(async () => {
      [msg] = await receiveAll('dlq');
      expect(msg).toBeDefined();
    });
    expect(attempts).toHaveLength(1);
    if (!msg) throw new Error('no message');
    expect(JSON.parse(msg.Body as string)).toEqual({ n: 1 });
    expect(msg.MessageAttributes?.ErrorCode?.StringValue).toBe('200');
    expect(msg.MessageAttributes?.ErrorMessage?.StringValue).toContain('cannot handle');
    expect(msg.MessageAttributes?.RequestID?.StringValue).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends a success to the OnSuccess destination, including another function', async () => {
    await sqs.send(new CreateQueueCommand({ QueueName: 'wins' }));
    await recorded('good', false);
    const next = await recorded('next', false);
    await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'good', DestinationConfig: { OnSuccess: { Destination: queueArn('wins') } } }));
    await lambda.send(new InvokeCommand({ FunctionName: 'good', InvocationType: 'Event', Payload: encode({ a: 1 }) }));
    let body = '';
    await eventually(async () => {
      const [msg] = await receiveAll('wins');
      body = msg?.Body as string;
      expect(body).toBeDefined();
    });
    expect(JSON.parse(body)).toMatchObject({ requestContext: { condition: 'Success', approximateInvokeCount: 1 }, requestPayload: { a: 1 }, responsePayload: { handled: { a: 1 } } });
    await lambda.send(
      new PutFunctionEventInvokeConfigCommand({ FunctionName: 'good', DestinationConfig: { OnSuccess: { Destination: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:next` } } }),
    );
    await lambda.send(new InvokeCommand({ FunctionName: 'good', InvocationType: 'Event', Payload: encode({ b: 2 }) }));
    await eventually(() => expect(next).toHaveLength(1));
    const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: (await sqs.send(new CreateQueueCommand({ QueueName: 'wins' }))).QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
    expect(attrs.Attributes?.ApproximateNumberOfMessages).toBe('0');
  });

  it('publishes a failure record to an SNS topic destination', async () => {
    const sns = new SNSClient({ region: 'us-east-1' });
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'lambda-failures' }));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'from-topic' }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: queueArn('from-topic'), Attributes: { RawMessageDelivery: 'true' } }));
    await recorded('to-sns', true);
    await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'to-sns', MaximumRetryAttempts: 0, DestinationConfig: { OnFailure: { Destination: TopicArn } } }));
    await lambda.send(new InvokeCommand({ FunctionName: 'to-sns', InvocationType: 'Event', Payload: encode({ z: 1 }) }));
    let body = '';
    await eventually(async () => {
      const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
      body = got.Messages?.[0].Body as string;
      expect(body).toBeDefined();
    });
    expect(JSON.parse(body)).toMatchObject({ requestContext: { condition: 'RetriesExhausted' }, requestPayload: { z: 1 } });
  });

  it('refuses event invoke settings out of range', async () => {
    await createNodeFunction(lambda, 'cfg', { 'index.js': 'exports.handler = async () => 1;' });
    const err = await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'cfg', MaximumRetryAttempts: 3 })).catch((e) => e);
    expect(err.name).toBe('ValidationException');
    const age = await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'cfg', MaximumEventAgeInSeconds: 30 })).catch((e) => e);
    expect(age.name).toBe('ValidationException');
    const none = await lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: 'cfg' })).catch((e) => e);
    expect(none.name).toBe('ResourceNotFoundException');
  });
});
