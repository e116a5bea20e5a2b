/**
 * DynamoDB per call: GetItem and PutItem through mockAws()'s client hook,
 * against the SDK floor (a canned response), a second floor (the noise
 * control) and dynalite over loopback, interleaved; then a Query page
 * (Limit 100) on a 1k vs a 100k-item partition, and a paginated Scan.
 *
 *   npm run bench -- dynamodb
 */
import { BatchWriteItemCommand, CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { mockAws } from '../src/mock';
import { type Contender, compare } from './support/compare';
import { answered } from './support/counters';
import { BENCH_CREDENTIALS, cannedJsonHandler, peerHttpHandler } from './support/floor';
import { startDynalite } from './support/peers';
import { record } from './support/results';
import { typicalItem } from './support/typical-item';

const credentials = BENCH_CREDENTIALS;
const region = 'us-east-1';

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

const item = typicalItem;
const KEYS = 1000;

async function perCall(): Promise<void> {
  const m = mockAws();
  const dynalite = await startDynalite();
  try {
    const mocked = new DynamoDBClient({ region, credentials });
    const peer = new DynamoDBClient({ region, credentials, endpoint: dynalite.url, requestHandler: peerHttpHandler() });
    for (const client of [mocked, peer]) {
      await createTable(client, 'bench', false);
      await fill(client, 'bench', KEYS, item);
    }
    const getFloor = cannedJsonHandler(JSON.stringify({ Item: item(1) }));
    const getControl = cannedJsonHandler(JSON.stringify({ Item: item(1) }));
    const putFloor = cannedJsonHandler('{}');
    const putControl = cannedJsonHandler('{}');
    const canned = (h: ReturnType<typeof cannedJsonHandler>) => new DynamoDBClient({ region, credentials, requestHandler: h as never });
    let n = 0;
    const get = (client: DynamoDBClient) => async () => {
      const out = await client.send(new GetItemCommand({ TableName: 'bench', Key: { pk: { S: `k${n++ % KEYS}` } } }));
      if (!out.Item?.name) throw new Error('GetItem found no item');
    };
    const put = (client: DynamoDBClient) => () => client.send(new PutItemCommand({ TableName: 'bench', Item: item(n++ % KEYS) }));
    const opts = { rounds: 10, callsPerRound: 300, warmup: 500, baseline: 'SDK floor', atMost: { 'mockaws (mockAws() hook)': 1.15 } };
    const contenders = (op: (client: DynamoDBClient) => () => Promise<unknown>, floor: typeof getFloor, control: typeof getFloor, operation: string): Record<string, Contender> => ({
      'SDK floor': { run: op(canned(floor)), served: () => floor.calls },
      'SDK floor (control)': { run: op(canned(control)), served: () => control.calls },
      'mockaws (mockAws() hook)': { run: op(mocked), served: answered(m.dispatcher, 'dynamodb', operation) },
      'dynalite (loopback HTTP)': { run: op(peer), served: dynalite.served },
    });
    await compare('dynamodb', 'DynamoDB GetItem', contenders(get, getFloor, getControl, 'GetItem'), opts);
    await compare('dynamodb', 'DynamoDB PutItem', contenders(put, putFloor, putControl, 'PutItem'), opts);
  } finally {
    m.stop();
    await dynalite.stop();
  }
}

async function growth(): Promise<void> {
  const m = mockAws();
  const ddb = new DynamoDBClient({ region, credentials });
  await createTable(ddb, 'part', true);
  const sizes = [1000, 100_000];
  for (const n of sizes) {
    await fill(ddb, 'part', n, (i) => ({ pk: { S: `p${n}` }, sk: { N: String((i * 7919) % n) }, v: { S: 'x'.repeat(50) } }));
  }
  const contenders: Record<string, Contender> = {};
  for (const n of sizes) {
    let i = 0;
    contenders[`Query page (Limit 100) in a ${n}-item partition`] = {
      run: async () => {
        const out = await ddb.send(
          new QueryCommand({
            TableName: 'part',
            KeyConditionExpression: 'pk = :p AND sk >= :s',
            ExpressionAttributeValues: { ':p': { S: `p${n}` }, ':s': { N: String((i++ * 37) % (n - 100)) } },
            Limit: 100,
          }),
        );
        if (out.Count !== 100) throw new Error(`Query page held ${out.Count} items`);
      },
      served: answered(m.dispatcher, 'dynamodb', 'Query', (input) => input.ExpressionAttributeValues?.[':p']?.S === `p${n}`),
    };
  }
  const names = Object.keys(contenders);
  await compare('dynamodb', 'DynamoDB Query page of 100 as the partition grows', contenders, {
    rounds: 8,
    callsPerRound: 40,
    warmup: 40,
    baseline: names[0],
  });

  const scans: Array<{ name: string; value: number }> = [];
  for (const n of [10_000, 50_000]) {
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
    if (count !== n) throw new Error(`Scan saw ${count} of ${n} items`);
    scans.push({ name: `full paginated Scan of ${n} items (pages of 1,000)`, value: Number(process.hrtime.bigint() - t0) / 1e6 });
  }
  record({ bench: 'dynamodb', title: 'DynamoDB paginated Scan under mockAws()', unit: 'ms', rows: scans, preconditions: 'every item was seen once' });
  m.stop();
}

async function main() {
  await perCall();
  await growth();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
