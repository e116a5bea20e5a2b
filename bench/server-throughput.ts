/**
 * Server throughput: DynamoDB GetItem and PutItem per second against
 * `mockaws server` and dynalite, each in its own child process, at 8, 32 and
 * 128 keep-alive connections, driven by a raw load generator on node:net
 * (support/raw-load.ts: pre-built request bytes, one request in flight per
 * connection), so the figure is the server's, not the client's. Three
 * servers: mockaws, mockaws with node:http alone (MOCKAWS_SERVER_HTTP=node:
 * what the HTTP/1.1 fast path gains) and dynalite. Rounds interleave them
 * (order rotating); a ratio is a rate over dynalite's in the same round.
 * Beside the rates: each server's CPU per request, from /proc (the machine is
 * shared), and the load generator's own.
 * Preconditions: every answer was a 200 with the item (GetItem) or `{}` (PutItem).
 *
 *   npm run bench -- server-throughput
 */
import { readFileSync } from 'node:fs';
import { childServer } from './support/child-server';
import { spread } from './support/compare';
import { dynaliteChild } from './support/dynalite-child';
import { postBytes, RawConnection } from './support/raw-load';
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

function requestBytes(url: URL, op: Op, payload: object): Buffer {
  return postBytes(
    url,
    {
      'Content-Type': 'application/x-amz-json-1.0',
      'X-Amz-Target': `DynamoDB_20120810.${op}`,
      'X-Amz-Date': '20260101T000000Z',
      Authorization: AUTH,
    },
    JSON.stringify(payload),
  );
}

/** One call; resolves with the body text, rejects on any status but 200. */
async function call(conn: RawConnection, op: Op, bytes: Buffer): Promise<string> {
  const answer = await conn.send(bytes);
  const text = answer.body.toString();
  if (answer.status !== 200) throw new Error(`${op} answered ${answer.status}: ${text}`);
  return text;
}

const item = (i: number) => ({ id: { S: `item-${i % ITEMS}` }, payload: { S: 'x'.repeat(200) }, n: { N: String(i) } });

