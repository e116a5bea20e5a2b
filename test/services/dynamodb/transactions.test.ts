import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  GetItemCommand,
  PutItemCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { useMockAws } from '../lifecycle';
import { client, createTable, errorOf } from './helpers';

describe('DynamoDB batches and transactions', () => {
  useMockAws();
  const ddb = client();

  it('writes and reads in batches, with empty unprocessed maps', async () => {
    await createTable(ddb, 'bat');
    const puts = Array.from({ length: 25 }, (_, i) => ({ PutRequest: { Item: { pk: { S: `k${i}` }, v: { N: String(i) } } } }));
    const w = await ddb.send(new BatchWriteItemCommand({ RequestItems: { bat: puts } }));
    expect(w.UnprocessedItems).toEqual({});
    const r = await ddb.send(new BatchGetItemCommand({ RequestItems: { bat: { Keys: [{ pk: { S: 'k1' } }, { pk: { S: 'k2' } }, { pk: { S: 'none' } }] } } }));
    expect(r.Responses?.bat.map((i) => i.v.N).sort()).toEqual(['1', '2']);
    expect(r.UnprocessedKeys).toEqual({});
  });

  it('enforces batch limits and rejects duplicate keys', async () => {
    await createTable(ddb, 'bat');
    const puts = Array.from({ length: 26 }, (_, i) => ({ PutRequest: { Item: { pk: { S: `k${i}` } } } }));
    let err = await errorOf(ddb.send(new BatchWriteItemCommand({ RequestItems: { bat: puts } })));
    expect(err.message).toMatch(/^1 validation error detected: Value '\{bat=.*' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: \[Member must have length less than or equal to 25, Member must have length greater than or equal to 1\]$/);
    err = await errorOf(
      ddb.send(new BatchWriteItemCommand({ RequestItems: { bat: [{ PutRequest: { Item: { pk: { S: 'a' } } } }, { DeleteRequest: { Key: { pk: { S: 'a' } } } }] } })),
    );
    expect(err.message).toBe('Provided list of item keys contains duplicates');
    const keys = Array.from({ length: 101 }, (_, i) => ({ pk: { S: `k${i}` } }));
    err = await errorOf(ddb.send(new BatchGetItemCommand({ RequestItems: { bat: { Keys: keys } } })));
    // One table over 100 keys is a constraint of the new validation framework (recorded 2026-09); over 100 in all stays the bespoke sentence.
    expect(err.message).toBe("1 validation error detected: Value at 'RequestItems.bat.member.Keys' failed to satisfy constraint: Member must have length less than or equal to 100");
    await createTable(ddb, 'bat2');
    err = await errorOf(ddb.send(new BatchGetItemCommand({ RequestItems: { bat: { Keys: keys.slice(0, 60) }, bat2: { Keys: keys.slice(60) } } })));
    expect(err.message).toBe('Too many items requested for the BatchGetItem call');
  });

  it('commits all actions of a transaction together', async () => {
    await createTable(ddb, 'acct');
    await ddb.send(new PutItemCommand({ TableName: 'acct', Item: { pk: { S: 'a' }, bal: { N: '100' } } }));
    await ddb.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Update: { TableName: 'acct', Key: { pk: { S: 'a' } }, UpdateExpression: 'SET bal = bal - :x', ConditionExpression: 'bal >= :x', ExpressionAttributeValues: { ':x': { N: '30' } } } },
          { Put: { TableName: 'acct', Item: { pk: { S: 'b' }, bal: { N: '30' } }, ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
      }),
    );
    const got = await ddb.send(new TransactGetItemsCommand({ TransactItems: [{ Get: { TableName: 'acct', Key: { pk: { S: 'a' } } } }, { Get: { TableName: 'acct', Key: { pk: { S: 'b' } } } }] }));
    expect(got.Responses?.map((r) => r.Item?.bal.N)).toEqual(['70', '30']);
  });

  it('cancels the whole transaction with reasons in order when one condition fails', async () => {
    await createTable(ddb, 'acct');
    await ddb.send(new PutItemCommand({ TableName: 'acct', Item: { pk: { S: 'a' }, bal: { N: '10' } } }));
    const err = await errorOf(
      ddb.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: 'acct', Item: { pk: { S: 'c' } } } },
            {
              ConditionCheck: {
                TableName: 'acct',
                Key: { pk: { S: 'a' } },
                ConditionExpression: 'bal >= :x',
                ExpressionAttributeValues: { ':x': { N: '30' } },
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
          ],
        }),
      ),
    );
    expect(err.name).toBe('TransactionCanceledException');
    expect(err.message).toBe('Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]');
    expect(err.CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { pk: { S: 'a' }, bal: { N: '10' } } },
    ]);
    expect((await ddb.send(new GetItemCommand({ TableName: 'acct', Key: { pk: { S: 'c' } } }))).Item).toBeUndefined();
  });

  it('rejects two actions on one item', async () => {
    await createTable(ddb, 'acct');
    const err = await errorOf(
      ddb.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: 'acct', Item: { pk: { S: 'a' } } } },
            { Delete: { TableName: 'acct', Key: { pk: { S: 'a' } } } },
          ],
        }),
      ),
    );
    expect(err.name).toBe('ValidationException');
    expect(err.message).toBe('Transaction request cannot include multiple operations on one item');
  });

  it('treats a repeated ClientRequestToken as the same transaction', async () => {
    await createTable(ddb, 'acct');
    const send = (value: string) =>
      ddb.send(
        new TransactWriteItemsCommand({
          ClientRequestToken: 'tok-1',
          TransactItems: [{ Put: { TableName: 'acct', Item: { pk: { S: 'a' }, v: { S: value } }, ConditionExpression: 'attribute_not_exists(pk)' } }],
        }),
      );
    await send('1');
    await send('1');
    const err = await errorOf(send('2'));
    expect(err.name).toBe('IdempotentParameterMismatchException');
  });
});
