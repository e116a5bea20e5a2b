/**
 * Lambda: the cost of a warm Invoke against the SDK floor (the same client
 * with a request handler that answers a canned 200 at once), and of the
 * backend's invoke() alone (what EventBridge, SNS or S3 notifications pay,
 * with no SDK in between). The function is a Node.js zip whose handler
 * echoes its event; the first call is the cold start, excluded by warmup.
 * Also reported once: a cold start (unzip to disk + module load).
 *
 *   npm run bench -- lambda-invoke
 */
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { Dispatcher } from '../src/core/dispatch';
import { createSdkHandler, toSdkResponse } from '../src/intercept/sdk-handler';
import type { LambdaBackend } from '../services/lambda/models/backend';
import { services } from '../services';
import { BENCH_CREDENTIALS } from './support/floor';
import { interleave, report } from './support/measure';

const credentials = BENCH_CREDENTIALS;
const event = Buffer.from(JSON.stringify({ id: 'order-1', items: [1, 2, 3] }));

const floor = new LambdaClient({
  region: 'us-east-1',
  credentials,
  requestHandler: {
    handle: async () => ({
      response: toSdkResponse({ status: 200, headers: { 'content-type': 'application/json', 'x-amz-executed-version': '$LATEST' }, body: event }),
    }),
  } as never,
});
const dispatcher = new Dispatcher({ services });
const lambda = new LambdaClient({ region: 'us-east-1', credentials, requestHandler: createSdkHandler(() => dispatcher) as never });

async function create(name: string): Promise<void> {
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs20.x',
      Role: 'arn:aws:iam::123456789012:role/r',
      Handler: 'index.handler',
      Code: { ZipFile: zipSync({ 'index.js': strToU8('exports.handler = async (e) => e;') }) },
    }),
  );
}

/** The execution role: Lambda checks that it exists and trusts lambda.amazonaws.com. */
async function createRole(): Promise<void> {
  const iam = new IAMClient({ region: 'us-east-1', credentials, requestHandler: createSdkHandler(() => dispatcher) as never });
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
  await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: JSON.stringify(trust) }));
}

async function main() {
  await createRole();
  const backend = await dispatcher.backends.get<LambdaBackend>('lambda');
  backend.stateTransitionMs = 0;
  await create('echo');
  for (let i = 0; i < 5; i++) {
    await create(`cold${i}`);
  }
  const coldStart = process.hrtime.bigint();
  for (let i = 0; i < 5; i++) await lambda.send(new InvokeCommand({ FunctionName: `cold${i}`, Payload: event }));
  const coldUs = Number(process.hrtime.bigint() - coldStart) / 1000 / 5;

  const opts = { rounds: 9, callsPerRound: 500, warmup: 300 };
  const results = await interleave(
    {
      'SDK floor': () => floor.send(new InvokeCommand({ FunctionName: 'echo', Payload: event })),
      'mockaws Invoke (warm)': () => lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: event })),
      'backend.invoke() (warm)': () => backend.invoke('echo', event),
    },
    opts,
  );
  report('Lambda Invoke, RequestResponse, warm environment', results, 'SDK floor');
  console.log(`  cold start (unzip + load + first invoke, mean of 5): ${(coldUs / 1000).toFixed(2)} ms`);
  backend.dispose();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
