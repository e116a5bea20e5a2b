/**
 * DynamoDB benchmark: GetItem / PutItem per call against the SDK floor (a
 * client whose request handler returns a canned response), a Query page
 * (Limit 100) on a 1k vs a 100k-item partition, and a full paginated Scan of
 * 10k vs 50k items.
 *
 * npx esbuild bench/dynamodb.ts --bundle --platform=node --packages=external --outfile=.tmp/bench-dynamodb.cjs && node .tmp/bench-dynamodb.cjs
 */
import { BatchWriteItemCommand, CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { mockAws } from '../src/mock';
import { Dispatcher } from '../src/core/dispatch';
import { createSdkHandler } from '../src/intercept/sdk-handler';
import { services } from '../services';
import { interleave, report, timePerCall } from './support/measure';

const time = (label: string, n: number, fn: (i: number) => Promise<unknown>) => timePerCall(label, n, fn, { warmup: 50, width: 48 });

function floorClient(body: string): DynamoDBClient {
  const canned = {
    handle: async () => ({
      response: { statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: Buffer.from(body) },
    }),
  };
  return new DynamoDBClient({ region: 'us-east-1', requestHandler: canned as never, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
}

async function fill(ddb: DynamoDBClient, table: string, n: number, item: (i: number) => Record<string, any>) {
  for (let i = 0; i < n; i += 25) {
    const batch = [];
    for (let j = i; j < Math.min(n, i + 25); j++) batch.push({ PutRequest: { Item: item(j) } });
    await ddb.send(new BatchWriteItemCommand({ RequestItems: { [table]: batch } }));
  }
}

async function createTable(ddb: DynamoDBClient, name: string, range: boolean) {
  await ddb.send(
    new CreateTableCommand({
      TableName: name,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, ...(range ? [{ AttributeName: 'sk', AttributeType: 'N' as const }] : [])],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, ...(range ? [{ AttributeName: 'sk', KeyType: 'RANGE' as const }] : [])],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
}

async function main() {
  // Per-call cost against the floor, interleaved. The mocked client goes through a Dispatcher directly:
  // under mockAws() the floor clients would be captured too.
  const floorGet = floorClient('{"Item":{"pk":{"S":"k1"},"v":{"N":"1"}}}');
  const floorPut = floorClient('{}');
  const dispatcher = new Dispatcher({ services });
  const direct = new DynamoDBClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' },
    requestHandler: createSdkHandler(() => dispatcher) as never,
  });
  await createTable(direct, 'bench', false);
  let n = 0;
  const put = (client: DynamoDBClient) => () =>
    client.send(new PutItemCommand({ TableName: 'bench', Item: { pk: { S: `k${n++ % 3000}` }, v: { N: '1' } } }));
  const get = (client: DynamoDBClient) => () =>
    client.send(new GetItemCommand({ TableName: 'bench', Key: { pk: { S: `k${n++ % 3000}` } } }));
  const opts = { rounds: 8, callsPerRound: 1000, warmup: 1000 };
  report('PutItem', await interleave({ 'SDK floor': put(floorPut), mockaws: put(direct) }, opts), 'SDK floor');
  report('GetItem', await interleave({ 'SDK floor': get(floorGet), mockaws: get(direct) }, opts), 'SDK floor');

  const m = mockAws();
  const ddb = new DynamoDBClient({ region: 'us-east-1' });
  await createTable(ddb, 'part', true);
  for (const [label, n] of [['1k', 1000], ['100k', 100000]] as const) {
    const pk = `p${label}`;
    await fill(ddb, 'part', n, (i) => ({ pk: { S: pk }, sk: { N: String((i * 7919) % n) }, v: { S: 'x'.repeat(50) } }));
    await time(`mockaws Query page (Limit 100, middle) on ${label} partition`, 500, (i) =>
      ddb.send(
        new QueryCommand({
          TableName: 'part',
          KeyConditionExpression: 'pk = :p AND sk >= :s',
          ExpressionAttributeValues: { ':p': { S: pk }, ':s': { N: String((i * 37) % (n - 100)) } },
          Limit: 100,
        }),
      ),
    );
  }

  for (const n of [10000, 50000]) {
    const table = `scan${n}`;
    await createTable(ddb, table, false);
    await fill(ddb, table, n, (i) => ({ pk: { S: `item-${i}` }, v: { S: 'y'.repeat(100) } }));
    const t0 = process.hrtime.bigint();
    let start: Record<string, any> | undefined;
    let count = 0;
    do {
      const page = await ddb.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start, Limit: 1000 }));
      count += page.Count ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    console.log(`${`mockaws full paginated Scan of ${n} items`.padEnd(48)} ${ms.toFixed(0).padStart(9)} ms (${count} items)`);
  }
  m.stop();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
