/**
 * Server throughput: DynamoDB GetItem and PutItem per second against
 * `mockaws server` and dynalite, each in its own child process, at 8, 32 and
 * 128 keep-alive connections, driven by a raw HTTP client that sends the
 * SDK's bytes without the SDK's cost per call (so the figure is the server's,
 * not the client's). Rounds interleave the two servers (order rotating); the
 * ratio is mockaws' rate over dynalite's in the same round. Beside the rates:
 * each server's CPU per request, from /proc (the machine is shared).
 * Preconditions: every answer was a 200 with the item (GetItem) or `{}` (PutItem).
 *
 *   npm run bench -- server-throughput
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { childServer } from './support/child-server';
import { spread } from './support/compare';
import { dynaliteChild } from './support/dynalite-child';
import { record } from './support/results';

const SECONDS = Number(process.env.MOCKAWS_BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.MOCKAWS_BENCH_ROUNDS ?? 3);
const CONNECTIONS = [8, 32, 128];
const ITEMS = 100;

/** CPU seconds (user + system) a process has used, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

const AUTH =
  'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=0000000000000000000000000000000000000000000000000000000000000000';

type Op = 'GetItem' | 'PutItem' | 'CreateTable';

/** One DynamoDB call as raw HTTP over `agent`; resolves with the body, rejects on any status but 200. */
function call(url: URL, agent: Agent, op: Op, payload: object): Promise<string> {
  const body = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': `DynamoDB_20120810.${op}`,
          'x-amz-date': '20260101T000000Z',
          authorization: AUTH,
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          if (res.statusCode === 200) resolve(text);
          else reject(new Error(`${op} answered ${res.statusCode}: ${text}`));
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const item = (i: number) => ({ id: { S: `item-${i % ITEMS}` }, payload: { S: 'x'.repeat(200) }, n: { N: String(i) } });

async function seed(url: URL): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  await call(url, agent, 'CreateTable', {
    TableName: 'bench',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
  for (let i = 0; i < ITEMS; i++) await call(url, agent, 'PutItem', { TableName: 'bench', Item: item(i) });
  agent.destroy();
}

/** Calls per second with `connections` callers for SECONDS; every answer checked. */
async function rate(url: URL, op: 'GetItem' | 'PutItem', connections: number, pid: number): Promise<{ perSecond: number; cpuUs: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const one =
    op === 'GetItem'
      ? async (i: number) => {
          const text = await call(url, agent, op, { TableName: 'bench', Key: { id: { S: `item-${i % ITEMS}` } } });
          if (!text.includes('"Item"')) throw new Error(`GetItem answered no item: ${text}`);
        }
      : async (i: number) => {
          const text = await call(url, agent, op, { TableName: 'bench', Item: item(i) });
          if (text.trim() !== '{}') throw new Error(`PutItem answered ${text}`);
        };
  const run = async (ms: number) => {
    const until = Date.now() + ms;
    let n = 0;
    await Promise.all(
      Array.from({ length: connections }, async (_, c) => {
        while (Date.now() < until) await one(n++ + c);
      }),
    );
    return n;
  };
  await run(300);
  const cpu = cpuSeconds(pid);
  const start = process.hrtime.bigint();
  const n = await run(SECONDS * 1000);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpuUs = ((cpuSeconds(pid) - cpu) * 1e6) / n;
  agent.destroy();
  return { perSecond: n / seconds, cpuUs };
}

async function main() {
  const mockaws = await childServer('server-throughput');
  const dynalite = await dynaliteChild();
  const servers = { mockaws: { url: new URL(mockaws.url), pid: mockaws.pid }, dynalite: { url: new URL(dynalite.url), pid: dynalite.pid } };
  try {
    for (const s of Object.values(servers)) await seed(s.url);
    for (const op of ['GetItem', 'PutItem'] as const) {
      const rows = [];
      for (const connections of CONNECTIONS) {
        const got: Record<string, { perSecond: number; cpuUs: number }[]> = { mockaws: [], dynalite: [] };
        for (let r = 0; r < ROUNDS; r++) {
          const order = r % 2 === 0 ? (['mockaws', 'dynalite'] as const) : (['dynalite', 'mockaws'] as const);
          for (const name of order) got[name].push(await rate(servers[name].url, op, connections, servers[name].pid));
        }
        const ratios = got.mockaws.map((m, r) => m.perSecond / got.dynalite[r].perSecond);
        const med = (xs: number[]) => spread(xs).median;
        rows.push({
          name: `dynalite, ${connections} connections`,
          value: med(got.dynalite.map((g) => g.perSecond)),
          detail: `${med(got.dynalite.map((g) => g.cpuUs)).toFixed(0)} µs server CPU per call`,
        });
        rows.push({
          name: `mockaws server, ${connections} connections`,
          value: med(got.mockaws.map((g) => g.perSecond)),
          ratio: spread(ratios),
          target: { min: 1.5 },
          detail: `${med(got.mockaws.map((g) => g.cpuUs)).toFixed(0)} µs server CPU per call`,
        });
      }
      record({
        bench: 'server-throughput',
        title: `Server ${op} throughput, raw HTTP keep-alive client`,
        unit: `${op}/s`,
        vs: 'dynalite at the same connections',
        rounds: ROUNDS,
        preconditions: `every answer was a 200 with ${op === 'GetItem' ? 'the item' : '{}'}`,
        rows,
        note: `${SECONDS} s per server per round after a 0.3 s warm-up; both servers in their own process, the client in a third.`,
      });
    }
  } finally {
    mockaws.stop();
    dynalite.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
