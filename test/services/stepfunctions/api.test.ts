/**
 * The Step Functions API around the interpreter: state machines and their
 * definition checks, versions and aliases, tags, executions (start, list,
 * stop, history, sync, redrive), activities, logging to CloudWatch Logs —
 * with AWS's error names and messages.
 */
import { CloudWatchLogsClient, CreateLogGroupCommand, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateActivityCommand,
  CreateStateMachineAliasCommand,
  CreateStateMachineCommand,
  DeleteActivityCommand,
  DeleteStateMachineCommand,
  DeleteStateMachineVersionCommand,
  DescribeActivityCommand,
  DescribeStateMachineAliasCommand,
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  ListActivitiesCommand,
  ListExecutionsCommand,
  ListStateMachineAliasesCommand,
  ListStateMachinesCommand,
  ListStateMachineVersionsCommand,
  ListTagsForResourceCommand,
  PublishStateMachineVersionCommand,
  RedriveExecutionCommand,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StopExecutionCommand,
  TagResourceCommand,
  TestStateCommand,
  UntagResourceCommand,
  UpdateStateMachineAliasCommand,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
} from '@aws-sdk/client-sfn';
import { useMockAws } from '../lifecycle';
import { createMachine, describe as describeExec, history, ROLE, run, sfnClient, single, types } from './support';

const PASS = single({ Type: 'Pass' });

