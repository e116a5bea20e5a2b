/**
 * What capture costs: DynamoDB GetItem (a real table and item in the fake)
 * through mockAws()'s client hook, against the SDK's floor (the same client
 * with a request handler returning a canned response), and against the HTTP
 * fallback (a copy of the SDK the hook was kept from, so its request goes
 * through https and @mswjs/interceptors before reaching the same dispatcher).
 *
 *   npx esbuild bench/capture.ts --bundle --platform=node --packages=external --outfile=.tmp/bench-capture.cjs && node .tmp/bench-capture.cjs
 */
import type * as DynamoDb from '@aws-sdk/client-dynamodb';
import { mockAws } from '../src/mock';
import { BENCH_CREDENTIALS, cannedJsonHandler } from './support/floor';
import { interleave, report } from './support/measure';

type Sdk = typeof DynamoDb;

const SDK_FILES = /[\\/]node_modules[\\/]@(smithy|aws-sdk)[\\/]/;

/**
 * A second copy of the SDK, loaded and then hidden from require.cache so
 * mockAws() cannot find it: it stands in for a client the hook never reached.
 */
function hiddenSdkCopy(): Sdk {
  const saved = new Map<string, NodeJS.Module>();
  for (const [file, mod] of Object.entries(require.cache)) {
    if (mod && SDK_FILES.test(file)) {
      saved.set(file, mod);
      delete require.cache[file];
    }
  }
  const copy = require('@aws-sdk/client-dynamodb') as Sdk;
  for (const file of Object.keys(require.cache)) if (SDK_FILES.test(file)) delete require.cache[file];
  for (const [file, mod] of saved) require.cache[file] = mod;
  return copy;
}

const item = { pk: { S: 'user#1' }, name: { S: 'Ada' }, age: { N: '36' }, tags: { SS: ['a', 'b'] } };
const canned = Buffer.from(JSON.stringify({ Item: item }));

async function main() {
  const sdk = require('@aws-sdk/client-dynamodb') as Sdk;
  const hidden = hiddenSdkCopy();
  const credentials = BENCH_CREDENTIALS;
  const floor = new sdk.DynamoDBClient({ region: 'us-east-1', credentials, requestHandler: cannedJsonHandler(canned) });
  const m = mockAws();
  const hooked = new sdk.DynamoDBClient({ region: 'us-east-1', credentials });
  const viaHttp = new hidden.DynamoDBClient({ region: 'us-east-1', credentials });
  await hooked.send(
    new sdk.CreateTableCommand({
      TableName: 'users',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await hooked.send(new sdk.PutItemCommand({ TableName: 'users', Item: item }));
  const key = { pk: { S: 'user#1' } };
  const check = await viaHttp.send(new hidden.GetItemCommand({ TableName: 'users', Key: key }));
  if (check.Item?.name?.S !== 'Ada') throw new Error('the HTTP path did not reach the fake');
  const handler = viaHttp.config.requestHandler as unknown as Record<symbol, unknown>;
  if (handler[Symbol.for('mockaws.handler-owner')]) throw new Error('the hidden copy was hooked after all');

  const get = (client: DynamoDb.DynamoDBClient, lib: Sdk) => () =>
    client.send(new lib.GetItemCommand({ TableName: 'users', Key: key }));
  report(
    'DynamoDB GetItem: client hook vs SDK floor',
    await interleave(
      { 'SDK floor (canned response)': get(floor, sdk), 'mockAws() client hook': get(hooked, sdk) },
      { rounds: 10, callsPerRound: 1000, warmup: 2000 },
    ),
    'SDK floor (canned response)',
  );
  report(
    'DynamoDB GetItem: client hook vs HTTP fallback',
    await interleave(
      { 'mockAws() client hook': get(hooked, sdk), 'mockAws() HTTP fallback': get(viaHttp, hidden) },
      { rounds: 6, callsPerRound: 200, warmup: 300 },
    ),
    'mockAws() client hook',
  );
  m.stop();
}

main();
