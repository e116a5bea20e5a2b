/**
 * The pipeline's own cost: DynamoDB GetItem through mockaws's dispatcher
 * (routing, JSON parse, handler, JSON serialize) against the SDK's floor — the
 * same client with a request handler that returns a canned response. The
 * handler here returns a fixed item, so only the pipeline is measured.
 *
 *   npx esbuild bench/pipeline.ts --bundle --platform=node --packages=external --outfile=.tmp/bench-pipeline.cjs && node .tmp/bench-pipeline.cjs
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { Dispatcher } from '../src/core/dispatch';
import type { ServiceEntry } from '../src/core/service';
import { createSdkHandler } from '../src/intercept/sdk-handler';
import { catalog } from '../services/catalog.generated';
import { hosts } from '../services/dynamodb/urls';
import { spec } from '../services/dynamodb/spec';
import { BENCH_CREDENTIALS, cannedJsonHandler } from './support/floor';
import { interleave, report } from './support/measure';

const item = { pk: { S: 'user#1' }, name: { S: 'Ada' }, age: { N: '36' }, tags: { SS: ['a', 'b'] } };
const canned = Buffer.from(JSON.stringify({ Item: item }));

const entry: ServiceEntry = {
  route: { ...catalog.dynamodb, hosts },
  load: async () => ({ spec, handlers: { GetItem: () => ({ Item: item }) }, createBackend: () => ({}) }),
};
const dispatcher = new Dispatcher({ services: [entry] });

const credentials = BENCH_CREDENTIALS;
const floor = new DynamoDBClient({ region: 'us-east-1', credentials, requestHandler: cannedJsonHandler(canned) });
const mocked = new DynamoDBClient({
  region: 'us-east-1',
  credentials,
  requestHandler: createSdkHandler(() => dispatcher) as never,
});
const command = () => new GetItemCommand({ TableName: 'users', Key: { pk: { S: 'user#1' } } });

async function main() {
  const results = await interleave(
    {
      'SDK floor (canned response)': () => floor.send(command()),
      'mockaws pipeline': () => mocked.send(command()),
    },
    { rounds: 10, callsPerRound: 1000, warmup: 2000 },
  );
  report('DynamoDB GetItem', results, 'SDK floor (canned response)');
}

main();
