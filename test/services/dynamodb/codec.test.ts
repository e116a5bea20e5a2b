/**
 * DynamoDB's own JSON codec (services/dynamodb/codec) must answer exactly as
 * the JSON protocol's generic walk does: the same input value and the same
 * SerializationException for every body, the same response text for every
 * output. Each case runs both and compares; then the hook is shown to be the
 * path SDK calls take.
 */
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { Dispatcher } from '../../../src/core/dispatch';
import { createRequest } from '../../../src/core/request';
import type { OperationCodec } from '../../../src/protocols/protocol';
import { jsonLeafCodec, parseJsonBody, readStructure, writeStructure } from '../../../src/protocols/json';
import { createSdkHandler } from '../../../src/intercept/sdk-handler';
import { services } from '../../../services';
import service from '../../../services/dynamodb/index';
import { CODEC_OPERATIONS } from '../../../services/dynamodb/codec/index';

const spec = service.spec;
const codecs = service.codecs;

function codec(op: string): OperationCodec {
  const found = codecs?.operations[op];
  if (!found) throw new Error(`no codec for ${op}`);
  return found;
}

/** What the generic path makes of a body: the value, or the error's class name and message. */
function generic(op: string, body: string): unknown {
  try {
    return readStructure(spec, spec.operations[op].input, parseJsonBody(Buffer.from(body)), jsonLeafCodec);
  } catch (err) {
    return { thrown: (err as Error).constructor.name, code: (err as { code?: string }).code, message: (err as Error).message };
  }
}

function fast(op: string, body: string): unknown {
  try {
    return codec(op).read?.(Buffer.from(body));
  } catch (err) {
    return { thrown: (err as Error).constructor.name, code: (err as { code?: string }).code, message: (err as Error).message };
  }
}

/** A value nested `levels` deep in M, then L, alternately. */
function deep(levels: number): unknown {
  let v: unknown = { S: 'x' };
  for (let i = 0; i < levels; i++) v = i % 2 ? { M: { a: v } } : { L: [v] };
  return v;
}

const ITEM = {
  pk: { S: 'k1' },
  n: { N: '36.50' },
  b: { B: Buffer.from('bytes').toString('base64') },
  ss: { SS: ['a', 'b'] },
  ns: { NS: ['1', '2'] },
  bs: { BS: [Buffer.from('x').toString('base64')] },
  m: { M: { city: { S: 'London' }, __proto__x: { NULL: true } } },
  l: { L: [{ N: '1' }, { BOOL: false }, null] },
  nul: { NULL: true },
  bool: { BOOL: true },
};

