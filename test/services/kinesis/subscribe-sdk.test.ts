/**
 * SubscribeToShard through the real SDK client: the handler's events reach
 * the caller as an AWS event stream (src/protocols/event-stream.ts), the
 * first one with the records from the starting position.
 */
import { KinesisClient, PutRecordCommand, RegisterStreamConsumerCommand, SubscribeToShardCommand } from '@aws-sdk/client-kinesis';
import { useMockAws } from '../lifecycle';
import { activeStream, freezeTime, streamArn, text } from './support';

describe('Kinesis SubscribeToShard through the SDK', () => {
  const aws = useMockAws();
  const kinesis = new KinesisClient({ region: 'us-east-1', maxAttempts: 1 });

  it('streams SubscribeToShardEvent records the SDK decodes, with a continuation sequence number', async () => {
    freezeTime();
    await activeStream(kinesis, aws, 'sdk-fan', 1);
    const first = await kinesis.send(new PutRecordCommand({ StreamName: 'sdk-fan', Data: Buffer.from('a'), PartitionKey: 'a' }));
    await kinesis.send(new PutRecordCommand({ StreamName: 'sdk-fan', Data: Buffer.from('b'), PartitionKey: 'b' }));
    const { Consumer } = await kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: streamArn('sdk-fan'), ConsumerName: 'sdk-reader' }));
    aws.clock.advance(10);

    const out = await kinesis.send(
      new SubscribeToShardCommand({ ConsumerARN: Consumer?.ConsumerARN, ShardId: 'shardId-000000000000', StartingPosition: { Type: 'TRIM_HORIZON' } }),
    );
    type Shape = { Records?: Array<{ Data?: Uint8Array; SequenceNumber?: string }>; ContinuationSequenceNumber?: string };
    const events = (out.EventStream as AsyncIterable<{ SubscribeToShardEvent?: Shape }>)[Symbol.asyncIterator]();
    const next = await events.next();
    const event: Shape | undefined = next.value?.SubscribeToShardEvent;
    expect(event?.Records?.map((r) => text(r.Data))).toEqual(['a', 'b']);
    expect(event?.Records?.[0].SequenceNumber).toBe(first.SequenceNumber);
    expect(event?.ContinuationSequenceNumber).toBe(event?.Records?.[1].SequenceNumber);
    await events.return?.();
  });

  it('answers an unknown consumer with ResourceNotFoundException before any event', async () => {
    const err = await kinesis
      .send(
        new SubscribeToShardCommand({
          ConsumerARN: `${streamArn('nope')}/consumer/none:1`,
          ShardId: 'shardId-000000000000',
          StartingPosition: { Type: 'LATEST' },
        }),
      )
      .catch((e) => e);
    expect(err.name).toBe('ResourceNotFoundException');
  });
});
