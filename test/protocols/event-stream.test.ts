/**
 * Event-stream outputs (src/protocols/event-stream.ts): the bytes decode with
 * the SDK's codec into the messages AWS sends, and the real SDK clients read
 * them back: Kinesis SubscribeToShard over json (initial-response first, a
 * modelled error as an exception message) and Lambda InvokeWithResponseStream
 * over rest-json (the eventPayload member as raw bytes).
 */
import { Readable } from 'node:stream';
import { KinesisClient, SubscribeToShardCommand } from '@aws-sdk/client-kinesis';
import { InvokeWithResponseStreamCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { EventStreamCodec } from '@smithy/core/event-streams';
import { spec as kinesis } from '../../services/kinesis/spec';
import { spec as lambda } from '../../services/lambda/spec';
import { AwsError } from '../../src/core/errors';
import type { AwsResponse } from '../../src/core/request';
import { jsonProtocol } from '../../src/protocols/json';
import { restJsonProtocol } from '../../src/protocols/rest-json';
import { answeringClient } from './support/rest-capture';

const codec = new EventStreamCodec(
  (b) => Buffer.from(b).toString('utf8'),
  (s) => Buffer.from(s, 'utf8'),
);
const meta = { requestId: 'RID-1' };

/** The messages of a streamed body: headers as plain values, body as text. */
async function messages(res: AwsResponse) {
  expect(res.body).toBeInstanceOf(Readable);
  const chunks: Buffer[] = [];
  for await (const c of res.body as Readable) chunks.push(Buffer.from(c));
  let bytes = Buffer.concat(chunks);
  const out: Array<{ headers: Record<string, unknown>; body: string }> = [];
  while (bytes.length > 0) {
    const length = bytes.readUInt32BE(0);
    const m = codec.decode(bytes.subarray(0, length));
    const headers: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(m.headers)) headers[k] = v.value;
    out.push({ headers, body: Buffer.from(m.body).toString('utf8') });
    bytes = bytes.subarray(length);
  }
  return out;
}

async function* slowly<T>(items: T[], failWith?: Error): AsyncGenerator<T> {
  for (const item of items) {
    await new Promise((r) => setImmediate(r));
    yield item;
  }
  if (failWith) throw failWith;
}

const record = { SequenceNumber: '1', ApproximateArrivalTimestamp: new Date(1_700_000_000_000), Data: Buffer.from('hi'), PartitionKey: 'p' };
const shardEvent = { SubscribeToShardEvent: { Records: [record], ContinuationSequenceNumber: '1', MillisBehindLatest: 0 } };

