import { GetItemCommand, PutItemCommand, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { useMockAws } from '../lifecycle';
import { client, createTable, errorOf } from './helpers';

describe('DynamoDB expression language', () => {
  useMockAws();
  const ddb = client();
  const key = { pk: { S: 'a' } };

  async function seed() {
    await createTable(ddb, 'exprs');
    await ddb.send(
      new PutItemCommand({
        TableName: 'exprs',
        Item: {
          pk: { S: 'a' },
          n: { N: '10' },
          s: { S: 'hello world' },
          tags: { SS: ['x', 'y'] },
          nums: { NS: ['1', '2'] },
          arr: { L: [{ N: '1' }, { N: '2' }, { N: '3' }] },
          doc: { M: { mid: { M: { deep: { S: 'v' } } } } },
        },
      }),
    );
  }

  const update = (UpdateExpression: string, values?: Record<string, any>, names?: Record<string, string>) =>
    ddb.send(
      new UpdateItemCommand({
        TableName: 'exprs',
        Key: key,
        UpdateExpression,
        ExpressionAttributeValues: values,
        ExpressionAttributeNames: names,
        ReturnValues: 'ALL_NEW',
      }),
    );

  it('applies SET with + and -, list_append, if_not_exists and nested paths', async () => {
    await seed();
    const out = await update(
      'SET n = n + :five, m2 = if_not_exists(m2, :zero) - :five, arr = list_append(arr, :more), doc.mid.deep = :d',
      { ':five': { N: '5' }, ':zero': { N: '0' }, ':more': { L: [{ N: '4' }] }, ':d': { S: 'new' } },
    );
    expect(out.Attributes?.n).toEqual({ N: '15' });
    expect(out.Attributes?.m2).toEqual({ N: '-5' });
    expect(out.Attributes?.arr).toEqual({ L: [{ N: '1' }, { N: '2' }, { N: '3' }, { N: '4' }] });
    expect(out.Attributes?.doc.M?.mid.M?.deep).toEqual({ S: 'new' });
  });

  it('REMOVEs attributes and arr elements, ADDs numbers and sets, DELETEs from sets', async () => {
    await seed();
    const out = await update('REMOVE s, arr[0], arr[2] ADD n :one, tags :t DELETE nums :rm', {
      ':one': { N: '1' },
      ':t': { SS: ['z'] },
      ':rm': { NS: ['1', '2'] },
    });
    expect(out.Attributes?.s).toBeUndefined();
    expect(out.Attributes?.arr).toEqual({ L: [{ N: '2' }] });
    expect(out.Attributes?.n).toEqual({ N: '11' });
    expect(out.Attributes?.tags.SS?.sort()).toEqual(['x', 'y', 'z']);
    expect(out.Attributes?.nums).toBeUndefined();
  });

  it('rejects reserved words unless aliased', async () => {
    await seed();
    const err = await errorOf(update('SET name = :v', { ':v': { S: 'x' } }));
    expect(err.name).toBe('ValidationException');
    expect(err.message).toBe('Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: name');
    const ok = await update('SET #n = :v', { ':v': { S: 'x' } }, { '#n': 'name' });
    expect(ok.Attributes?.name).toEqual({ S: 'x' });
  });

  it('rejects unused and undefined expression attributes', async () => {
    await seed();
    let err = await errorOf(update('SET n = :v', { ':v': { N: '1' }, ':unused': { N: '2' } }));
    expect(err.message).toBe('Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}');
    err = await errorOf(update('SET n = :v', { ':v': { N: '1' } }, { '#unused': 'x' }));
    expect(err.message).toBe('Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}');
    err = await errorOf(update('SET n = :missing', { ':v': { N: '1' } }));
    expect(err.message).toBe(
      'Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :missing',
    );
  });

  it('reports syntax errors with the token and the text near it', async () => {
    await seed();
    const err = await errorOf(update('INVALID SYNTAX'));
    expect(err.message).toBe('Invalid UpdateExpression: Syntax error; token: "INVALID", near: "INVALID SYNTAX"');
  });

  it('rejects updating a key attribute and overlapping paths', async () => {
    await seed();
    let err = await errorOf(update('SET pk = :v', { ':v': { S: 'b' } }));
    expect(err.message).toBe('One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key');
    err = await errorOf(update('SET doc = :v REMOVE doc.mid', { ':v': { M: {} } }));
    expect(err.message).toBe(
      'Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [doc], path two: [doc, mid]',
    );
  });

  it('rejects arithmetic on a non-number', async () => {
    await seed();
    const err = await errorOf(update('SET s = s + :one', { ':one': { N: '1' } }));
    expect(err.message).toBe(
      'Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S',
    );
  });

  it('evaluates the condition functions and operators', async () => {
    await seed();
    const cond = async (ConditionExpression: string, values?: Record<string, any>) => {
      const out = await ddb.send(
        new ScanCommand({ TableName: 'exprs', FilterExpression: ConditionExpression, ExpressionAttributeValues: values }),
      );
      return out.Items?.some((i) => i.pk.S === 'a') ?? false;
    };
    expect(await cond('begins_with(s, :h)', { ':h': { S: 'hell' } })).toBe(true);
    expect(await cond('contains(tags, :x)', { ':x': { S: 'x' } })).toBe(true);
    expect(await cond('contains(s, :w)', { ':w': { S: 'wor' } })).toBe(true);
    expect(await cond('size(arr) = :three', { ':three': { N: '3' } })).toBe(true);
    expect(await cond('attribute_type(n, :t)', { ':t': { S: 'N' } })).toBe(true);
    expect(await cond('n BETWEEN :a AND :b', { ':a': { N: '9' }, ':b': { N: '10' } })).toBe(true);
    expect(await cond('n IN (:a, :b)', { ':a': { N: '1' }, ':b': { N: '10.0' } })).toBe(true);
    expect(await cond('NOT n > :a AND doc.mid.deep = :v', { ':a': { N: '11' }, ':v': { S: 'v' } })).toBe(true);
    expect(await cond('absent <> :a', { ':a': { N: '1' } })).toBe(true);
    expect(await cond('absent = :a', { ':a': { N: '1' } })).toBe(false);
    expect(await cond('arr[1] = :two', { ':two': { N: '2' } })).toBe(true);
  });

  it('rejects redundant parentheses', async () => {
    await seed();
    const err = await errorOf(
      ddb.send(new ScanCommand({ TableName: 'exprs', FilterExpression: '((n = :v))', ExpressionAttributeValues: { ':v': { N: '1' } } })),
    );
    expect(err.message).toBe('Invalid FilterExpression: The expression has redundant parentheses;');
  });

  it('projects nested paths and arr elements', async () => {
    await seed();
    const out = await ddb.send(
      new GetItemCommand({ TableName: 'exprs', Key: key, ProjectionExpression: 'doc.mid.deep, arr[2], arr[0], #s', ExpressionAttributeNames: { '#s': 's' } }),
    );
    expect(out.Item).toEqual({
      doc: { M: { mid: { M: { deep: { S: 'v' } } } } },
      arr: { L: [{ N: '1' }, { N: '3' }] },
      s: { S: 'hello world' },
    });
  });

  it('supports the legacy Expected and AttributeUpdates parameters, but not mixed with expressions', async () => {
    await seed();
    const out = await ddb.send(
      new UpdateItemCommand({
        TableName: 'exprs',
        Key: key,
        AttributeUpdates: { n: { Action: 'ADD', Value: { N: '2' } }, s: { Action: 'DELETE' } },
        Expected: { n: { ComparisonOperator: 'GE', AttributeValueList: [{ N: '10' }] } },
        ReturnValues: 'ALL_NEW',
      }),
    );
    expect(out.Attributes?.n).toEqual({ N: '12' });
    expect(out.Attributes?.s).toBeUndefined();
    const err = await errorOf(
      ddb.send(
        new PutItemCommand({
          TableName: 'exprs',
          Item: key,
          Expected: { n: { Exists: false } },
          ConditionExpression: 'attribute_exists(pk)',
        }),
      ),
    );
    expect(err.message).toBe(
      'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}',
    );
  });
});