const READS: Array<[string, unknown]> = [
  ['GetItem', { TableName: 't', Key: { pk: { S: 'k' } }, ConsistentRead: true, ReturnConsumedCapacity: 'TOTAL' }],
  ['PutItem', { TableName: 't', Item: ITEM, ConditionExpression: 'attribute_not_exists(pk)', ExpressionAttributeValues: { ':v': { N: '1' } } }],
  ['PutItem', { TableName: 't', Item: JSON.parse('{"__proto__": {"S": "p"}, "constructor": {"N": "1"}}') }],
  ['PutItem', { TableName: 't', Item: { a: { S: 'x', N: '1' }, b: {}, c: { X: 'unknown member' }, d: { S: null }, e: null } }],
  ['PutItem', { TableName: 't', Item: { a: deep(120) } }],
  ['PutItem', { TableName: 't', Item: { a: deep(200) } }],
  ['PutItem', { TableName: 't', Item: { a: deep(300) } }],
  ['UpdateItem', { TableName: 't', Key: { pk: { S: 'k' } }, UpdateExpression: 'SET a = :a', ExpressionAttributeValues: { ':a': { L: [{ M: {} }] } }, AttributeUpdates: { x: { Value: { S: 'v' }, Action: 'PUT' } } }],
  ['DeleteItem', { TableName: 't', Key: { pk: { S: 'k' } }, Expected: { a: { ComparisonOperator: 'IN', AttributeValueList: [{ S: 'a' }, { N: '2' }] } } }],
  ['Query', { TableName: 't', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'k' } }, ExclusiveStartKey: { pk: { S: 'k' }, sk: { N: '5' } }, Limit: 10, QueryFilter: { a: { ComparisonOperator: 'EQ', AttributeValueList: [{ B: 'AAEC' }] } } }],
  ['Scan', { TableName: 't', Segment: 0, TotalSegments: 2, ScanFilter: { a: { ComparisonOperator: 'NULL' } } }],
  ['BatchGetItem', { RequestItems: { t: { Keys: [{ pk: { S: 'a' } }, { pk: { S: 'b' } }], ProjectionExpression: 'pk' } } }],
  ['BatchWriteItem', { RequestItems: { t: [{ PutRequest: { Item: ITEM } }, { DeleteRequest: { Key: { pk: { S: 'a' } } } }] } }],
  ['TransactWriteItems', { TransactItems: [{ Put: { TableName: 't', Item: ITEM } }, { ConditionCheck: { TableName: 't', Key: { pk: { S: 'a' } }, ConditionExpression: 'x' } }] }],
  ['TransactGetItems', { TransactItems: [{ Get: { TableName: 't', Key: { pk: { S: 'a' } } } }] }],
  ['ExecuteStatement', { Statement: 'SELECT * FROM t WHERE pk = ?', Parameters: [{ S: 'a' }, { NS: ['1'] }] }],
  // Mistyped members at every level: each must fail with the generic path's words.
  ['GetItem', { TableName: 't', Key: { pk: { S: 5 } } }],
  ['GetItem', { TableName: 't', Key: { pk: { S: ['x'] } } }],
  ['GetItem', { TableName: 't', Key: { pk: { S: { x: 1 } } } }],
  ['GetItem', { TableName: 't', Key: { pk: 'k' } }],
  ['GetItem', { TableName: 't', Key: { pk: ['k'] } }],
  ['GetItem', { TableName: 't', Key: ['k'] }],
  ['GetItem', { TableName: 't', Key: 'k' }],
  ['GetItem', { TableName: 5, Key: { pk: { S: 'k' } } }],
  ['GetItem', { TableName: 't', Key: { pk: { S: 'k' } }, ConsistentRead: 'yes' }],
  ['PutItem', { TableName: 't', Item: { a: { B: 'not base64!' } } }],
  ['PutItem', { TableName: 't', Item: { a: { B: true } } }],
  ['PutItem', { TableName: 't', Item: { a: { SS: 'x' } } }],
  ['PutItem', { TableName: 't', Item: { a: { SS: [1] } } }],
  ['PutItem', { TableName: 't', Item: { a: { SS: [{}] } } }],
  ['PutItem', { TableName: 't', Item: { a: { BS: ['%%'] } } }],
  ['PutItem', { TableName: 't', Item: { a: { M: [] } } }],
  ['PutItem', { TableName: 't', Item: { a: { M: 'x' } } }],
  ['PutItem', { TableName: 't', Item: { a: { L: {} } } }],
  ['PutItem', { TableName: 't', Item: { a: { L: [5] } } }],
  ['PutItem', { TableName: 't', Item: { a: { NULL: 'true' } } }],
  ['PutItem', { TableName: 't', Item: { a: { BOOL: 1 } } }],
  ['PutItem', { TableName: 't', Item: { a: { N: 1 } } }],
  ['Query', { TableName: 't', Limit: '10' }],
  ['Query', { TableName: 't', ExclusiveStartKey: [] }],
  ['BatchWriteItem', { RequestItems: { t: [{ PutRequest: { Item: { a: { S: false } } } }] } }],
  ['BatchWriteItem', { RequestItems: { t: { PutRequest: {} } } }],
  ['BatchGetItem', { RequestItems: { t: { Keys: { pk: { S: 'a' } } } } }],
];

