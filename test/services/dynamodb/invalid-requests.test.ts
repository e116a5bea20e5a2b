/**
 * DynamoDB's own request rules, one case per rule: AWS's error name, HTTP
 * status and message, character for character. Sources per group: the API
 * reference (docs.aws.amazon.com/amazondynamodb/latest/APIReference) and
 * responses recorded from DynamoDB in 2025-2026 (cited in
 * docs/services/dynamodb.md, "Evidence").
 */
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  CreateTableCommand,
  type CreateTableCommandInput,
  DeleteItemCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTagsOfResourceCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TagResourceCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UntagResourceCommand,
  UpdateItemCommand,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { hashOf } from '../../../services/dynamodb/storage/index-store';
import { useMockAws } from '../lifecycle';
import { client, createTable, errorOf, rawRequest } from './helpers';

const ARN = (name: string, account = '123456789012', region = 'us-east-1') => `arn:aws:dynamodb:${region}:${account}:table/${name}`;
const big = (n: number) => 'x'.repeat(n);
const HASHKEY_TOO_BIG = 'One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes';
const RANGEKEY_TOO_BIG = 'One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes';
const OUTSIDE = 'The provided starting key is outside query boundaries based on provided conditions';
/** Of two scan segments, the one partition key "a" does not hash into. */
const OTHER_SEGMENT = 1 - Math.floor(hashOf('Sa') / 2 ** 31);

type Case = [title: string, send: (ddb: DynamoDBClient) => Promise<unknown>, name: string, message: string];

/** Tables every case may use: `hash` (pk S), `comp` (pk S, sk S, GSI byG on g), `bin` (pk B). */
async function seed(ddb: DynamoDBClient) {
  await createTable(ddb, 'hash');
  await createTable(ddb, 'comp', 'S', {
    AttributeDefinitions: [{ AttributeName: 'g', AttributeType: 'S' }],
    GlobalSecondaryIndexes: [{ IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
  });
  await ddb.send(
    new CreateTableCommand({
      TableName: 'bin',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'B' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
}

const query = (input: Record<string, unknown>) => (ddb: DynamoDBClient) =>
  ddb.send(
    new QueryCommand({
      TableName: 'comp',
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': { S: 'a' } },
      ...input,
    } as never),
  );

const tableWith = (extra: Partial<CreateTableCommandInput>) => (ddb: DynamoDBClient) =>
  ddb.send(
    new CreateTableCommand({
      TableName: 'idx',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      ...extra,
    }),
  );

const lsis = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    IndexName: `lsi${i}`,
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' as const },
      { AttributeName: 'sk', KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: 'KEYS_ONLY' as const },
  }));
const gsis = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    IndexName: `gsi${i}`,
    KeySchema: [{ AttributeName: 'sk', KeyType: 'HASH' as const }],
    Projection: { ProjectionType: 'KEYS_ONLY' as const },
  }));

