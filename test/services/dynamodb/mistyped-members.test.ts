/**
 * Every member of the item and table operations' requests, replaced by a
 * value of the wrong JSON type, sent raw (as a hand-rolled client would):
 * the answer is a 4xx in DynamoDB's error shape, never a 500, and the
 * table's items are unchanged.
 */
import { GetItemCommand, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { useMockAws } from '../lifecycle';
import { client, createTable, rawRequest } from './helpers';

const VALID: Record<string, Record<string, unknown>> = {
  PutItem: { TableName: 'fuzz', Item: { pk: { S: 'n' }, v: { N: '1' } }, ConditionExpression: 'attribute_not_exists(pk)', ReturnValues: 'NONE' },
  GetItem: { TableName: 'fuzz', Key: { pk: { S: 'k' } }, ProjectionExpression: 'pk', ConsistentRead: true },
  UpdateItem: { TableName: 'fuzz', Key: { pk: { S: 'k' } }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { N: '2' } }, ReturnValues: 'ALL_NEW' },
  DeleteItem: { TableName: 'fuzz', Key: { pk: { S: 'k' } }, ConditionExpression: 'v = :v', ExpressionAttributeValues: { ':v': { N: '9' } } },
  Query: { TableName: 'fuzz', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'k' } }, Limit: 5, ScanIndexForward: false },
  Scan: { TableName: 'fuzz', FilterExpression: 'v > :z', ExpressionAttributeValues: { ':z': { N: '0' } }, Segment: 0, TotalSegments: 2 },
  BatchGetItem: { RequestItems: { fuzz: { Keys: [{ pk: { S: 'k' } }] } } },
  BatchWriteItem: { RequestItems: { fuzz: [{ PutRequest: { Item: { pk: { S: 'b' } } } }] } },
  TransactGetItems: { TransactItems: [{ Get: { TableName: 'fuzz', Key: { pk: { S: 'k' } } } }] },
  TransactWriteItems: { TransactItems: [{ Put: { TableName: 'fuzz', Item: { pk: { S: 't' } } } }] },
  DescribeTable: { TableName: 'fuzz' },
  UpdateTable: { TableName: 'fuzz', DeletionProtectionEnabled: false },
  ExecuteStatement: { Statement: "SELECT * FROM fuzz WHERE pk = 'k'" },
  BatchExecuteStatement: { Statements: [{ Statement: "SELECT * FROM fuzz WHERE pk = 'k'" }] },
  ExecuteTransaction: { TransactStatements: [{ Statement: "SELECT * FROM fuzz WHERE pk = 'k'" }] },
  CreateTable: {
    TableName: 'fuzz2',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
    Tags: [{ Key: 'k', Value: 'v' }],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
  },
  ListTables: { Limit: 5, ExclusiveStartTableName: 'a' },
  TagResource: { ResourceArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/fuzz', Tags: [{ Key: 'k', Value: 'v' }] },
  UntagResource: { ResourceArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/fuzz', TagKeys: ['k'] },
  ListTagsOfResource: { ResourceArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/fuzz' },
  UpdateTimeToLive: { TableName: 'fuzz', TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true } },
  DescribeTimeToLive: { TableName: 'fuzz' },
  UpdateContinuousBackups: { TableName: 'fuzz', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } },
  CreateBackup: { TableName: 'fuzz', BackupName: 'bk1' },
  ListBackups: { TableName: 'fuzz', Limit: 5 },
  PutResourcePolicy: { ResourceArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/fuzz', Policy: '{"Version":"2012-10-17","Statement":[]}' },
  DescribeContributorInsights: { TableName: 'fuzz' },
  DescribeKinesisStreamingDestination: { TableName: 'fuzz' },
};
const WRONG: unknown[] = [true, 23, 'text', [], {}, null, [1, 'a'], { S: 1 }];

describe('DynamoDB requests with mistyped members', () => {
  useMockAws();
  const ddb = client();


  it('answers every mutation with a 4xx and never half-applies it', async () => {
    await createTable(ddb, 'fuzz');
    await ddb.send(new PutItemCommand({ TableName: 'fuzz', Item: { pk: { S: 'k' }, v: { N: '1' } } }));
    const failures: string[] = [];
    let sent = 0;
    for (const [op, input] of Object.entries(VALID)) {
      for (const member of Object.keys(input)) {
        for (const wrong of WRONG) {
          const body = { ...input, [member]: wrong };
          const res = await rawRequest(op, body);
          sent += 1;
          if (res.status >= 500 || (res.status >= 400 && typeof res.body.__type !== 'string')) failures.push(`${op}.${member}=${JSON.stringify(wrong)} → ${res.status} ${JSON.stringify(res.body)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(250);
    // Nothing a rejected request carried was stored.
    const scan = await ddb.send(new ScanCommand({ TableName: 'fuzz' }));
    const keys = (scan.Items ?? []).map((i) => i.pk.S).sort();
    for (const k of keys) expect(['b', 'k', 'n', 't']).toContain(k);
    expect(sent).toBeGreaterThan(500);
    expect((await ddb.send(new GetItemCommand({ TableName: 'fuzz', Key: { pk: { S: 'k' } } }))).Item?.pk).toEqual({ S: 'k' });
  });
});
