/**
 * The state types of the Amazon States Language, run by the interpreter,
 * with the JSONPath query language: Pass, Wait, Choice, Succeed, Fail,
 * Parallel, Map, and input/output processing.
 */
import { DescribeMapRunCommand, ListMapRunsCommand, UpdateMapRunCommand } from '@aws-sdk/client-sfn';
import { useMockAws } from '../lifecycle';
import { createMachine, history, run, sfnClient, single, types } from './support';

describe('Step Functions states (JSONPath)', () => {
  const aws = useMockAws();
  const sfn = sfnClient();

  it('Pass with Result, ResultPath and OutputPath; history events with ids and previous ids', async () => {
    const arn = await createMachine(sfn, 'pass', single({ Type: 'Pass', Result: { x: 1 }, ResultPath: '$.r', OutputPath: '$.r' }));
    const out = await run(aws, sfn, arn, { a: 1 });
    expect(out.status).toBe('SUCCEEDED');
    expect(out.result).toEqual({ x: 1 });
    const events = await history(sfn, out.executionArn as string);
    expect(types(events)).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
    expect(events.map((e) => [e.id, e.previousEventId])).toEqual([[1, 0], [2, 1], [3, 2], [4, 3]]);
    expect(events[1].stateEnteredEventDetails).toEqual({ name: 'S', input: '{"a":1}' });
  });

  // Developer guide, "Specifying state output using ResultPath": the result of the
  // HelloWorld example placed under $.taskresult next to the input.
  it('ResultPath keeps the input and adds the result (developer guide example)', async () => {
    const arn = await createMachine(sfn, 'rp', single({ Type: 'Pass', Result: 'Hello, AWS Step Functions!', ResultPath: '$.taskresult' }));
    const out = await run(aws, sfn, arn, { comment: 'This is a test of the input and output of a Task state.', details: 'Default example', who: 'AWS Step Functions' });
    expect(out.result).toEqual({
      comment: 'This is a test of the input and output of a Task state.',
      details: 'Default example',
      who: 'AWS Step Functions',
      taskresult: 'Hello, AWS Step Functions!',
    });
  });

  it('InputPath, Parameters with paths, context object and intrinsic functions; ResultPath null discards', async () => {
    const arn = await createMachine(sfn, 'params', {
      StartAt: 'A',
      States: {
        A: {
          Type: 'Pass',
          InputPath: '$.order',
          Parameters: { 'id.$': '$.id', fixed: 'x', 'name.$': '$$.Execution.Name', 'greeting.$': "States.Format('Order {} of {}', $.id, $.customer)", nested: { 'first.$': '$.items[0]' } },
          ResultPath: '$.shaped',
          Next: 'B',
        },
        B: { Type: 'Pass', Result: 'ignored', ResultPath: null, End: true },
      },
    });
    const out = await run(aws, sfn, arn, { order: { id: 7, customer: 'ann', items: ['pen', 'ink'] } }, 'exec-1');
    expect(out.result.shaped).toEqual({ id: 7, fixed: 'x', name: 'exec-1', greeting: 'Order 7 of ann', nested: { first: 'pen' } });
    expect(out.result.order.id).toBe(7);
  });

  it('Paths select with wildcards, deep scans, slices, unions and filters (answered as arrays)', async () => {
    const arn = await createMachine(sfn, 'paths', single({
      Type: 'Pass',
      Parameters: {
        'all.$': '$.items[*].sku',
        'deep.$': '$..price',
        'firstTwo.$': '$.items[0:2].sku',
        'picked.$': "$.items[0,2].sku",
        'cheap.$': '$.items[?(@.price < 10)].sku',
        'tagged.$': "$.items[?(@.tag == 'sale' && @.price > 1)].sku",
        'last.$': '$.items[-1:].sku',
      },
    }));
    const items = [{ sku: 'a', price: 5, tag: 'sale' }, { sku: 'b', price: 15 }, { sku: 'c', price: 1, tag: 'sale' }];
    expect((await run(aws, sfn, arn, { items })).result).toEqual({
      all: ['a', 'b', 'c'],
      deep: [5, 15, 1],
      firstTwo: ['a', 'b'],
      picked: ['a', 'c'],
      cheap: ['a', 'c'],
      tagged: ['a'],
      last: ['c'],
    });
  });

  it('an output over 256 KiB fails the execution with States.DataLimitExceeded, which no catcher takes', async () => {
    const arn = await createMachine(sfn, 'big', {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'Grow', States: { Grow: { Type: 'Pass', Parameters: { 'a.$': '$.s', 'b.$': '$.s' }, End: true } } }],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
          End: true,
        },
        Caught: { Type: 'Succeed' },
      },
    });
    const out = await run(aws, sfn, arn, { s: 'x'.repeat(140_000) });
    expect([out.status, out.error]).toEqual(['FAILED', 'States.DataLimitExceeded']);
  });

  it('a path that names nothing fails the execution with States.Runtime', async () => {
    const arn = await createMachine(sfn, 'missing', single({ Type: 'Pass', InputPath: '$.nope' }));
    const out = await run(aws, sfn, arn, { a: 1 });
    expect(out.status).toBe('FAILED');
    expect(out.error).toBe('States.Runtime');
    expect(out.cause).toContain("The JSONPath '$.nope' specified for the field 'InputPath' could not be found in the input '{\"a\":1}'");
  });

  it('Choice with every family of comparison, And/Or/Not, Default, and States.NoChoiceMatched', async () => {
    const route = (rules: object[], withDefault = true) => ({
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: rules.map((r, i) => ({ ...r, Next: `R${i}` })), ...(withDefault ? { Default: 'D' } : {}) },
        ...Object.fromEntries(rules.map((_, i) => [`R${i}`, { Type: 'Pass', Result: `rule ${i}`, End: true }])),
        D: { Type: 'Pass', Result: 'default', End: true },
      },
    });
    const rules = [
      { Variable: '$.s', StringEquals: 'x' },
      { Variable: '$.s', StringMatches: 'log-*.txt' },
      { And: [{ Variable: '$.n', NumericGreaterThanEquals: 10 }, { Variable: '$.n', NumericLessThan: 20 }] },
      { Or: [{ Variable: '$.b', BooleanEquals: true }, { Variable: '$.t', TimestampLessThan: '2020-01-01T00:00:00Z' }] },
      { Variable: '$.s', IsString: false },
      { Variable: '$.n', NumericEqualsPath: '$.m' },
      { Variable: '$.v', IsNull: true },
      { Variable: '$.s', StringGreaterThanPath: '$.other' },
    ];
    const arn = await createMachine(sfn, 'choice', route(rules));
    // every rule reads fields that must be there (a missing one is a States.Runtime failure)
    const base = { s: 'q', n: 0, m: -1, b: false, t: '2021-01-01T00:00:00Z', v: 1, other: 'zzz' };
    const pick = async (input: object) => (await run(aws, sfn, arn, { ...base, ...input })).result;
    expect(await pick({ s: 'x' })).toBe('rule 0');
    expect(await pick({ s: 'log-1.txt' })).toBe('rule 1');
    expect(await pick({ n: 15 })).toBe('rule 2');
    expect(await pick({ n: 20 })).toBe('default');
    expect(await pick({ t: '2019-05-01T10:00:00Z' })).toBe('rule 3');
    expect(await pick({ b: true })).toBe('rule 3');
    expect(await pick({ s: 5 })).toBe('rule 4');
    expect(await pick({ n: 3, m: 3 })).toBe('rule 5');
    expect(await pick({ v: null })).toBe('rule 6');
    expect(await pick({ other: 'a' })).toBe('rule 7');
    expect(await pick({})).toBe('default');
    const strict = await createMachine(sfn, 'strict', route([{ Variable: '$.s', StringEquals: 'x' }], false));
    const out = await run(aws, sfn, strict, { s: 'y' });
    expect(out.status).toBe('FAILED');
    expect(out.error).toBe('States.NoChoiceMatched');
    // a comparison on a field that is not there fails the execution; IsPresent tests for it
    expect((await run(aws, sfn, strict, {})).error).toBe('States.Runtime');
    const present = await createMachine(sfn, 'present', route([{ Not: { Variable: '$.s', IsPresent: true } }]));
    expect((await run(aws, sfn, present, {})).result).toBe('rule 0');
    expect((await run(aws, sfn, present, { s: 1 })).result).toBe('default');
  });

  it('Wait with Seconds, SecondsPath, Timestamp and TimestampPath runs on the clock (fake timers)', async () => {
    jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
    const arn = await createMachine(sfn, 'wait', {
      StartAt: 'W1',
      States: {
        W1: { Type: 'Wait', Seconds: 3600, Next: 'W2' },
        W2: { Type: 'Wait', SecondsPath: '$.delay', Next: 'W3' },
        W3: { Type: 'Wait', Timestamp: '2030-01-01T02:00:00Z', Next: 'W4' },
        W4: { Type: 'Wait', TimestampPath: '$.until', End: true },
      },
    });
    const started = await run(aws, sfn, arn, { delay: 60, until: '2030-01-02T00:00:00Z' });
    expect(started.status).toBe('RUNNING');
    aws.clock.advance(3600_000);
    await aws.settle();
    aws.clock.advance(60_000);
    await aws.settle();
    const events = await history(sfn, started.executionArn as string);
    expect(types(events).filter((t) => t === 'WaitStateExited')).toHaveLength(2);
    aws.clock.advance(59 * 60_000); // W3 until 02:00
    await aws.settle();
    aws.clock.advance(22 * 3600_000);
    await aws.settle();
    const past = await createMachine(sfn, 'past', single({ Type: 'Wait', TimestampPath: '$.until' }));
    expect((await run(aws, sfn, past, { until: '2029-01-01T00:00:00Z' })).status).toBe('SUCCEEDED'); // past timestamps do not wait
    const first = (await history(sfn, started.executionArn as string)).pop();
    expect(first?.type).toBe('ExecutionSucceeded');
    expect(first?.timestamp?.toISOString()).toBe('2030-01-02T00:00:00.000Z');
  });

  it('Succeed and Fail (Error/Cause, ErrorPath/CausePath with an intrinsic function)', async () => {
    const ok = await createMachine(sfn, 'ok', { StartAt: 'S', States: { S: { Type: 'Succeed', InputPath: '$.keep' } } });
    expect((await run(aws, sfn, ok, { keep: { a: 1 }, drop: 2 })).result).toEqual({ a: 1 });
    const fail = await createMachine(sfn, 'fail', { StartAt: 'F', States: { F: { Type: 'Fail', ErrorPath: '$.code', CausePath: "States.Format('bad order {}', $.id)" } } });
    const out = await run(aws, sfn, fail, { code: 'OrderError', id: 9 });
    expect([out.status, out.error, out.cause]).toEqual(['FAILED', 'OrderError', 'bad order 9']);
    const events = await history(sfn, out.executionArn as string);
    expect(types(events)).toEqual(['ExecutionStarted', 'FailStateEntered', 'ExecutionFailed']);
    expect(events[2].executionFailedEventDetails).toEqual({ error: 'OrderError', cause: 'bad order 9' });
  });

  it('Parallel runs every branch on the same input and collects their outputs in order', async () => {
    const arn = await createMachine(sfn, 'par', {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Wait', Seconds: 5, Next: 'A2' }, A2: { Type: 'Pass', Parameters: { 'a.$': '$.x' }, End: true } } },
            { StartAt: 'B', States: { B: { Type: 'Pass', Result: 'b', End: true } } },
          ],
          ResultSelector: { 'first.$': '$[0].a', 'second.$': '$[1]' },
          End: true,
        },
      },
    });
    jest.useFakeTimers();
    const started = await run(aws, sfn, arn, { x: 42 });
    expect(started.status).toBe('RUNNING');
    aws.clock.advance(5000);
    await aws.settle();
    const events = await history(sfn, started.executionArn as string);
    expect(events.at(-1)?.type).toBe('ExecutionSucceeded');
    expect(JSON.parse(events.at(-1)?.executionSucceededEventDetails?.output as string)).toEqual({ first: 42, second: 'b' });
    expect(types(events)).toContain('ParallelStateStarted');
    expect(types(events)).toContain('ParallelStateSucceeded');
    // the branch's first event follows ParallelStateStarted
    const startedId = events.find((e) => e.type === 'ParallelStateStarted')?.id;
    expect(events.filter((e) => e.previousEventId === startedId).map((e) => e.type).sort()).toEqual(['PassStateEntered', 'WaitStateEntered']);
  });

  it('a failing branch fails the Parallel, which can catch it', async () => {
    const arn = await createMachine(sfn, 'par-fail', {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Boom', Cause: 'branch 0' } } }, { StartAt: 'B', States: { B: { Type: 'Pass', End: true } } }],
          Catch: [{ ErrorEquals: ['Boom'], ResultPath: '$.error', Next: 'Handled' }],
          End: true,
        },
        Handled: { Type: 'Pass', End: true },
      },
    });
    const out = await run(aws, sfn, arn, { k: 1 });
    expect(out.status).toBe('SUCCEEDED');
    expect(out.result).toEqual({ k: 1, error: { Error: 'Boom', Cause: 'branch 0' } });
    expect(types(await history(sfn, out.executionArn as string))).toContain('ParallelStateFailed');
  });

  it('Map: ItemsPath, ItemSelector with $$.Map.Item, MaxConcurrency; iteration events', async () => {
    const arn = await createMachine(sfn, 'map', {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemsPath: '$.items',
          MaxConcurrency: 1,
          ItemSelector: { 'index.$': '$$.Map.Item.Index', 'value.$': '$$.Map.Item.Value', 'tax.$': '$.tax' },
          ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'Price', States: { Price: { Type: 'Pass', Parameters: { 'i.$': '$.index', 'total.$': 'States.MathAdd($.value.price, $.tax)' }, End: true } } },
          ResultPath: '$.priced',
          End: true,
        },
      },
    });
    const out = await run(aws, sfn, arn, { tax: 1, items: [{ price: 10 }, { price: 20 }, { price: 30 }] });
    expect(out.result.priced).toEqual([{ i: 0, total: 11 }, { i: 1, total: 21 }, { i: 2, total: 31 }]);
    const events = await history(sfn, out.executionArn as string);
    expect(events.find((e) => e.type === 'MapStateStarted')?.mapStateStartedEventDetails).toEqual({ length: 3 });
    expect(events.filter((e) => e.type === 'MapIterationSucceeded').map((e) => e.mapIterationSucceededEventDetails)).toEqual([
      { name: 'M', index: 0 },
      { name: 'M', index: 1 },
      { name: 'M', index: 2 },
    ]);
  });

  it('Map over a non-array fails with States.Runtime; a failed iteration fails the Map', async () => {
    const bad = await createMachine(sfn, 'map-bad', single({ Type: 'Map', ItemsPath: '$.x', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } } }));
    const out = await run(aws, sfn, bad, { x: 5 });
    expect([out.status, out.error]).toEqual(['FAILED', 'States.Runtime']);
    const failing = await createMachine(sfn, 'map-fail', single({ Type: 'Map', ItemProcessor: { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$', NumericEquals: 2, Next: 'F' }], Default: 'P' }, P: { Type: 'Pass', End: true }, F: { Type: 'Fail', Error: 'Two' } } } }));
    const res = await run(aws, sfn, failing, [1, 2, 3]);
    expect([res.status, res.error]).toEqual(['FAILED', 'Two']);
    expect(types(await history(sfn, res.executionArn as string))).toContain('MapIterationFailed');
  });

  it('distributed Map tolerates failures up to ToleratedFailureCount, then fails with States.ExceedToleratedFailureThreshold', async () => {
    const def = (count: number) =>
      single({
        Type: 'Map',
        ToleratedFailureCount: count,
        ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$', NumericGreaterThan: 1, Next: 'F' }], Default: 'P' }, P: { Type: 'Pass', End: true }, F: { Type: 'Fail', Error: 'Big' } } },
      });
    const lenient = await run(aws, sfn, await createMachine(sfn, 'dist-ok', def(2)), [1, 2, 3]);
    expect(lenient.status).toBe('SUCCEEDED');
    expect(lenient.result).toEqual([1, null, null]);
    const strict = await run(aws, sfn, await createMachine(sfn, 'dist-bad', def(1)), [1, 2, 3]);
    expect([strict.status, strict.error]).toEqual(['FAILED', 'States.ExceedToleratedFailureThreshold']);
    // the map runs, as DescribeMapRun and ListMapRuns show them
    const runs = await sfn.send(new ListMapRunsCommand({ executionArn: lenient.executionArn }));
    expect(runs.mapRuns).toHaveLength(1);
    const mapRunArn = runs.mapRuns?.[0].mapRunArn as string;
    expect(mapRunArn).toMatch(/^arn:aws:states:us-east-1:123456789012:mapRun:dist-ok\/S:/);
    const described = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    expect(described).toMatchObject({ status: 'SUCCEEDED', toleratedFailureCount: 2, itemCounts: { total: 3, succeeded: 1, failed: 2, pending: 0, running: 0 } });
    await sfn.send(new UpdateMapRunCommand({ mapRunArn, maxConcurrency: 5 }));
    expect((await sfn.send(new DescribeMapRunCommand({ mapRunArn }))).maxConcurrency).toBe(5);
    await expect(sfn.send(new UpdateMapRunCommand({ mapRunArn }))).rejects.toMatchObject({ name: 'ValidationException' });
    const failedRun = (await sfn.send(new ListMapRunsCommand({ executionArn: strict.executionArn }))).mapRuns?.[0].mapRunArn;
    expect((await sfn.send(new DescribeMapRunCommand({ mapRunArn: failedRun }))).status).toBe('FAILED');
  });

  it('variables: Assign in JSONPath, read as $name in later states', async () => {
    const arn = await createMachine(sfn, 'vars', {
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { 'orderId.$': '$.id', constant: 5 }, Next: 'B' },
        B: { Type: 'Pass', Parameters: { 'id.$': '$orderId', 'c.$': '$constant' }, End: true },
      },
    });
    expect((await run(aws, sfn, arn, { id: 'o-1' })).result).toEqual({ id: 'o-1', c: 5 });
  });

  it('execution TimeoutSeconds ends a long wait with ExecutionTimedOut', async () => {
    jest.useFakeTimers();
    const arn = await createMachine(sfn, 'slow', { TimeoutSeconds: 10, StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 100, End: true } } });
    const started = await run(aws, sfn, arn);
    aws.clock.advance(10_000);
    await aws.settle();
    const events = await history(sfn, started.executionArn as string);
    expect(events.at(-1)?.type).toBe('ExecutionTimedOut');
    const { describe } = await import('./support');
    const d = await describe(sfn, started.executionArn as string);
    expect([d.status, d.error]).toEqual(['TIMED_OUT', 'States.Timeout']);
  });
});

describe('Step Functions data with awkward keys', () => {
  const aws = useMockAws();
  const sfn = sfnClient();

  it('__proto__ and constructor are ordinary keys in templates and result paths', async () => {
    const arn = await createMachine(sfn, 'proto', {
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Parameters: { '__proto__.$': '$.v', constructor: 1 }, ResultPath: '$.__proto__', End: true },
      },
    });
    const out = await run(aws, sfn, arn, { v: 'x' });
    expect(out.status).toBe('SUCCEEDED');
    expect(out.output).toBe('{"v":"x","__proto__":{"__proto__":"x","constructor":1}}');
    expect(({} as Record<string, unknown>).v).toBeUndefined();
  });
});
