/**
 * SQS per call: SendMessage, and ReceiveMessage + DeleteMessage, through
 * mockAws()'s client hook against the SDK floor (canned responses) and a
 * second floor (the noise control), interleaved; then ReceiveMessage at
 * queue depth 10 vs 5,000 (VisibilityTimeout 0 puts each message straight
 * back, so the depth holds).
 *
 *   npm run bench -- sqs
 */
import { createHash } from 'node:crypto';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { mockAws } from '../src/mock';
import { type Contender, compare } from './support/compare';
import { answered } from './support/counters';
import { BENCH_CREDENTIALS, cannedJsonHandler } from './support/floor';

const credentials = BENCH_CREDENTIALS;
const region = 'us-east-1';
const body = 'x'.repeat(200);
const md5 = createHash('md5').update(body).digest('hex');
const ROUNDS = 10;
const CALLS = 200;
const WARMUP = 500;
const URL_ = 'https://sqs.us-east-1.amazonaws.com/123456789012/q';

const canned = (payload: object) => {
  const handler = cannedJsonHandler(JSON.stringify(payload));
  return { handler, client: new SQSClient({ region, credentials, requestHandler: handler as never }) };
};

async function fill(sqs: SQSClient, QueueUrl: string, count: number): Promise<void> {
  for (let i = 0; i < count; i += 10) {
    const n = Math.min(10, count - i);
    await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: Array.from({ length: n }, (_, j) => ({ Id: `e${j}`, MessageBody: body })) }));
  }
}

async function main() {
  const m = mockAws();
  const sqs = new SQSClient({ region, credentials });
  const sendQueue = (await sqs.send(new CreateQueueCommand({ QueueName: 'send' }))).QueueUrl as string;
  const receiveQueue = (await sqs.send(new CreateQueueCommand({ QueueName: 'receive' }))).QueueUrl as string;

  const send = (client: SQSClient, QueueUrl: string) => async () => {
    const out = await client.send(new SendMessageCommand({ QueueUrl, MessageBody: body }));
    if (out.MD5OfMessageBody !== md5) throw new Error('SendMessage answered no MD5 of the body');
  };
  const floors = () => canned({ MessageId: 'm', MD5OfMessageBody: md5 });
  const sendFloor = floors();
  const sendControl = floors();
  await compare(
    'sqs',
    'SQS SendMessage',
    {
      'SDK floor': { run: send(sendFloor.client, URL_), served: () => sendFloor.handler.calls },
      'SDK floor (control)': { run: send(sendControl.client, URL_), served: () => sendControl.handler.calls },
      'mockaws (mockAws() hook)': { run: send(sqs, sendQueue), served: answered(m.dispatcher, 'sqs', 'SendMessage') },
    },
    { rounds: ROUNDS, callsPerRound: CALLS, warmup: WARMUP, baseline: 'SDK floor', atMost: { 'mockaws (mockAws() hook)': 1.15 } },
  );

  // One message for every Receive+Delete the comparison makes.
  await fill(sqs, receiveQueue, WARMUP + ROUNDS * CALLS);
  const receiveDelete = (receiver: SQSClient, deleter: SQSClient, QueueUrl: string) => async () => {
    const { Messages = [] } = await receiver.send(new ReceiveMessageCommand({ QueueUrl }));
    if (Messages[0]?.Body !== body) throw new Error('ReceiveMessage answered no message');
    await deleter.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: Messages[0].ReceiptHandle }));
  };
  const pair = () => ({ receive: canned({ Messages: [{ MessageId: 'm', ReceiptHandle: 'r', MD5OfBody: md5, Body: body }] }), del: canned({}) });
  const rdFloor = pair();
  const rdControl = pair();
  const receives = answered(m.dispatcher, 'sqs', 'ReceiveMessage');
  const deletes = answered(m.dispatcher, 'sqs', 'DeleteMessage');
  // A pair counts as served when both of its calls were: (receives + deletes) / 2 is whole only then.
  const both = (a: () => number, b: () => number) => () => (a() + b()) / 2;
  await compare(
    'sqs',
    'SQS ReceiveMessage + DeleteMessage',
    {
      'SDK floor': { run: receiveDelete(rdFloor.receive.client, rdFloor.del.client, URL_), served: both(() => rdFloor.receive.handler.calls, () => rdFloor.del.handler.calls) },
      'SDK floor (control)': {
        run: receiveDelete(rdControl.receive.client, rdControl.del.client, URL_),
        served: both(() => rdControl.receive.handler.calls, () => rdControl.del.handler.calls),
      },
      'mockaws (mockAws() hook)': { run: receiveDelete(sqs, sqs, receiveQueue), served: both(receives, deletes) },
    },
    { rounds: ROUNDS, callsPerRound: CALLS, warmup: WARMUP, baseline: 'SDK floor', atMost: { 'mockaws (mockAws() hook)': 1.15 } },
  );

  const depths: Record<string, Contender> = {};
  for (const depth of [10, 5000]) {
    const QueueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: `depth-${depth}` }))).QueueUrl as string;
    await fill(sqs, QueueUrl, depth);
    depths[`ReceiveMessage at depth ${depth}`] = {
      run: async () => {
        const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 0 }));
        if (Messages.length !== 1) throw new Error('ReceiveMessage answered no message');
      },
      served: answered(m.dispatcher, 'sqs', 'ReceiveMessage', (input) => input.QueueUrl === QueueUrl),
    };
  }
  await compare('sqs', 'SQS ReceiveMessage as the queue grows', depths, {
    rounds: ROUNDS,
    callsPerRound: CALLS,
    warmup: 100,
    baseline: 'ReceiveMessage at depth 10',
  });
  m.stop();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
