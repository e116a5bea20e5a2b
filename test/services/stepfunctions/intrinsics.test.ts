/**
 * Every intrinsic function, evaluated in a Pass state's Parameters. The
 * expected values are the examples of the developer guide's "Intrinsic
 * functions in Amazon States Language for JSONPath workflows" page
 * (https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html)
 * where it gives one.
 */
import { useMockAws } from '../lifecycle';
import { createMachine, run, sfnClient, single } from './support';

describe('Step Functions intrinsic functions', () => {
  const aws = useMockAws();
  const sfn = sfnClient();
  let n = 0;

  async function evaluate(expr: string, input: unknown = {}) {
    const arn = await createMachine(sfn, `fn-${n++}`, single({ Type: 'Pass', Parameters: { 'v.$': expr } }));
    const out = await run(aws, sfn, arn, input);
    if (out.status !== 'SUCCEEDED') return { error: out.error, cause: out.cause };
    return out.result.v;
  }

  it('States.Format, with escaped braces and quotes', async () => {
    expect(await evaluate("States.Format('Hello, my name is {}.', $.name)", { name: 'Arnav' })).toBe('Hello, my name is Arnav.');
    expect(await evaluate("States.Format('{} and \\\\{literal\\\\} and it\\'s {}', $.a, $.b)", { a: 1, b: [true] })).toBe("1 and {literal} and it's [true]");
    expect(await evaluate("States.Format('{} {}', $.a)", { a: 1 })).toMatchObject({ error: 'States.IntrinsicFailure' });
  });

  it('States.StringToJson and States.JsonToString', async () => {
    expect(await evaluate('States.StringToJson($.escapedJsonString)', { escapedJsonString: '{"foo": "bar"}' })).toEqual({ foo: 'bar' });
    expect(await evaluate('States.JsonToString($.unescapedJson)', { unescapedJson: { foo: 'bar' } })).toBe('{"foo":"bar"}');
    expect(await evaluate('States.StringToJson($.bad)', { bad: '{nope' })).toMatchObject({ error: 'States.IntrinsicFailure' });
  });

  it('the array functions', async () => {
    expect(await evaluate("States.Array('Foo', 2020, $.someJson, null)", { someJson: { random: 'abcdefg' } })).toEqual(['Foo', 2020, { random: 'abcdefg' }, null]);
    expect(await evaluate('States.ArrayPartition($.inputArray, 4)', { inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9] })).toEqual([[1, 2, 3, 4], [5, 6, 7, 8], [9]]);
    expect(await evaluate('States.ArrayContains($.inputArray, $.lookingFor)', { inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9], lookingFor: 5 })).toBe(true);
    expect(await evaluate('States.ArrayRange(1, 9, 2)')).toEqual([1, 3, 5, 7, 9]);
    expect(await evaluate('States.ArrayGetItem($.inputArray, $.index)', { inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9], index: 5 })).toBe(6);
    expect(await evaluate('States.ArrayGetItem($.a, 3)', { a: [1] })).toMatchObject({ error: 'States.IntrinsicFailure' });
    expect(await evaluate('States.ArrayLength($.inputArray)', { inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9] })).toBe(9);
    expect(await evaluate('States.ArrayUnique($.inputArray)', { inputArray: [1, 2, 3, 3, 3, 3, 3, 3, 4] })).toEqual([1, 2, 3, 4]);
  });

  it('Base64, Hash, JsonMerge, MathRandom, MathAdd, StringSplit, UUID', async () => {
    expect(await evaluate('States.Base64Encode($.input)', { input: 'Data to encode' })).toBe('RGF0YSB0byBlbmNvZGU=');
    expect(await evaluate('States.Base64Decode($.base64)', { base64: 'RGF0YSB0byBlbmNvZGU=' })).toBe('Data to encode');
    expect(await evaluate("States.Hash($.Data, $.Algorithm)", { Data: 'input data', Algorithm: 'SHA-1' })).toBe('aaff4a450a104cd177d28d18d74485e8cae074b7');
    expect(await evaluate("States.Hash('x', 'SHA-999')")).toMatchObject({ error: 'States.IntrinsicFailure' });
    expect(await evaluate('States.JsonMerge($.json1, $.json2, false)', { json1: { a: { a1: 1, a2: 2 }, b: 2 }, json2: { a: { a3: 1, a4: 2 }, c: 3 } })).toEqual({ a: { a3: 1, a4: 2 }, b: 2, c: 3 });
    const r = await evaluate('States.MathRandom($.start, $.end)', { start: 1, end: 999 });
    expect(r).toBeGreaterThanOrEqual(1);
    expect(r).toBeLessThan(999);
    expect(await evaluate('States.MathAdd($.value1, $.step)', { value1: 111, step: -1 })).toBe(110);
    expect(await evaluate('States.MathAdd(1.5, 1)')).toMatchObject({ error: 'States.IntrinsicFailure' });
    expect(await evaluate('States.StringSplit($.inputString, $.splitter)', { inputString: '1,2,3,4,5', splitter: ',' })).toEqual(['1', '2', '3', '4', '5']);
    expect(await evaluate('States.StringSplit($.inputString, $.splitter)', { inputString: 'This.is+a,test=string', splitter: '.+,=' })).toEqual(['This', 'is', 'a', 'test', 'string']);
    expect(await evaluate('States.UUID()')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('nested calls and context paths as arguments', async () => {
    expect(await evaluate("States.ArrayLength(States.StringSplit(States.Format('{}-{}', $.a, $$.Execution.Name), '-'))", { a: 'x' })).toBe(6);
  });
});