const cases: Case[] = [
  // ---- Select without a projection (Query reports it in the validation envelope, Scan bare) ----
  ['Query Select SPECIFIC_ATTRIBUTES without a projection', query({ Select: 'SPECIFIC_ATTRIBUTES' }), 'ValidationException',
    '1 validation error detected: Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES'],
  ['Scan Select SPECIFIC_ATTRIBUTES without a projection', (d) => d.send(new ScanCommand({ TableName: 'comp', Select: 'SPECIFIC_ATTRIBUTES' })), 'ValidationException',
    'Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES'],
  ['Query Select COUNT with a ProjectionExpression', query({ Select: 'COUNT', ProjectionExpression: 'a' }), 'ValidationException',
    'Cannot specify the ProjectionExpression when choosing to get a COUNT'],
  ['Scan Select ALL_ATTRIBUTES with a ProjectionExpression', (d) => d.send(new ScanCommand({ TableName: 'comp', Select: 'ALL_ATTRIBUTES', ProjectionExpression: 'a' })),
    'ValidationException', 'Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES'],

  // ---- key sizes: 2,048 bytes for a partition key, 1,024 for a sort key, on writes and reads ----
  ['PutItem with a 2,049-byte hash key', (d) => d.send(new PutItemCommand({ TableName: 'hash', Item: { pk: { S: big(2049) } } })), 'ValidationException', HASHKEY_TOO_BIG],
  ['PutItem with a hash key of 2,050 UTF-8 bytes (1,025 characters)', (d) => d.send(new PutItemCommand({ TableName: 'hash', Item: { pk: { S: 'é'.repeat(1025) } } })),
    'ValidationException', HASHKEY_TOO_BIG],
  ['PutItem with a 2,049-byte binary hash key', (d) => d.send(new PutItemCommand({ TableName: 'bin', Item: { pk: { B: new Uint8Array(2049) } } })),
    'ValidationException', HASHKEY_TOO_BIG],
  ['PutItem with a 1,025-byte range key', (d) => d.send(new PutItemCommand({ TableName: 'comp', Item: { pk: { S: 'a' }, sk: { S: big(1025) } } })),
    'ValidationException', RANGEKEY_TOO_BIG],
  ['GetItem with a 2,049-byte hash key', (d) => d.send(new GetItemCommand({ TableName: 'hash', Key: { pk: { S: big(2049) } } })), 'ValidationException', HASHKEY_TOO_BIG],
  ['GetItem with a 1,025-byte range key', (d) => d.send(new GetItemCommand({ TableName: 'comp', Key: { pk: { S: 'a' }, sk: { S: big(1025) } } })),
    'ValidationException', RANGEKEY_TOO_BIG],
  ['DeleteItem with a 2,049-byte hash key', (d) => d.send(new DeleteItemCommand({ TableName: 'hash', Key: { pk: { S: big(2049) } } })), 'ValidationException', HASHKEY_TOO_BIG],
  ['UpdateItem with a 1,025-byte range key', (d) => d.send(new UpdateItemCommand({ TableName: 'comp', Key: { pk: { S: 'a' }, sk: { S: big(1025) } } })),
    'ValidationException', RANGEKEY_TOO_BIG],
  ['BatchWriteItem putting a 2,049-byte hash key',
    (d) => d.send(new BatchWriteItemCommand({ RequestItems: { hash: [{ PutRequest: { Item: { pk: { S: big(2049) } } } }] } })), 'ValidationException', HASHKEY_TOO_BIG],
  ['BatchWriteItem deleting a 1,025-byte range key',
    (d) => d.send(new BatchWriteItemCommand({ RequestItems: { comp: [{ DeleteRequest: { Key: { pk: { S: 'a' }, sk: { S: big(1025) } } } }] } })),
    'ValidationException', RANGEKEY_TOO_BIG],
  ['BatchGetItem reading a 2,049-byte hash key', (d) => d.send(new BatchGetItemCommand({ RequestItems: { hash: { Keys: [{ pk: { S: big(2049) } }] } } })),
    'ValidationException', HASHKEY_TOO_BIG],
  ['TransactWriteItems putting a 1,025-byte range key',
    (d) => d.send(new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: 'comp', Item: { pk: { S: 'a' }, sk: { S: big(1025) } } } }] })),
    'ValidationException', RANGEKEY_TOO_BIG],
  ['TransactWriteItems updating a 2,049-byte hash key',
    (d) => d.send(new TransactWriteItemsCommand({ TransactItems: [{ Update: { TableName: 'hash', Key: { pk: { S: big(2049) } }, UpdateExpression: 'SET a = :a', ExpressionAttributeValues: { ':a': { S: 'x' } } } }] })),
    'ValidationException', HASHKEY_TOO_BIG],
  ['Query with a 2,049-byte partition key value', query({ ExpressionAttributeValues: { ':p': { S: big(2049) } } }), 'ValidationException', HASHKEY_TOO_BIG],

  // ---- ExclusiveStartKey of a Query: inside the partition and the sort-key condition ----
  ['Query ExclusiveStartKey in another partition', query({ ExclusiveStartKey: { pk: { S: 'b' }, sk: { S: 's' } } }), 'ValidationException', OUTSIDE],
  ['Query ExclusiveStartKey below a > sort-key condition',
    query({ KeyConditionExpression: 'pk = :p AND sk > :s', ExpressionAttributeValues: { ':p': { S: 'a' }, ':s': { S: 'm' } }, ExclusiveStartKey: { pk: { S: 'a' }, sk: { S: 'c' } } }),
    'ValidationException', OUTSIDE],
  ['Query ExclusiveStartKey outside BETWEEN',
    query({ KeyConditionExpression: 'pk = :p AND sk BETWEEN :l AND :h', ExpressionAttributeValues: { ':p': { S: 'a' }, ':l': { S: 'c' }, ':h': { S: 'f' } }, ExclusiveStartKey: { pk: { S: 'a' }, sk: { S: 'z' } } }),
    'ValidationException', OUTSIDE],
  ['Query ExclusiveStartKey outside begins_with',
    query({ KeyConditionExpression: 'pk = :p AND begins_with(sk, :b)', ExpressionAttributeValues: { ':p': { S: 'a' }, ':b': { S: 'ab' } }, ExclusiveStartKey: { pk: { S: 'a' }, sk: { S: 'b' } } }),
    'ValidationException', OUTSIDE],
  ['Query ExclusiveStartKey without the sort key', query({ ExclusiveStartKey: { pk: { S: 'a' } } }), 'ValidationException', 'The provided starting key is invalid'],
  ['Scan ExclusiveStartKey without the sort key', (d) => d.send(new ScanCommand({ TableName: 'comp', ExclusiveStartKey: { pk: { S: 'a' } } })), 'ValidationException',
    'The provided starting key is invalid: The provided key element does not match the schema'],

  ['Scan ExclusiveStartKey outside its segment',
    (d) => d.send(new ScanCommand({ TableName: 'comp', Segment: OTHER_SEGMENT, TotalSegments: 2, ExclusiveStartKey: { pk: { S: 'a' }, sk: { S: 's' } } })),
    'ValidationException',
    `The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct Segment. TotalSegments: 2 Segment: ${OTHER_SEGMENT}`],

  // ---- a Query filter may not read the queried key ----
  ['Query FilterExpression on the partition key', query({ FilterExpression: 'pk = :p' }), 'ValidationException',
    'Filter Expression can only contain non-primary key attributes: Primary key attribute: pk'],
  ['Query FilterExpression on the sort key', query({ FilterExpression: 'sk > :p' }), 'ValidationException',
    'Filter Expression can only contain non-primary key attributes: Primary key attribute: sk'],
  ['Query FilterExpression on the sort key through a #name', query({ FilterExpression: 'attribute_exists(#s)', ExpressionAttributeNames: { '#s': 'sk' } }), 'ValidationException',
    'Filter Expression can only contain non-primary key attributes: Primary key attribute: sk'],
  ['Query QueryFilter on the sort key',
    (d) => d.send(new QueryCommand({ TableName: 'comp', KeyConditions: { pk: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'a' }] } }, QueryFilter: { sk: { ComparisonOperator: 'NOT_NULL' } } })),
    'ValidationException', 'QueryFilter can only contain non-primary key attributes: Primary key attribute: sk'],
  ['Query of a GSI filtering on the index key', query({ IndexName: 'byG', KeyConditionExpression: 'g = :p', FilterExpression: 'g <> :p' }), 'ValidationException',
    'Filter Expression can only contain non-primary key attributes: Primary key attribute: g'],

  // ---- table ARNs: accepted as TableName; another account's or region's names no table here ----
  ['GetItem by the ARN of another account', (d) => d.send(new GetItemCommand({ TableName: ARN('hash', '210987654321'), Key: { pk: { S: 'a' } } })),
    'ResourceNotFoundException', 'Requested resource not found'],
  ['PutItem by the ARN of another region', (d) => d.send(new PutItemCommand({ TableName: ARN('hash', '123456789012', 'eu-west-1'), Item: { pk: { S: 'a' } } })),
    'ResourceNotFoundException', 'Requested resource not found'],
  ['DescribeTable by the ARN of a missing table', (d) => d.send(new DescribeTableCommand({ TableName: ARN('nope') })), 'ResourceNotFoundException',
    `Requested resource not found: Table: ${ARN('nope')} not found`],
  ['Query by the ARN of another account', query({ TableName: ARN('comp', '210987654321') }), 'ResourceNotFoundException', 'Requested resource not found'],

  // ---- tag APIs: malformed ARN, another account, unknown table ----
  ['TagResource on another account\'s table', (d) => d.send(new TagResourceCommand({ ResourceArn: ARN('hash', '210987654321'), Tags: [{ Key: 'k', Value: 'v' }] })),
    'AccessDeniedException',
    `User: arn:aws:iam::123456789012:root is not authorized to perform: dynamodb:TagResource on resource: ${ARN('hash', '210987654321')} because no resource-based policy allows the dynamodb:TagResource action`],
  ['ListTagsOfResource on another account\'s table', (d) => d.send(new ListTagsOfResourceCommand({ ResourceArn: ARN('hash', '210987654321') })),
    'AccessDeniedException',
    `User: arn:aws:iam::123456789012:root is not authorized to perform: dynamodb:ListTagsOfResource on resource: ${ARN('hash', '210987654321')} because no resource-based policy allows the dynamodb:ListTagsOfResource action`],
  ['UntagResource with a malformed ARN', (d) => d.send(new UntagResourceCommand({ ResourceArn: 'arn:aws:dynamodb:::table', TagKeys: ['k'] })), 'ValidationException',
    'Invalid TableArn: Invalid ResourceArn provided as input arn:aws:dynamodb:::table'],
  ['ListTagsOfResource with another region\'s ARN', (d) => d.send(new ListTagsOfResourceCommand({ ResourceArn: ARN('hash', '123456789012', 'eu-west-1') })), 'ValidationException',
    `Invalid TableArn: Invalid ResourceArn provided as input ${ARN('hash', '123456789012', 'eu-west-1')}`],
  ['TagResource with a table name instead of an ARN', (d) => d.send(new TagResourceCommand({ ResourceArn: 'hash', Tags: [{ Key: 'k', Value: 'v' }] })), 'ValidationException',
    "One or more parameter values were invalid: ARNs must start with 'arn:': hash"],
  ['TagResource with another service\'s ARN', (d) => d.send(new TagResourceCommand({ ResourceArn: 'arn:aws:sqs:us-east-1:123456789012:q', Tags: [{ Key: 'k', Value: 'v' }] })),
    'ValidationException', 'One or more parameter values were invalid: Provided Arn is not a DynamoDB resource arn: arn:aws:sqs:us-east-1:123456789012:q'],
  ['ListTagsOfResource with an index ARN', (d) => d.send(new ListTagsOfResourceCommand({ ResourceArn: `${ARN('comp')}/index/byG` })), 'ValidationException',
    `One or more parameter values were invalid: Invalid resource arn provided, only table or stream is accepted. Provided resource arn: ${ARN('comp')}/index/byG`],
  ['TagResource with no tags', (d) => d.send(new TagResourceCommand({ ResourceArn: ARN('hash'), Tags: [] })), 'ValidationException',
    'Atleast one Tag needs to be provided as Input.'],
  ['UntagResource with no keys', (d) => d.send(new UntagResourceCommand({ ResourceArn: ARN('hash'), TagKeys: [] })), 'ValidationException',
    'Atleast one Tag Key needs to be provided as Input.'],
  ['TagResource with an aws: key', (d) => d.send(new TagResourceCommand({ ResourceArn: ARN('hash'), Tags: [{ Key: 'aws:x', Value: 'v' }] })), 'ValidationException',
    'Tag Key cannot be prefixed with aws:, Key: aws:x'],
  ['TagResource with a key given twice', (d) => d.send(new TagResourceCommand({ ResourceArn: ARN('hash'), Tags: [{ Key: 'k', Value: '1' }, { Key: 'k', Value: '2' }] })),
    'ValidationException', 'Duplicate Tag Keys provided as input: Duplicate Tag Key found k'],
  ['TagResource past 50 tags', (d) => d.send(new TagResourceCommand({ ResourceArn: ARN('hash'), Tags: Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) })),
    'ValidationException', 'Number of Tags exceed the current limit for the provided ResourceArn'],
  ['ListTagsOfResource of a missing table', (d) => d.send(new ListTagsOfResourceCommand({ ResourceArn: ARN('nope') })), 'ResourceNotFoundException',
    `Requested resource not found: ResourceArn: ${ARN('nope')} not found`],

  // ---- index counts and definitions at CreateTable (request errors), the 21st GSI at UpdateTable (a limit) ----
  ['CreateTable with 6 LSIs', tableWith({ LocalSecondaryIndexes: lsis(6) }), 'ValidationException',
    'One or more parameter values were invalid: Number of LocalSecondaryIndexes exceeds per-table limit of 5'],
  ['CreateTable with 21 GSIs', tableWith({ GlobalSecondaryIndexes: gsis(21) }), 'ValidationException',
    'One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the per-table limit of 20'],
  ['CreateTable with an empty GSI list', tableWith({ GlobalSecondaryIndexes: [] }), 'ValidationException',
    'One or more parameter values were invalid: List of GlobalSecondaryIndexes is empty'],
  ['CreateTable with an empty LSI list', tableWith({ LocalSecondaryIndexes: [] }), 'ValidationException',
    'One or more parameter values were invalid: List of LocalSecondaryIndexes is empty'],
  ['CreateTable defining an attribute twice',
    tableWith({ AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'pk', AttributeType: 'N' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] }),
    'ValidationException', 'Attribute Name is duplicated: pk'],
  ['CreateTable with the same attribute as hash and range key',
    tableWith({ KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'pk', KeyType: 'RANGE' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }] }),
    'ValidationException', 'Both the Hash Key and the Range Key element in the KeySchema have the same name'],
  ['UpdateTable creating an index that exists',
    (d) => d.send(new UpdateTableCommand({ TableName: 'comp', GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } } }] })),
    'ValidationException', 'Attempting to create an index which already exists'],
  ['UpdateTable deleting an LSI',
    async (d) => {
      await tableWith({ LocalSecondaryIndexes: lsis(1) })(d);
      return d.send(new UpdateTableCommand({ TableName: 'idx', GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'lsi0' } }] }));
    },
    'ValidationException', 'Cannot delete an index that is not a GlobalSecondaryIndex: lsi0'],
  ['CreateTable with a key attribute that is not defined',
    tableWith({ AttributeDefinitions: [{ AttributeName: 'other', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] }),
    'ValidationException', 'One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [pk], AttributeDefinitions: [other]'],
  ['CreateTable with an index key attribute that is not defined',
    tableWith({ GlobalSecondaryIndexes: [{ IndexName: 'byX', KeySchema: [{ AttributeName: 'gk', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }] }),
    'ValidationException', 'One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [gk], AttributeDefinitions: [pk, sk]'],
  ['CreateTable with indexes and an unused attribute definition',
    tableWith({
      AttributeDefinitions: ['sk', 'a', 'b', 'pk', 'c'].map((n) => ({ AttributeName: n, AttributeType: 'S' as const })),
      GlobalSecondaryIndexes: [{ IndexName: 'byX', KeySchema: [{ AttributeName: 'a', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
    }),
    'ValidationException', 'One or more parameter values were invalid: Some AttributeDefinitions are not used. AttributeDefinitions: [sk, a, b, pk, c], keys used: [a, sk, pk]'],
  ['UpdateTable adding a 21st GSI',
    async (d) => {
      await tableWith({ GlobalSecondaryIndexes: gsis(20) })(d);
      // The SDK retries LimitExceededException as throttling: one attempt, so the answer is seen as sent.
      const once = new DynamoDBClient({ region: 'us-east-1', maxAttempts: 1 });
      return once.send(new UpdateTableCommand({ TableName: 'idx', GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'g20', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } } }] }));
    },
    'LimitExceededException', 'Subscriber limit exceeded: Number of global secondary indexes exceeds per-table limit of 20'],

  ['UpdateTable changing nothing, on a missing table', (d) => d.send(new UpdateTableCommand({ TableName: 'missing' })), 'ValidationException',
    'At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is required'],
  ['UpdateTable with an empty GlobalSecondaryIndexUpdates list', (d) => d.send(new UpdateTableCommand({ TableName: 'hash', GlobalSecondaryIndexUpdates: [] })), 'ValidationException',
    'At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is required'],

  // ---- ReturnValues that PutItem and DeleteItem do not take ----
  ['PutItem ReturnValues ALL_NEW', (d) => d.send(new PutItemCommand({ TableName: 'hash', Item: { pk: { S: 'a' } }, ReturnValues: 'ALL_NEW' })), 'ValidationException',
    '1 validation error detected: ReturnValues can only be ALL_OLD or NONE'],
  ['PutItem ReturnValues UPDATED_OLD', (d) => d.send(new PutItemCommand({ TableName: 'hash', Item: { pk: { S: 'a' } }, ReturnValues: 'UPDATED_OLD' })), 'ValidationException',
    '1 validation error detected: ReturnValues can only be ALL_OLD or NONE'],
  ['DeleteItem ReturnValues ALL_NEW', (d) => d.send(new DeleteItemCommand({ TableName: 'hash', Key: { pk: { S: 'a' } }, ReturnValues: 'ALL_NEW' })), 'ValidationException',
    'ReturnValues can only be ALL_OLD or NONE'],
  ['DeleteItem ReturnValues UPDATED_NEW', (d) => d.send(new DeleteItemCommand({ TableName: 'hash', Key: { pk: { S: 'a' } }, ReturnValues: 'UPDATED_NEW' })), 'ValidationException',
    'ReturnValues can only be ALL_OLD or NONE'],

  // ---- validation before the table lookup: a malformed request on a missing table ----
  ['DeleteItem with a two-type key on a missing table', (d) => d.send(new DeleteItemCommand({ TableName: 'missing', Key: { pk: { S: 'a', N: '1' } } as never })),
    'ValidationException', 'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes'],
  ['PutItem with an empty string set on a missing table', (d) => d.send(new PutItemCommand({ TableName: 'missing', Item: { pk: { S: 'a' }, s: { SS: [] } } })),
    'ValidationException', 'One or more parameter values were invalid: An string set  may not be empty'],
  ['GetItem with an empty AttributeValue on a missing table', (d) => d.send(new GetItemCommand({ TableName: 'missing', Key: { pk: {} } as never })),
    'ValidationException', 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes'],
  ['UpdateItem with a NULL false key value on a missing table', (d) => d.send(new UpdateItemCommand({ TableName: 'missing', Key: { pk: { NULL: false } } })),
    'ValidationException', 'One or more parameter values were invalid: Null attribute value types must have the value of true'],
  ['BatchWriteItem with a duplicate-set item on a missing table',
    (d) => d.send(new BatchWriteItemCommand({ RequestItems: { hash: [{ PutRequest: { Item: { pk: { S: 'a' } } } }], missing: [{ PutRequest: { Item: { pk: { S: 'a' }, n: { NS: ['1', '1'] } } } }] } })),
    'ValidationException', 'One or more parameter values were invalid: Input collection ["1", "1"] contains duplicates.'],
  ['BatchGetItem with an empty key value on a missing table', (d) => d.send(new BatchGetItemCommand({ RequestItems: { missing: { Keys: [{ pk: {} } as never] } } })),
    'ValidationException', 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes'],
  ['TransactWriteItems with a malformed item on a missing table',
    (d) => d.send(new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: 'hash', Item: { pk: { S: 'a' } } } }, { Put: { TableName: 'missing', Item: { pk: { S: 'b' }, x: { SS: [] } } } }] })),
    'ValidationException', 'One or more parameter values were invalid: An string set  may not be empty'],
  ['Query with a malformed ExclusiveStartKey on a missing table', query({ TableName: 'missing', ExclusiveStartKey: { pk: { S: 'a', B: new Uint8Array(1) } } }),
    'ValidationException', 'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes'],

  // ---- order and today's framework wording ----
  ['PutItem with an empty TableName and an invalid ReturnValues: the name first',
    (d) => d.send(new PutItemCommand({ TableName: '', Item: { pk: { S: 'a' } }, ReturnValues: 'ALL_NEW' })), 'ValidationException',
    "1 validation error detected: Value '' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 1"],
  ['DeleteItem with a malformed TableName and a malformed key: the name first',
    (d) => d.send(new DeleteItemCommand({ TableName: 'bad name!', Key: { pk: {} } as never })), 'ValidationException',
    "1 validation error detected: Value 'bad name!' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"],
  ['Query Limit 0', query({ Limit: 0 }), 'ValidationException',
    "1 validation error detected: Value at 'Limit' failed to satisfy constraint: Member must have value greater than or equal to 1"],
  ['Scan Limit 0', (d) => d.send(new ScanCommand({ TableName: 'comp', Limit: 0 })), 'ValidationException',
    "1 validation error detected: Value at 'Limit' failed to satisfy constraint: Member must have value greater than or equal to 1"],
  ['BatchGetItem with an empty RequestItems map', (d) => d.send(new BatchGetItemCommand({ RequestItems: {} })), 'ValidationException',
    "1 validation error detected: Value at 'RequestItems' failed to satisfy constraint: Member must have length greater than or equal to 1"],
  ['BatchGetItem with 101 keys on one table', (d) => d.send(new BatchGetItemCommand({ RequestItems: { hash: { Keys: Array.from({ length: 101 }, (_, i) => ({ pk: { S: `k${i}` } })) } } })),
    'ValidationException', "1 validation error detected: Value at 'RequestItems.hash.member.Keys' failed to satisfy constraint: Member must have length less than or equal to 100"],
  ['BatchGetItem with an empty Keys list', (d) => d.send(new BatchGetItemCommand({ RequestItems: { hash: { Keys: [] } } })), 'ValidationException',
    "1 validation error detected: Value at 'RequestItems.hash.member.Keys' failed to satisfy constraint: Member must have length greater than or equal to 1"],
  ['PutItem with duplicate members in a binary set', (d) => d.send(new PutItemCommand({ TableName: 'hash', Item: { pk: { S: 'a' }, b: { BS: [new Uint8Array([1]), new Uint8Array([1])] } } })),
    'ValidationException', 'One or more parameter values were invalid: Input collection ["AQ==", "AQ=="]of type BS contains duplicates.'],

  // ---- document nesting: 32 levels at most ----
  ['PutItem with a value nested 33 levels deep',
    (d) => {
      let v: Record<string, unknown> = { S: 'leaf' };
      for (let i = 0; i < 33; i++) v = { L: [v] };
      return d.send(new PutItemCommand({ TableName: 'hash', Item: { pk: { S: 'a' }, deep: v as never } }));
    },
    'ValidationException', 'Nesting Levels have exceeded supported limits'],

  // ---- transactions ----
  ['TransactWriteItems over the 4 MB aggregate',
    (d) => d.send(new TransactWriteItemsCommand({ TransactItems: Array.from({ length: 11 }, (_, i) => ({ Put: { TableName: 'hash', Item: { pk: { S: `k${i}` }, v: { S: big(390 * 1024) } } } })) })),
    'ValidationException', 'The aggregate size of the items in the transaction exceeds 4 MB'],
];