describe('event-stream encoding', () => {
  it('json: initial-response, then one JSON event per union value, an eventstream content type and no length', async () => {
    const res = jsonProtocol.serialize({ EventStream: slowly([shardEvent]) }, kinesis.operations.SubscribeToShard, kinesis, meta);
    expect(res.streaming).toBe(true);
    expect(res.headers['content-type']).toBe('application/vnd.amazon.eventstream');
    expect(res.headers['content-length']).toBeUndefined();
    const msgs = await messages(res);
    expect(msgs[0]).toEqual({ headers: { ':message-type': 'event', ':event-type': 'initial-response', ':content-type': 'application/json' }, body: '{}' });
    expect(msgs[1].headers).toEqual({ ':message-type': 'event', ':event-type': 'SubscribeToShardEvent', ':content-type': 'application/json' });
    expect(JSON.parse(msgs[1].body)).toEqual({
      Records: [{ SequenceNumber: '1', ApproximateArrivalTimestamp: 1_700_000_000, Data: 'aGk=', PartitionKey: 'p' }],
      ContinuationSequenceNumber: '1',
      MillisBehindLatest: 0,
    });
    expect(msgs).toHaveLength(2);
  });

  it('ends the stream with an exception message when the union models the error, else an error message', async () => {
    const modelled = new AwsError('ResourceInUseException', 'shard busy');
    const a = await messages(jsonProtocol.serialize({ EventStream: slowly([shardEvent], modelled) }, kinesis.operations.SubscribeToShard, kinesis, meta));
    expect(a[2].headers).toEqual({ ':message-type': 'exception', ':exception-type': 'ResourceInUseException', ':content-type': 'application/json' });
    expect(JSON.parse(a[2].body)).toEqual({ message: 'shard busy' });

    const b = await messages(jsonProtocol.serialize({ EventStream: slowly([], new Error('disk on fire')) }, kinesis.operations.SubscribeToShard, kinesis, meta));
    expect(b[1]).toEqual({ headers: { ':message-type': 'error', ':error-code': 'InternalFailure', ':error-message': 'disk on fire' }, body: '' });
  });

  it('rest-json: an eventPayload blob is the raw body (octet-stream); other events are JSON; no initial-response', async () => {
    const res = restJsonProtocol.serialize(
      { StatusCode: 200, ExecutedVersion: '$LATEST', EventStream: [{ PayloadChunk: { Payload: Buffer.from('raw\u0000bytes') } }, { InvokeComplete: { LogResult: 'TA==' } }] },
      lambda.operations.InvokeWithResponseStream,
      lambda,
      meta,
    );
    expect(res.status).toBe(200);
    expect(res.headers['X-Amz-Executed-Version'] ?? res.headers['x-amz-executed-version']).toBe('$LATEST');
    const msgs = await messages(res);
    expect(msgs).toEqual([
      { headers: { ':message-type': 'event', ':event-type': 'PayloadChunk', ':content-type': 'application/octet-stream' }, body: 'raw\u0000bytes' },
      { headers: { ':message-type': 'event', ':event-type': 'InvokeComplete', ':content-type': 'application/json' }, body: '{"LogResult":"TA=="}' },
    ]);
  });

  it('refuses an event that is not exactly one member of the union', async () => {
    const res = restJsonProtocol.serialize({ EventStream: [{ Nope: {} }] }, lambda.operations.InvokeWithResponseStream, lambda, meta);
    const msgs = await messages(res);
    expect(msgs[0].headers[':message-type']).toBe('error');
    expect(msgs[0].headers[':error-message']).toMatch(/^an event of InvokeWithResponseStreamResponseEvent must have exactly one of PayloadChunk, InvokeComplete; got Nope$/);
  });

  it('is read back by the real SDK clients', async () => {
    const k = answeringClient(KinesisClient);
    const out = await k.send(
      new SubscribeToShardCommand({ ConsumerARN: 'arn:aws:kinesis:us-east-1:123456789012:stream/s/consumer/c:1', ShardId: 'shardId-000000000000', StartingPosition: { Type: 'LATEST' } }),
      jsonProtocol.serialize({ EventStream: slowly([shardEvent], new AwsError('ResourceInUseException', 'shard busy')) }, kinesis.operations.SubscribeToShard, kinesis, meta),
    );
    const seen: unknown[] = [];
    const failure = await (async () => {
      for await (const e of out.EventStream) seen.push(e.SubscribeToShardEvent?.Records?.[0]?.PartitionKey);
    })().catch((e) => e);
    expect(seen).toEqual(['p']);
    expect(failure.name).toBe('ResourceInUseException');
    expect(failure.message).toBe('shard busy');

    const l = answeringClient(LambdaClient);
    const res = await l.send(
      new InvokeWithResponseStreamCommand({ FunctionName: 'f' }),
      restJsonProtocol.serialize(
        { StatusCode: 200, EventStream: slowly([{ PayloadChunk: { Payload: Buffer.from('ab') } }, { InvokeComplete: {} }]) },
        lambda.operations.InvokeWithResponseStream,
        lambda,
        meta,
      ),
    );
    const payloads: string[] = [];
    for await (const e of res.EventStream) if (e.PayloadChunk?.Payload) payloads.push(Buffer.from(e.PayloadChunk.Payload).toString());
    expect(payloads).toEqual(['ab']);
    expect(res.ResponseStreamContentType).toBe('application/vnd.amazon.eventstream');
  });
});