describe('Step Functions API', () => {
  const aws = useMockAws();
  const sfn = sfnClient();

  it('CreateStateMachine: names, definition diagnostics, idempotence, conflicts; Describe and List', async () => {
    await expect(createMachine(sfn, 'bad name', PASS)).rejects.toMatchObject({ name: 'InvalidName', message: "Invalid Name: 'bad name'" });
    await expect(sfn.send(new CreateStateMachineCommand({ name: 'r', definition: JSON.stringify(PASS), roleArn: 'arn:aws:iam::123456789012:user/bob' }))).rejects.toMatchObject({ name: 'InvalidArn' });
    await expect(createMachine(sfn, 'm', { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, C: { Type: 'Succeed' } } })).rejects.toMatchObject({
      name: 'InvalidDefinition',
      message: "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /States/A/Next'",
      $metadata: { httpStatusCode: 400 },
    });
    await expect(sfn.send(new CreateStateMachineCommand({ name: 'm', definition: '{nope', roleArn: ROLE }))).rejects.toMatchObject({ name: 'InvalidDefinition', message: expect.stringContaining('INVALID_JSON_DESCRIPTION') });
    const arn = await createMachine(sfn, 'm', PASS);
    expect(arn).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:m');
    expect(await createMachine(sfn, 'm', PASS)).toBe(arn); // same definition and role: idempotent
    await expect(createMachine(sfn, 'm', single({ Type: 'Pass', Result: 2 }))).rejects.toMatchObject({ name: 'StateMachineAlreadyExists', message: `State Machine Already Exists: '${arn}'` });
    const d = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
    expect(d).toMatchObject({ name: 'm', status: 'ACTIVE', type: 'STANDARD', roleArn: ROLE, definition: JSON.stringify(PASS), loggingConfiguration: { level: 'OFF', includeExecutionData: false } });
    await expect(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: `${arn}-x` }))).rejects.toMatchObject({ name: 'StateMachineDoesNotExist', message: `State Machine Does Not Exist: '${arn}-x'` });
    await expect(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: 'arn:aws:sqs:us-east-1:123456789012:q' }))).rejects.toMatchObject({ name: 'InvalidArn' });
    await createMachine(sfn, 'n', PASS);
    await createMachine(sfn, 'o', PASS);
    const first = await sfn.send(new ListStateMachinesCommand({ maxResults: 2 }));
    expect(first.stateMachines?.map((m) => m.name)).toEqual(['m', 'n']);
    const second = await sfn.send(new ListStateMachinesCommand({ maxResults: 2, nextToken: first.nextToken }));
    expect([second.stateMachines?.map((m) => m.name), second.nextToken]).toEqual([['o'], undefined]);
    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn: arn }));
    await expect(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }))).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
  });

  it('ValidateStateMachineDefinition: OK, FAIL with codes and locations, warnings on request', async () => {
    const ok = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: JSON.stringify(PASS) }));
    expect(ok).toMatchObject({ result: 'OK', diagnostics: [] });
    const bad = await sfn.send(
      new ValidateStateMachineDefinitionCommand({
        definition: JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Task', Resource: 'not-an-arn', Next: 'Gone' }, B: { Type: 'Nope' } } }),
      }),
    );
    expect(bad.result).toBe('FAIL');
    expect(bad.diagnostics?.map((d) => [d.severity, d.code, d.location])).toEqual(
      expect.arrayContaining([
        ['ERROR', 'MISSING_TRANSITION_TARGET', '/States/A/Next'],
        ['ERROR', 'INVALID_RESOURCE', '/States/A/Resource'],
        ['ERROR', 'SCHEMA_VALIDATION_FAILED', '/States/B/Type'],
        ['ERROR', 'MISSING_END_STATE', '/'],
      ]),
    );
    const json = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: '{' }));
    expect(json.diagnostics?.[0].code).toBe('INVALID_JSON_DESCRIPTION');
    const warned = { StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { id: '$.id' }, End: true } } };
    expect((await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: JSON.stringify(warned) }))).diagnostics).toEqual([]);
    const warnings = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: JSON.stringify(warned), severity: 'WARNING' }));
    expect(warnings).toMatchObject({ result: 'OK', diagnostics: [{ severity: 'WARNING', code: 'NO_DOLLAR', location: '/States/P/Parameters/id' }] });
  });

  it('versions and aliases: publish, list, route executions, refuse deleting a version an alias uses', async () => {
    const arn = await createMachine(sfn, 'v', single({ Type: 'Pass', Result: 'one' }), { publish: true, versionDescription: 'first' });
    const v1 = `${arn}:1`;
    await sfn.send(new UpdateStateMachineCommand({ stateMachineArn: arn, definition: JSON.stringify(single({ Type: 'Pass', Result: 'two' })) }));
    const { stateMachineVersionArn: v2 } = await sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn: arn }));
    expect(v2).toBe(`${arn}:2`);
    expect((await sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn: arn }))).stateMachineVersions?.map((v) => v.stateMachineVersionArn)).toEqual([v2, v1]);
    expect((await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: v1 }))).description).toBe('first');
    await expect(sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn: arn, revisionId: 'stale' }))).rejects.toMatchObject({ name: 'ConflictException' });

    const { stateMachineAliasArn } = await sfn.send(new CreateStateMachineAliasCommand({ name: 'prod', routingConfiguration: [{ stateMachineVersionArn: v1, weight: 100 }] }));
    expect(stateMachineAliasArn).toBe(`${arn}:prod`);
    await expect(sfn.send(new CreateStateMachineAliasCommand({ name: 'x', routingConfiguration: [{ stateMachineVersionArn: v1, weight: 50 }] }))).rejects.toMatchObject({ name: 'ValidationException' });
    const viaAlias = await run(aws, sfn, stateMachineAliasArn as string);
    expect(viaAlias).toMatchObject({ result: 'one', stateMachineAliasArn, stateMachineVersionArn: v1, stateMachineArn: arn });
    expect((await run(aws, sfn, v2 as string)).result).toBe('two');
    expect((await run(aws, sfn, arn)).result).toBe('two');
    await sfn.send(new UpdateStateMachineAliasCommand({ stateMachineAliasArn, routingConfiguration: [{ stateMachineVersionArn: v2, weight: 100 }] }));
    expect((await sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn }))).routingConfiguration).toEqual([{ stateMachineVersionArn: v2, weight: 100 }]);
    expect((await sfn.send(new ListStateMachineAliasesCommand({ stateMachineArn: arn }))).stateMachineAliases?.map((a) => a.stateMachineAliasArn)).toEqual([stateMachineAliasArn]);
    await expect(sfn.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: v2 }))).rejects.toMatchObject({ name: 'ConflictException' });
    await sfn.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: v1 }));
    expect((await sfn.send(new ListExecutionsCommand({ stateMachineArn: stateMachineAliasArn }))).executions).toHaveLength(1);
  });

  it('tags on state machines and activities', async () => {
    const arn = await createMachine(sfn, 't', PASS, { tags: [{ key: 'team', value: 'a' }] });
    await sfn.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'env', value: 'prod' }] }));
    await sfn.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['team'] }));
    expect((await sfn.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual([{ key: 'env', value: 'prod' }]);
    await expect(sfn.send(new ListTagsForResourceCommand({ resourceArn: `${arn}x` }))).rejects.toMatchObject({ name: 'ResourceNotFound' });
  });

  it('executions: names, input, idempotent restarts, listing with filters and pages, stop, history pages', async () => {
    jest.useFakeTimers();
    const arn = await createMachine(sfn, 'e', single({ Type: 'Wait', Seconds: 60 }));
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{bad' }))).rejects.toMatchObject({ name: 'InvalidExecutionInput' });
    const a = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'a', input: '{}' }));
    expect(a.executionArn).toBe('arn:aws:states:us-east-1:123456789012:execution:e:a');
    expect((await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'a', input: '{}' }))).executionArn).toBe(a.executionArn);
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'a', input: '{"x":1}' }))).rejects.toMatchObject({ name: 'ExecutionAlreadyExists', message: `Execution Already Exists: '${a.executionArn}'` });
    await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'b' }));
    await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'c' }));
    await aws.settle();
    const stopped = await sfn.send(new StopExecutionCommand({ executionArn: a.executionArn, error: 'Manual', cause: 'test' }));
    expect(stopped.stopDate).toBeInstanceOf(Date);
    const d = await describeExec(sfn, a.executionArn as string);
    expect([d.status, d.error, d.cause]).toEqual(['ABORTED', 'Manual', 'test']);
    expect((await history(sfn, a.executionArn as string)).at(-1)).toMatchObject({ type: 'ExecutionAborted', executionAbortedEventDetails: { error: 'Manual', cause: 'test' } });
    const running = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: 'RUNNING', maxResults: 1 }));
    expect(running.executions?.map((e) => e.name)).toEqual(['c']); // newest first
    const next = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: 'RUNNING', maxResults: 1, nextToken: running.nextToken }));
    expect([next.executions?.map((e) => e.name), next.nextToken]).toEqual([['b'], undefined]);
    aws.clock.advance(60_000);
    await aws.settle();
    const b = 'arn:aws:states:us-east-1:123456789012:execution:e:b';
    const page1 = await sfn.send(new GetExecutionHistoryCommand({ executionArn: b, maxResults: 2, reverseOrder: true }));
    expect(types(page1.events ?? [])).toEqual(['ExecutionSucceeded', 'WaitStateExited']);
    const page2 = await sfn.send(new GetExecutionHistoryCommand({ executionArn: b, maxResults: 2, reverseOrder: true, nextToken: page1.nextToken }));
    expect(types(page2.events ?? [])).toEqual(['WaitStateEntered', 'ExecutionStarted']);
    const noData = await sfn.send(new GetExecutionHistoryCommand({ executionArn: b, includeExecutionData: false }));
    expect(noData.events?.[0].executionStartedEventDetails).toEqual({ inputDetails: { truncated: false }, roleArn: ROLE });
    expect((await sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn: b }))).definition).toBe(JSON.stringify(single({ Type: 'Wait', Seconds: 60 })));
    await expect(sfn.send(new StopExecutionCommand({ executionArn: `${b}-x` }))).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
  });

  it('StartSyncExecution runs an EXPRESS machine to its end; STANDARD ones refuse it', async () => {
    const express = await createMachine(sfn, 'x', single({ Type: 'Pass', Parameters: { 'sum.$': 'States.MathAdd($.a, $.b)' } }), { type: 'EXPRESS' });
    const out = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn: express, input: '{"a":2,"b":3}' }));
    expect(out).toMatchObject({ status: 'SUCCEEDED', output: '{"sum":5}', stateMachineArn: express });
    expect(out.executionArn).toMatch(/^arn:aws:states:us-east-1:123456789012:express:x:/);
    const failing = await createMachine(sfn, 'xf', { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E', Cause: 'C' } } }, { type: 'EXPRESS' });
    expect(await sfn.send(new StartSyncExecutionCommand({ stateMachineArn: failing }))).toMatchObject({ status: 'FAILED', error: 'E', cause: 'C' });
    const standard = await createMachine(sfn, 's', PASS);
    await expect(sfn.send(new StartSyncExecutionCommand({ stateMachineArn: standard }))).rejects.toMatchObject({ name: 'StateMachineTypeNotSupported' });
  });

  it('RedriveExecution restarts a failed execution from the state that failed', async () => {
    const arn = await createMachine(sfn, 'r', {
      StartAt: 'Count',
      States: {
        Count: { Type: 'Pass', Result: 1, ResultPath: '$.n', Next: 'Check' },
        Check: { Type: 'Choice', Choices: [{ Variable: '$.ready', IsPresent: true, Next: 'Done' }], Default: 'NotYet' },
        NotYet: { Type: 'Fail', Error: 'NotReady' },
        Done: { Type: 'Succeed' },
      },
    });
    const failed = await run(aws, sfn, arn, {});
    expect(failed.status).toBe('FAILED');
    await expect(sfn.send(new RedriveExecutionCommand({ executionArn: failed.executionArn }))).resolves.toMatchObject({ redriveDate: expect.any(Date) });
    await aws.settle();
    const again = await describeExec(sfn, failed.executionArn as string);
    expect([again.status, again.redriveCount]).toEqual(['FAILED', 1]);
    expect(types(await history(sfn, failed.executionArn as string))).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ChoiceStateEntered', 'ChoiceStateExited', 'FailStateEntered', 'ExecutionFailed', 'ExecutionRedriven', 'FailStateEntered', 'ExecutionFailed']);
    const ok = await run(aws, sfn, arn, { ready: true });
    await expect(sfn.send(new RedriveExecutionCommand({ executionArn: ok.executionArn }))).rejects.toMatchObject({ name: 'ExecutionNotRedrivable' });
  });

  it('activities: create (idempotent), describe, list, delete', async () => {
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: 'work' }));
    expect(activityArn).toBe('arn:aws:states:us-east-1:123456789012:activity:work');
    expect((await sfn.send(new CreateActivityCommand({ name: 'work' }))).activityArn).toBe(activityArn);
    expect((await sfn.send(new DescribeActivityCommand({ activityArn }))).name).toBe('work');
    expect((await sfn.send(new ListActivitiesCommand({}))).activities?.map((a) => a.name)).toEqual(['work']);
    await sfn.send(new DeleteActivityCommand({ activityArn }));
    await expect(sfn.send(new DescribeActivityCommand({ activityArn }))).rejects.toMatchObject({ name: 'ActivityDoesNotExist', message: `Activity Does Not Exist: '${activityArn}'` });
  });

  it('logs execution history to CloudWatch Logs at level ALL', async () => {
    const logs = new CloudWatchLogsClient({ region: 'us-east-1' });
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/sfn/app' }));
    const arn = await createMachine(sfn, 'logged', PASS, {
      loggingConfiguration: { level: 'ALL', includeExecutionData: true, destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/sfn/app:*' } }] },
    });
    const out = await run(aws, sfn, arn, { hello: 1 });
    await new Promise((r) => setTimeout(r, 20));
    const events = await logs.send(new FilterLogEventsCommand({ logGroupName: '/sfn/app' }));
    const lines = (events.events ?? []).map((e) => JSON.parse(e.message as string));
    expect(lines.map((l) => l.type)).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
    expect(lines[0]).toMatchObject({ id: '1', previous_event_id: '0', execution_arn: out.executionArn, details: { input: '{"hello":1}' } });
    await expect(createMachine(sfn, 'nolog', PASS, { loggingConfiguration: { level: 'ALL' } })).rejects.toMatchObject({ name: 'InvalidLoggingConfiguration' });
  });
});

