import {
  ExecuteStatementCommand,
  ExecuteTransactionCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand as DocQuery, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { useMockAws } from '../lifecycle';
import { client, createTable, errorOf } from './helpers';

describe('DynamoDB PartiQL, numbers and the DocumentClient', () => {
  useMockAws();
  const ddb = client();

  it('runs INSERT, SELECT, UPDATE and DELETE statements', async () => {
    await createTable(ddb, 'music', 'S');
    await ddb.send(new ExecuteStatementCommand({ Statement: `INSERT INTO "music" VALUE {'pk': 'band', 'sk': 'song1', 'plays': 1}` }));
    await ddb.send(new ExecuteStatementCommand({ Statement: 'INSERT INTO music VALUE {\'pk\': ?, \'sk\': ?}', Parameters: [{ S: 'band' }, { S: 'song2' }] }));
    const dup = await errorOf(ddb.send(new ExecuteStatementCommand({ Statement: `INSERT INTO "music" VALUE {'pk': 'band', 'sk': 'song1'}` })));
    expect(dup.name).toBe('DuplicateItemException');
    await ddb.send(new ExecuteStatementCommand({ Statement: `UPDATE "music" SET plays = plays + 1 WHERE pk = 'band' AND sk = 'song1'` }));
    const sel = await ddb.send(new ExecuteStatementCommand({ Statement: `SELECT * FROM "music" WHERE pk = ? AND begins_with(sk, 'song')`, Parameters: [{ S: 'band' }] }));
    expect(sel.Items?.map((i) => i.sk.S)).toEqual(['song1', 'song2']);
    expect(sel.Items?.[0].plays).toEqual({ N: '2' });
    await ddb.send(new ExecuteStatementCommand({ Statement: `DELETE FROM "music" WHERE pk = 'band' AND sk = 'song2'` }));
    const missing = await errorOf(ddb.send(new ExecuteStatementCommand({ Statement: `UPDATE "music" SET plays = 1 WHERE pk = 'band' AND sk = 'song2'` })));
    expect(missing.name).toBe('ConditionalCheckFailedException');
  });

  it('runs PartiQL transactions all-or-nothing', async () => {
    await createTable(ddb, 'music', 'S');
    await ddb.send(new ExecuteStatementCommand({ Statement: `INSERT INTO "music" VALUE {'pk': 'a', 'sk': '1'}` }));
    const err = await errorOf(
      ddb.send(
        new ExecuteTransactionCommand({
          TransactStatements: [
            { Statement: `INSERT INTO "music" VALUE {'pk': 'a', 'sk': '2'}` },
            { Statement: `INSERT INTO "music" VALUE {'pk': 'a', 'sk': '1'}` },
          ],
        }),
      ),
    );
    expect(err.name).toBe('TransactionCanceledException');
    const left = await ddb.send(new QueryCommand({ TableName: 'music', KeyConditionExpression: 'pk = :a', ExpressionAttributeValues: { ':a': { S: 'a' } } }));
    expect(left.Count).toBe(1);
  });

  it('keeps 38 significant digits exactly and rejects more', async () => {
    await createTable(ddb, 'nums');
    const big = '12345678901234567890123456789012345678';
    await ddb.send(new PutItemCommand({ TableName: 'nums', Item: { pk: { S: 'a' }, n: { N: big }, tiny: { N: '1E-130' } } }));
    const out = await ddb.send(
      new UpdateItemCommand({ TableName: 'nums', Key: { pk: { S: 'a' } }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '-8' } }, ReturnValues: 'ALL_NEW' }),
    );
    expect(out.Attributes?.n.N).toBe('12345678901234567890123456789012345670');
    expect(out.Attributes?.tiny.N).toBe(`0.${'0'.repeat(129)}1`);
    let err = await errorOf(ddb.send(new PutItemCommand({ TableName: 'nums', Item: { pk: { S: 'b' }, n: { N: `${big}9` } } })));
    expect(err.message).toBe('Attempting to store more than 38 significant digits in a Number');
    err = await errorOf(ddb.send(new PutItemCommand({ TableName: 'nums', Item: { pk: { S: 'b' }, n: { N: '1E126' } } })));
    expect(err.message).toBe('Number overflow. Attempting to store a number with magnitude larger than supported range');
    err = await errorOf(ddb.send(new PutItemCommand({ TableName: 'nums', Item: { pk: { S: 'b' }, n: { N: 'abc' } } })));
    expect(err.message).toBe('A value provided cannot be converted into a number');
    const sum = await ddb.send(
      new UpdateItemCommand({ TableName: 'nums', Key: { pk: { S: 'c' } }, UpdateExpression: 'SET f = :a + :b', ExpressionAttributeValues: { ':a': { N: '0.1' }, ':b': { N: '0.2' } }, ReturnValues: 'ALL_NEW' }),
    );
    expect(sum.Attributes?.f.N).toBe('0.3');
  });

  it('works unchanged through the DocumentClient', async () => {
    await createTable(ddb, 'docs', 'N');
    const doc = DynamoDBDocumentClient.from(ddb);
    await doc.send(new PutCommand({ TableName: 'docs', Item: { pk: 'u', sk: 1, tags: new Set(['a']), profile: { name: 'x', langs: ['ts'] } } }));
    await doc.send(new PutCommand({ TableName: 'docs', Item: { pk: 'u', sk: 2 } }));
    await doc.send(new UpdateCommand({ TableName: 'docs', Key: { pk: 'u', sk: 1 }, UpdateExpression: 'SET visits = if_not_exists(visits, :z) + :o', ExpressionAttributeValues: { ':z': 0, ':o': 1 } }));
    const got = await doc.send(new GetCommand({ TableName: 'docs', Key: { pk: 'u', sk: 1 } }));
    expect(got.Item).toEqual({ pk: 'u', sk: 1, tags: new Set(['a']), profile: { name: 'x', langs: ['ts'] }, visits: 1 });
    const q = await doc.send(new DocQuery({ TableName: 'docs', KeyConditionExpression: 'pk = :u AND sk > :z', ExpressionAttributeValues: { ':u': 'u', ':z': 1 } }));
    expect(q.Items).toEqual([{ pk: 'u', sk: 2 }]);
    expect((await ddb.send(new GetItemCommand({ TableName: 'docs', Key: { pk: { S: 'u' }, sk: { N: '2' } } }))).Item).toBeDefined();
  });
});
