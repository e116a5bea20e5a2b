/**
 * SQS cost against the SDK floor (the same client with a request handler
 * that returns a canned response), and against queue depth: SendMessage and
 * ReceiveMessage must cost the same at depth 5,000 as at depth 10 (Moto's
 * grow linearly). Depth is held constant: sends are drained between rounds,
 * receives use VisibilityTimeout 0 so the message goes straight back.
 *
 *   npx esbuild bench/sqs.ts --bundle --platform=node --packages=external --outfile=.tmp/bench-sqs.cjs && node .tmp/bench-sqs.cjs
 */
import { createHash } from 'node:crypto';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { Dispatcher } from '../src/core/dispatch';
import { createRequest } from '../src/core/request';
import { createSdkHandler } from '../src/intercept/sdk-handler';
import { services } from '../services';
import { interleave } from './support/measure';
import { BENCH_CREDENTIALS, cannedJsonHandler } from './support/floor';

const credentials = BENCH_CREDENTIALS;
const body = 'x'.repeat(200);
const md5 = createHash('md5').update(body).digest('hex');

function cannedClient(payload: object): SQSClient {
  return new SQSClient({ region: 'us-east-1', credentials, requestHandler: cannedJsonHandler(Buffer.from(JSON.stringify(payload))) });
}

const floorSend = cannedClient({ MessageId: 'm', MD5OfMessageBody: md5 });
const floorReceive = cannedClient({ Messages: [{ MessageId: 'm', ReceiptHandle: 'r', MD5OfBody: md5, Body: body }] });
const dispatcher = new Dispatcher({ services });
const sqs = new SQSClient({ region: 'us-east-1', credentials, requestHandler: createSdkHandler(() => dispatcher) as never });

async function fill(QueueUrl: string, count: number): Promise<void> {
  for (let i = 0; i < count; i += 10) {
    const n = Math.min(10, count - i);
    await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: Array.from({ length: n }, (_, j) => ({ Id: `e${j}`, MessageBody: body })) }));
  }
}

async function drain(QueueUrl: string, count: number): Promise<void> {
  for (let left = count; left > 0; ) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: Math.min(10, left) }));
    if (Messages.length === 0) return;
    await sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: Messages.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })) }));
    left -= Messages.length;
  }
}

/** Median µs per call over rounds; `after` runs untimed between rounds. */
async function time(calls: number, rounds: number, run: () => Promise<unknown>, after?: () => Promise<void>): Promise<number> {
  for (let i = 0; i < 300; i++) await run();
  if (after) await after();
  const perRound: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) await run();
    perRound.push(Number(process.hrtime.bigint() - start) / 1000 / calls);
    if (after) await after();
  }
  perRound.sort((a, b) => a - b);
  return perRound[Math.floor(perRound.length / 2)];
}

const line = (name: string, us: number, floor: number) =>
  console.log(`  ${name.padEnd(40)} ${us.toFixed(1).padStart(8)} µs/call  ×${(us / floor).toFixed(2)} floor`);

async function main() {
  const CALLS = 1000;
  const ROUNDS = 7;
  const sendFloor = await time(CALLS, ROUNDS, () => floorSend.send(new SendMessageCommand({ QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q', MessageBody: body })));
  const receiveFloor = await time(CALLS, ROUNDS, () => floorReceive.send(new ReceiveMessageCommand({ QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q' })));
  console.log('\nSQS SendMessage / ReceiveMessage (median of rounds)');
  line('SendMessage: SDK floor', sendFloor, sendFloor);
  line('ReceiveMessage: SDK floor', receiveFloor, receiveFloor);
  const queues: Record<number, string> = {};
  for (const depth of [10, 5000]) {
    const QueueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: `depth-${depth}` }))).QueueUrl as string;
    await fill(QueueUrl, depth);
    queues[depth] = QueueUrl;
    const send = await time(CALLS, ROUNDS, () => sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body })), () => drain(QueueUrl, CALLS));
    line(`SendMessage at depth ${depth}`, send, sendFloor);
  }
  // Receives at both depths in alternating rounds, so garbage collection and drift land on both alike.
  // VisibilityTimeout 0 puts each message straight back, so the depth stays constant.
  const receives = await interleave(
    {
      'ReceiveMessage at depth 10': () => sqs.send(new ReceiveMessageCommand({ QueueUrl: queues[10], VisibilityTimeout: 0 })),
      'ReceiveMessage at depth 5000': () => sqs.send(new ReceiveMessageCommand({ QueueUrl: queues[5000], VisibilityTimeout: 0 })),
    },
    { rounds: ROUNDS, callsPerRound: CALLS, warmup: 300 },
  );
  for (const [name, t] of Object.entries(receives)) line(name, t.medianRoundUs, receiveFloor);
  // The same receives without the SDK on either side: the fake's own cost per call at each depth.
  const direct = (QueueUrl: string) =>
    dispatcher.dispatch(
      createRequest({
        method: 'POST',
        url: 'https://sqs.us-east-1.amazonaws.com/',
        headers: { 'x-amz-target': 'AmazonSQS.ReceiveMessage', 'content-type': 'application/x-amz-json-1.0' },
        body: JSON.stringify({ QueueUrl, VisibilityTimeout: 0 }),
      }),
    );
  // A deeper queue too, filled through the dispatcher: the cost must not grow with depth.
  const deep = JSON.parse(String((await dispatcher.dispatch(createRequest({ method: 'POST', url: 'https://sqs.us-east-1.amazonaws.com/', headers: { 'x-amz-target': 'AmazonSQS.CreateQueue', 'content-type': 'application/x-amz-json-1.0' }, body: JSON.stringify({ QueueName: 'depth-50000' }) }))).body)).QueueUrl as string;
  await fill(deep, 50_000);
  const own = await interleave(
    {
      'dispatcher only, depth 10': () => direct(queues[10]),
      'dispatcher only, depth 5000': () => direct(queues[5000]),
      'dispatcher only, depth 50000': () => direct(deep),
    },
    { rounds: ROUNDS, callsPerRound: CALLS, warmup: 300 },
  );
  for (const [name, t] of Object.entries(own)) console.log(`  ReceiveMessage ${name.padEnd(25)} ${t.medianRoundUs.toFixed(1).padStart(8)} µs/call`);
  const QueueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'ten-k' }))).QueueUrl as string;
  const start = process.hrtime.bigint();
  for (let i = 0; i < 10_000; i++) await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body }));
  for (let i = 0; i < 10_000; i++) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: Messages[0].ReceiptHandle }));
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(`  10k messages sent, received and deleted (30k calls): ${ms.toFixed(0)} ms (${((ms * 1000) / 30_000).toFixed(1)} µs/call)`);
}

main();