describe('Step Functions TestState', () => {
  const aws = useMockAws();
  const sfn = sfnClient();
  void aws;

  it('runs one state: output, next state, inspection data at DEBUG', async () => {
    const out = await sfn.send(
      new TestStateCommand({
        definition: JSON.stringify({ Type: 'Pass', InputPath: '$.order', Parameters: { 'id.$': '$.id' }, ResultPath: '$.picked', Next: 'Ship' }),
        input: JSON.stringify({ order: { id: 3 } }),
        inspectionLevel: 'DEBUG',
      }),
    );
    expect(out).toMatchObject({ status: 'SUCCEEDED', nextState: 'Ship', output: JSON.stringify({ order: { id: 3 }, picked: { id: 3 } }) });
    expect(out.inspectionData).toMatchObject({ input: '{"order":{"id":3}}', afterResultPath: JSON.stringify({ order: { id: 3 }, picked: { id: 3 } }) });
  });

  it('a Task with a mocked error: RETRIABLE when a retrier matches, CAUGHT_ERROR when a catcher does, FAILED otherwise', async () => {
    const task = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f' }, End: true };
    const mock = { errorOutput: { error: 'Lambda.ServiceException', cause: 'down' } };
    const retriable = await sfn.send(new TestStateCommand({ definition: JSON.stringify({ ...task, Retry: [{ ErrorEquals: ['Lambda.ServiceException'] }] }), mock }));
    expect(retriable).toMatchObject({ status: 'RETRIABLE', error: 'Lambda.ServiceException', cause: 'down' });
    const caught = await sfn.send(new TestStateCommand({ definition: JSON.stringify({ ...task, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Recover' }] }), mock }));
    expect(caught).toMatchObject({ status: 'CAUGHT_ERROR', nextState: 'Recover', output: JSON.stringify({ Error: 'Lambda.ServiceException', Cause: 'down' }) });
    const failed = await sfn.send(new TestStateCommand({ definition: JSON.stringify(task), mock }));
    expect(failed).toMatchObject({ status: 'FAILED', error: 'Lambda.ServiceException' });
    const ok = await sfn.send(new TestStateCommand({ definition: JSON.stringify({ ...task, ResultSelector: { 'v.$': '$.Payload' } }), mock: { result: JSON.stringify({ Payload: 7 }) } }));
    expect(ok).toMatchObject({ status: 'SUCCEEDED', output: '{"v":7}' });
    await expect(sfn.send(new TestStateCommand({ definition: JSON.stringify({ Type: 'Pass', Next: 'X', End: true }) }))).rejects.toMatchObject({ name: 'InvalidDefinition' });
  });
});