describe('DynamoDB invalid requests: error name, status and message', () => {
  useMockAws();
  const ddb = client();

  beforeEach(() => seed(ddb));

  it.each(cases)('%s', async (_title, send, name, message) => {
    const err = await errorOf(send(ddb));
    expect(err.name).toBe(name);
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.message).toBe(message);
  });

  it('cancels a TransactGetItems whose key does not fit the schema, with reason ValidationError', async () => {
    const err = await errorOf(
      ddb.send(
        new TransactGetItemsCommand({
          TransactItems: [{ Get: { TableName: 'hash', Key: { pk: { S: 'a' } } } }, { Get: { TableName: 'comp', Key: { pk: { S: 'a' } } } }],
        }),
      ),
    );
    expect(err.name).toBe('TransactionCanceledException');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.message).toBe('Transaction cancelled, please refer cancellation reasons for specific reasons [None, ValidationError]');
    expect(err.CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'ValidationError', Message: 'The provided key element does not match the schema' },
    ]);
  });

  it('cancels a TransactGetItems on a key of the wrong type', async () => {
    const err = await errorOf(ddb.send(new TransactGetItemsCommand({ TransactItems: [{ Get: { TableName: 'hash', Key: { pk: { N: '1' } } } }] })));
    expect(err.name).toBe('TransactionCanceledException');
    expect(err.message).toBe('Transaction cancelled, please refer cancellation reasons for specific reasons [ValidationError]');
    expect(err.CancellationReasons).toEqual([{ Code: 'ValidationError', Message: 'The provided key element does not match the schema' }]);
  });

  it('accepts keys at the limits: a 2,048-byte hash key and a 1,024-byte range key', async () => {
    await ddb.send(new PutItemCommand({ TableName: 'comp', Item: { pk: { S: big(2048) }, sk: { S: big(1024) } } }));
    const got = await ddb.send(new GetItemCommand({ TableName: 'comp', Key: { pk: { S: big(2048) }, sk: { S: big(1024) } } }));
    expect(got.Item?.sk.S).toHaveLength(1024);
  });

  it('accepts a value nested 32 levels deep', async () => {
    let v: Record<string, unknown> = { S: 'leaf' };
    for (let i = 0; i < 32; i++) v = { L: [v] };
    await ddb.send(new PutItemCommand({ TableName: 'hash', Item: { pk: { S: 'deep' }, deep: v as never } }));
  });

  it('answers an item nested past 32 levels with the validation error, and a 1,000-level one with a 400, not a crash', async () => {
    const nest = (levels: number) => {
      let v: Record<string, unknown> = { S: 'leaf' };
      for (let i = 0; i < levels; i++) v = { M: { m: v } };
      return v;
    };
    const deep = await errorOf(ddb.send(new PutItemCommand({ TableName: 'hash', Item: { pk: { S: 'a' }, deep: nest(100) as never } })));
    expect(deep.$metadata.httpStatusCode).toBe(400);
    expect(deep.name).toBe('ValidationException');
    expect(deep.message).toContain('Nesting Levels have exceeded supported limits');
    // 1,000 maps are over 2,000 JSON levels: the request parser refuses them before DynamoDB's own check.
    const wire = await errorOf(ddb.send(new PutItemCommand({ TableName: 'hash', Item: { pk: { S: 'a' }, deep: nest(1000) as never } })));
    expect(wire.$metadata.httpStatusCode).toBe(400);
    expect(wire.name).toBe('SerializationException');
  });

  it('answers an expression nested past any sensible depth with a ValidationException, not a stack overflow', async () => {
    const expr = `${'('.repeat(3000)}a${')'.repeat(3000)} = :v`;
    const err = await errorOf(
      ddb.send(new PutItemCommand({ TableName: 'hash', Item: { pk: { S: 'a' } }, ConditionExpression: expr, ExpressionAttributeValues: { ':v': { S: 'x' } } })),
    );
    expect(err.name).toBe('ValidationException');
    expect(err.$metadata.httpStatusCode).toBe(400);
  });


  it.each([
    ['S holding a number', { S: 23 }],
    ['L holding a string', { L: '23' }],
    ['SS holding numbers', { SS: [1, 2] }],
    ['BOOL holding a string', { BOOL: 'yes' }],
    ['NULL holding a string', { NULL: 'true' }],
  ])('answers a mistyped AttributeValue (%s) with a 400, never a crash, and stores nothing', async (_t, value) => {
    const res = await rawRequest('PutItem', { TableName: 'hash', Item: { pk: { S: 'typed' }, v: value } });
    expect(res.status).toBe(400);
    expect(res.body.__type).toMatch(/SerializationException|ValidationException/);
    const got = await ddb.send(new GetItemCommand({ TableName: 'hash', Key: { pk: { S: 'typed' } } }));
    expect(got.Item).toBeUndefined();
  });
});
