/**
 * Durable executions: Invoke of a function with a DurableConfig starts an
 * execution that the function drives through CheckpointDurableExecution (here
 * by hand, as the durable SDK does), waits on a callback (PENDING), and is
 * invoked again when SendDurableExecutionCallbackSuccess completes it; its
 * status, history, state and checkpoint tokens are read through the API.
 */
import {
  CheckpointDurableExecutionCommand,
  GetDurableExecutionCommand,
  GetDurableExecutionHistoryCommand,
  GetDurableExecutionStateCommand,
  InvokeCommand,
  ListDurableExecutionsByFunctionCommand,
  SendDurableExecutionCallbackFailureCommand,
  SendDurableExecutionCallbackHeartbeatCommand,
  SendDurableExecutionCallbackSuccessCommand,
  StopDurableExecutionCommand,
} from '@aws-sdk/client-lambda';
import { useMockAws } from '../lifecycle';
import { createNodeFunction, encode, eventually, lambdaClient, useLambdaRole } from './support';

/** A durable handler written against the service API: one step, then a callback it waits for. */
const WORKFLOW = {
  'index.js': `const { LambdaClient, CheckpointDurableExecutionCommand } = require('@aws-sdk/client-lambda');
  exports.handler = async (event) => {
    const lambda = new LambdaClient({});
    const arn = event.DurableExecutionArn;
    let token = event.CheckpointToken;
    const ops = event.InitialExecutionState.Operations;
    const input = JSON.parse(ops.find((o) => o.Type === 'EXECUTION').ExecutionDetails.InputPayload);
    const checkpoint = async (update) => {
      const out = await lambda.send(new CheckpointDurableExecutionCommand({ DurableExecutionArn: arn, CheckpointToken: token, Updates: [update] }));
      token = out.CheckpointToken;
      return out.NewExecutionState.Operations;
    };
    let step = ops.find((o) => o.Id === 'double');
    if (!step) {
      await checkpoint({ Id: 'double', Type: 'STEP', Action: 'START', Name: 'double' });
      [step] = await checkpoint({ Id: 'double', Type: 'STEP', Action: 'SUCCEED', Payload: JSON.stringify(input.n * 2) });
    }
    const callback = ops.find((o) => o.Id === 'approval');
    if (!callback) {
      await checkpoint({ Id: 'approval', Type: 'CALLBACK', Action: 'START', Name: 'approval', CallbackOptions: { TimeoutSeconds: 600 } });
      return { Status: 'PENDING' };
    }
    if (callback.Status !== 'SUCCEEDED') return { Status: 'FAILED', Error: { ErrorType: 'Rejected', ErrorMessage: callback.CallbackDetails.Error.ErrorMessage } };
    return { Status: 'SUCCEEDED', Result: JSON.stringify({ doubled: JSON.parse(step.StepDetails.Result), approval: callback.CallbackDetails.Result }) };
  };`,
};