async function seed(url: URL): Promise<void> {
  const conn = await RawConnection.open(url);
  await call(
    conn,
    'CreateTable',
    requestBytes(url, 'CreateTable', {
      TableName: 'bench',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  for (let i = 0; i < ITEMS; i++) await call(conn, 'PutItem', requestBytes(url, 'PutItem', { TableName: 'bench', Item: item(i) }));
  conn.close();
}

/** Calls per second with `connections` callers for SECONDS; every answer checked. */
async function rate(
  url: URL,
  op: 'GetItem' | 'PutItem',
  connections: number,
  pid: number,
): Promise<{ perSecond: number; cpuUs: number; clientUs: number }> {
  // The request bytes are built before the clock starts: the client's cost per call is one write and one parse.
  const requests = Array.from({ length: ITEMS }, (_, i) =>
    requestBytes(url, op, op === 'GetItem' ? { TableName: 'bench', Key: { id: { S: `item-${i}` } } } : { TableName: 'bench', Item: item(i) }),
  );
  const check =
    op === 'GetItem'
      ? (text: string) => {
          if (!text.includes('"Item"')) throw new Error(`GetItem answered no item: ${text}`);
        }
      : (text: string) => {
          if (text.trim() !== '{}') throw new Error(`PutItem answered ${text}`);
        };
  const conns = await Promise.all(Array.from({ length: connections }, () => RawConnection.open(url)));
  const run = async (ms: number) => {
    const until = Date.now() + ms;
    let n = 0;
    await Promise.all(
      conns.map(async (conn, c) => {
        while (Date.now() < until) check(await call(conn, op, requests[(n++ + c) % ITEMS]));
      }),
    );
    return n;
  };
  await run(300);
  const cpu = cpuSeconds(pid);
  const client = process.cpuUsage();
  const start = process.hrtime.bigint();
  const n = await run(SECONDS * 1000);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpuUs = ((cpuSeconds(pid) - cpu) * 1e6) / n;
  const used = process.cpuUsage(client);
  for (const conn of conns) conn.close();
  return { perSecond: n / seconds, cpuUs, clientUs: (used.user + used.system) / n };
}

async function main() {
  const mockaws = await childServer('server-throughput');
  // The same server with node:http serving every connection: what the HTTP/1.1 fast path gains, in the same run.
  const nodeHttp = await childServer('server-throughput', [], { MOCKAWS_SERVER_HTTP: 'node' });
  const dynalite = await dynaliteChild();
  // A second, identical dynalite: its ratio to the first is what noise alone does to a ratio in this run.
  const control = await dynaliteChild();
  const servers = {
    mockaws: { url: new URL(mockaws.url), pid: mockaws.pid },
    nodeHttp: { url: new URL(nodeHttp.url), pid: nodeHttp.pid },
    dynalite: { url: new URL(dynalite.url), pid: dynalite.pid },
    control: { url: new URL(control.url), pid: control.pid },
  };
  const names = Object.keys(servers) as (keyof typeof servers)[];
  try {
    for (const s of Object.values(servers)) await seed(s.url);
    for (const op of ['GetItem', 'PutItem'] as const) {
      const rows = [];
      for (const connections of CONNECTIONS) {
        const got: Record<string, { perSecond: number; cpuUs: number; clientUs: number }[]> = { mockaws: [], nodeHttp: [], dynalite: [], control: [] };
        for (let r = 0; r < ROUNDS; r++) {
          // The order rotates each round, so drift lands on every server alike.
          const order = names.map((_, i) => names[(i + r) % names.length]);
          for (const name of order) got[name].push(await rate(servers[name].url, op, connections, servers[name].pid));
        }
        const ratios = got.mockaws.map((m, r) => m.perSecond / got.dynalite[r].perSecond);
        const nodeRatios = got.nodeHttp.map((m, r) => m.perSecond / got.dynalite[r].perSecond);
        const controlRatios = got.control.map((m, r) => m.perSecond / got.dynalite[r].perSecond);
        const med = (xs: number[]) => spread(xs).median;
        rows.push({
          name: `dynalite, ${connections} connections`,
          value: med(got.dynalite.map((g) => g.perSecond)),
          detail: `${med(got.dynalite.map((g) => g.cpuUs)).toFixed(0)} µs server CPU per call (load generator ${med(got.dynalite.map((g) => g.clientUs)).toFixed(0)} µs)`,
        });
        rows.push({
          name: `  dynalite (control), ${connections} conn.`,
          value: med(got.control.map((g) => g.perSecond)),
          ratio: spread(controlRatios),
        });
        rows.push({
          name: `mockaws server, ${connections} connections`,
          value: med(got.mockaws.map((g) => g.perSecond)),
          ratio: spread(ratios),
          target: { min: 1.5 },
          control: spread(controlRatios),
          detail: `${med(got.mockaws.map((g) => g.cpuUs)).toFixed(0)} µs server CPU per call (load generator ${med(got.mockaws.map((g) => g.clientUs)).toFixed(0)} µs)`,
        });
        rows.push({
          name: `  same, node:http only, ${connections} conn.`,
          value: med(got.nodeHttp.map((g) => g.perSecond)),
          ratio: spread(nodeRatios),
          detail: `${med(got.nodeHttp.map((g) => g.cpuUs)).toFixed(0)} µs server CPU per call`,
        });
      }
      record({
        bench: 'server-throughput',
        title: `Server ${op} throughput, raw keep-alive load generator`,
        unit: `${op}/s`,
        vs: 'dynalite at the same connections',
        rounds: ROUNDS,
        preconditions: `every answer was a 200 with ${op === 'GetItem' ? 'the item' : '{}'}`,
        rows,
        note: `${SECONDS} s per server per round after a 0.3 s warm-up; each server in its own process, the load generator in another. "node:http only" is mockaws with MOCKAWS_SERVER_HTTP=node (no HTTP/1.1 fast path).`,
      });
    }
  } finally {
    mockaws.stop();
    nodeHttp.stop();
    dynalite.stop();
    control.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
