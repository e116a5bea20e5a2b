/**
 * Server throughput: DynamoDB GetItem per second with 32 concurrent callers
 * (one SDK client, a keep-alive agent with 32 sockets), answered
 *   - in-process by the dispatcher (the path mockAws() takes),
 *   - over loopback HTTP by a `mockaws server` child process.
 *   - over loopback HTTP by the same child, driven by a raw HTTP client that
 *     sends the SDK's bytes without the SDK's cost per call (the server's own rate).
 * The machine has 2 cores: the child serves on one while this process
 * drives the calls on the other. Target: >= 5,000 GetItem/s over loopback.
 *
 *   npm run bench -- server-throughput
 */
import { Agent, request } from 'node:http';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { services } from '../services';
import { Dispatcher } from '../src/core/dispatch';
import { createSdkHandler } from '../src/intercept/sdk-handler';
import { childServer } from './support/child-server';

const CONCURRENCY = 32;
const SECONDS = Number(process.env.MOCKAWS_BENCH_SECONDS ?? 5);
const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' };

/** CPU seconds (user + system) a process has used, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

async function seed(ddb: DynamoDBClient): Promise<void> {
  await ddb.send(
    new CreateTableCommand({
      TableName: 'bench',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  for (let i = 0; i < 100; i++) {
    await ddb.send(new PutItemCommand({ TableName: 'bench', Item: { id: { S: `item-${i}` }, payload: { S: 'x'.repeat(200) }, n: { N: String(i) } } }));
  }
}

/** One GetItem through the SDK client. */
const sdkGet = (ddb: DynamoDBClient) => (i: number) =>
  ddb.send(new GetItemCommand({ TableName: 'bench', Key: { id: { S: `item-${i % 100}` } } }));

/**
 * One GetItem as raw HTTP: the bytes the SDK sends (signature included; the
 * server does not verify by default), without the SDK's own cost per call, so
 * the figure is the server's rather than the client's.
 */
function rawGet(url: string): (i: number) => Promise<unknown> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const target = new URL(url);
  return (i) =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify({ TableName: 'bench', Key: { id: { S: `item-${i % 100}` } } });
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          method: 'POST',
          path: '/',
          headers: {
            'content-type': 'application/x-amz-json-1.0',
            'x-amz-target': 'DynamoDB_20120810.GetItem',
            'x-amz-date': '20260101T000000Z',
            authorization:
              'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=0000000000000000000000000000000000000000000000000000000000000000',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve(undefined) : reject(new Error(`status ${res.statusCode}`))));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}

/** Calls per second with CONCURRENCY callers for SECONDS (after a 1 s warm-up). */
async function rate(get: (i: number) => Promise<unknown>): Promise<number> {
  const run = async (until: number) => {
    let n = 0;
    const caller = async (c: number) => {
      while (Date.now() < until) {
        await get(n + c);
        n++;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, (_, c) => caller(c)));
    return n;
  };
  await run(Date.now() + 1000);
  const start = Date.now();
  const n = await run(start + SECONDS * 1000);
  return n / ((Date.now() - start) / 1000);
}

async function main() {
  const dispatcher = new Dispatcher({ services });
  const inProcess = new DynamoDBClient({ region: 'us-east-1', credentials, requestHandler: createSdkHandler(() => dispatcher) as never });
  await seed(inProcess);
  const child = await childServer('server-throughput');
  const overHttp = new DynamoDBClient({
    region: 'us-east-1',
    credentials,
    endpoint: child.url,
    requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: CONCURRENCY }) }),
  });
  try {
    await seed(overHttp);
    // The machine is shared: besides calls per wall second, the server's calls per CPU second it used.
    const results: Array<[string, number, number | undefined]> = [];
    const measured = async (name: string, get: (i: number) => Promise<unknown>, server: boolean) => {
      const cpu = cpuSeconds(child.pid);
      const wall = process.hrtime.bigint();
      const perSecond = await rate(get);
      const calls = perSecond * (Number(process.hrtime.bigint() - wall) / 1e9);
      results.push([name, perSecond, server ? calls / (cpuSeconds(child.pid) - cpu) : undefined]);
    };
    for (let round = 0; round < 2; round++) {
      await measured('SDK client, in-process dispatcher', sdkGet(inProcess), false);
      await measured('SDK client, server child over HTTP', sdkGet(overHttp), true);
      await measured('raw HTTP client, server child', rawGet(child.url), true);
    }
    console.log(`\nDynamoDB GetItem, ${CONCURRENCY} concurrent callers, ${SECONDS} s per run (load average ${loadavg()[0].toFixed(1)})`);
    for (const [name, perSecond, perCpu] of results) {
      const cpu = perCpu === undefined ? '' : `   ${Math.round(perCpu).toString().padStart(6)} per server CPU-second`;
      console.log(`  ${name.padEnd(36)} ${Math.round(perSecond).toString().padStart(7)} GetItem/s${cpu}`);
    }
  } finally {
    child.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
