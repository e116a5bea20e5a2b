/**
 * Task states: Lambda (bare function ARN and lambda:invoke), Retry
 * (IntervalSeconds, BackoffRate, MaxAttempts, MaxDelaySeconds) and Catch
 * (States.ALL, States.TaskFailed, States.Timeout, States.HeartbeatTimeout),
 * TimeoutSeconds and HeartbeatSeconds, task tokens and activities.
 */
import { CreateActivityCommand, GetActivityTaskCommand, SendTaskFailureCommand, SendTaskHeartbeatCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { LambdaBackend } from '../../../services/lambda/models/backend';
import { createNodeFunction, lambdaClient, useLambdaRole } from '../lambda/support';
import { useMockAws } from '../lifecycle';
import { createMachine, describe as describeExec, history, run, sfnClient, single, types } from './support';

const FN = 'arn:aws:lambda:us-east-1:123456789012:function:worker';

describe('Step Functions tasks', () => {
  const aws = useMockAws();
  const sfn = sfnClient();
  const lambda = lambdaClient();
  useLambdaRole();

  /** Creates `worker` and runs `impl` for it; returns the calls it saw. */
  async function worker(impl: (event: any, n: number) => unknown): Promise<unknown[]> {
    await createNodeFunction(lambda, 'worker', { 'index.js': 'exports.handler = async () => ({})' });
    const calls: unknown[] = [];
    (await aws.backends.get<LambdaBackend>('lambda')).setHandler('worker', async (event: unknown) => {
      calls.push(event);
      return impl(event, calls.length);
    });
    return calls;
  }

  it('a bare function ARN: the payload is the result; Lambda history events', async () => {
    const calls = await worker((e) => ({ doubled: e.n * 2 }));
    const arn = await createMachine(sfn, 'bare', single({ Type: 'Task', Resource: FN, ResultPath: '$.r' }));
    const out = await run(aws, sfn, arn, { n: 4 });
    expect(out.result).toEqual({ n: 4, r: { doubled: 8 } });
    expect(calls).toEqual([{ n: 4 }]);
    const events = await history(sfn, out.executionArn as string);
    expect(types(events)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'LambdaFunctionScheduled', 'LambdaFunctionStarted', 'LambdaFunctionSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
    expect(events[2].lambdaFunctionScheduledEventDetails).toEqual({ resource: FN, input: '{"n":4}' });
  });

  it('lambda:invoke answers the Invoke response (Payload, StatusCode); ResultSelector picks the payload', async () => {
    await worker((e) => ({ got: e.x }));
    const arn = await createMachine(sfn, 'invoke', single({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: FN, 'Payload.$': '$' }, ResultSelector: { 'p.$': '$.Payload', 'code.$': '$.StatusCode' } }));
    const out = await run(aws, sfn, arn, { x: 'y' });
    expect(out.result).toEqual({ p: { got: 'y' }, code: 200 });
    const events = await history(sfn, out.executionArn as string);
    expect(types(events).slice(2, 5)).toEqual(['TaskScheduled', 'TaskStarted', 'TaskSucceeded']);
    expect(events[2].taskScheduledEventDetails).toMatchObject({ resourceType: 'lambda', resource: 'invoke', region: 'us-east-1', parameters: JSON.stringify({ FunctionName: FN, Payload: { x: 'y' } }) });
  });

  it('a function error is named by its errorType; Retry waits IntervalSeconds × BackoffRate^n on the clock', async () => {
    const calls = await worker((_e, n) => {
      if (n < 3) {
        const err = new Error('not yet');
        err.name = 'Flaky';
        throw err;
      }
      return 'done';
    });
    jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
    const arn = await createMachine(sfn, 'retry', single({ Type: 'Task', Resource: FN, Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 5 }] }));
    const started = await run(aws, sfn, arn);
    expect(calls).toHaveLength(1);
    aws.clock.advance(1999);
    await aws.settle();
    expect(calls).toHaveLength(1);
    aws.clock.advance(1);
    await aws.settle();
    expect(calls).toHaveLength(2);
    aws.clock.advance(6000); // 2 × 3
    await aws.settle();
    expect(calls).toHaveLength(3);
    const d = await describeExec(sfn, started.executionArn as string);
    expect([d.status, d.result]).toEqual(['SUCCEEDED', 'done']);
    const failed = (await history(sfn, started.executionArn as string)).filter((e) => e.type === 'LambdaFunctionFailed');
    expect(failed[0].lambdaFunctionFailedEventDetails).toMatchObject({ error: 'Flaky' });
    expect(JSON.parse(failed[0].lambdaFunctionFailedEventDetails?.cause as string)).toMatchObject({ errorType: 'Flaky', errorMessage: 'not yet' });
  });

  it('retries exhausted fall to the catcher; States.ALL catches, States.Runtime is never caught', async () => {
    const calls = await worker(() => {
      throw new TypeError('bad');
    });
    jest.useFakeTimers();
    const arn = await createMachine(sfn, 'catch', {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: FN,
          Retry: [{ ErrorEquals: ['Other'], MaxAttempts: 5 }, { ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 1 }],
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.err', Next: 'Recover' }],
          End: true,
        },
        Recover: { Type: 'Pass', End: true },
      },
    });
    const started = await run(aws, sfn, arn, { id: 1 });
    for (let i = 0; i < 2; i++) {
      aws.clock.advance(1000);
      await aws.settle();
    }
    expect(calls).toHaveLength(3);
    const d = await describeExec(sfn, started.executionArn as string);
    expect(d.status).toBe('SUCCEEDED');
    expect(d.result.err.Error).toBe('TypeError');

    const never = await createMachine(sfn, 'runtime', {
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: FN, Parameters: { 'x.$': '$.missing' }, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'E' }], End: true }, E: { Type: 'Succeed' } },
    });
    expect((await run(aws, sfn, never, {})).error).toBe('States.Runtime');
  });

  it('.waitForTaskToken: SendTaskSuccess resumes with its output; SendTaskFailure fails with its error', async () => {
    const sqs = new SQSClient({ region: 'us-east-1' });
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'approvals' }));
    const arn = await createMachine(sfn, 'token', single({ Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl, MessageBody: { 'token.$': '$$.Task.Token', 'order.$': '$.order' } } }));
    const started = await run(aws, sfn, arn, { order: 5 });
    expect(started.status).toBe('RUNNING');
    const msg = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    const body = JSON.parse(msg.Messages?.[0].Body as string);
    expect(body.order).toBe(5);
    await sfn.send(new SendTaskSuccessCommand({ taskToken: body.token, output: JSON.stringify({ approved: true }) }));
    await aws.settle();
    const d = await describeExec(sfn, started.executionArn as string);
    expect([d.status, d.result]).toEqual(['SUCCEEDED', { approved: true }]);
    expect(types(await history(sfn, started.executionArn as string))).toEqual([
      'ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded',
    ]);
    // the token's task has closed (API reference, TaskTimedOut: "the task associated with the token has already been closed")
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: body.token, output: '{}' }))).rejects.toMatchObject({ name: 'TaskTimedOut' });
    await expect(sfn.send(new SendTaskHeartbeatCommand({ taskToken: 'A'.repeat(128) }))).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: 'short', output: '{}' }))).rejects.toMatchObject({ name: 'InvalidToken' });

    const second = await run(aws, sfn, arn, { order: 6 });
    const token = JSON.parse((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages?.[0].Body as string).token;
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{not json' }))).rejects.toMatchObject({ name: 'InvalidOutput' });
    await sfn.send(new SendTaskFailureCommand({ taskToken: token, error: 'Rejected', cause: 'manager said no' }));
    await aws.settle();
    const f = await describeExec(sfn, second.executionArn as string);
    expect([f.status, f.error, f.cause]).toEqual(['FAILED', 'Rejected', 'manager said no']);
  });

  it('TimeoutSeconds and HeartbeatSeconds on a token wait: States.Timeout, States.HeartbeatTimeout (caught by States.Timeout)', async () => {
    jest.useFakeTimers();
    const sqs = new SQSClient({ region: 'us-east-1' });
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'q' }));
    const task = (extra: object) => single({ Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl, 'MessageBody.$': '$$.Task.Token' }, ...extra });
    const timed = await run(aws, sfn, await createMachine(sfn, 'timeout', task({ TimeoutSeconds: 60 })));
    aws.clock.advance(60_000);
    await aws.settle();
    const t = await describeExec(sfn, timed.executionArn as string);
    expect([t.status, t.error]).toEqual(['FAILED', 'States.Timeout']);
    expect(types(await history(sfn, timed.executionArn as string))).toContain('TaskTimedOut');

    const hb = await run(aws, sfn, await createMachine(sfn, 'heartbeat', { StartAt: 'T', States: { T: { ...task({ HeartbeatSeconds: 10, TimeoutSeconds: 100 }).States.S, End: undefined, Next: 'Ok', Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Late' }] }, Ok: { Type: 'Succeed' }, Late: { Type: 'Pass', Result: 'late', End: true } } }));
    const tokens = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    const token = tokens.Messages?.at(-1)?.Body as string;
    aws.clock.advance(9_000);
    await aws.settle();
    await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await aws.settle();
    aws.clock.advance(9_000);
    await aws.settle();
    expect((await describeExec(sfn, hb.executionArn as string)).status).toBe('RUNNING'); // the heartbeat re-armed it
    aws.clock.advance(1_000);
    await aws.settle();
    const h = await describeExec(sfn, hb.executionArn as string);
    expect([h.status, h.result]).toEqual(['SUCCEEDED', 'late']);
  });

  it('activities: GetActivityTask hands out the input and token; long polls on the clock', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: 'review' }));
    const arn = await createMachine(sfn, 'act', single({ Type: 'Task', Resource: activityArn, TimeoutSeconds: 300 }));
    // a poll with nothing queued waits, then answers no token after 60 s
    const empty = sfn.send(new GetActivityTaskCommand({ activityArn }));
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    aws.clock.advance(60_000);
    expect((await empty).taskToken).toBeUndefined();
    const started = await run(aws, sfn, arn, { doc: 1 });
    const task = await sfn.send(new GetActivityTaskCommand({ activityArn, workerName: 'w1' }));
    expect(JSON.parse(task.input as string)).toEqual({ doc: 1 });
    await sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken as string, output: '"ok"' }));
    await aws.settle();
    const d = await describeExec(sfn, started.executionArn as string);
    expect([d.status, d.result]).toEqual(['SUCCEEDED', 'ok']);
    const events = await history(sfn, started.executionArn as string);
    expect(types(events).slice(2, 5)).toEqual(['ActivityScheduled', 'ActivityStarted', 'ActivitySucceeded']);
    expect(events[3].activityStartedEventDetails).toEqual({ workerName: 'w1' });
    await expect(sfn.send(new GetActivityTaskCommand({ activityArn: `${activityArn}x` }))).rejects.toMatchObject({ name: 'ActivityDoesNotExist' });
  });
});