describe('Lambda durable executions', () => {
  useMockAws();
  useLambdaRole();
  const lambda = lambdaClient({ maxAttempts: 1 });

  async function start(name: string, n: number) {
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'workflow', DurableExecutionName: name, Payload: encode({ n }) }));
    expect(out.StatusCode).toBe(200);
    return out.DurableExecutionArn as string;
  }

  async function callbackIdOf(arn: string): Promise<string> {
    const { Events } = await lambda.send(new GetDurableExecutionHistoryCommand({ DurableExecutionArn: arn }));
    const started = Events?.find((e) => e.EventType === 'CallbackStarted');
    return started?.CallbackStartedDetails?.CallbackId as string;
  }

  beforeEach(() => createNodeFunction(lambda, 'workflow', WORKFLOW, { DurableConfig: { ExecutionTimeout: 3600, RetentionPeriodInDays: 7 }, Timeout: 30 }));

  it('runs a step, waits for a callback, and completes when the callback succeeds', async () => {
    const arn = await start('order-1', 21);
    expect(arn).toMatch(/^arn:aws:lambda:us-east-1:123456789012:function:workflow:\$LATEST\/durable-execution\/order-1\/[0-9a-f-]{36}$/);

    const running = await lambda.send(new GetDurableExecutionCommand({ DurableExecutionArn: arn }));
    expect(running).toMatchObject({ DurableExecutionName: 'order-1', Status: 'RUNNING', InputPayload: '{"n":21}', Version: '$LATEST', FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:workflow:$LATEST' });
    expect(running.StartTimestamp).toBeInstanceOf(Date);
    expect(running.EndTimestamp).toBeUndefined();

    const { Events } = await lambda.send(new GetDurableExecutionHistoryCommand({ DurableExecutionArn: arn }));
    expect(Events?.map((e) => e.EventType)).toEqual(['ExecutionStarted', 'StepStarted', 'StepSucceeded', 'CallbackStarted', 'InvocationCompleted']);
    expect(Events?.map((e) => e.EventId)).toEqual([1, 2, 3, 4, 5]);
    expect(Events?.[0].ExecutionStartedDetails).toEqual({ Input: { Payload: '{"n":21}' }, ExecutionTimeout: 3600 });
    expect(Events?.[2].StepSucceededDetails?.Result).toEqual({ Payload: '42' });
    const lean = await lambda.send(new GetDurableExecutionHistoryCommand({ DurableExecutionArn: arn, IncludeExecutionData: false, MaxItems: 2 }));
    expect(lean.Events?.[0].ExecutionStartedDetails).toEqual({ ExecutionTimeout: 3600 });
    expect(lean.NextMarker).toBeDefined();

    const callbackId = await callbackIdOf(arn);
    await lambda.send(new SendDurableExecutionCallbackHeartbeatCommand({ CallbackId: callbackId }));
    await lambda.send(new SendDurableExecutionCallbackSuccessCommand({ CallbackId: callbackId, Result: encode('approved') }));
    await eventually(async () => {
      const done = await lambda.send(new GetDurableExecutionCommand({ DurableExecutionArn: arn }));
      expect(done.Status).toBe('SUCCEEDED');
      expect(JSON.parse(done.Result as string)).toEqual({ doubled: 42, approval: '"approved"' });
      expect(done.EndTimestamp).toBeInstanceOf(Date);
    });
    const history = await lambda.send(new GetDurableExecutionHistoryCommand({ DurableExecutionArn: arn, ReverseOrder: true }));
    expect(history.Events?.slice(0, 3).map((e) => e.EventType)).toEqual(['ExecutionSucceeded', 'InvocationCompleted', 'CallbackSucceeded']);

    const closed = await lambda.send(new SendDurableExecutionCallbackSuccessCommand({ CallbackId: callbackId })).catch((e) => e);
    expect(closed.name).toBe('CallbackTimeoutException');

    const listed = await lambda.send(new ListDurableExecutionsByFunctionCommand({ FunctionName: 'workflow' }));
    expect(listed.DurableExecutions?.map((e) => [e.DurableExecutionName, e.Status])).toEqual([['order-1', 'SUCCEEDED']]);
    const onlyRunning = await lambda.send(new ListDurableExecutionsByFunctionCommand({ FunctionName: 'workflow', Statuses: ['RUNNING'] }));
    expect(onlyRunning.DurableExecutions).toEqual([]);

    const again = await lambda.send(new InvokeCommand({ FunctionName: 'workflow', DurableExecutionName: 'order-1', Payload: encode({ n: 1 }) })).catch((e) => e);
    expect(again.name).toBe('DurableExecutionAlreadyStartedException');
  });

  it('fails the execution with the callback failure, and checks checkpoint tokens', async () => {
    const arn = await start('order-2', 1);
    const stale = await lambda
      .send(new CheckpointDurableExecutionCommand({ DurableExecutionArn: arn, CheckpointToken: 'c3RhbGU=', Updates: [{ Id: 'x', Type: 'STEP', Action: 'START' }] }))
      .catch((e) => e);
    expect(stale.name).toBe('InvalidParameterValueException');
    const badState = await lambda.send(new GetDurableExecutionStateCommand({ DurableExecutionArn: arn, CheckpointToken: 'c3RhbGU=' })).catch((e) => e);
    expect(badState.name).toBe('InvalidParameterValueException');

    await lambda.send(new SendDurableExecutionCallbackFailureCommand({ CallbackId: await callbackIdOf(arn), Error: { ErrorType: 'No', ErrorMessage: 'manager said no' } }));
    await eventually(async () => {
      const done = await lambda.send(new GetDurableExecutionCommand({ DurableExecutionArn: arn }));
      expect(done.Status).toBe('FAILED');
      expect(done.Error).toEqual({ ErrorType: 'Rejected', ErrorMessage: 'manager said no' });
    });
  });

  it('invokes a PENDING execution again when its wait ends and when a retried step is due', async () => {
    // A step that fails once (RETRY in 1 s), then a 2 s wait; each invocation is counted by the handler.
    await createNodeFunction(lambda, 'timed', {
      'index.js': `const { LambdaClient, CheckpointDurableExecutionCommand } = require('@aws-sdk/client-lambda');
      exports.handler = async (event) => {
        const lambda = new LambdaClient({});
        let token = event.CheckpointToken;
        const ops = Object.fromEntries(event.InitialExecutionState.Operations.map((o) => [o.Id, o]));
        const send = async (u) => { token = (await lambda.send(new CheckpointDurableExecutionCommand({ DurableExecutionArn: event.DurableExecutionArn, CheckpointToken: token, Updates: [u] }))).CheckpointToken; };
        const step = ops.flaky;
        if (!step) {
          await send({ Id: 'flaky', Type: 'STEP', Action: 'START' });
          await send({ Id: 'flaky', Type: 'STEP', Action: 'RETRY', Error: { ErrorMessage: 'first try' }, StepOptions: { NextAttemptDelaySeconds: 1 } });
          return { Status: 'PENDING' };
        }
        if (step.Status === 'READY') await send({ Id: 'flaky', Type: 'STEP', Action: 'SUCCEED', Payload: String(step.StepDetails.Attempt) });
        if (!ops.nap) {
          await send({ Id: 'nap', Type: 'WAIT', Action: 'START', WaitOptions: { WaitSeconds: 2 } });
          return { Status: 'PENDING' };
        }
        return { Status: ops.nap.Status === 'SUCCEEDED' ? 'SUCCEEDED' : 'FAILED', Result: 'attempts=' + (step.StepDetails.Result ?? step.StepDetails.Attempt) };
      };`,
    }, { DurableConfig: { ExecutionTimeout: 60 } });
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'timed', Payload: encode({}) }));
    const arn = out.DurableExecutionArn as string;
    const status = async () => (await lambda.send(new GetDurableExecutionCommand({ DurableExecutionArn: arn }))).Status;
    expect(await status()).toBe('RUNNING');
    await eventually(async () => expect(await status()).toBe('SUCCEEDED'), 8000);
    const done = await lambda.send(new GetDurableExecutionCommand({ DurableExecutionArn: arn }));
    expect(done.Result).toBe('attempts=2');
    const { Events } = await lambda.send(new GetDurableExecutionHistoryCommand({ DurableExecutionArn: arn }));
    expect(Events?.map((e) => e.EventType)).toEqual([
      'ExecutionStarted',
      'StepStarted',
      'StepFailed',
      'InvocationCompleted',
      'StepSucceeded',
      'WaitStarted',
      'InvocationCompleted',
      'WaitSucceeded',
      'InvocationCompleted',
      'ExecutionSucceeded',
    ]);
    expect(Events?.[2].StepFailedDetails?.RetryDetails).toEqual({ CurrentAttempt: 1, NextAttemptDelaySeconds: 1 });
    expect(Events?.[5].WaitStartedDetails?.Duration).toBe(2);
  }, 15000);

  it('stops a running execution, after which its callbacks are closed', async () => {
    const arn = await start('order-3', 2);
    const { StopTimestamp } = await lambda.send(new StopDurableExecutionCommand({ DurableExecutionArn: arn, Error: { ErrorType: 'Cancelled', ErrorMessage: 'by operator' } }));
    expect(StopTimestamp).toBeInstanceOf(Date);
    const stopped = await lambda.send(new GetDurableExecutionCommand({ DurableExecutionArn: arn }));
    expect(stopped).toMatchObject({ Status: 'STOPPED', Error: { ErrorType: 'Cancelled', ErrorMessage: 'by operator' } });
    const late = await lambda.send(new SendDurableExecutionCallbackSuccessCommand({ CallbackId: await callbackIdOf(arn) })).catch((e) => e);
    expect(late.name).toBe('CallbackTimeoutException');
    const twice = await lambda.send(new StopDurableExecutionCommand({ DurableExecutionArn: arn })).catch((e) => e);
    expect(twice.name).toBe('InvalidParameterValueException');
    const missing = await lambda.send(new GetDurableExecutionCommand({ DurableExecutionArn: `${arn.slice(0, -36)}00000000-0000-0000-0000-000000000000` })).catch((e) => e);
    expect(missing.name).toBe('ResourceNotFoundException');
  });
});
