/**
 * What capture costs: DynamoDB GetItem of a real item through mockAws()'s
 * client hook, against the SDK's floor (a canned response; its handler is
 * marked so the hook leaves it alone) and a second floor as the noise control;
 * then the hook against the HTTP fallback (a copy of the SDK the hook was kept
 * from, so its request goes through https and the interceptors before
 * reaching the same dispatcher).
 *
 *   npm run bench -- capture
 */
import type * as DynamoDb from '@aws-sdk/client-dynamodb';
import { mockAws } from '../src/mock';
import { type Contender, compare } from './support/compare';
import { answered } from './support/counters';
import { BENCH_CREDENTIALS, cannedJsonHandler } from './support/floor';

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
const OWNER = Symbol.for('mockaws.handler-owner');

async function main() {
  const sdk = require('@aws-sdk/client-dynamodb') as Sdk;
  const hidden = hiddenSdkCopy();
  const credentials = BENCH_CREDENTIALS;
  const floorHandler = cannedJsonHandler(JSON.stringify({ Item: item }));
  const controlHandler = cannedJsonHandler(JSON.stringify({ Item: item }));
  const floor = new sdk.DynamoDBClient({ region: 'us-east-1', credentials, requestHandler: floorHandler as never });
  const control = new sdk.DynamoDBClient({ region: 'us-east-1', credentials, requestHandler: controlHandler as never });
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
  const handlerOf = (c: { config: { requestHandler: unknown } }) => c.config.requestHandler as Record<symbol, unknown>;
  // The hook owns the mocked client's handler, and neither the floors' nor the hidden copy's.
  if (!handlerOf(hooked)[OWNER]) throw new Error('precondition failed: the mocked client was not hooked');
  const get = (client: DynamoDb.DynamoDBClient, lib: Sdk) => async () => {
    const out = await client.send(new lib.GetItemCommand({ TableName: 'users', Key: key }));
    if (out.Item?.name?.S !== 'Ada') throw new Error('GetItem did not answer the item');
  };
  const hookCalls = answered(m.dispatcher, 'dynamodb', 'GetItem');
  const contenders: Record<string, Contender> = {
    'SDK floor': { run: get(floor, sdk), served: () => floorHandler.calls },
    'SDK floor (control)': { run: get(control, sdk), served: () => controlHandler.calls },
    'mockAws() client hook': { run: get(hooked, sdk), served: hookCalls },
  };
  await compare('capture', 'DynamoDB GetItem: client hook vs SDK floor', contenders, {
    rounds: 10,
    callsPerRound: 300,
    warmup: 500,
    baseline: 'SDK floor',
    atMost: { 'mockAws() client hook': 1.15 },
  });
  if (handlerOf(floor)[OWNER] || handlerOf(control)[OWNER]) throw new Error('precondition failed: a floor was hooked');

  // Both go through one dispatcher: the fallback's calls are those whose request did not pass the hook.
  let hookServed = 0;
  let fallbackServed = 0;
  m.dispatcher.onCall((event) => {
    if (event.call?.operation !== 'GetItem' || event.error) return;
    if (event.request.headers['x-mockaws-bench'] === 'fallback') fallbackServed++;
    else hookServed++;
  });
  viaHttp.middlewareStack.add(
    (next) => (args) => {
      (args.request as { headers: Record<string, string> }).headers['x-mockaws-bench'] = 'fallback';
      return next(args);
    },
    { step: 'build' },
  );
  await compare(
    'capture',
    'DynamoDB GetItem: client hook vs HTTP fallback',
    {
      'mockAws() client hook': { run: get(hooked, sdk), served: () => hookServed },
      'mockAws() HTTP fallback': { run: get(viaHttp, hidden), served: () => fallbackServed },
    },
    { rounds: 6, callsPerRound: 100, warmup: 100, baseline: 'mockAws() client hook' },
  );
  if (handlerOf(viaHttp)[OWNER]) throw new Error('precondition failed: the hidden copy was hooked after all');
  m.stop();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
