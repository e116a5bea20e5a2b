/**
 * The JSONata query language (QueryLanguage: "JSONata"): Arguments, Output,
 * Assign and variables, $states.input/result/errorOutput/context,
 * Choice Condition, Wait and Map Items expressions, Fail Error/Cause.
 */
import { useMockAws } from '../lifecycle';
import { createMachine, history, run, sfnClient, single } from './support';

describe('Step Functions JSONata', () => {
  const aws = useMockAws();
  const sfn = sfnClient();

  it('Output and Assign with variables across states (developer guide "Passing data between states with variables" style)', async () => {
    const arn = await createMachine(sfn, 'jsonata', {
      QueryLanguage: 'JSONata',
      StartAt: 'Total',
      States: {
        Total: {
          Type: 'Pass',
          Assign: { total: '{% $sum($states.input.items.price) %}', currency: 'EUR' },
          Output: { count: '{% $count($states.input.items) %}' },
          Next: 'Report',
        },
        Report: { Type: 'Pass', Output: '{% "Order of " & $string($states.input.count) & " items: " & $string($total) & " " & $currency %}', End: true },
      },
    });
    const out = await run(aws, sfn, arn, { items: [{ price: 3 }, { price: 4 }] });
    expect(out.result).toBe('Order of 2 items: 7 EUR');
  });

  it('Choice Condition with a rule-level Output, and Default', async () => {
    const arn = await createMachine(sfn, 'jchoice', {
      QueryLanguage: 'JSONata',
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.n > 10 %}', Next: 'Big', Output: { size: 'big' } }], Default: 'Small' },
        Big: { Type: 'Succeed' },
        Small: { Type: 'Pass', Output: { size: 'small' }, End: true },
      },
    });
    expect((await run(aws, sfn, arn, { n: 11 })).result).toEqual({ size: 'big' });
    expect((await run(aws, sfn, arn, { n: 1 })).result).toEqual({ size: 'small' });
  });

  it('Map with Items and ItemSelector reading $states.context.Map.Item', async () => {
    const arn = await createMachine(sfn, 'jmap', {
      QueryLanguage: 'JSONata',
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          Items: '{% $states.input.xs %}',
          ItemSelector: { i: '{% $states.context.Map.Item.Index %}', doubled: '{% $states.context.Map.Item.Value * 2 %}' },
          ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
          Output: '{% $states.result.doubled %}',
          End: true,
        },
      },
    });
    expect((await run(aws, sfn, arn, { xs: [1, 2, 3] })).result).toEqual([2, 4, 6]);
  });

  it('Wait Seconds from an expression; Fail Error and Cause from expressions', async () => {
    jest.useFakeTimers();
    const arn = await createMachine(sfn, 'jwait', {
      QueryLanguage: 'JSONata',
      StartAt: 'W',
      States: {
        W: { Type: 'Wait', Seconds: '{% $states.input.delay %}', Next: 'F' },
        F: { Type: 'Fail', Error: '{% "E" & $states.input.code %}', Cause: '{% "waited " & $string($states.input.delay) %}' },
      },
    });
    const started = await run(aws, sfn, arn, { delay: 30, code: 42 });
    expect(started.status).toBe('RUNNING');
    aws.clock.advance(30_000);
    await aws.settle();
    const events = await history(sfn, started.executionArn as string);
    expect(events.at(-1)?.executionFailedEventDetails).toEqual({ error: 'E42', cause: 'waited 30' });
  });

  it('a Catch exposes $states.errorOutput; an expression error is States.QueryEvaluationError', async () => {
    const arn = await createMachine(sfn, 'jcatch', {
      QueryLanguage: 'JSONata',
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Oops', Cause: 'because' } } }],
          Catch: [{ ErrorEquals: ['States.ALL'], Output: { caught: '{% $states.errorOutput.Error %}', input: '{% $states.input %}' }, Assign: { why: '{% $states.errorOutput.Cause %}' }, Next: 'After' }],
          End: true,
        },
        After: { Type: 'Pass', Output: { why: '{% $why %}', caught: '{% $states.input.caught %}' }, End: true },
      },
    });
    const out = await run(aws, sfn, arn, { a: 1 });
    expect(out.result).toMatchObject({ why: 'because', caught: 'Oops' });
    const bad = await createMachine(sfn, 'jbad', { QueryLanguage: 'JSONata', ...single({ Type: 'Pass', Output: '{% $number("x") + %}' }) });
    const res = await run(aws, sfn, bad);
    expect([res.status, res.error]).toEqual(['FAILED', 'States.QueryEvaluationError']);
  });

  it('JSONPath-only fields are refused in a JSONata state machine', async () => {
    await expect(createMachine(sfn, 'mixed', { QueryLanguage: 'JSONata', ...single({ Type: 'Pass', InputPath: '$.a' }) })).rejects.toMatchObject({
      name: 'InvalidDefinition',
      message: expect.stringContaining("SCHEMA_VALIDATION_FAILED: The field 'InputPath' is not supported by the JSONata query language at /States/S/InputPath"),
    });
  });
});