describe('DynamoDB JSON codec', () => {
  it('has a codec for every hot item operation', () => {
    expect(codecs?.protocol).toBe('json');
    for (const op of CODEC_OPERATIONS) expect(typeof codec(op).read).toBe('function');
  });

  it.each(READS.map(([op, body], i) => [`${i} ${op}`, op, JSON.stringify(body)]))('reads %s as the generic walk does', (_name, op, body) => {
    expect(fast(op, body)).toEqual(generic(op, body));
  });

  it('reads raw bodies as the generic walk does: not JSON, not an object, not UTF-8, deep past the limit', () => {
    const bodies = ['not json', '[1]', '"s"', 'null', '{"TableName":"t","Key":{"pk":{"S":"k"}}', `{"Key":{"a":${JSON.stringify(deep(400))}}}`];
    for (const body of bodies) expect(fast('GetItem', body)).toEqual(generic('GetItem', body));
    const latin1 = Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]);
    const read = () => codec('GetItem').read?.(latin1);
    expect(read).toThrow('Start of structure or map found where not expected.');
  });

  it('keeps the generic value types: blobs as Buffers, attribute maps with __proto__ as an own key', () => {
    const out = codec('PutItem').read?.(Buffer.from('{"TableName":"t","Item":{"__proto__":{"B":"AAEC"}}}')) as { Item: Record<string, { B: Buffer }> };
    expect(Object.hasOwn(out.Item, '__proto__')).toBe(true);
    const own = Object.getOwnPropertyDescriptor(out.Item, '__proto__')?.value as { B: Buffer };
    expect(Buffer.isBuffer(own.B)).toBe(true);
    expect([...own.B]).toEqual([0, 1, 2]);
  });

  const item = () => {
    const value: Record<string, unknown> = Object.create(null);
    Object.assign(value, {
      pk: { S: 'k"1\u2028' },
      n: { N: '36.5' },
      b: { B: Buffer.from([0, 255]) },
      ss: { SS: ['a', 'b'] },
      ns: { NS: new Set(['1', '2']) },
      bs: { BS: [new Uint8Array([1, 2])] },
      m: { M: Object.assign(Object.create(null), { '10': { S: 'x' }, b: { NULL: true }, '2': { BOOL: false } }) },
      l: { L: [{ N: '1' }, { L: [] }, { M: {} }] },
    });
    Object.defineProperty(value, "__proto__", { value: { S: "p" }, enumerable: true, writable: true, configurable: true });
    return value;
  };

  const WRITES: Array<[string, Record<string, unknown>]> = [
    ['GetItem', { Item: item(), ConsumedCapacity: { TableName: 't', CapacityUnits: 0.5, Table: { CapacityUnits: 0.5 } } }],
    ['GetItem', {}],
    ['GetItem', { Item: undefined, ConsumedCapacity: undefined }],
    ['PutItem', { Attributes: item(), ItemCollectionMetrics: { ItemCollectionKey: { pk: { S: 'k' } }, SizeEstimateRangeGB: [0, 1] } }],
    ['Query', { Items: [item(), item()], Count: 2, ScannedCount: 2, LastEvaluatedKey: { pk: { S: 'k' } } }],
    ['Scan', { Items: [], Count: 0, ScannedCount: 0 }],
    ['BatchGetItem', { Responses: { t: [item()] }, UnprocessedKeys: { t: { Keys: [{ pk: { S: 'a' } }] } } }],
    ['BatchWriteItem', { UnprocessedItems: { t: [{ PutRequest: { Item: item() } }] } }],
    ['TransactGetItems', { Responses: [{ Item: item() }, {}] }],
    ['ExecuteStatement', { Items: [item()], NextToken: 'tok' }],
    ['UpdateItem', { Attributes: { a: { S: 'x', N: '1' }, n: { NULL: null }, odd: { S: 5 } } }],
    ['UpdateItem', { Attributes: new Map<string, unknown>([['10', { S: 'x' }], ['2', { N: '1' }]]) as never }],
  ];

  it.each(WRITES.map(([op, out], i) => [`${i} ${op}`, op, out]))('writes %s as the generic walk does', (_name, op, out) => {
    const shape = spec.operations[op as string].output;
    expect(codec(op as string).write?.(out as Record<string, unknown>)).toBe(JSON.stringify(writeStructure(spec, shape, out, jsonLeafCodec)));
  });

  it('answers every request as the generic path does, model validation included', async () => {
    const long = 'k'.repeat(65536);
    const bodies: Array<[string, unknown]> = [
      ['PutItem', { TableName: 'codec', Item: { pk: { S: 'a' }, s: { SS: ['x', null] } } }],
      ['PutItem', { TableName: 'codec', Item: { pk: { S: 'a' }, m: { M: { deep: { L: [{ N: '1' }, null] } } } } }],
      ['PutItem', { TableName: 'codec', Item: { pk: { S: 'a' }, m: { M: { [long]: { S: 'x' } } } } }],
      ['PutItem', { TableName: 'codec', Item: { pk: { S: 'a' }, [long]: { S: 'x' } } }],
      ['PutItem', { TableName: 'codec', Item: { pk: { S: 'a' }, l: { L: [{ M: { x: { NS: [null] } } }] }, ok: { M: { y: { S: 'y' } } } } }],
      ['PutItem', { TableName: 'codec', Item: { pk: { S: 'a' }, n: { N: 'x1' } } }],
      ['PutItem', { TableName: 'codec', Item: { pk: { S: 'a' }, e: {} } }],
      ['PutItem', { TableName: 'codec', Item: { pk: { S: 'a' }, ss: { SS: ['a', 'a'] } } }],
      ['PutItem', { TableName: 'c', Item: { pk: { S: 'a' } }, ReturnValues: 'BOGUS' }],
      ['GetItem', { TableName: 'codec', Key: { pk: { S: 'a' } }, ProjectionExpression: 'm.deep[1]' }],
      ['UpdateItem', { TableName: 'codec', Key: { pk: { S: 'a' } }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { L: [null] } } }],
      ['Query', { TableName: 'codec', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'a' } }, ExclusiveStartKey: { pk: { SS: [null] } } }],
      ['BatchWriteItem', { RequestItems: { codec: [{ PutRequest: { Item: { pk: { S: 'b' }, x: { BS: [null] } } } }] } }],
    ];
    const answers = async (withCodec: boolean) => {
      const dispatcher = new Dispatcher({ services });
      const mod = await dispatcher.loadService('dynamodb');
      const own = mod.codecs;
      mod.codecs = withCodec ? own : undefined;
      try {
        await dispatcher.backends.call('dynamodb', 'CreateTable', {
          TableName: 'codec',
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        });
        const out: unknown[] = [];
        for (const [op, body] of bodies) {
          const res = await dispatcher.dispatch(
            createRequest({
              method: 'POST',
              url: 'https://dynamodb.us-east-1.amazonaws.com/',
              headers: { 'x-amz-target': `DynamoDB_20120810.${op}`, 'content-type': 'application/x-amz-json-1.0' },
              body: JSON.stringify(body),
            }),
          );
          out.push([op, res.status, String(res.body)]);
        }
        return out;
      } finally {
        mod.codecs = own;
      }
    };
    const fastAnswers = await answers(true);
    expect(fastAnswers).toEqual(await answers(false));
    // Not all alike: the model's null-element and key-length messages are among them.
    expect(JSON.stringify(fastAnswers)).toContain("failed to satisfy constraint: Member must not be null");
    expect(JSON.stringify(fastAnswers)).toContain('Map keys must satisfy constraint');
  });

  it('is the path SDK calls take, and they get the same answers', async () => {
    const dispatcher = new Dispatcher({ services });
    const reads: string[] = [];
    const mod = await dispatcher.loadService('dynamodb');
    const original = mod.codecs?.operations.GetItem.read;
    expect(original).toBeDefined();
    // Counting, not replacing: the module's own codec still answers.
    const counted = mod.codecs?.operations.GetItem as { read: (b: Buffer) => Record<string, unknown> };
    counted.read = (body) => {
      reads.push(body.toString());
      return (original as (b: Buffer) => Record<string, unknown>)(body);
    };
    try {
      const client = new DynamoDBClient({
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' },
        maxAttempts: 1,
        requestHandler: createSdkHandler(() => dispatcher) as never,
      });
      await dispatcher.backends.call('dynamodb', 'CreateTable', {
        TableName: 'codec',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      });
      const stored = { pk: { S: 'a' }, b: { B: new Uint8Array([1, 2, 3]) }, ns: { NS: ['1', '2.50'] }, m: { M: { x: { L: [{ BOOL: true }] } } } };
      await client.send(new PutItemCommand({ TableName: 'codec', Item: stored }));
      const got = await client.send(new GetItemCommand({ TableName: 'codec', Key: { pk: { S: 'a' } } }));
      expect(got.Item).toEqual({ ...stored, ns: { NS: ['1', '2.5'] } });
      expect(reads).toHaveLength(1);
      // A hand-rolled client's mistyped key: the codec's WireError, answered as the generic path answers it.
      const bad = await dispatcher.dispatch(
        createRequest({
          method: 'POST',
          url: 'https://dynamodb.us-east-1.amazonaws.com/',
          headers: { 'x-amz-target': 'DynamoDB_20120810.GetItem', 'content-type': 'application/x-amz-json-1.0' },
          body: '{"TableName":"codec","Key":{"pk":{"S":5}}}',
        }),
      );
      expect(reads).toHaveLength(2);
      expect(bad.status).toBe(400);
      expect(JSON.parse(String(bad.body))).toEqual({
        __type: 'com.amazon.coral.service#SerializationException',
        message: 'NUMBER_VALUE cannot be converted to String',
      });
    } finally {
      counted.read = original as (b: Buffer) => Record<string, unknown>;
    }
  });
});
